emit tests/emit/specs/same-any-user.json -o - --test-key-seed 1
