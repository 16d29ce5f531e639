emit tests/emit/specs/same-any-user.json
