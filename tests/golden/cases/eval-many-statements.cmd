eval --world tests/decide/verbs.world.json --request -
