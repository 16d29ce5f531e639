diff tests/golden/diff/old.pol tests/golden/diff/narrowed.pol
