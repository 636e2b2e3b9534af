#!/usr/bin/env bash
# Where a cold start's time goes: dyad and the bare wx frame run interleaved (as in
# bench/startup.sh) with DYAD_START_TRACE set, and each phase mark's median time since the exec
# is printed with the time since the previous mark. The marks (util/start_trace.h): main, app
# (OnInit), frame (the main window made), practice (opening it), plugins (loaded), window (its
# panes built), show, shown (the first idle after Show, what bench/startup.sh measures).
#   bench/startup-phases.sh [BUILD_DIR] [RUNS] [PRACTICE]
# PRACTICE as for bench/startup.sh (a practice folder opened with every shipped plugin); without
# it the demo practice with the test plugins.
set -euo pipefail
if [ -z "${DISPLAY:-}" ]; then
    exec xvfb-run -a -s "-screen 0 1280x900x24" "$0" "$@"
fi
build="${1:-build}"
runs="${2:-15}"
# shellcheck source=bench/startup-practice.sh
source "$(dirname "$0")/startup-practice.sh" "${3:-}"

# One traced run: "<mark> <run> <ms since exec>" lines appended to $1.
traced() {
    local out="$1" run="$2" start
    shift 2
    start=$(date +%s%N)
    DYAD_START_TRACE=1 "$@" 2> "$work/stderr" > /dev/null || true
    awk -v start="$start" -v run="$run" \
        '$1 == "start-mark" { printf "%s %d %.2f\n", $2, run, ($3 - start) / 1e6 }' \
        "$work/stderr" >> "$out"
}

bare_cmd=("$build/bench/bare_frame")
dyad_cmd=("$build/bin/dyad" --data-dir "$work/practice" --exit-when-shown)
"${bare_cmd[@]}" > /dev/null 2>&1  # Warm the page cache for both,
"${dyad_cmd[@]}" > /dev/null 2>&1  # and write the plugins' library list (library_preload.h).
: > "$work/bare" && : > "$work/dyad"
for run in $(seq "$runs"); do
    traced "$work/bare" "$run" "${bare_cmd[@]}"
    traced "$work/dyad" "$run" "${dyad_cmd[@]}"
done

# Median over the runs of each mark (the lower middle one of an even count), in the order
# marks first appear; the difference to the previous mark's median in brackets.
phases() {
    awk '{ if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 } t[$1, ++c[$1]] = $3 }
         END {
             for (i = 1; i <= n; ++i) {
                 m = order[i]; k = c[m]
                 for (a = 1; a <= k; ++a) v[a] = t[m, a]
                 for (a = 1; a <= k; ++a) for (b = a + 1; b <= k; ++b)
                     if (v[b] < v[a]) { x = v[a]; v[a] = v[b]; v[b] = x }
                 med = v[int((k + 1) / 2)]
                 printf "  %-10s %7.1f ms  (%+.1f)\n", m, med, med - last; last = med
             }
         }' "$1"
}
echo "bare wx frame, median of $runs runs (ms since exec):"
phases "$work/bare"
echo "dyad:"
phases "$work/dyad"
