#!/bin/sh
# Tests of `iamc emit` on files (run by `make check`; UPDATE=1 rewrites the expected files):
#  - every spec of tests/emit/specs gives exactly the files of tests/golden/bundles/NAME, with
#    their modes, the same bytes when emitted again, digests that match MANIFEST.json, and
#    the same files through '-o -';
#  - setup.sh and rotate.sh pass bash -n and shellcheck; terraform/main.tf has balanced
#    braces, the expected blocks and attributes, and (when terraform is installed) is
#    formatted as `terraform fmt` wants;
#  - the guide bundle's policies equal, statement by statement after `iamc fmt`, the OKE
#    guide's cross-tenancy example with its alias corrected (tests/emit/guide);
#  - every bad spec of tests/emit/bad exits 2 with exactly NAME.err and writes nothing;
#  - an existing directory is refused without --force, replaced with it; --dry-run writes
#    nothing;
#  - "cloud": "kubernetes" bundles: the EncryptionConfiguration passes `iamc check`;
#    kubernetes, alibaba and rotate output: --force replaces an earlier output or an empty
#    directory only, never a foreign one or the one holding the input; MANIFEST.json digests;
#    '-o -' prints the files written; --dry-run writes nothing;
#    "cloud": "alibaba" bundles: MANIFEST.json digests, ram-policy.json canonical, the scripts
#    pass sh -n and shellcheck, and every proof of MANIFEST.json decides the same under
#    `iamc eval` (their trees are compared by tests/golden/bundles.sh).
# usage: run.sh IAMC
set -u
iamc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$(dirname "$0")/../.." || exit 2
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }
check() { # WHAT COMMAND...: passes when the command succeeds
  what=$1; shift
  if "$@" > "$tmp/check.out" 2>&1; then ok; else bad "$what"; sed -n '1,20p' "$tmp/check.out"; fi
}

