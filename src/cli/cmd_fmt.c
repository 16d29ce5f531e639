/* iamc fmt: print documents in canonical form. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"

/* --to picks between the two forms of an OCI policy; other documents have only one. */
static int to_does_not_apply(const char *file, iamc_lang lang, unsigned flags)
{
    const char *why = NULL;
    if ((flags & IAMC_FORMAT_JSON) && (lang == IAMC_LANG_OCI_RULE || lang == IAMC_LANG_OCI_RULES))
        why = "--to json applies to OCI policies; matching rules have no JSON form";
    else if ((flags & IAMC_FORMAT_TEXT) && (lang == IAMC_LANG_RAM || lang == IAMC_LANG_AWS))
        why = "--to text applies to OCI policies; a RAM or AWS policy is printed as JSON";
    if (why) fprintf(stderr, "iamc fmt: %s: %s\n", file, why);
    return why != NULL;
}

static int run(int argc, char **argv)
{
    static const struct option opts[] = {
        {"lang", required_argument, 0, 'l'}, {"to", required_argument, 0, 't'},
        {"check", no_argument, 0, 'c'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0},
    };
    iamc_lang lang = IAMC_LANG_AUTO;
    unsigned flags = 0;
    int check = 0, opt;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "l:t:ch", opts, NULL)) != -1) {
        switch (opt) {
        case 'l': if (cli_parse_lang("fmt", optarg, &lang)) return EXIT_INPUT; break;
        case 't':
            if (strcmp(optarg, "json") == 0) flags = IAMC_FORMAT_JSON;
            else if (strcmp(optarg, "text") != 0) return cli_usage_error(&cli_fmt, "--to takes text or json, not '%s'", optarg);
            else flags = IAMC_FORMAT_TEXT;
            break;
        case 'c': check = 1; break;
        case 'h': fputs(cli_fmt.usage, stdout); return EXIT_OK;
        default: return cli_bad_option(&cli_fmt, argv, opts);
        }
    }
    char *stdin_only[] = {"-"};
    char **files = optind < argc ? argv + optind : stdin_only;
    int nfiles = optind < argc ? argc - optind : 1;
    int status = EXIT_OK;
    for (int i = 0; i < nfiles; i++) {
        char err[512];
        iamc_doc *doc = iamc_doc_load(files[i], lang, err, sizeof err);
        if (!doc) {
            fprintf(stderr, "iamc fmt: %s\n", err);
            status = EXIT_INPUT;
            continue;
        }
        cli_print_diagnostics(doc);
        if (to_does_not_apply(files[i], iamc_doc_lang(doc), flags)) {
            status = EXIT_INPUT;
            iamc_doc_free(doc);
            continue;
        }
        if ((flags & IAMC_FORMAT_JSON) && iamc_doc_comment_count(doc) && !iamc_doc_error_count(doc))
            fprintf(stderr, "iamc fmt: %s: warning: --to json drops %zu comment%s (JSON statement strings cannot hold them)\n",
                    files[i], iamc_doc_comment_count(doc), iamc_doc_comment_count(doc) == 1 ? "" : "s");
        char *out = iamc_doc_format(doc, flags);
        if (!out) {
            status = EXIT_INPUT;  /* errors were printed; never print a partial document */
        } else if (check) {
            size_t len;
            const char *src = iamc_doc_source(doc, &len);
            if (strlen(out) != len || memcmp(out, src, len) != 0) {
                printf("%s\n", files[i]);
                if (status == EXIT_OK) status = EXIT_FINDINGS;
            }
        } else {
            fputs(out, stdout);
        }
        free(out);
        iamc_doc_free(doc);
    }
    return status;
}

const cli_command cli_fmt = {
    "fmt", "print policies in canonical form",
    "Usage: iamc fmt [OPTIONS] [FILE...]\n"
    "Print each FILE (default: standard input; '-' is standard input) in canonical form:\n"
    "keywords in the documentation's capitalisation, single spaces, one statement per line,\n"
    "comments kept; resource types iamc knows in lower case.  Names, values and lenient\n"
    "forms are printed as written.\n"
    "RAM and AWS JSON policies are printed as JSON: members in a fixed order (Version,\n"
    "Statement; Sid, Effect, Principal, Action, Resource, Condition), 2-space indent.\n"
    "A file with syntax errors is not printed; its errors go to standard error.\n"
    "\n"
    "Options:\n"
    "  -l, --lang LANG   auto (default), oci, rule (one matching rule), rules (one per line),\n"
    "                    ram or aws (a JSON policy; auto detects them)\n"
    "  -t, --to FORMAT   text, or json: the array that 'oci iam policy create --statements'\n"
    "                    takes (default: the input's own form); OCI policies only ('--to json'\n"
    "                    on matching rules, '--to text' on a JSON policy are errors); comments\n"
    "                    cannot go into JSON and are dropped with a warning\n"
    "  -c, --check       print nothing; list files that are not in canonical form, exit 1\n"
    "  -h, --help        this text\n"
    "      --version     print the version (every command takes it)\n"
    "\n"
    "Exit status: 0 ok, 1 --check found files to format, 2 usage or input error.\n",
    run,
};
