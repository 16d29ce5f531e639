check --list-rules --format json
