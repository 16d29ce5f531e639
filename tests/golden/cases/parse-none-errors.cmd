parse --format none examples/policies/typos.pol
