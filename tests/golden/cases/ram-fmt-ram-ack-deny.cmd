fmt tests/golden/inputs/ram/ram-ack-deny.json
