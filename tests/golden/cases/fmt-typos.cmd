fmt examples/policies/typos.pol
