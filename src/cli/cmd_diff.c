/* iamc diff: the access two versions of a policy set grant differently (docs/diff.md). */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "base/buf.h"
#include "base/diag.h"
#include "cli/cli.h"
#include "diff/diff.h"

typedef struct version { cli_paths files; oci_doc **docs; size_t n; } version;

/* Parse every policy of PATH; -1 (after printing why) when one cannot be read or parsed. */
static int load_version(const char *path, version *v)
{
    cli_collect_policies(path, &v->files);
    v->docs = calloc(v->files.n + 1, sizeof *v->docs);
    if (!v->docs) abort();
    int bad = 0;
    for (size_t i = 0; i < v->files.n; i++) {
        char err[600];
        source src;
        if (source_load(&src, v->files.v[i], err, sizeof err)) {
            fprintf(stderr, "iamc diff: %s\n", err);
            bad = 1;
            continue;
        }
        oci_doc *d = oci_parse(&src, 0);
        v->docs[v->n++] = d;
        if (d->diags.errors) {
            buf b;
            buf_init(&b);
            for (const diag *g = d->diags.head; g; g = g->next) diag_render(g, &b);
            fputs(b.data, stderr);
            buf_free(&b);
            bad = 1;
        }
    }
    return bad ? -1 : 0;
}

static void free_version(version *v)
{
    for (size_t i = 0; i < v->n; i++) oci_doc_free(v->docs[i]);
    free(v->docs);
    cli_paths_free(&v->files);
}

static int run(int argc, char **argv)
{
    static const struct option opts[] = {
        {"format", required_argument, 0, 'f'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0},
    };
    int format = 0, opt;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "f:h", opts, NULL)) != -1) {
        switch (opt) {
        case 'f':
            if (strcmp(optarg, "text") == 0) format = 0;
            else if (strcmp(optarg, "json") == 0) format = 1;
            else if (strcmp(optarg, "sarif") == 0) format = 2;
            else return cli_usage_error(&cli_diff, "--format takes text, json or sarif, not '%s'", optarg);
            break;
        case 'h': fputs(cli_diff.usage, stdout); return EXIT_OK;
        default: return cli_usage_error(&cli_diff, "unknown option");
        }
    }
    if (argc - optind != 2) return cli_usage_error(&cli_diff, "give OLD and NEW (files or directories)");
    version old = {0}, new_v = {0};
    int status = EXIT_OK;
    if (load_version(argv[optind], &old) | load_version(argv[optind + 1], &new_v)) status = EXIT_INPUT;
    diff_result r;
    char err[600];
    if (status == EXIT_OK && diff_compare(old.docs, old.n, new_v.docs, new_v.n, &r, err, sizeof err)) {
        fprintf(stderr, "iamc diff: %s\n", err);
        status = EXIT_INPUT;
    }
    if (status == EXIT_OK) {
        buf out;
        buf_init(&out);
        if (format == 1) diff_print_json(&r, &out);
        else if (format == 2) diff_print_sarif(&r, &out);
        else diff_print_text(&r, &out);
        if (out.len) fwrite(out.data, 1, out.len, stdout);
        buf_free(&out);
        status = r.widened ? EXIT_FINDINGS : EXIT_OK;
        diff_result_free(&r);
    }
    free_version(&old);
    free_version(&new_v);
    return status;
}

const cli_command cli_diff = {
    "diff", "the access two versions of a policy set grant differently",
    "Usage: iamc diff [--format text|json|sarif] OLD NEW\n"
    "Compare what two versions of OCI policies allow, not their text: OLD and NEW are policy\n"
    "files or directories (their *.pol files, taken as attached to the root compartment of\n"
    "one tenancy).  Each row is a principal, permissions, a location and the condition of the\n"
    "request, that NEW allows and OLD did not (+, widened) or OLD allowed and NEW does not\n"
    "(-, narrowed), with the statement that grants it.  Decided by the decision engine over\n"
    "the principals, permissions, compartments and conditions the two versions mention\n"
    "(docs/diff.md).  A change of spelling, case, spacing or order gives no row.\n"
    "\n"
    "Options:\n"
    "  -f, --format FMT   text (default), json (one object per row) or sarif\n"
    "  -h, --help         this text\n"
    "\n"
    "Exit status: 0 access not widened, 1 widened (a CI gate), 2 usage or input error.\n",
    run,
};
