lint --list-rules --format markdown
