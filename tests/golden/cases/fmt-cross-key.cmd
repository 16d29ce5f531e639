fmt examples/policies/oke-key-tenancy.pol
