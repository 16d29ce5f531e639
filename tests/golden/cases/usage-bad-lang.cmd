fmt --lang cobol x
