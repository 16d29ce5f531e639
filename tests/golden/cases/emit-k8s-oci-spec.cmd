emit-k8s tests/emit/specs/same-any-user.json -o build/never-written
