emit tests/emit/bad/key-id-vault.json -o build/never-written
