#!/bin/sh
# Deliberately bad script: ShellCheck must reject it (selftest.sh).
if [ $1 = yes ]; then echo yes; fi
