eval --world examples/worlds/oke.json --policy examples/ram/kms-key-use.json --request examples/requests/cluster-other-key.json
