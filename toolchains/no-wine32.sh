#!/bin/sh
# Emulator stand-in for i686 tests when no 32-bit Wine is installed.
echo "SKIP: no 32-bit Wine on this machine (Debian: dpkg --add-architecture i386; apt-get install wine32:i386); i686 runs happen on the Windows runners"
echo "not run: $*"
exit 77
