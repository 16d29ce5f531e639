#!/bin/sh
# Run every benchmark built in the build folder B (B/bench-*).  Usage: run.sh B
set -eu
for bench in "$1"/bench-*; do
  [ -x "$bench" ] || continue
  echo "== $bench"
  "$bench"
done
