fmt examples/policies/oke-cluster-tenancy.pol
