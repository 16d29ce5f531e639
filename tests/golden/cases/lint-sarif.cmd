lint --no-config --format sarif tests/golden/lint/mixed.pol
