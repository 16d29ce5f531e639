diff tests/golden/diff/cond/k3.pol tests/golden/diff/cond/k3-reordered.pol
