parse examples/policies/oke-clusters.rules
