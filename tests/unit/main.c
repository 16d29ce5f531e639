/* The unit-test runner: every suite of tests/unit/, one Check run. */
#include <stdio.h>
#include <stdlib.h>
#include "suites.h"

const char *test_path(const char *rel)
{
    static char path[4096];
    const char *top = getenv("IAMC_TOP");
    snprintf(path, sizeof path, "%s/%s", top ? top : ".", rel);
    return path;
}

int main(void)
{
    Suite *(*const suites[])(void) = {base_suite, oci_suite, oci_corpus_suite, model_suite, ram_suite, decide_suite,
                                      emit_suite, k8s_suite, lint_suite};
    SRunner *sr = srunner_create(suites[0]());
    for (size_t i = 1; i < sizeof suites / sizeof *suites; i++) srunner_add_suite(sr, suites[i]());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
