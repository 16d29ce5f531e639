lint --no-config tests/golden/lint/mixed.pol
