#!/bin/sh
# Debian packages the project uses outside Python: Graphviz `dot` draws the diagram of
# `privnet verify --format html`, Chromium opens that report in its browser test.
# Installs the missing ones with apt-get when run as root; otherwise says what to install and
# carries on (the report then shows a note instead of the diagram; the browser test skips).
set -u

# package:command pairs; a package counts as present when its command is on PATH (the
# variable is for the script's own test)
WANTED=${PRIVNET_SYSTEM_DEPS:-"graphviz:dot chromium:chromium"}

missing=""
for pair in $WANTED; do
    package=${pair%%:*}
    command=${pair#*:}
    command -v "$command" >/dev/null 2>&1 || missing="$missing $package"
done
missing=${missing# }

if [ -z "$missing" ]; then
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "system-deps: missing $missing and no apt-get here: install them with your package" \
         "manager for the HTML report's diagram and its browser test; continuing without"
    exit 0
fi
if [ "$(id -u)" != 0 ]; then
    echo "system-deps: missing $missing: install them as root" \
         "(apt-get install -y --no-install-recommends $missing) for the HTML report's" \
         "diagram and its browser test; continuing without"
    exit 0
fi
echo "system-deps: installing $missing with apt-get"
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086 # one word per package
if apt-get install -y -qq --no-install-recommends $missing >/dev/null 2>&1 \
    || { apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing; }; then
    echo "system-deps: installed $missing"
else
    echo "system-deps: apt-get could not install $missing; continuing without (the HTML" \
         "report shows a note instead of its diagram, the browser test skips)"
fi
exit 0
