fmt examples/policies/oke-same-tenancy.pol
