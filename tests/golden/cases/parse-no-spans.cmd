parse --no-spans examples/policies/oke-cluster-tenancy.pol
