eval --world examples/worlds/oke.json --request examples/requests/cluster-decrypt-cross.json
