#!/bin/sh
# After a KMS key rotation (or to move Secrets to KMS v2 on clusters >= 1.31): rewrite every
# Secret so it is encrypted again with the current key.  Run off-peak; re-run on conflicts.
set -eu
kubectl get secrets --all-namespaces -o json | \
  kubectl annotate --overwrite -f - encryption-key-rotation-time="$(date -u +'%Y-%m-%dT%H:%M:%S%z')"
