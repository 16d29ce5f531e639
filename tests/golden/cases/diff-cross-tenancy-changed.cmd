diff tests/golden/diff/cross/old.pol tests/golden/diff/cross/new.pol
