parse examples/policies/statements.json
