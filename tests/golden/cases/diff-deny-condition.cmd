diff tests/golden/diff/cond/deny-phx.pol tests/golden/diff/cond/deny-iad.pol