# Terraform structure, without the network: balanced braces and brackets outside strings,
# and the blocks and attributes every bundle needs.
hcl_check() { # FILE
  awk '
    { line = $0; s = 0
      for (i = 1; i <= length(line); i++) {
        c = substr(line, i, 1)
        if (s) { if (c == "\\") i++; else if (c == "\"") s = 0; continue }
        if (c == "#") break
        if (c == "\"") s = 1
        else if (c == "{") b++; else if (c == "}") b--
        else if (c == "[") k++; else if (c == "]") k--
        if (b < 0 || k < 0) { print FILENAME ":" NR ": unbalanced"; bad = 1; exit 1 }
      }
      if (s) { print FILENAME ":" NR ": string not closed"; bad = 1; exit 1 } }
    END { if (!bad && (b || k)) { print FILENAME ": " b " braces, " k " brackets left open"; exit 1 } }' "$1" || return 1
  for want in 'required_providers' 'source = "oracle/oci"' 'resource "oci_identity_policy"' \
              'resource "oci_containerengine_cluster" "cluster"' 'kms_key_id ' 'kubernetes_version ' \
              'vcn_id ' 'compartment_id ' 'statements = \[' 'provider *= oci\.cluster' 'provider *= oci\.[a-z0-9_]*_home'; do
    grep -q "$want" "$1" || { echo "$1: no $want"; return 1; }
  done
  if grep -q 'dynamic-group' "$(dirname "$1")/../policies/"*.pol; then
    if ! grep -q 'resource "oci_identity_dynamic_group"' "$1" || ! grep -q 'matching_rule ' "$1"; then
      echo "$1: no dynamic group"; return 1
    fi
  fi
  # every policy's statements are those of its JSON file
  for json in "$(dirname "$1")"/../policies/*.json; do
    sed -n 's/^  "\(.*\)",\{0,1\}$/\1/p' "$json" | while IFS= read -r st; do
      grep -qF "    \"$st\"," "$1" || { echo "$1: lacks $st"; exit 1; }
    done || return 1
  done
}

manifest_check() { # DIR: each file's sha256 is the one MANIFEST.json records
  sed -n 's/^      "path": "\(.*\)",$/\1/p' "$1/MANIFEST.json" > "$tmp/paths"
  sed -n 's/^      "sha256": "\(.*\)"$/\1/p' "$1/MANIFEST.json" > "$tmp/sums"
  [ -s "$tmp/paths" ] || { echo "no files in MANIFEST.json"; return 1; }
  paste -d' ' "$tmp/sums" "$tmp/paths" | sed 's/ /  /' > "$tmp/sha256sums"
  (cd "$1" && sha256sum -c --quiet "$tmp/sha256sums") || return 1
  listed=$(sort "$tmp/paths" | tr '\n' ' ')
  found=$(cd "$1" && find . -type f ! -name MANIFEST.json | sed 's|^\./||' | sort | tr '\n' ' ')
  [ "$listed" = "$found" ] || { echo "MANIFEST.json lists: $listed; found: $found"; return 1; }
}

syntax_check() { # SHELL FILE...: each file parses (`sh -n a b` would read b as a's argument)
  sh=$1; shift
  for f in "$@"; do "$sh" -n "$f" || return 1; done
}

mode_check() { # DIR: scripts 0755, the rest 0644
  for f in $(cd "$1" && find . -type f | sed 's|^\./||'); do
    case $f in *.sh) want=755 ;; *) want=644 ;; esac
    got=$(stat -c %a "$1/$f")
    [ "$got" = "$want" ] || { echo "$f: mode $got, expected $want"; return 1; }
  done
}

for spec in tests/emit/specs/*.json; do
  name=$(basename "$spec" .json)
  out=$tmp/$name
  expected=tests/golden/bundles/$name
  if ! "$iamc" emit "$spec" -o "$out" > "$tmp/$name.stdout" 2>&1; then
    bad "$name: iamc emit failed"; cat "$tmp/$name.stdout"; continue
  fi
  if [ "${UPDATE:-0}" = 1 ]; then rm -rf "$expected"; mkdir -p "$(dirname "$expected")"; cp -R "$out" "$expected"; fi
  check "$name: files equal $expected" diff -r "$expected" "$out"
  check "$name: modes" mode_check "$out"
  check "$name: MANIFEST.json digests" manifest_check "$out"
  "$iamc" emit "$spec" -o "$tmp/$name.again" > /dev/null 2>&1
  check "$name: the same bytes when emitted again" diff -r "$out" "$tmp/$name.again"
  "$iamc" emit "$spec" -o - > "$tmp/$name.stream" 2>&1
  for f in $(cd "$out" && find . -type f | sed 's|^\./||' | sort); do printf '==> %s <==\n' "$f"; cat "$out/$f"; echo; done |
    sed '$d' > "$tmp/$name.files"
  check "$name: '-o -' prints the same files" cmp "$tmp/$name.stream" "$tmp/$name.files"
  check "$name: bash -n" syntax_check bash "$out/setup.sh" "$out/rotate.sh"
  check "$name: shellcheck" shellcheck -s bash "$out/setup.sh" "$out/rotate.sh"
  check "$name: terraform structure" hcl_check "$out/terraform/main.tf"
  if command -v terraform > /dev/null 2>&1; then
    check "$name: terraform fmt" env TF_CLI_CONFIG_FILE=/dev/null terraform fmt -check -diff "$out/terraform/main.tf"
  fi
  for pol in "$out"/policies/*.pol; do
    check "$name: $(basename "$pol") is canonical (iamc fmt --check)" "$iamc" fmt --check "$pol"
  done
done

# The OKE guide's example, alias corrected: the same statements after fmt.
for t in ClusterTenancy KeyTenancy; do
  "$iamc" fmt "tests/emit/guide/$t.pol" > "$tmp/guide-$t"
  "$iamc" fmt "$tmp/guide/policies/$t.pol" > "$tmp/emitted-$t"
  check "guide: $t statements equal the OKE guide's" diff "$tmp/guide-$t" "$tmp/emitted-$t"
done

# The JSON Schema of docs/bundle.md accepts every good spec (when python3-jsonschema is there).
if python3 -c 'import jsonschema' 2> /dev/null; then
  check "docs/bundle.schema.json accepts tests/emit/specs and the example" python3 -c '
import json, sys, jsonschema
v = jsonschema.Draft202012Validator(json.load(open("docs/bundle.schema.json")))
bad = [(f, e.message) for f in sys.argv[1:] for e in v.iter_errors(json.load(open(f)))]
print(bad); sys.exit(1 if bad else 0)' tests/emit/specs/*.json examples/oke-cross-tenancy.json
fi

# Bad specs: exit 2, the exact messages, nothing written.
for spec in tests/emit/bad/*.json; do
  name=$(basename "$spec" .json)
  "$iamc" emit "$spec" -o "$tmp/bad-$name" > "$tmp/bad.out" 2> "$tmp/bad.err"
  rc=$?
  [ "${UPDATE:-0}" = 1 ] && cp "$tmp/bad.err" "tests/emit/bad/$name.err"
  if [ $rc = 2 ] && [ ! -s "$tmp/bad.out" ] && [ ! -e "$tmp/bad-$name" ] && cmp -s "$tmp/bad.err" "tests/emit/bad/$name.err"; then
    ok
  else
    bad "bad spec $name: exit $rc"; diff "tests/emit/bad/$name.err" "$tmp/bad.err" | head -5
  fi
done

# Safe output: refuse, --force, --dry-run, a directory iamc did not write.
spec=tests/emit/specs/same-any-user.json
"$iamc" emit "$spec" -o "$tmp/safe" > /dev/null
"$iamc" emit "$spec" -o "$tmp/safe" > /dev/null 2> "$tmp/safe.err"
check "an existing directory is refused (exit 2)" test $? = 2
check "  ... saying why" grep -q "exists (use --force to replace it)" "$tmp/safe.err"
echo stale > "$tmp/safe/stale.txt"
check "--force replaces an earlier bundle" "$iamc" emit "$spec" -o "$tmp/safe" --force
check "  ... entirely" test ! -e "$tmp/safe/stale.txt"
mkdir "$tmp/mine" && echo mine > "$tmp/mine/notes.txt"
"$iamc" emit "$spec" -o "$tmp/mine" --force > /dev/null 2>&1
check "--force never replaces a directory iamc did not write" test $? = 2 -a -f "$tmp/mine/notes.txt"
cp "$spec" "$tmp/safe/spec.json"
"$iamc" emit "$tmp/safe/spec.json" -o "$tmp/safe" --force > /dev/null 2>&1
check "--force never replaces the bundle that holds the spec" test $? = 2 -a -f "$tmp/safe/spec.json"
check "--dry-run writes nothing" "$iamc" emit "$spec" -o "$tmp/dry" --dry-run
check "  ... at all" test ! -e "$tmp/dry"
check "no temporary directory is left behind" test -z "$(find "$tmp" -maxdepth 1 -name '.*.tmp-*')"
# DIR/ names DIR itself: a trailing slash neither follows a symbolic link nor puts the
# temporary directory inside the target; a link is refused, with or without the slash.
"$iamc" emit "$spec" -o "$tmp/real" > /dev/null
ln -s real "$tmp/link"
for o in "$tmp/link/" "$tmp/link" "$tmp/link//"; do
  "$iamc" emit "$spec" -o "$o" --force > /dev/null 2> "$tmp/link.err"
  check "--force refuses the symbolic link ${o#"$tmp"/} (exit 2)" test $? = 2
  check "  ... saying why" grep -q "link is a symbolic link: not writing through it" "$tmp/link.err"
done
"$iamc" emit "$spec" -o "$tmp/link/" > /dev/null 2>&1
check "a symbolic link is refused without --force too" test $? = 2
check "  ... and its target keeps only the bundle (no temporary or old directory inside)" \
  test "$(cd "$tmp/real" && ls -A | tr '\n' ' ')" = "MANIFEST.json README.md policies rotate.sh setup.sh terraform "
ln -s nowhere "$tmp/dangling"
"$iamc" emit "$spec" -o "$tmp/dangling/" > /dev/null 2>&1
check "a dangling symbolic link is refused (exit 2)" test $? = 2 -a ! -e "$tmp/nowhere"
echo stale > "$tmp/real/stale.txt"
check "--force with a trailing slash replaces the directory itself" "$iamc" emit "$spec" -o "$tmp/real//" --force
check "  ... entirely" test ! -e "$tmp/real/stale.txt" -a -f "$tmp/real/MANIFEST.json"
check "a new directory with a trailing slash" "$iamc" emit "$spec" -o "$tmp/new/"
check "  ... is the directory, nothing inside it" test -z "$(find "$tmp/new" -name '.*')"
for o in . .. ./ real/. real/..; do
  (s=$PWD/$spec && cd "$tmp" && "$iamc" emit "$s" -o "$o" --force > /dev/null 2> "$tmp/dot.err")
  check "-o $o is refused (exit 2)" test $? = 2
  check "  ... saying why" grep -q "name the directory to write, not '.', '..' or '/'" "$tmp/dot.err"
done
check "no temporary or old directory is left anywhere" test -z "$(find "$tmp" -name '.*.tmp-*' -o -name '.*.old-*')"

# A hostile cluster name (command substitution, backquotes, both quotes) stays data: setup.sh
# parses, and the line that prints the name prints it rather than running it.
python3 - "$spec" "$tmp/hostile.json" "$tmp/PWNED" <<'PY'
import json, sys
spec = json.load(open(sys.argv[1]))
spec["cluster"]["name"] = 'a$(touch %s)`touch %s`"b\'c' % (sys.argv[3], sys.argv[3])
json.dump(spec, open(sys.argv[2], "w"))
PY
check "a hostile cluster name is emitted" "$iamc" emit "$tmp/hostile.json" -o "$tmp/hostile"
check "  ... setup.sh still parses" bash -n "$tmp/hostile/setup.sh"
grep '^echo "creating OKE cluster' "$tmp/hostile/setup.sh" > "$tmp/hostile-echo.sh"
check "  ... the name is printed as it is" test "$(sh "$tmp/hostile-echo.sh")" = "creating OKE cluster a\$(touch $tmp/PWNED)\`touch $tmp/PWNED\`\"b'c"
check "  ... and nothing ran" test ! -e "$tmp/PWNED"

# A cluster name of 255 characters that take 4 bytes each: accepted (the limit counts
# characters), and every description holds it whole, as valid UTF-8; 256 are refused.
python3 - "$spec" "$tmp/long" <<'PY'
import json, sys
spec = json.load(open(sys.argv[1]))
for n in (255, 256):
    spec["cluster"]["name"] = "\U0001F510" * n
    json.dump(spec, open("%s-%d.json" % (sys.argv[2], n), "w"))
PY
check "a cluster name of 255 four-byte characters is emitted" "$iamc" emit "$tmp/long-255.json" -o "$tmp/long"
check "  ... the policy's description holds it whole" \
  grep -q "Lets the OKE cluster $(python3 -c 'print("\U0001F510" * 255)') use the Vault key" "$tmp/long/terraform/main.tf"
check "  ... and every file is valid UTF-8" sh -c 'for f in "$1"/*.sh "$1"/*.md "$1"/terraform/main.tf; do iconv -f UTF-8 -t UTF-8 "$f" > /dev/null || exit 1; done' sh "$tmp/long"
"$iamc" emit "$tmp/long-256.json" -o "$tmp/long-256" > /dev/null 2>&1
check "  ... 256 are refused (exit 2)" test $? = 2 -a ! -e "$tmp/long-256"

# Kubernetes bundles (`iamc emit` routes "cloud": "kubernetes" to emit-k8s): the file passes iamc check.
for spec in examples/k8s/aescbc.json examples/k8s/aesgcm.json examples/k8s/secretbox.json examples/k8s/kms-wildcard.json; do
  name=k8s-$(basename "$spec" .json)
  "$iamc" emit "$spec" -o "$tmp/$name" > /dev/null 2>&1
  check "$name: encryption-config.yaml passes iamc check" "$iamc" check "$tmp/$name/encryption-config.yaml"
done
# ... and a spec whose configuration would not pass it is refused (exit 2), with the finding.
echo '{"cloud": "kubernetes", "provider": "aescbc", "resources": ["configmaps"]}' > "$tmp/k8s-bad.json"
"$iamc" emit "$tmp/k8s-bad.json" -o "$tmp/k8s-bad" > /dev/null 2> "$tmp/k8s-bad.err"
check "k8s: a configuration that fails iamc check is refused (exit 2)" test $? = 2 -a ! -e "$tmp/k8s-bad"
check "  ... with the finding" grep -q "does not pass iamc check.*" "$tmp/k8s-bad.err"
check "  ... its rule" grep -q "warning\[K8S056\]" "$tmp/k8s-bad.err"

# --force for kubernetes, alibaba and rotate follows the OKE rule: an earlier output of iamc
# (it has MANIFEST.json) or an empty directory is replaced, any other directory is refused
# (exit 2, nothing touched), and so is the directory that holds the input.
foreign() { # DIR: a directory iamc did not write
  mkdir -p "$1/sub" && echo keep > "$1/sub/f"
}
for spec in examples/k8s/aescbc.json examples/k8s/ack.json; do
  name=force-$(basename "$spec" .json)
  foreign "$tmp/$name"
  "$iamc" emit "$spec" -o "$tmp/$name" --force --test-key-seed 1 > /dev/null 2> "$tmp/$name.err"
  check "$name: --force refuses a directory iamc did not write (exit 2)" test $? = 2 -a -f "$tmp/$name/sub/f"
  check "  ... saying why" grep -q "not replacing a directory iamc did not write" "$tmp/$name.err"
  "$iamc" emit "$spec" -o "$tmp/$name.earlier" --test-key-seed 1 > /dev/null 2>&1
  check "$name: the bundle has a MANIFEST.json with every file's digest" manifest_check "$tmp/$name.earlier"
  echo stale > "$tmp/$name.earlier/stale.txt"
  check "$name: --force replaces an earlier bundle" "$iamc" emit "$spec" -o "$tmp/$name.earlier" --force --test-key-seed 2
  check "  ... entirely" test ! -e "$tmp/$name.earlier/stale.txt" -a -f "$tmp/$name.earlier/MANIFEST.json"
  mkdir "$tmp/$name.empty"
  check "$name: --force fills an empty directory" "$iamc" emit "$spec" -o "$tmp/$name.empty" --force --test-key-seed 1
  cp "$spec" "$tmp/$name.earlier/spec.json"
  "$iamc" emit "$tmp/$name.earlier/spec.json" -o "$tmp/$name.earlier" --force --test-key-seed 1 > /dev/null 2> "$tmp/$name.err"
  check "$name: --force never replaces the directory that holds the spec" test $? = 2 -a -f "$tmp/$name.earlier/spec.json"
  check "  ... saying why" grep -q "holds the spec" "$tmp/$name.err"
  check "$name: --dry-run writes nothing" "$iamc" emit "$spec" -o "$tmp/$name.dry" --dry-run --test-key-seed 1
  check "  ... at all" test ! -e "$tmp/$name.dry"
  "$iamc" emit "$spec" -o "$tmp/$name.seeded" --test-key-seed 7 > /dev/null 2>&1
  "$iamc" emit "$spec" -o - --test-key-seed 7 > "$tmp/$name.stream" 2> /dev/null
  for f in $(cd "$tmp/$name.seeded" && find . -type f | sed 's|^\./||' | sort); do
    printf '==> %s <==\n' "$f"; cat "$tmp/$name.seeded/$f"; echo
  done | sed '$d' > "$tmp/$name.files"
  check "$name: '-o -' prints the same files" cmp "$tmp/$name.stream" "$tmp/$name.files"
  check "  ... and makes no directory '-'" test ! -e ./-
done
check "k8s: the key file is still mode 0600" test "$(stat -c %a "$tmp/force-aescbc.earlier/encryption-config.yaml")" = 600
check "emit-k8s: the same rule" sh -c '"$1" emit-k8s examples/k8s/aescbc.json -o "$2" --force --test-key-seed 1 >/dev/null 2>&1; test $? = 2 -a -f "$2/sub/f"' \
  sh "$iamc" "$tmp/force-aescbc"

foreign "$tmp/rot-foreign"
"$iamc" rotate examples/k8s/current-aescbc.yaml -o "$tmp/rot-foreign" --force --test-key-seed 1 > /dev/null 2> "$tmp/rot.err"
check "rotate: --force refuses a directory iamc did not write (exit 2)" test $? = 2 -a -f "$tmp/rot-foreign/sub/f"
check "  ... saying why" grep -q "not replacing a directory iamc did not write" "$tmp/rot.err"
check "rotate: writes" "$iamc" rotate examples/k8s/current-aescbc.yaml -o "$tmp/rot" --test-key-seed 1
check "  ... a MANIFEST.json with every file's digest" manifest_check "$tmp/rot"
echo stale > "$tmp/rot/stale.txt"
check "rotate: --force replaces its earlier output" "$iamc" rotate examples/k8s/current-aescbc.yaml -o "$tmp/rot" --force --test-key-seed 2
check "  ... entirely" test ! -e "$tmp/rot/stale.txt"
check "rotate: -f is --force" "$iamc" rotate examples/k8s/current-aescbc.yaml -o "$tmp/rot" -f --test-key-seed 2
check "rotate: --dry-run writes nothing" "$iamc" rotate examples/k8s/current-aescbc.yaml -o "$tmp/rot-dry" --dry-run --test-key-seed 1
check "  ... at all" test ! -e "$tmp/rot-dry"
"$iamc" rotate examples/k8s/current-aescbc.yaml -o "$tmp/rot-dry" -n --test-key-seed 2 > "$tmp/rot-dry.out" 2> /dev/null
check "  ... and lists the files it would write, with the digests of the ones written" sh -c '
  for f in $(cd "$1" && ls); do grep -q "  $(sha256sum < "$1/$f" | cut -d" " -f1)  $f\$" "$2" || { echo "no $f"; exit 1; }; done' sh "$tmp/rot" "$tmp/rot-dry.out"
"$iamc" rotate examples/k8s/current-aescbc.yaml -o "$tmp/rot" --test-key-seed 1 > /dev/null 2> "$tmp/rot.err"
check "rotate: an existing DIR is refused (exit 2), the command named" sh -c 'test $1 = 2 && grep -q "^iamc rotate: .* exists (use --force to replace it)" "$2"' sh $? "$tmp/rot.err"
cp examples/k8s/current-aescbc.yaml "$tmp/rot/enc.yaml"
"$iamc" rotate "$tmp/rot/enc.yaml" -o "$tmp/rot" --force --test-key-seed 1 > /dev/null 2> "$tmp/rot.err"
check "rotate: --force never replaces the directory that holds the input" test $? = 2 -a -f "$tmp/rot/enc.yaml"
check "  ... saying why" grep -q "holds the input" "$tmp/rot.err"
mkdir "$tmp/live" && cp examples/k8s/current-aescbc.yaml "$tmp/live/enc.yaml"
"$iamc" rotate "$tmp/live/enc.yaml" -o "$tmp/live" --force --test-key-seed 1 > /dev/null 2>&1
check "rotate: the input's own directory (-o live, live/enc.yaml) is kept" test $? = 2 -a -f "$tmp/live/enc.yaml"

# values of the input never become YAML, Markdown or shell: a path with a newline and YAML in
# its name, a resource name that is a command (even with K8S040 disabled)
weird=$(printf 'in\n---\nkind: Secret\n#.yaml')
cp examples/k8s/current-aescbc.yaml "$tmp/$weird"
check "rotate: an input path with a newline" "$iamc" rotate "$tmp/$weird" -o "$tmp/rot-weird" --test-key-seed 1
check "  ... is one comment line in every step file" sh -c 'for f in "$1"/step*.yaml; do
  test "$(grep -c "^---\|^kind:" "$f")" = 1 && head -1 "$f" | grep -q "^# Step .* from in.x0A---.x0Akind.x3A.x20Secret.x0A.x23.yaml.$" || exit 1; done' sh "$tmp/rot-weird"
check "  ... and in the README's heading" grep -q '^# key rotation for `in.x0A---.x0Akind' "$tmp/rot-weird/README.md"
{ echo '# iamc-check: disable=K8S040'; cat tests/golden/inputs/k8s/resource-command.yaml; } > "$tmp/rescmd.yaml"
chmod 600 "$tmp/rescmd.yaml"
"$iamc" rotate "$tmp/rescmd.yaml" -o "$tmp/rot-rescmd" --test-key-seed 1 > /dev/null 2> "$tmp/rot.err"
check "rotate: a resource name that is a command is refused, K8S040 disabled or not" test $? = 1 -a ! -e "$tmp/rot-rescmd"
check "  ... saying why" grep -q 'is not a resource name (K8S040)' "$tmp/rot.err"
# the emitted rewrite script runs with a kubectl that logs its arguments: names stay data
mkdir "$tmp/stub" && printf '#!/bin/sh\ncase "$1" in api-resources) echo deployments.apps ;; get) echo "$2" >> "%s/stub/log" ;; *) cat >/dev/null ;; esac\n' "$tmp" > "$tmp/stub/kubectl"
chmod 755 "$tmp/stub/kubectl"
"$iamc" emit examples/k8s/kms-wildcard.json -o "$tmp/k8s-run" --test-key-seed 1 > /dev/null 2>&1
check "k8s: rewrite-secrets.sh runs with a stub kubectl" env PATH="$tmp/stub:$PATH" sh "$tmp/k8s-run/rewrite-secrets.sh"
check "  ... and gets what the wildcard lists" grep -qx 'deployments.apps' "$tmp/stub/log"

# ACK bundles: the proofs of MANIFEST.json, replayed with iamc eval on the written policy and
# the Allow the proofs assumed, decide the same.
replay_ack() { # DIR
  python3 - "$1" "$tmp" <<'PY' || return 1
import json, sys
d, tmp = sys.argv[1], sys.argv[2]
v = json.load(open(d + "/MANIFEST.json"))["verification"]
for name, doc in v["assumed_policies"].items():
    json.dump(doc, open(tmp + "/" + name, "w"))
with open(tmp + "/ack-requests.jsonl", "w") as f:
    for p in v["proofs"]:
        f.write(json.dumps(p["request"]) + "\n")
with open(tmp + "/ack-expected", "w") as f:
    for p in v["proofs"]:
        f.write(p["decision"] + " " + p["reason"] + "\n")
PY
  "$iamc" eval --policy "$1/ram-policy.json" --policy "$tmp/another-allow.json" --requests "$tmp/ack-requests.jsonl" \
    --format json > "$tmp/ack-decisions"
  python3 -c 'import json, sys
for line in open(sys.argv[1]):
    o = json.loads(line); print(o["decision"], o["reason"])' "$tmp/ack-decisions" | diff "$tmp/ack-expected" -
}
for spec in examples/k8s/ack.json examples/k8s/ack-all.json; do
  name=$(basename "$spec" .json)
  out=$tmp/$name
  if ! "$iamc" emit "$spec" -o "$out" > "$tmp/$name.stdout" 2>&1; then
    bad "$name: iamc emit failed"; cat "$tmp/$name.stdout"; continue
  fi
  check "$name: MANIFEST.json digests" manifest_check "$out"
  check "$name: ram-policy.json is canonical (iamc fmt --check)" "$iamc" fmt --check "$out/ram-policy.json"
  check "$name: sh -n" syntax_check sh "$out/ram-policy.sh" "$out/enable-encryption.sh" "$out/rewrite-secrets.sh"
  check "$name: shellcheck" shellcheck -s sh "$out/ram-policy.sh" "$out/enable-encryption.sh" "$out/rewrite-secrets.sh"
  if command -v python3 > /dev/null 2>&1; then
    check "$name: the MANIFEST.json proofs replay with iamc eval" replay_ack "$out"
  fi
done

echo "emit: $pass passed, $fail failed"
[ $fail = 0 ]
