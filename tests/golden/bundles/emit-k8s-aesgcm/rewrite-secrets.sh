#!/bin/sh
# Rewrite every object of the encrypted resources, so that each is stored again with the
# first provider of the configuration now in force on every API server.  Idempotent:
# on a conflict error, run it again.  Needs read and update on all of them (cluster admin).
set -eu
kubectl get 'secrets' --all-namespaces -o json | kubectl replace -f -
kubectl get 'configmaps' --all-namespaces -o json | kubectl replace -f -
