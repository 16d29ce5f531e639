#!/bin/sh
# make bench: every benchmark, figures printed one per line.  usage: run.sh BUILD_DIR
set -eu
b=$1
mkdir -p build/bench
"$b"/bench-oci build/bench       # ~100 MB of statements next to wc -l
"$b"/bench-ram 50 5              # >= 50 MB of JSON policies next to jansson's json_loadb
"$b"/bench-decide build/bench    # worlds of 10, 1 000, 10 000 statements
