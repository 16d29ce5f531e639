eval --world tests/decide/requests.world.json --requests - --format json
