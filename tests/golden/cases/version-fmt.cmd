fmt --version
