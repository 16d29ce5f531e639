#!/bin/sh
# make demo: the main job on the bundled examples.  First iamc emit turns the bundle spec
# examples/oke-cross-tenancy.json into a proved bundle and the policies it made are linted;
# a decision with its explanation; then format and check the OCI policies and matching rules in examples/policies, and
# show what a broken file looks like.
set -u
iamc=${1:-build/iamc}
cd "$(dirname "$0")/.." || exit 2
status=0
bundle=build/demo-bundle
echo "== iamc emit examples/oke-cross-tenancy.json -o $bundle --force"
"$iamc" emit examples/oke-cross-tenancy.json -o "$bundle" --force || status=1
echo
echo "== iamc check $bundle/policies/*.pol (lint the policies it made, both tenancies together)"
if "$iamc" check "$bundle"/policies/*.pol; then echo "no findings"; else status=1; fi
echo
echo "== iamc parse --format none (the JSON forms and the rule it made)"
for f in "$bundle"/policies/*.json "$bundle"/dynamic-groups/*.rule; do
  if "$iamc" parse --format none "$f"; then echo "ok   $f"; else echo "FAIL $f"; status=1; fi
done
echo
echo "== iamc eval: may the cluster decrypt with the key, and with another key?"
"$iamc" eval --world examples/worlds/oke.json --request examples/requests/cluster-decrypt-cross.json
"$iamc" eval --world examples/worlds/oke.json --request examples/requests/cluster-other-key.json --format json |
  sed -n '1,4p;/"failed"/,/"detail"/p'
echo
echo "== iamc fmt: the examples are written as Oracle's documentation writes them; fmt prints"
echo "   each in canonical form"
for f in examples/policies/*.pol examples/policies/*.json examples/policies/*.rules; do
  case $f in *typos.pol) continue ;; esac
  echo "== iamc fmt $f"
  "$iamc" fmt "$f" || status=1
  echo
done
echo "== iamc parse --format none (syntax check of every example)"
for f in examples/policies/*.pol examples/policies/*.json examples/policies/*.rules; do
  case $f in *typos.pol) continue ;; esac
  if "$iamc" parse --format none "$f"; then echo "ok   $f"; else echo "FAIL $f"; status=1; fi
done
echo
echo "== iamc parse --format json examples/policies/oke-key-tenancy.pol (start of the syntax tree)"
"$iamc" parse --format json --no-spans examples/policies/oke-key-tenancy.pol | sed -n '1,30p'
echo "   ..."
echo
echo "== iamc eval --policy: Alibaba RAM, the ACK deny of cs:UpdateKMSEncryption beside a KMS grant"
"$iamc" eval --policy examples/ram/kms-key-use.json --policy examples/ram/ack-deny-kms.json \
  --requests examples/ram/requests.jsonl | grep -E '^(allow|deny)'
echo
echo "== iamc emit examples/k8s/ack.json (Alibaba ACK bundle, its RAM policy proved before writing)"
"$iamc" emit examples/k8s/ack.json -o build/demo-ack --force || status=1
echo
echo "== iamc check examples/k8s/current-aescbc.yaml (a Kubernetes EncryptionConfiguration, installed"
echo "   with mode 0600 as the API server's file should be: a git checkout leaves it 0644)"
install -m 600 examples/k8s/current-aescbc.yaml build/demo-encryption-config.yaml
if "$iamc" check build/demo-encryption-config.yaml; then echo "no findings"; else status=1; fi
echo
echo "== iamc fmt examples/policies/typos.pol (errors expected: exit 2)"
"$iamc" fmt examples/policies/typos.pol
echo "exit status: $?"
exit $status
