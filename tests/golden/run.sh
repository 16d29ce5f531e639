#!/bin/sh
# Golden tests.  tests/golden/CMD/NAME (any NAME not ending in .out) is the input of
# `iamc CMD NAME`, run in that folder; NAME.out is the expected standard output, byte for byte.
# Usage: run.sh IAMC [--update]   (--update rewrites the .out files: review the diff)
set -u
iamc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
update=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
pass=0 fail=0
for dir in "$here"/*/; do
  cmd=$(basename "$dir")
  for input in "$dir"*; do
    case "$input" in *.out) continue ;; esac
    [ -f "$input" ] || continue
    name=$(basename "$input")
    got=$(cd "$dir" && "$iamc" "$cmd" "$name" 2>/dev/null; echo "rc=$?")
    if [ "$update" = --update ]; then
      printf '%s\n' "$got" > "$input.out"
    fi
    if [ "$got" = "$(cat "$input.out" 2>/dev/null)" ]; then
      pass=$((pass + 1))
    else
      fail=$((fail + 1))
      echo "FAIL golden $cmd/$name"
      printf '%s\n' "$got" | diff -u "$input.out" - | head -20
    fi
  done
done
echo "golden: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
