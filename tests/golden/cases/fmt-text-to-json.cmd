fmt --to json examples/policies/oke-same-tenancy.pol
