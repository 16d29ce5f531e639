eval --policy examples/ram/kms-key-use.json --policy examples/ram/ack-deny-kms.json --requests examples/ram/requests.jsonl
