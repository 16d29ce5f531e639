/* iamc parse: the AST as JSON, or only the errors. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"

static int run(int argc, char **argv)
{
    static const struct option opts[] = {
        {"lang", required_argument, 0, 'l'}, {"format", required_argument, 0, 'f'},
        {"no-spans", no_argument, 0, 'S'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0},
    };
    iamc_lang lang = IAMC_LANG_AUTO;
    int as_json = 1, opt;
    unsigned flags = 0;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "l:f:h", opts, NULL)) != -1) {
        switch (opt) {
        case 'l': if (cli_parse_lang("parse", optarg, &lang)) return EXIT_INPUT; break;
        case 'f':
            if (strcmp(optarg, "json") == 0) as_json = 1;
            else if (strcmp(optarg, "none") == 0) as_json = 0;
            else return cli_usage_error(&cli_parse, "--format takes json or none, not '%s'", optarg);
            break;
        case 'S': flags |= IAMC_JSON_NO_SPANS; break;
        case 'h': fputs(cli_parse.usage, stdout); return EXIT_OK;
        default: return cli_bad_option(&cli_parse, argv, opts);
        }
    }
    char *stdin_only[] = {"-"};
    char **files = optind < argc ? argv + optind : stdin_only;
    int nfiles = optind < argc ? argc - optind : 1;
    int status = EXIT_OK;
    if (as_json && nfiles > 1) fputs("[\n", stdout);
    for (int i = 0; i < nfiles; i++) {
        char err[512];
        iamc_doc *doc = iamc_doc_load(files[i], lang, err, sizeof err);
        if (!doc) {
            fprintf(stderr, "iamc parse: %s\n", err);
            status = EXIT_INPUT;
            continue;
        }
        cli_print_diagnostics(doc);
        if (iamc_doc_error_count(doc)) status = EXIT_INPUT;
        if (as_json) {
            char *j = iamc_doc_to_json(doc, flags);
            fputs(j, stdout);
            fputs(nfiles > 1 && i + 1 < nfiles ? ",\n" : "\n", stdout);
            free(j);
        }
        iamc_doc_free(doc);
    }
    if (as_json && nfiles > 1) fputs("]\n", stdout);
    return status;
}

const cli_command cli_parse = {
    "parse", "print the syntax tree as JSON, or check syntax only",
    "Usage: iamc parse [OPTIONS] [FILE...]\n"
    "Parse each FILE (default: standard input; '-' is standard input) and print its syntax\n"
    "tree as JSON (docs/ast.md): one object per file, an array of them for several files.\n"
    "Errors go to standard error as FILE:LINE:COL: error: ... with the source line and a\n"
    "caret, and are also listed in the JSON under \"diagnostics\".\n"
    "\n"
    "Options:\n"
    "  -l, --lang LANG     auto (default), oci, rule (one matching rule), rules (one per line),\n"
    "                      ram or aws (a JSON policy; auto detects them)\n"
    "  -f, --format FMT    json (default), or none: report errors only (pre-commit hooks)\n"
    "      --no-spans      leave source positions out of the JSON\n"
    "  -h, --help          this text\n"
    "      --version       print the version (every command takes it)\n"
    "\n"
    "Exit status: 0 ok, 2 usage or input error (any syntax error).\n",
    run,
};
