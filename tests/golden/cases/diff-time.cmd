diff tests/golden/diff/cond/before-2026.pol tests/golden/diff/cond/before-2027.pol
