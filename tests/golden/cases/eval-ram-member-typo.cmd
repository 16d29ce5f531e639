eval --policy tests/decide/ram/kms-one-key.json --request -
