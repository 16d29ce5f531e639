fmt --to json examples/policies/oke-clusters.rules
