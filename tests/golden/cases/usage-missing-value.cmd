fmt --lang
