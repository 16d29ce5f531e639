fmt --check=yes x
