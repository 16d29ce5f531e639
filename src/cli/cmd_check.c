/* iamc check: lint by input kind.  A Kubernetes EncryptionConfiguration goes to the k8s
 * checker (rules K8S001…); policies go to the policy linter (iamc lint, rules OCI001…). */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "base/source.h"
#include "cli/cli.h"
#include "lint/lint.h"
#include "k8s/k8s.h"

enum { FMT_TEXT, FMT_JSON, FMT_SARIF };

static int parse_severity(const char *s, int *out)
{
    static const struct { const char *name; int level; } levels[] = {
        {"error", DIAG_ERROR}, {"warning", DIAG_WARNING}, {"note", DIAG_NOTE}, {"none", -1},
    };
    for (size_t i = 0; i < sizeof levels / sizeof *levels; i++)
        if (strcmp(s, levels[i].name) == 0) {
            *out = levels[i].level;
            return 0;
        }
    return -1;
}

static void list_rules(void)
{
    size_t n;
    const k8s_rule *r = k8s_rules(&n);
    for (size_t i = 0; i < n; i++) printf("%s  %-7s  %s\n", r[i].id, diag_severity_name(r[i].severity), r[i].title);
}

/* 0 clean, 1 findings at or above FAIL_ON, 2 input error. */
static int check_k8s(const char *path, int format, int fail_on, int reload, json_t *results)
{
    char err[512];
    k8s_doc *doc = k8s_doc_load(path, err, sizeof err);
    if (!doc) {
        fprintf(stderr, "iamc check: %s\n", err);
        return EXIT_INPUT;
    }
    k8s_check_opts opts = {-1, reload};
    k8s_doc_check(doc, &opts);
    if (format == FMT_TEXT) {
        buf out;
        buf_init(&out);
        k8s_doc_render_text(doc, &out);
        size_t e = k8s_doc_count(doc, DIAG_ERROR), w = k8s_doc_count(doc, DIAG_WARNING), n = k8s_doc_count(doc, DIAG_NOTE);
        if (e + w + n)
            buf_printf(&out, "%s: %zu error%s, %zu warning%s, %zu note%s\n", k8s_doc_name(doc), e, e == 1 ? "" : "s", w,
                       w == 1 ? "" : "s", n, n == 1 ? "" : "s");
        if (out.len) fwrite(out.data, 1, out.len, stdout);
        buf_free(&out);
    } else if (format == FMT_SARIF) {
        json_t *r = lint_k8s_sarif_results(doc);   /* one SARIF run for all files */
        json_array_extend(results, r);
        json_decref(r);
    } else {
        json_array_append_new(results, k8s_doc_render_json(doc));
    }
    int status = EXIT_OK;
    if (k8s_doc_input_error(doc)) status = EXIT_INPUT;
    else if (fail_on >= 0)
        for (const diag *d = k8s_doc_findings(doc); d; d = d->next)
            if ((int)d->severity <= fail_on) status = EXIT_FINDINGS;
    k8s_doc_free(doc);
    return status;
}

/* Does any argument name a Kubernetes EncryptionConfiguration?  Then this run checks those;
 * otherwise it lints policies (iamc lint, which takes the same --format/--fail-on). */
static int names_k8s(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (argv[i][0] == '-') continue;
        source src;
        char err[512];
        if (source_load(&src, argv[i], err, sizeof err)) continue;
        int k8s = k8s_sniff(src.text, src.len);
        source_free(&src);
        if (k8s) return 1;
    }
    return 0;
}

