# Sourced by bench/startup.sh and bench/startup-phases.sh, not run alone. With $build set and a
# practice folder as $1 (or none), makes $work (removed on exit), points dyad's configuration and
# data there, and puts the practice to open in $work/practice: a copy of that folder opened with
# every shipped plugin ($build/plugins), else the demo practice with the test plugins.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"
if [ -n "${1:-}" ]; then
    export DYAD_PLUGIN_PATH="$build/plugins"
    mkdir -p "$work/practice"
    cp "$1"/practice.db* "$work/practice/"
    rm -f "$work/practice/practice.db.inuse"
else
    export DYAD_PLUGIN_PATH="$build/tests/fixtures"
    "$build/bin/dyadctl" --data-dir "$work/practice" demo --people-only > /dev/null
fi
