#!/bin/sh
# The SDK kit as a plugin author meets it, without root and without the source tree: install
# the SDK component into a temporary prefix, copy the template out of it, rename it, build it
# out of tree against that prefix only, install it into a temporary user plugin folder, enable
# it and see dyadctl load it and run its command. (CI also does this against the installed
# .deb packages: scripts/dyad package-test.)
# Usage: template_kit.sh BUILD_DIR DYADCTL SHIPPED_PLUGIN_DIR
set -eu
build=$1 dyadctl=$2 shipped=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
step() { echo "== $*"; }

step "install the SDK component into $work/prefix"
cmake --install "$build" --component sdk --prefix "$work/prefix" >/dev/null
test -f "$work/prefix/share/cmake/DyadSDK/DyadSDKConfig.cmake"

step "copy and rename the template"
cp -r "$work/prefix/share/dyad-sdk/template" "$work/gratitude"
"$work/gratitude/rename.sh" org.myclinic.gratitude gratitude "Gratitude Journal"
if grep -rq "org.example.appreciation" "$work/gratitude"; then
    echo "the template's id is still there after rename.sh" >&2
    exit 1
fi

step "build it against the installed SDK only"
export XDG_DATA_HOME="$work/data"
cmake -S "$work/gratitude" -B "$work/gratitude/build" -G Ninja \
    -DCMAKE_PREFIX_PATH="$work/prefix" -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF >/dev/null
cmake --build "$work/gratitude/build" >/dev/null
cmake --install "$work/gratitude/build" >/dev/null
test -f "$work/data/dyad/plugins/gratitude.so"
test -f "$work/data/dyad/resources/gratitude/prompts.txt"

step "Dyad lists it disabled, then loads it once enabled"
export DYAD_PLUGIN_PATH="$shipped"
"$dyadctl" demo >/dev/null
"$dyadctl" plugins list --json | grep -q '"id":"org.myclinic.gratitude"[^}]*"state":"disabled"' || {
    echo "a new user plugin must be listed disabled" >&2
    "$dyadctl" plugins list --json >&2
    exit 1
}
"$dyadctl" plugins enable org.myclinic.gratitude >/dev/null
"$dyadctl" plugins list --json | grep -q '"id":"org.myclinic.gratitude"[^}]*"state":"loaded"' || {
    echo "the enabled plugin did not load" >&2
    "$dyadctl" plugins list --json >&2
    exit 1
}

step "its table, its command"
unit=$("$dyadctl" units list | head -n 1 | cut -f 1)
"$dyadctl" gratitude add --unit "$unit" --from Ana "You listened without fixing" >/dev/null
"$dyadctl" gratitude list --unit "$unit" --json | grep -q '"giver":"Ana","text":"You listened without fixing"'
if "$dyadctl" gratitude add --unit "$unit" --from Ana "   " 2>"$work/err"; then
    echo "an empty appreciation must be refused" >&2
    exit 1
fi
grep -q "write what was appreciated" "$work/err"
echo "template kit ok"
