lint --config tests/golden/lint/config.json tests/golden/lint/configured.pol tests/golden/lint/legacy
