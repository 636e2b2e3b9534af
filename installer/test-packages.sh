#!/bin/sh
# Run as root (CI): the packages as a clinic meets them. Installs dyad_*.deb and
# dyad-sdk_*.deb with apt (which pulls their Debian dependencies), runs dyad and dyadctl from
# /usr/bin, checks the desktop entry, icon and metainfo, then, as an unprivileged user with no
# access to the source tree, copies the template from the installed SDK, builds it, installs
# it into a temporary user plugin folder, enables it and sees dyadctl load it. Lints the
# packages (lintian errors fail), then purges them, whatever happened.
# Usage: installer/test-packages.sh PACKAGE_DIR
set -eu
packages=$(cd "$1" && pwd)
root=$(cd "$(dirname "$0")/.." && pwd)
if [ "$(id -u)" -ne 0 ]; then
    echo "test-packages.sh: run as root (it installs and removes packages)" >&2
    exit 2
fi
step() { echo "== $*"; }
fail() {
    echo "test-packages.sh: FAILED: $*" >&2
    exit 1
}
purge() {
    step "purge the packages"
    DEBIAN_FRONTEND=noninteractive apt-get purge -y -q dyad-sdk dyad >/dev/null 2>&1 || true
    rm -rf "$work"
}
work=$(mktemp -d /tmp/dyad-package-test.XXXXXX)
chmod 755 "$work"
trap purge EXIT

step "lintian"
lintian --fail-on error \
    "$packages"/dyad_*.deb "$packages"/dyad-sdk_*.deb

step "install with apt"
DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
    "$packages"/dyad_*.deb "$packages"/dyad-sdk_*.deb >/dev/null
test "$(command -v dyad)" = /usr/bin/dyad
/usr/bin/dyad --version
/usr/bin/dyadctl --version
desktop-file-validate /usr/share/applications/org.dyad.Dyad.desktop
appstreamcli validate --no-net /usr/share/metainfo/org.dyad.Dyad.metainfo.xml >/dev/null
file /usr/share/icons/hicolor/48x48/apps/org.dyad.Dyad.png | grep -q "48 x 48" ||
    fail "the 48 px icon is not a 48 x 48 PNG"
test -f /usr/share/icons/hicolor/scalable/apps/org.dyad.Dyad.svg
# Read from the package (a minimal image may tell dpkg not to unpack man pages).
for page in dyad dyadctl dyad-directory-server; do
    dpkg-deb --fsys-tarfile "$packages"/dyad_*.deb | tar -xO "./usr/share/man/man1/$page.1.gz" |
        zcat | grep -q '^\.TH ' || fail "no man page $page(1) in the package"
done
ls /usr/lib/*/dyad/plugins/records.so >/dev/null

# A plugin author: an ordinary user, a fresh home, the installed SDK only.
author=dyadauthor
id -u "$author" >/dev/null 2>&1 || useradd --create-home --shell /bin/sh "$author"
home=$work/home
mkdir -p "$home" && chown "$author" "$home"
as_author() {
    su "$author" -s /bin/sh -c "export HOME='$home' XDG_DATA_HOME='$home/data'; cd '$home' && $*"
}
step "the installed demo practice and the shipped plugins, as a user"
as_author "dyadctl demo >/dev/null"
as_author "dyadctl plugins list --json" | grep -q '"id":"dyad.records"[^}]*"state":"loaded"' ||
    fail "the shipped records plugin did not load from /usr/lib"

step "the window opens from /usr/bin with the shipped plugins (Xvfb)"
as_author "xvfb-run -a dyad --demo --exit-when-shown" | grep -q shown ||
    fail "dyad did not show its window"

step "a plugin author builds the template against the installed SDK only"
as_author "sh '$root/tests/sdk/author_flow.sh' /usr/share/dyad-sdk/template dyadctl"
unit=$(as_author "dyadctl units list" | head -n 1 | cut -f 1)

step "an upgrade keeps the user's data (reinstall over it)"
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --reinstall "$packages"/dyad_*.deb >/dev/null
as_author "dyadctl gratitude list --unit $unit" | grep -q "You listened without fixing" ||
    fail "the reinstall lost the user's data"

step "removal keeps the user's data"
DEBIAN_FRONTEND=noninteractive apt-get purge -y -q dyad-sdk dyad >/dev/null
test ! -e /usr/bin/dyad
test -f "$home/data/dyad/practice.db" || fail "removal deleted the user's practice"
echo "packages ok"
