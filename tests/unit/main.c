/* The unit-test runner: every suite of suites.h in one SRunner. */
#include <stdlib.h>
#include "suites.h"

int main(void)
{
    Suite *(*const suites[])(void) = {IAMC_SUITES};
    SRunner *sr = srunner_create(NULL);
    for (size_t i = 0; i < sizeof suites / sizeof *suites; i++) srunner_add_suite(sr, suites[i]());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
