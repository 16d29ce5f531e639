#!/bin/sh
# Run each libFuzzer target for SECONDS.  For build/fuzz/fuzz_X: the working corpus is
# build/fuzz/corpus_X, seeded from tests/corpus/X/valid (when present); the dictionary is
# tests/fuzz/X.dict (when present).  Findings are written as build/fuzz/X-crash-*.
# Usage: run.sh SECONDS TARGET...
set -eu
seconds=$1
shift
status=0
for target in "$@"; do
  name=$(basename "$target" | sed 's/^fuzz_//')
  corpus=build/fuzz/corpus_$name
  mkdir -p "$corpus"
  if [ -d "tests/corpus/$name/valid" ]; then cp tests/corpus/"$name"/valid/* "$corpus"/ 2>/dev/null || true; fi
  dict=""
  if [ -f "tests/fuzz/$name.dict" ]; then dict="-dict=tests/fuzz/$name.dict"; fi
  echo "== $target for ${seconds}s"
  # shellcheck disable=SC2086
  "$target" -max_total_time="$seconds" -max_len=8192 -print_final_stats=1 \
    -artifact_prefix="build/fuzz/$name-" $dict "$corpus" > "build/fuzz/$name.log" 2>&1 || status=1
  tail -15 "build/fuzz/$name.log"
done
exit $status
