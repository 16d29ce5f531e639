diff --format json tests/golden/diff/old.pol tests/golden/diff/widened.pol
