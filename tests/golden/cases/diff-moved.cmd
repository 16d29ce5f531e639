diff tests/golden/diff/old.pol tests/golden/diff/moved.pol
