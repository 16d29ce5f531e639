lint --no-config --format json tests/golden/lint/mixed.pol
