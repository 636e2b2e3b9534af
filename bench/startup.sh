#!/usr/bin/env bash
# Cold start of dyad to its first shown main window on the demo practice with the test
# plugins (every fixture under build/tests/fixtures), against a bare wx frame built with the
# same flags; both measured in one run under Xvfb, interleaved so machine noise hits both.
#   bench/startup.sh [BUILD_DIR] [RUNS] [PRACTICE]
# With PRACTICE (a practice folder, e.g. records_bench's /tmp/dyad-records-100000-30000-1000000)
# dyad opens a copy of it with every shipped plugin (BUILD_DIR/plugins) instead, and the peak
# RSS of dyad's last run is printed too.
set -euo pipefail
if [ -z "${DISPLAY:-}" ]; then
    exec xvfb-run -a -s "-screen 0 1280x900x24" "$0" "$@"
fi
build="${1:-build}"
runs="${2:-30}"
# shellcheck source=bench/startup-practice.sh
source "$(dirname "$0")/startup-practice.sh" "${3:-}"

# Microseconds from exec to the program printing "shown" (its first idle after showing the
# window). Shutdown is not counted.
time_to_shown() {
    local start end
    start=$(date +%s%N)
    end=$("$@" 2> /dev/null | { read -r _ && date +%s%N; cat > /dev/null; })
    echo $(((end - start) / 1000))
}

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

bare_cmd=("$build/bench/bare_frame")
dyad_cmd=("$build/bin/dyad" --data-dir "$work/practice" --exit-when-shown)
"${bare_cmd[@]}" > /dev/null 2>&1  # Warm the page cache for both.
"${dyad_cmd[@]}" > /dev/null 2>&1  # (A copied practice: its plugins' migrations run here.)
: > "$work/bare" && : > "$work/dyad"
for _ in $(seq "$runs"); do
    time_to_shown "${bare_cmd[@]}" >> "$work/bare"
    time_to_shown "${dyad_cmd[@]}" >> "$work/dyad"
done
bare=$(median < "$work/bare")
dyad=$(median < "$work/dyad")
echo "median of $runs interleaved runs: bare wx frame $((bare / 1000)) ms, dyad $((dyad / 1000)) ms," \
    "ratio $(awk "BEGIN { printf \"%.2f\", $dyad / $bare }")"
if [ -n "${3:-}" ]; then
    /usr/bin/time -f "%M" -o "$work/rss" "${dyad_cmd[@]}" > /dev/null 2>&1
    echo "dyad peak RSS $(($(cat "$work/rss") / 1024)) MB"
fi
