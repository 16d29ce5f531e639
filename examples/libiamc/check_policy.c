/* A program that links the installed libiamc (pkg-config iamc): checks the syntax of each
 * policy file and prints its diagnostics.  Build:
 *   cc check_policy.c $(pkg-config --cflags --libs iamc) -o check_policy */
#include <iamc.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    int status = 0;
    for (int i = 1; i < argc; i++) {
        char err[512];
        iamc_doc *doc = iamc_doc_load(argv[i], IAMC_LANG_AUTO, err, sizeof err);
        if (!doc) {
            fprintf(stderr, "%s\n", err);
            status = 2;
            continue;
        }
        for (size_t k = 0; k < iamc_doc_diagnostic_count(doc); k++) {
            iamc_diagnostic d;
            iamc_doc_diagnostic(doc, k, &d);
            printf("%s:%u:%u: %s\n", d.file, d.line, d.col, d.message);
        }
        printf("%s: %zu statements or rules, %zu errors (libiamc %s)\n", argv[i], iamc_doc_count(doc),
               iamc_doc_error_count(doc), iamc_version());
        if (iamc_doc_error_count(doc)) status = 2;
        iamc_doc_free(doc);
    }
    return status;
}
