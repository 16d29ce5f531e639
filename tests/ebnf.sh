#!/bin/sh
# Print the grammar of grammar/oci.y as EBNF (one production per nonterminal, alternatives
# in grammar order, terminals in CAPITALS).  docs/language.md embeds this output between
# its ebnf:begin/end markers; `make check` fails when the two differ.
# usage: ebnf.sh grammar/oci.y            print the EBNF
#        ebnf.sh grammar/oci.y DOC.md     compare with the block in DOC.md
set -eu
gen() {
  sed -n 's/^\([a-z_][a-z_]*\)\(([A-Z0-9]*)\)\{0,1\} ::= \(.*\)$/\1|\3/p' "$1" |
  sed -e 's/\.[[:space:]]*{.*$//' -e 's/\.[[:space:]]*$//' -e 's/([A-Z0-9]*)//g' -e 's/[[:space:]][[:space:]]*/ /g' |
  awk -F'|' '
    { rhs = $2; sub(/^ /, "", rhs); sub(/ $/, "", rhs); if (rhs == "") rhs = "(* empty *)" }
    !($1 in seen) { seen[$1] = 1; order[++n] = $1; alts[$1] = rhs; next }
    { alts[$1] = alts[$1] "\n" sprintf("%*s| ", length($1) + 1, "") rhs }
    END { for (i = 1; i <= n; i++) printf "%s = %s ;\n", order[i], alts[order[i]] }'
}
if [ $# -eq 1 ]; then gen "$1"; exit 0; fi
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
sed -n '/<!-- ebnf:begin -->/,/<!-- ebnf:end -->/p' "$2" | sed -e '1,2d' -e '$d' | sed '$d' > "$tmp"
if gen "$1" | cmp -s - "$tmp"; then
  echo "ebnf: 1 passed, 0 failed"
else
  echo "ebnf: docs/language.md does not match $1:"
  gen "$1" | diff -u "$tmp" - | head -40
  echo "ebnf: 0 passed, 1 failed"
  exit 1
fi
