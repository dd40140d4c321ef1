#!/bin/bash -eu
# ClusterFuzzLite entry point: the same build as OSS-Fuzz's.
CONNOTIFY_SRC="$SRC/connotify" exec sh "$SRC/connotify/fuzz/oss-fuzz/build.sh"
