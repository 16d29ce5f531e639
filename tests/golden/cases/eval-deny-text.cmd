eval --world examples/worlds/oke.json --request examples/requests/cluster-other-key.json
