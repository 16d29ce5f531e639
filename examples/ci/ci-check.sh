#!/bin/sh
# The steps of the CI job (github-actions.yml): SARIF for code scanning, then two gates.
# usage: ci-check.sh POLICY_DIR [BASE_REF]      (run at the top of the repository)
#   1. iamc.sarif (SARIF_OUT): every finding, for the code-scanning upload; never fails here
#   2. lint gate: findings at or above warning, only the new ones when .iamc-baseline.json exists
#   3. access gate: with BASE_REF, fail when the policies grant access BASE_REF did not
# Exit: 0 pass, 1 a gate failed, 2 iamc could not run.
set -u
IAMC=${IAMC:-iamc}
dir=${1:-policies}
base=${2:-}
out=${SARIF_OUT:-iamc.sarif}

"$IAMC" lint --format sarif --fail-on never "$dir" > "$out" || exit 2

status=0
if [ -f .iamc-baseline.json ]; then
  "$IAMC" lint --baseline .iamc-baseline.json "$dir" || status=$?
else
  "$IAMC" lint "$dir" || status=$?
fi
[ $status -ge 2 ] && exit 2

if [ -n "$base" ]; then
  tmp=$(mktemp -d) || exit 2
  trap 'rm -rf "$tmp"' EXIT
  mkdir -p "$tmp/$dir"
  if git cat-file -e "$base:$dir" 2>/dev/null; then
    git archive "$base" "$dir" | tar -x -C "$tmp" || exit 2
  fi
  "$IAMC" diff "$tmp/$dir" "$dir"
  rc=$?
  if [ $rc -eq 1 ]; then
    echo "iamc: this change widens access (the rows marked +); it needs a security review" >&2
    status=1
  elif [ $rc -ge 2 ]; then
    exit 2
  fi
fi
exit $status
