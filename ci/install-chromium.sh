#!/bin/sh
# install-chromium.sh: prints the path of a Chromium, installing Debian's
# chromium package first when none is on PATH (the HTML report's test).
# Exit status: 0 found or installed; 77 it cannot be installed here (the reason
# on stderr): no apt-get, not root and no password-less sudo, or apt-get failed.
set -u
for c in chromium chromium-browser google-chrome; do
    if command -v "$c" >/dev/null 2>&1; then
        command -v "$c"
        exit 0
    fi
done
skip() { echo "install-chromium: $*" >&2; exit 77; }
command -v apt-get >/dev/null 2>&1 || skip "no apt-get here: install Chromium by hand"
sudo=""
if [ "$(id -u)" != 0 ]; then
    sudo -n true 2>/dev/null || skip "not root and no password-less sudo: apt-get install chromium"
    sudo="sudo -n"
fi
install() {
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium
}
echo "install-chromium: installing Debian's chromium" >&2
if ! install >&2; then
    $sudo apt-get update >&2 || skip "apt-get update failed"
    install >&2 || skip "apt-get install chromium failed"
fi
command -v chromium || skip "chromium was installed but is not on PATH"
