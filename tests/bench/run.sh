#!/bin/sh
# make bench: every benchmark, figures printed one per line.  usage: run.sh BUILD_DIR
set -eu
b=$1
mkdir -p build/bench
for prog in "$b"/bench-*; do
  [ -x "$prog" ] || continue
  "$prog" build/bench
done
