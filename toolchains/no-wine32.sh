#!/bin/sh
# Emulator stand-in for i686 tests when 32-bit Wine cannot run here: prints
# why and exits 77, which CTest reports as skipped.
here=$(dirname "$0")
if ! sh "$here/../ci/install-wine32.sh" --probe; then
    why="this machine cannot run i386 programs natively (ci/install-wine32.sh says why)"
else
    why="no 32-bit Wine installed (ci/install-wine32.sh installs wine32:i386)"
fi
echo "SKIP: $why; i686 runs happen on the Windows runners"
echo "not run: $*"
exit 77
