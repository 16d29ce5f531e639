fmt tests/golden/inputs/ram/ram-trust-crlf.json
