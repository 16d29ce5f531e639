lint --no-config tests/corpus/lint/OCI029-good.pol
