diff tests/golden/diff/cond/k1.pol tests/golden/diff/cond/k3-reordered.pol
