eval --world tests/decide/requests.world.json --request -
