eval --request examples/requests/cluster-other-key.json
