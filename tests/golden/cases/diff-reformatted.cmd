diff tests/golden/diff/old.pol tests/golden/diff/reformatted.pol
