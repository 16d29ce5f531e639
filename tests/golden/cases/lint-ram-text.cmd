lint --no-config tests/corpus/lint/RAM017-bad.json tests/corpus/lint/RAM016-bad.json tests/corpus/lint/RAM001-bad.json
