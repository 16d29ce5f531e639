parse --no-spans examples/policies/oke-key-tenancy.pol examples/policies/oke-clusters.rules
