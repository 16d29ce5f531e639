emit -o - -
