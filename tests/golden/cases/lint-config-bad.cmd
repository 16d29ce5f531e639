lint --config tests/golden/lint/bad-config.json tests/golden/lint/configured.pol
