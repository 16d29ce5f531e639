#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"

int cli_parse_lang(const char *cmd, const char *value, iamc_lang *out)
{
    static const struct { const char *name; iamc_lang lang; } langs[] = {
        {"auto", IAMC_LANG_AUTO}, {"oci", IAMC_LANG_OCI},
        {"rule", IAMC_LANG_OCI_RULE}, {"rules", IAMC_LANG_OCI_RULES},
        {"ram", IAMC_LANG_RAM}, {"aws", IAMC_LANG_AWS},
    };
    for (size_t i = 0; i < sizeof langs / sizeof *langs; i++)
        if (strcmp(value, langs[i].name) == 0) {
            *out = langs[i].lang;
            return 0;
        }
    fprintf(stderr, "iamc %s: unknown language '%s' (auto, oci, rule, rules, ram, aws)\n", cmd, value);
    return -1;
}

void cli_print_diagnostics(const iamc_doc *doc)
{
    char *text = iamc_doc_render_diagnostics(doc);
    fputs(text, stderr);
    free(text);
}

int cli_usage_error(const cli_command *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "iamc %s: ", cmd->name);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'iamc %s --help'.\n", cmd->name);
    return EXIT_INPUT;
}
