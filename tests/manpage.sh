#!/bin/sh
# The man page keeps up with the program: every command of `iamc --help` has an entry in
# docs/iamc.1, every long option of `iamc COMMAND --help` is named there, and groff (when
# installed) formats it without a warning.
# usage: manpage.sh IAMC docs/iamc.1
set -u
iamc=$1 page=$2
pass=0 fail=0
# roff escapes the dashes: \-\-force is --force
text=$(sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' "$page")
cmds=$("$iamc" --help | sed -n '/^Commands:/,/^$/p' | awk 'NR > 1 && NF { print $1 }')
for c in $cmds; do
  if printf '%s\n' "$text" | grep -q "^\.B $c\( \|$\)"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL $page: no entry for '$c'"; fi
  for opt in $("$iamc" "$c" --help | grep -oE '(^|[ ,])--[a-z][a-z-]*' | sed 's/^[ ,]*//' | sort -u); do
    [ "$opt" = --help ] && continue
    if printf '%s\n' "$text" | grep -q -- "$opt"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL $page: '$c $opt' is not described"; fi
  done
done
if command -v groff > /dev/null 2>&1; then
  warnings=$(groff -man -Tutf8 -ww -z "$page" 2>&1)
  if [ -z "$warnings" ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL groff: $warnings"; fi
fi
echo "manpage: $pass passed, $fail failed"
[ "$fail" = 0 ]
