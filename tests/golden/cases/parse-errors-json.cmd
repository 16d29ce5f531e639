parse --no-spans examples/policies/typos.pol
