fmt --check examples/policies/oke-same-tenancy.pol
