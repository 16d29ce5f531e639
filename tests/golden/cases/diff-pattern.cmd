diff tests/golden/diff/cond/pattern.pol tests/golden/diff/cond/pattern-any.pol
