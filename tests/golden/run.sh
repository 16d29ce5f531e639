#!/bin/sh
# Golden tests of the command line: every tests/golden/cases/NAME.cmd holds the arguments of
# one iamc run (from the project root; stdin from NAME.stdin when present).  Its standard
# output, standard error and exit status must equal NAME.out, NAME.err and NAME.rc.
# UPDATE=1 rewrites the expected files from the current program (review the diff!).
# usage: run.sh IAMC
set -u
iamc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$(dirname "$0")/../.." || exit 2
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for cmd in tests/golden/cases/*.cmd; do
  base=${cmd%.cmd}
  name=$(basename "$base")
  stdin=/dev/null
  [ -f "$base.stdin" ] && stdin=$base.stdin
  # shellcheck disable=SC2046
  (eval "set -- $(cat "$cmd")"; "$iamc" "$@") < "$stdin" > "$tmp/out" 2> "$tmp/err"
  echo $? > "$tmp/rc"
  if [ "${UPDATE:-0}" = 1 ]; then
    cp "$tmp/out" "$base.out"; cp "$tmp/err" "$base.err"; cp "$tmp/rc" "$base.rc"
  fi
  ok=1
  for part in out err rc; do
    if ! cmp -s "$tmp/$part" "$base.$part"; then
      ok=0
      echo "FAIL $name: $part differs"
      diff -u "$base.$part" "$tmp/$part" | head -20
    fi
  done
  if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done
echo "golden: $pass passed, $fail failed"
[ $fail = 0 ]
