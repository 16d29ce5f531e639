parse examples/policies/oke-same-tenancy.pol
