emit tests/emit/specs/cross-tenancy.json -o build/never-written --dry-run
