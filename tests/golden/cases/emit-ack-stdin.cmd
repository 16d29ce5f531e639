emit --dry-run -o bundle -
