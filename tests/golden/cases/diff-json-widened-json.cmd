diff --format json tests/golden/diff/json/old.json tests/golden/diff/json/widened.json
