fmt --check --lang oci tests/golden/cases/fmt-stdin.out
