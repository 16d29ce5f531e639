lint --no-config tests/golden/lint/inline.pol
