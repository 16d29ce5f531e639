diff tests/golden/diff/dirs/old tests/golden/diff/dirs/new
