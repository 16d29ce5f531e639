diff tests/golden/diff/old.pol
