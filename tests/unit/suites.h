/* The Check suites of the unit-test runner: one constructor per module (tests/unit/test_*.c). */
#ifndef IAMC_TESTS_SUITES_H
#define IAMC_TESTS_SUITES_H
#include <check.h>

Suite *ram_suite(void);

#define IAMC_SUITES ram_suite

#endif
