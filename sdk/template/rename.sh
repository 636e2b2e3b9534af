#!/bin/sh
# Renames this template plugin in one step:
#   ./rename.sh org.myclinic.gratitude gratitude "Gratitude Journal"
# ID: your plugin id (reverse domain, unique); NAME: lowercase letters, digits and '_' (the
# CMake target, the table prefix, the dyadctl command, the resource folder); TITLE: the name
# therapists see. Run it once, in a fresh copy, before building.
set -eu
if [ $# -ne 3 ]; then
    echo "usage: ./rename.sh ID NAME TITLE   (e.g. org.myclinic.gratitude gratitude \"Gratitude\")" >&2
    exit 2
fi
id=$1 name=$2 title=$3
case $name in
    *[!a-z0-9_]* | [!a-z]*) echo "rename.sh: NAME must be lowercase letters, digits and _" >&2; exit 2 ;;
esac
case $id in
    *[!a-z0-9._-]* | *..* | .* | *. | [!a-z]*) echo "rename.sh: ID looks like org.myclinic.$name" >&2; exit 2 ;;
esac
cd "$(dirname "$0")"
if [ ! -f src/appreciation_store.cpp ]; then
    echo "rename.sh: this copy was already renamed" >&2
    exit 1
fi
title_escaped=$(printf '%s' "$title" | sed 's/[&|\\]/\\&/g')
files=$(grep -rlI -e appreciation -e Appreciation . --exclude=rename.sh --exclude-dir=build)
for file in $files; do
    sed -i -e "s|org\.example\.appreciation|$id|g" \
        -e "s|\"Daily Appreciation\"|\"$title_escaped\"|g" \
        -e "s|\"Appreciation\"|\"$title_escaped\"|g" \
        -e "s|Daily Appreciation|$title_escaped|g" \
        -e "s|Appreciation|$title_escaped|g" \
        -e "s|appreciation|$name|g" "$file"
done
for path in $(find . -depth -name '*appreciation*' -not -path './build*'); do
    mv "$path" "$(dirname "$path")/$(basename "$path" | sed "s/appreciation/$name/g")"
done
# Nothing of the template's name may be left where a therapist or a reader would see it.
left=$(grep -rnIi appreciation . --exclude=rename.sh --exclude-dir=build || true)
if [ -n "$left" ]; then
    printf 'rename.sh: the template'"'"'s name is still here, change these by hand:\n%s\n' "$left" >&2
    exit 1
fi
echo "renamed to $id ($name, \"$title\"); build it with: cmake -S . -B build && cmake --build build"
