diff tests/golden/diff/cond/any.pol tests/golden/diff/cond/any-reordered.pol
