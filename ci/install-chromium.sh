#!/bin/sh
# install-chromium.sh: installs Debian's chromium when no chromium is on PATH
# (for the HTML report test), and prints the command to run it.
# Exit status: 0 found or installed; 77 it cannot be installed here (reason
# on stderr): not root and no sudo, no apt-get, or the package failed.
set -u
for c in chromium chromium-browser google-chrome; do
    if command -v "$c" >/dev/null 2>&1; then command -v "$c"; exit 0; fi
done
command -v apt-get >/dev/null 2>&1 || { echo "install-chromium: no apt-get here: install chromium by hand" >&2; exit 77; }
sudo=""
if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null ||
        { echo "install-chromium: not root and no password-less sudo: apt-get install chromium" >&2; exit 77; }
    sudo="sudo -n"
fi
echo "install-chromium: installing Debian's chromium" >&2
if ! $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium >&2; then
    $sudo apt-get update >&2 && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium >&2 ||
        { echo "install-chromium: apt-get install chromium failed" >&2; exit 77; }
fi
command -v chromium || { echo "install-chromium: chromium installed but not on PATH" >&2; exit 77; }
