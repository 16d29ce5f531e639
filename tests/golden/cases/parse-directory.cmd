parse --format none tests
