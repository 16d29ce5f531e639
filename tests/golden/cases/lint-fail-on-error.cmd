lint --no-config --fail-on error tests/corpus/lint/OCI017-bad.pol
