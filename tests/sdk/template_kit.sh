#!/bin/sh
# The SDK kit as a plugin author meets it, without root and without the source tree: install
# the SDK component into a temporary prefix and run the author's path (author_flow.sh) against
# it alone. (CI also runs that path against the installed .deb packages:
# installer/test-packages.sh.)
# Usage: template_kit.sh BUILD_DIR DYADCTL SHIPPED_PLUGIN_DIR
set -eu
build=$1 dyadctl=$2 shipped=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== install the SDK component into $work/prefix"
cmake --install "$build" --component sdk --prefix "$work/prefix" >/dev/null
test -f "$work/prefix/share/cmake/DyadSDK/DyadSDKConfig.cmake"

export HOME="$work" XDG_DATA_HOME="$work/data" DYAD_PLUGIN_PATH="$shipped"
"$dyadctl" demo >/dev/null
sh "$(dirname "$0")/author_flow.sh" "$work/prefix/share/dyad-sdk/template" "$dyadctl" \
    "$work/prefix"
echo "== the guide's full example builds against the installed SDK only"
cmake -S "$work/prefix/share/dyad-sdk/examples/temperature" -B "$work/temperature" \
    -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF "-DCMAKE_PREFIX_PATH=$work/prefix" >/dev/null
cmake --build "$work/temperature" >/dev/null
test -f "$work/temperature/temperature.so" || { echo "the example did not build" >&2; exit 1; }
echo "template kit ok"
