help parse
