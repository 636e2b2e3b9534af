#!/usr/bin/env bash
# Note search on the same large practice, plain and encrypted, one after the other in one run
# (issue 14): records_bench on the plain practice, then on an encrypted copy of it (made once
# with `dyadctl db encrypt`, the passphrase the plugin harness uses). Prints both tables.
#   bench/encryption_search.sh [BUILD_DIR] [CLIENTS UNITS NOTES]   (default build 100000 30000 1000000)
set -euo pipefail
build="${1:-build}"
clients="${2:-100000}" units="${3:-30000}" notes="${4:-1000000}"
plain="/tmp/dyad-records-$clients-$units-$notes"
encrypted="$plain-encrypted"
"$build/bench/records_bench" "$clients" "$units" "$notes" > /tmp/encryption-search-plain.txt
if [ ! -e "$encrypted/practice.db" ]; then
    rm -rf "$encrypted"
    cp -a "$plain" "$encrypted"
    "$build/bin/dyadctl" --data-dir "$encrypted" --passphrase-fd 3 --fast-kdf db encrypt \
        3< <(printf 'the harness passphrase\n') > /dev/null
fi
DYAD_TEST_ENCRYPTED=1 "$build/bench/records_bench" "$clients" "$units" "$notes" \
    > /tmp/encryption-search-encrypted.txt
echo "plain:"
cat /tmp/encryption-search-plain.txt
echo "encrypted:"
cat /tmp/encryption-search-encrypted.txt
