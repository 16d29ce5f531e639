#!/bin/sh
# Golden artifact directories: each line of tests/golden/bundles/CASES is "NAME ARGS..." for
# one `iamc` run that writes a directory; the tree (files, modes, contents) must equal
# tests/golden/bundles/NAME/ (MODES lists "mode file").  Keys come from --test-key-seed, never
# from getrandom.  UPDATE=1 rewrites the expected trees (review the diff!).
# usage: bundles.sh IAMC
set -u
iamc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$(dirname "$0")/../.." || exit 2
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
while read -r name args; do
  case $name in ''|'#'*) continue ;; esac
  out=$tmp/$name
  # shellcheck disable=SC2086
  (eval "set -- $args"; "$iamc" "$@" -o "$out" >"$tmp/$name.stdout" 2>"$tmp/$name.stderr")
  rc=$?
  if [ $rc != 0 ]; then echo "FAIL $name: exit $rc"; cat "$tmp/$name.stderr"; fail=$((fail + 1)); continue; fi
  (cd "$out" && for f in *; do printf '%s %s\n' "$(stat -c %a "$f")" "$f"; done) > "$tmp/$name.modes"
  want=tests/golden/bundles/$name
  if [ "${UPDATE:-0}" = 1 ]; then rm -rf "$want"; mkdir -p "$want"; cp "$out"/* "$want"/; cp "$tmp/$name.modes" "$want/MODES"; fi
  cp "$tmp/$name.modes" "$out/MODES"
  if diff -r "$want" "$out" >"$tmp/diff" 2>&1; then pass=$((pass + 1)); else echo "FAIL $name"; head -30 "$tmp/diff"; fail=$((fail + 1)); fi
done < tests/golden/bundles/CASES
echo "bundles: $pass passed, $fail failed"
[ $fail = 0 ]
