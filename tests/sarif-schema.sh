#!/bin/sh
# Every kind of SARIF iamc writes (lint, check, diff, --list-rules, and the golden SARIF
# outputs) validates against the official SARIF 2.1.0 JSON schema, as shipped in Microsoft's
# @microsoft/jest-sarif npm package, checked with ajv.  The packages are fetched with npm
# (pinned versions) into build/sarif-schema/ once; none of their code is in this repository.
# A document the schema refuses fails the run; a machine without node and npm, or without
# the npm registry, skips it with a message (the unit tests' structural validator still runs).
# usage: sarif-schema.sh IAMC
set -u
iamc=$1
top=$(cd "$(dirname "$0")/.." && pwd)
cache=$top/build/sarif-schema
schema=$cache/package/lib/schemas/sarif-2.1.0-rtm.5.json
if ! command -v node > /dev/null 2>&1 || ! command -v npm > /dev/null 2>&1; then
  echo "sarif-schema: skipped: node and npm are not installed"
  exit 0
fi
if [ ! -f "$schema" ] || [ ! -d "$cache/node_modules/ajv-draft-04" ]; then
  mkdir -p "$cache"
  if ! (cd "$cache" && npm pack --silent @microsoft/jest-sarif@1.0.0-beta.0 > /dev/null 2>&1 &&
        tar xzf microsoft-jest-sarif-1.0.0-beta.0.tgz package/lib/schemas/sarif-2.1.0-rtm.5.json &&
        npm install --silent --no-audit --no-fund --no-save ajv@8.17.1 ajv-draft-04@1.0.0 ajv-formats@2.1.1 > /dev/null 2>&1); then
    echo "sarif-schema: skipped: npm could not fetch the schema and ajv"
    exit 0
  fi
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$top" || exit 2
"$iamc" lint --no-config --format sarif --fail-on never tests/corpus/lint > "$tmp/lint-corpus.sarif"
"$iamc" lint --no-config --format sarif --fail-on never tests/corpus/oci/valid tests/corpus/ram/valid > "$tmp/lint-valid.sarif"
"$iamc" check --no-config --format sarif --fail-on never tests/corpus/k8s/invalid/*.yaml > "$tmp/check-k8s.sarif"
"$iamc" lint --list-rules --format sarif > "$tmp/rules.sarif"
"$iamc" diff --format sarif tests/golden/diff/old.pol tests/golden/diff/widened.pol > "$tmp/diff-oci.sarif"
"$iamc" diff --format sarif tests/golden/diff/json/old.json tests/golden/diff/json/widened.json > "$tmp/diff-json.sarif"
printf '{"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]}\n' > "$tmp/broken.sarif"
# the validator itself must refuse a document the schema refuses
if node tests/sarif-schema.js "$cache/node_modules" "$schema" "$tmp/broken.sarif" > /dev/null; then
  echo "sarif-schema: FAIL: the validator accepts a driver without a name"
  exit 1
fi
node tests/sarif-schema.js "$cache/node_modules" "$schema" "$tmp"/[a-z]*-*.sarif "$tmp/rules.sarif" tests/golden/cases/*sarif*.out
