parse --format none examples/policies/oke-cluster-tenancy.pol
