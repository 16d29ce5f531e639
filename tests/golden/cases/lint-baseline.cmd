lint --no-config --baseline tests/golden/lint/baseline.json tests/golden/lint/base.pol
