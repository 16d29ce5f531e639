fmt --to text examples/policies/statements.json
