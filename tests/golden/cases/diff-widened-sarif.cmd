diff --format sarif tests/golden/diff/old.pol tests/golden/diff/widened.pol
