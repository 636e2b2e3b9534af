#!/bin/sh
# A plugin author's path from the SDK's template to a plugin running in Dyad, with nothing but
# the SDK the caller points at: copy the template, rename it, build it out of tree, install it
# into the user plugin folder ($XDG_DATA_HOME/dyad/plugins), see it listed disabled, enable it,
# see it loaded and its table and command work. Shared by tests/sdk/template_kit.sh (an SDK
# installed into a temporary prefix) and installer/test-packages.sh (the installed .deb, as an
# unprivileged user). The caller sets HOME and XDG_DATA_HOME and has made a demo practice
# there; DYAD_PLUGIN_PATH, if set, names the shipped plugins.
# Usage: author_flow.sh TEMPLATE_DIR DYADCTL [CMAKE_PREFIX_PATH]
set -eu
template=$1 dyadctl=$2 prefix=${3:-}
fail() {
    echo "author_flow.sh: FAILED: $*" >&2
    exit 1
}
work=$(mktemp -d "$HOME/author.XXXXXX")
trap 'rm -rf "$work"' EXIT
plugins=$XDG_DATA_HOME/dyad/plugins

echo "== copy and rename the template"
cp -r "$template" "$work/gratitude"
"$work/gratitude/rename.sh" org.myclinic.gratitude gratitude "Gratitude Journal" >/dev/null
if grep -rq "org.example.appreciation" "$work/gratitude"; then
    fail "the template's id is still there after rename.sh"
fi

echo "== build and install it against the SDK only"
cmake -S "$work/gratitude" -B "$work/gratitude/build" -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF \
    ${prefix:+"-DCMAKE_PREFIX_PATH=$prefix"} >/dev/null
cmake --build "$work/gratitude/build" >/dev/null
cmake --install "$work/gratitude/build" >/dev/null
test -f "$plugins/gratitude.so" || fail "the plugin is not in the user folder"
test -f "$XDG_DATA_HOME/dyad/resources/gratitude/prompts.txt" ||
    fail "the plugin's resources are not in the user resource folder"

echo "== Dyad lists it disabled, then loads it once enabled"
"$dyadctl" plugins list --json | grep -q '"id":"org.myclinic.gratitude"[^}]*"state":"disabled"' ||
    fail "a new user plugin must be listed disabled"
"$dyadctl" plugins enable org.myclinic.gratitude >/dev/null
"$dyadctl" plugins list --json | grep -q '"id":"org.myclinic.gratitude"[^}]*"state":"loaded"' ||
    fail "the enabled plugin did not load"

echo "== its table, its command"
unit=$("$dyadctl" units list | head -n 1 | cut -f 1)
echo "You listened without fixing" | "$dyadctl" gratitude add --unit "$unit" --from Ana >/dev/null
"$dyadctl" gratitude list --unit "$unit" --json |
    grep -q '"giver":"Ana","text":"You listened without fixing"' ||
    fail "the plugin's command did not keep the entry"
if echo "   " | "$dyadctl" gratitude add --unit "$unit" --from Ana 2>"$work/err"; then
    fail "an empty appreciation must be refused"
fi
grep -q "write what was appreciated" "$work/err" || fail "the refusal does not say why"
echo "author flow ok"
