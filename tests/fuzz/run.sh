#!/bin/sh
# Run each libFuzzer target for SECONDS, seeded from the test corpus; print the exec count.
# For build/fuzz/fuzz_X: the working corpus is build/fuzz/corpus_X, the dictionary
# tests/fuzz/X.dict (when present); findings are written as build/fuzz/X-crash-* (and -leak-,
# -timeout-, -oom-), and make the script fail.
# usage: run.sh SECONDS TARGET...
set -eu
seconds=$1; shift
status=0
for target in "$@"; do
  name=$(basename "$target" | sed 's/^fuzz_//')
  corpus=build/fuzz/corpus_$name
  mkdir -p "$corpus"
  case $name in
    oci)
      # the first byte picks the entry point: 0 statements, 3 matching rules one per line
      for f in tests/corpus/oci/valid/* tests/corpus/oci/invalid/*; do
        [ -f "$f" ] || continue
        { printf '\000'; cat "$f"; } > "$corpus/seed-$(basename "$f")"
      done
      for f in tests/corpus/oci/valid-rules/*; do
        [ -f "$f" ] || continue
        { printf '\003'; cat "$f"; } > "$corpus/seed-$(basename "$f")"
      done ;;
    *)
      for f in tests/corpus/"$name"/valid/* tests/corpus/"$name"/invalid/*.yaml tests/corpus/"$name"/invalid/*.json; do
        [ -f "$f" ] && cp "$f" "$corpus/seed-$(basename "$f")"
      done ;;
  esac
  dict=""
  [ -f "tests/fuzz/$name.dict" ] && dict="-dict=tests/fuzz/$name.dict"
  echo "== $target: ${seconds}s"
  # shellcheck disable=SC2086
  "$target" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
    -artifact_prefix="build/fuzz/$name-" $dict "$corpus" > "build/fuzz/$name.log" 2>&1 || status=1
  grep -E '^(Done|stat::number_of_executed_units|==[0-9]+==ERROR|SUMMARY)' "build/fuzz/$name.log" || true
  for f in build/fuzz/"$name"-crash-* build/fuzz/"$name"-leak-* build/fuzz/"$name"-timeout-* build/fuzz/"$name"-oom-*; do
    [ -e "$f" ] && { echo "$name: FINDING $f"; status=1; }
  done
done
[ $status = 0 ] && echo "fuzz: no findings"
exit $status
