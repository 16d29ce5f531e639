/* The Check suites of the unit-test runner; one constructor per module. */
#ifndef IAMC_TESTS_SUITES_H
#define IAMC_TESTS_SUITES_H
#include <check.h>

Suite *base_suite(void);
Suite *oci_suite(void);
Suite *oci_corpus_suite(void);
Suite *decide_suite(void);
Suite *model_suite(void);
Suite *ram_suite(void);
Suite *emit_suite(void);
Suite *k8s_suite(void);
Suite *lint_suite(void);

/* Path below the project root (IAMC_TOP, set by make). */
const char *test_path(const char *rel);

#endif
