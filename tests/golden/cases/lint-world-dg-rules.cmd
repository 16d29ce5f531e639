lint --world tests/golden/inputs/oci/dg-rules.world.json
