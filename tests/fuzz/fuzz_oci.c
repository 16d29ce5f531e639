/* libFuzzer target over the OCI front end: statements, JSON arrays and matching rules.
 * The first byte picks the entry point; the rest is the input.  Every successful parse is
 * also formatted, re-parsed and dumped as JSON, so printers are fuzzed too. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "iamc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0) return 0;
    static const iamc_lang langs[] = {IAMC_LANG_OCI, IAMC_LANG_OCI, IAMC_LANG_OCI_RULE, IAMC_LANG_OCI_RULES};
    iamc_lang lang = langs[data[0] % 4];
    iamc_doc *doc = iamc_doc_parse("fuzz", (const char *)data + 1, size - 1, lang);
    char *diags = iamc_doc_render_diagnostics(doc);
    free(diags);
    char *json = iamc_doc_to_json(doc, 0);
    if (!json) abort();
    free(json);
    char *text = iamc_doc_format(doc, 0);
    if (text) {
        /* canonical text must parse without errors and be a fixed point */
        iamc_doc *again = iamc_doc_parse("fuzz", text, strlen(text), lang);
        if (iamc_doc_error_count(again)) abort();
        char *text2 = iamc_doc_format(again, 0);
        if (!text2 || strcmp(text, text2) != 0) abort();
        free(text2);
        iamc_doc_free(again);
        free(text);
    } else if (iamc_doc_error_count(doc) == 0) {
        abort();  /* no errors, yet nothing to print */
    }
    iamc_doc_free(doc);
    return 0;
}