static int run(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help") || !strcmp(argv[i], "--list-rules")) goto own;
    if (!names_k8s(argc, argv)) return cli_lint.run(argc, argv);
own:;
    static const struct option opts[] = {
        {"format", required_argument, 0, 'f'}, {"fail-on", required_argument, 0, 'F'},
        {"automatic-reload", no_argument, 0, 'R'}, {"list-rules", no_argument, 0, 'L'},
        {"help", no_argument, 0, 'h'}, {0, 0, 0, 0},
    };
    int format = FMT_TEXT, fail_on = DIAG_WARNING, reload = 0, opt;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "f:h", opts, NULL)) != -1) {
        switch (opt) {
        case 'f':
            if (strcmp(optarg, "text") == 0) format = FMT_TEXT;
            else if (strcmp(optarg, "json") == 0) format = FMT_JSON;
            else if (strcmp(optarg, "sarif") == 0) format = FMT_SARIF;
            else return cli_usage_error(&cli_check, "--format takes text, json or sarif, not '%s'", optarg);
            break;
        case 'F':
            if (parse_severity(optarg, &fail_on))
                return cli_usage_error(&cli_check, "--fail-on takes error, warning, note or none, not '%s'", optarg);
            break;
        case 'R': reload = 1; break;
        case 'L': list_rules(); return EXIT_OK;
        case 'h': fputs(cli_check.usage, stdout); return EXIT_OK;
        default: return cli_usage_error(&cli_check, "unknown option");
        }
    }
    if (optind >= argc) return cli_usage_error(&cli_check, "no input file");
    int status = EXIT_OK;
    json_t *results = json_array();
    for (int i = optind; i < argc; i++) {
        /* peek at the content to pick the checker */
        source src;
        char err[512];
        if (strcmp(argv[i], "-") == 0) return cli_usage_error(&cli_check, "standard input is not supported; name a file");
        if (source_load(&src, argv[i], err, sizeof err)) {
            fprintf(stderr, "iamc check: %s\n", err);
            status = EXIT_INPUT;
            continue;
        }
        int is_k8s = k8s_sniff(src.text, src.len);
        source_free(&src);
        int rc;
        if (is_k8s) {
            rc = check_k8s(argv[i], format, fail_on, reload, results);
        } else {
            fprintf(stderr, "iamc check: %s is not an EncryptionConfiguration; check policies in a run of their own "
                            "(iamc check POLICY... or iamc lint)\n", argv[i]);
            rc = EXIT_INPUT;
        }
        if (rc > status) status = rc;
    }
    if (format == FMT_SARIF) {
        buf out;
        buf_init(&out);
        lint_print_k8s_sarif(json_incref(results), &out);
        fwrite(out.data, 1, out.len, stdout);
        buf_free(&out);
    } else if (format == FMT_JSON && json_array_size(results)) {
        json_t *out = json_array_size(results) == 1 ? json_incref(json_array_get(results, 0)) : json_incref(results);
        char *s = json_dumps(out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        puts(s);
        free(s);
        json_decref(out);
    }
    json_decref(results);
    return status;
}

const cli_command cli_check = {
    "check", "lint policies (OCI, RAM / AWS JSON; as iamc lint) or check a Kubernetes EncryptionConfiguration",
    "Usage: iamc check [OPTIONS] FILE...\n"
    "Check each FILE.  A Kubernetes EncryptionConfiguration (YAML or JSON, kind\n"
    "EncryptionConfiguration or the legacy EncryptionConfig) gets every validation rule of\n"
    "the API server, with its messages, and warnings on documented hazards; each finding has\n"
    "a rule ID (K8S001...) described in docs/encryption-config.md.  Key material is never\n"
    "printed: secrets show as REDACTED.  Any other input is linted as policies: see\n"
    "'iamc lint --help' for those options (rules in docs/rules.md).\n"
    "\n"
    "Options:\n"
    "  -f, --format FMT        text (default: file:line:col: error[K8S018]: ... with the\n"
    "                          source line and a caret), json, or sarif (SARIF 2.1.0)\n"
    "      --fail-on LEVEL     exit 1 when a finding is at least LEVEL: error, warning\n"
    "                          (default), note, or none\n"
    "      --automatic-reload  the API server runs with\n"
    "                          --encryption-provider-config-automatic-reload (KMS v1 names\n"
    "                          must then be unique too)\n"
    "      --list-rules        print the rule table and exit\n"
    "  -h, --help              this text\n"
    "\n"
    "A comment '# iamc-check: disable=K8S051,K8S050' in the file turns those rules off for it.\n"
    "\n"
    "Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage or input error.\n",
    run,
};
