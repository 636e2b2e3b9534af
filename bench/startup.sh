#!/usr/bin/env bash
# Cold start of dyad to its first shown main window on the demo practice with the test plugins,
# against a bare wx frame built with the same flags; both measured in one run under Xvfb.
#   bench/startup.sh [BUILD_DIR] [RUNS]
set -euo pipefail
if [ -z "${DISPLAY:-}" ]; then
    exec xvfb-run -a -s "-screen 0 1280x900x24" "$0" "$@"
fi
build="${1:-build}"
runs="${2:-20}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"
export DYAD_PLUGIN_PATH="$build/tests/fixtures"
"$build/bin/dyadctl" --data-dir "$work/practice" demo > /dev/null

# Microseconds from exec to the program printing "shown" (its first idle after showing the
# window), averaged over the runs. Shutdown is not counted.
measure() {
    local total=0
    for _ in $(seq "$runs"); do
        local start end
        start=$(date +%s%N)
        end=$("$@" 2> /dev/null | { read -r _ && date +%s%N; cat > /dev/null; })
        total=$((total + (end - start) / 1000))
    done
    echo $((total / runs))
}

# One warm-up each so both read their libraries from the page cache.
"$build/bench/bare_frame" > /dev/null 2>&1
"$build/bin/dyad" --data-dir "$work/practice" --exit-when-shown > /dev/null 2>&1
bare=$(measure "$build/bench/bare_frame")
dyad=$(measure "$build/bin/dyad" --data-dir "$work/practice" --exit-when-shown)
echo "bare wx frame: $((bare / 1000)) ms, dyad: $((dyad / 1000)) ms (mean of $runs runs)," \
    "ratio: $(awk "BEGIN { printf \"%.2f\", $dyad / $bare }")"
