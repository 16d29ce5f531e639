parse --format xml x
