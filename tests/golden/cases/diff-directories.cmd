diff tests/golden/diff/v1 tests/golden/diff/v2
