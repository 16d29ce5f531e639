fmt examples/policies/statements.json
