#!/bin/sh
# Runs examples/ci on a sample repository made here: the pre-commit hook refuses a commit
# with findings and takes a clean one; ci-check.sh writes valid SARIF, fails on findings,
# honours a baseline, and fails when a change widens access against the base ref.
# usage: ci-examples.sh IAMC
set -u
IAMC=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
export IAMC
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
check() {  # check NAME EXPECTED-STATUS ACTUAL-STATUS
  if [ "$2" = "$3" ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL ci-examples: $1: status $3, expected $2"; fi
}

cd "$tmp" && git init -q repo && cd repo || exit 2
git config user.email ci@example.com && git config user.name ci
mkdir policies
echo "Allow group Ops to read buckets in compartment Apps" > policies/apps.pol
git add policies && git commit -qm base
cp "$top/examples/ci/pre-commit" .git/hooks/pre-commit && chmod +x .git/hooks/pre-commit

# the hook: a finding refuses the commit
echo "Allow any-user to read buckets in compartment Apps" > policies/open.pol
git add policies/open.pol
git commit -qm open > hook.out 2>&1
check "hook refuses a finding" 1 $?
grep -q "OCI017" hook.out; check "hook names the rule" 0 $?
# the staged content counts: fixing only the working tree is not enough
echo "Allow any-user to read buckets in compartment Apps where request.principal.type = 'instance'" > policies/open.pol
git commit -qm open > hook.out 2>&1
check "hook lints the staged content" 1 $?
git add policies/open.pol
git commit -qm open > hook.out 2>&1
check "hook takes a clean commit" 0 $?

# ci-check.sh: SARIF, the lint gate, the baseline, the access gate
sh "$top/examples/ci/ci-check.sh" policies HEAD~1 > ci.out 2>&1
check "access gate: any-user gained read access" 1 $?
grep -q '"version": "2.1.0"' iamc.sarif; check "SARIF written" 0 $?
grep -q "widens access" ci.out; check "access gate says why" 0 $?

echo "Allow service oke to use keys in compartment Sec" > policies/keys.pol
git add policies/keys.pol && git commit -qm keys --no-verify
git tag base
SARIF_OUT=keys.sarif sh "$top/examples/ci/ci-check.sh" policies > ci.out 2>&1
check "lint gate fails on a finding" 1 $?
grep -q '"ruleId": "OCI019"' keys.sarif; check "SARIF carries the finding" 0 $?

"$IAMC" lint --format json policies > .iamc-baseline.json
sh "$top/examples/ci/ci-check.sh" policies > ci.out 2>&1
check "baseline: known findings pass" 0 $?
echo "Allow group Dev to manage policies in tenancy" >> policies/keys.pol
sh "$top/examples/ci/ci-check.sh" policies > ci.out 2>&1
check "baseline: a new finding fails" 1 $?
git checkout -q policies/keys.pol

# a reformatted policy does not widen access
printf 'allow  group ops to READ buckets in compartment apps\n' > policies/apps.pol
git commit -qam reformat --no-verify
sh "$top/examples/ci/ci-check.sh" policies base > ci.out 2>&1
check "reformatting is not widening" 0 $?

# JSON policies and EncryptionConfigurations are linted too; other JSON and YAML are not
printf '{"name": "app", "version": "1.0.0"}\n' > package.json
printf 'jobs: {build: {runs-on: x}}\n' > ci.yml
git add package.json ci.yml
git commit -qm other-files > hook.out 2>&1
check "hook leaves other JSON and YAML alone" 0 $?
printf '{"Version": "1", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}\n' > policies/admin.json
git add policies/admin.json
git commit -qm ram > hook.out 2>&1
check "hook refuses a RAM policy finding" 1 $?
grep -q "RAM00" hook.out; check "  ... naming the rule" 0 $?
git rm -q --cached policies/admin.json && rm policies/admin.json
printf 'apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\nresources:\n  - resources: [secrets]\n    providers:\n      - identity: {}\n      - aescbc: {keys: [{name: k, secret: AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=}]}\n' > enc.yaml
git add enc.yaml
git commit -qm enc > hook.out 2>&1
check "hook refuses an EncryptionConfiguration finding" 1 $?
grep -q "K8S" hook.out && ! grep -q "AAECAwQF" hook.out; check "  ... with its secret redacted" 0 $?
git rm -q --cached enc.yaml && rm enc.yaml

# a policy in a subdirectory counts for the access gate as it does for lint
mkdir -p policies/prod
echo "Allow group Ops to read buckets in compartment Apps" > policies/prod/store.pol
git add policies/prod && git commit -qm prod --no-verify
git tag prod
echo "Allow group Ops to manage buckets in compartment Apps" > policies/prod/store.pol
git commit -qam widen-prod --no-verify
sh "$top/examples/ci/ci-check.sh" policies prod > ci.out 2>&1
check "access gate: a widening below a subdirectory" 1 $?

# the workflow runs the script and uploads its SARIF
grep -q "examples/ci/ci-check.sh" "$top/examples/ci/github-actions.yml" && grep -q "sarif_file: iamc.sarif" "$top/examples/ci/github-actions.yml" \
  && grep -q "apt-get install -y re2c lemon libjansson-dev libyaml-dev check pkg-config" "$top/examples/ci/github-actions.yml"
check "workflow wires script and upload" 0 $?

echo "ci-examples: $pass passed, $fail failed"
[ $fail = 0 ]
