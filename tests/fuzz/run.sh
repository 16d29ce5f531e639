#!/bin/sh
# Run each libFuzzer target for SECONDS, seeded from the test corpus; print the exec count.
# usage: run.sh SECONDS TARGET...
set -eu
seconds=$1; shift
for target in "$@"; do
  name=$(basename "$target")
  corpus=build/fuzz/corpus-$name
  mkdir -p "$corpus"
  case $name in
    fuzz_oci)
      # prefix byte 0 = statements, 2 = one rule, 3 = rule lines
      for f in tests/corpus/oci/valid/* tests/corpus/oci/invalid/*; do
        [ -f "$f" ] || continue
        { printf '\000'; cat "$f"; } > "$corpus/seed-$(basename "$f")"
      done
      for f in tests/corpus/oci/valid-rules/*; do
        [ -f "$f" ] || continue
        { printf '\003'; cat "$f"; } > "$corpus/seed-$(basename "$f")"
      done ;;
    fuzz_k8s)
      for f in tests/corpus/k8s/valid/* tests/corpus/k8s/invalid/*.yaml tests/corpus/k8s/invalid/*.json; do
        [ -f "$f" ] && cp "$f" "$corpus/seed-$(basename "$f")"
      done ;;
    fuzz_ram)
      for f in tests/corpus/ram/valid/* tests/corpus/ram/invalid/*.json; do
        [ -f "$f" ] && cp "$f" "$corpus/seed-$(basename "$f")"
      done ;;
  esac
  echo "== $name: ${seconds}s"
  "$target" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=4096 \
    -print_final_stats=1 "$corpus" 2>&1 | grep -E '^(Done|stat::number_of_executed_units|==[0-9]+==ERROR|SUMMARY)|crash-' || true
  for f in crash-* leak-* timeout-* oom-*; do
    [ -e "$f" ] && { echo "$name: FINDING $f"; exit 1; }
  done
done
echo "fuzz: no findings"
