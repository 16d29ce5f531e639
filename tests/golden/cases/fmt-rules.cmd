fmt examples/policies/oke-clusters.rules
