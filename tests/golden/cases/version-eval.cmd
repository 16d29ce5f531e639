eval --version
