emit tests/emit/specs/no-such-spec.json -o -
