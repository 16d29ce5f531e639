/* iamc lint (and iamc check): the rules of docs/rules.md over policy files, directories, a
 * world, and Kubernetes EncryptionConfiguration files. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "base/buf.h"
#include "base/source.h"
#include "cli/cli.h"
#include "k8s/k8s.h"
#include "lint/lint.h"
#include "ram/ast.h"
#include "world/world.h"

/* Is SRC (of PATH) a Kubernetes EncryptionConfiguration?  A *.yaml / *.yml file is (no
 * policy language is YAML: an empty or kind-less one gets K8S039 / K8S002), a *.pol, *.rules
 * or *.rule file is not; another file, and standard input, by its content (k8s_sniff). */
static int is_k8s(const char *path, const source *src)
{
    size_t n = strlen(path);
    if ((n > 5 && strcmp(path + n - 5, ".yaml") == 0) || (n > 4 && strcmp(path + n - 4, ".yml") == 0)) return 1;
    if ((n > 4 && strcmp(path + n - 4, ".pol") == 0) || (n > 6 && strcmp(path + n - 6, ".rules") == 0) ||
        (n > 5 && strcmp(path + n - 5, ".rule") == 0))
        return 0;
    return k8s_sniff(src->text, src->len);
}

/* The document of PATH in language LANG (auto: by the name and content; K8S: an
 * EncryptionConfiguration whatever its name) into IN; -1 with ERR when unreadable.  An
 * EncryptionConfiguration is checked here (RELOAD: --automatic-reload).  The file is read
 * once: standard input cannot be read twice. */
static int load_doc(const char *path, iamc_lang lang, int k8s, int reload, lint_input *in, char *err, size_t errlen)
{
    source src;
    if (source_load(&src, path, err, errlen)) return -1;
    size_t n = strlen(path);
    if (k8s || (lang == IAMC_LANG_AUTO && is_k8s(path, &src))) {
        struct stat st;
        k8s_check_opts opts = {-1, reload};
        if (strcmp(path, "-") != 0 && stat(path, &st) == 0) opts.file_mode = (int)(st.st_mode & 0777);   /* K8S055 */
        *in = (lint_input){path, NULL, -1, NULL, -1, 0, NULL, NULL};
        in->k8s = k8s_doc_parse(src.name, src.text, src.len);
        source_free(&src);
        k8s_doc_check(in->k8s, &opts);
        return 0;
    }
    if (lang == IAMC_LANG_AUTO)
        lang = n > 6 && strcmp(path + n - 6, ".rules") == 0 ? IAMC_LANG_OCI_RULES
             : n > 5 && strcmp(path + n - 5, ".rule") == 0 ? IAMC_LANG_OCI_RULE
             : cli_json_object_text(src.text, src.len)                     ? IAMC_LANG_AUTO : IAMC_LANG_OCI;
    *in = (lint_input){path, NULL, -1, NULL, -1, 0, NULL, NULL};
    if (lang == IAMC_LANG_AUTO || lang == IAMC_LANG_RAM || lang == IAMC_LANG_AWS) {
        in->ram = ram_parse(&src, lang == IAMC_LANG_RAM ? RAM_DIALECT_RAM : lang == IAMC_LANG_AWS ? RAM_DIALECT_AWS
                                                                                                  : RAM_DIALECT_AUTO);
        return 0;
    }
    unsigned flags = lang == IAMC_LANG_OCI_RULE ? OCI_PARSE_RULES
                   : lang == IAMC_LANG_OCI_RULES ? OCI_PARSE_RULES | OCI_PARSE_RULE_LINES : 0;
    in->doc = oci_parse(&src, flags);
    return 0;
}

static int parse_format(const char *s, lint_format *f)
{
    if (strcmp(s, "text") == 0) *f = LINT_FORMAT_TEXT;
    else if (strcmp(s, "json") == 0) *f = LINT_FORMAT_JSON;
    else if (strcmp(s, "sarif") == 0) *f = LINT_FORMAT_SARIF;
    else return -1;
    return 0;
}

static int list_rules(lint_format f, int markdown)
{
    buf out;
    buf_init(&out);
    if (f == LINT_FORMAT_SARIF) {
        lint_report r;
        lint_report_init(&r);
        lint_print_sarif(&r, &out);
        lint_report_free(&r);
    } else if (f == LINT_FORMAT_JSON && !markdown) {
        lint_print_rules_json(&out);
    } else {
        lint_print_rules(markdown, &out);
    }
    fwrite(out.data, 1, out.len, stdout);
    buf_free(&out);
    return EXIT_OK;
}

/* iamc lint, and iamc check (AS: the command whose name and usage errors show). */
int cli_lint_main(const cli_command *as, int argc, char **argv)
{
    static const struct option opts[] = {
        {"format", required_argument, 0, 'f'}, {"fail-on", required_argument, 0, 'F'},
        {"config", required_argument, 0, 'c'}, {"no-config", no_argument, 0, 'n'},
        {"baseline", required_argument, 0, 'b'}, {"world", required_argument, 0, 'w'},
        {"lang", required_argument, 0, 'l'}, {"list-rules", no_argument, 0, 'L'},
        {"automatic-reload", no_argument, 0, 'R'},
        {"help", no_argument, 0, 'h'}, {0, 0, 0, 0},
    };
    lint_format format = LINT_FORMAT_TEXT;
    const char *config = NULL, *baseline = NULL, *world_path = NULL, *fail_on = NULL;
    int no_config = 0, list = 0, markdown = 0, reload = 0, k8s = 0, opt;
    iamc_lang lang = IAMC_LANG_AUTO;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "f:F:c:nb:w:l:Lh", opts, NULL)) != -1) {
        switch (opt) {
        case 'f':
            if (strcmp(optarg, "markdown") == 0) markdown = 1;
            else if (parse_format(optarg, &format)) return cli_usage_error(as, "--format takes text, json or sarif, not '%s'", optarg);
            break;
        case 'F': fail_on = optarg; break;
        case 'c': config = optarg; break;
        case 'n': no_config = 1; break;
        case 'b': baseline = optarg; break;
        case 'w': world_path = optarg; break;
        case 'l':
            k8s = strcmp(optarg, "k8s") == 0;   /* not a policy language: lint's own */
            if (!k8s && cli_parse_lang_or(as->name, optarg, &lang, ", k8s")) return EXIT_INPUT;
            break;
        case 'L': list = 1; break;
        case 'R': reload = 1; break;
        case 'h': fputs(as->usage, stdout); return EXIT_OK;
        default: return cli_bad_option(as, argv, opts);
        }
    }
    if (list) return list_rules(format, markdown);
    if (markdown) return cli_usage_error(as, "--format markdown goes with --list-rules");
    if (optind >= argc && !world_path) return cli_usage_error(as, "give policy files, directories, or --world");

    lint_config cfg;
    lint_config_init(&cfg);
    char err[1024];
    int status = EXIT_OK;
    if (!config && !no_config && access(".iamc.json", R_OK) == 0) config = ".iamc.json";
    if (config && lint_config_load(&cfg, config, err, sizeof err)) {
        fprintf(stderr, "iamc %s: %s\n", as->name, err);
        lint_config_free(&cfg);
        return EXIT_INPUT;
    }
    if (fail_on) {
        if (strcmp(fail_on, "never") == 0 || strcmp(fail_on, "none") == 0) cfg.fail_on = LINT_OFF;
        else if (lint_severity_parse(fail_on, &cfg.fail_on) || cfg.fail_on == LINT_OFF) {
            lint_config_free(&cfg);
            return cli_usage_error(as, "--fail-on takes error, warning, info or never, not '%s'", fail_on);
        }
    }
    if (baseline && lint_baseline_load(&cfg, baseline, err, sizeof err)) {
        fprintf(stderr, "iamc %s: %s\n", as->name, err);
        lint_config_free(&cfg);
        return EXIT_INPUT;
    }

    world *w = NULL;
    if (world_path) {
        w = world_load(world_path, err, sizeof err);
        if (!w) {
            fprintf(stderr, "iamc %s: %s\n", as->name, err);
            lint_config_free(&cfg);
            return EXIT_INPUT;
        }
        /* errors in the world file itself (not in its policies) are input errors */
        for (const diag *g = w->diags.head; g; g = g->next)
            if (g->src == &w->src) {
                buf b;
                buf_init(&b);
                diag_render(g, &b);
                fputs(b.data, stderr);
                buf_free(&b);
                status = EXIT_INPUT;
            }
    }

    cli_paths files = {0};
    for (int i = optind; i < argc; i++) cli_collect_policies(argv[i], &files);
    size_t nworld = 0;
    for (size_t ti = 0; w && ti < w->ntenancies; ti++) nworld += w->tenancies[ti].npolicies + w->tenancies[ti].ndynamic_groups;
    lint_input *inputs = calloc(files.n + nworld + 1, sizeof *inputs);
    if (!inputs) abort();
    size_t n = 0;
    for (size_t ti = 0; w && ti < w->ntenancies; ti++)
        for (size_t pi = 0; pi < w->tenancies[ti].npolicies; pi++) {
            world_policy *p = &w->tenancies[ti].policies[pi];
            if (!p->doc) continue;
            inputs[n++] = (lint_input){p->doc->src.name, p->doc, (int)ti, w->tenancies[ti].id, p->compartment, p->compartment > 0, NULL, NULL};
        }
    /* the dynamic groups' matching rules, checked as .rule files are */
    for (size_t ti = 0; w && ti < w->ntenancies; ti++)
        for (size_t gi = 0; gi < w->tenancies[ti].ndynamic_groups; gi++) {
            oci_doc *rule = w->tenancies[ti].dynamic_groups[gi].rule;
            if (rule) inputs[n++] = (lint_input){rule->src.name, rule, (int)ti, w->tenancies[ti].id, -1, 0, NULL, NULL};
        }
    size_t nfile_inputs = n;
    for (size_t i = 0; i < files.n; i++) {
        if (load_doc(files.v[i], lang, k8s, reload, &inputs[n], err, sizeof err)) {
            fprintf(stderr, "iamc %s: %s\n", as->name, err);
            status = EXIT_INPUT;
            continue;
        }
        n++;
    }

    lint_report report;
    lint_report_init(&report);
    lint_ctx cx = {&report, w, inputs, n, 0, NULL, 0};
    for (size_t i = 0; i < n; i++) {
        cx.cur = i;
        if (inputs[i].k8s) {
            lint_k8s_doc(&cx, &inputs[i]);
            if (k8s_doc_input_error(inputs[i].k8s)) status = EXIT_INPUT;   /* K8S001, K8S039 */
        } else if (inputs[i].ram) lint_ram_doc(&cx, &inputs[i]);
        else lint_oci_doc(&cx, &inputs[i]);
    }
    lint_oci_cross(&cx);
    size_t failing = lint_finish(&cx, &cfg);

    buf out;
    buf_init(&out);
    if (format == LINT_FORMAT_JSON) lint_print_json(&report, &out);
    else if (format == LINT_FORMAT_SARIF) lint_print_sarif(&report, &out);
    else lint_print_text(&report, &out);
    if (out.len) fwrite(out.data, 1, out.len, stdout);
    buf_free(&out);

    if (status == EXIT_OK && failing) status = EXIT_FINDINGS;
    free((void *)cx.perm_names);
    lint_report_free(&report);
    for (size_t i = nfile_inputs; i < n; i++) {
        oci_doc_free(inputs[i].doc);
        ram_doc_free(inputs[i].ram);
        k8s_doc_free(inputs[i].k8s);
    }
    cli_paths_free(&files);
    free(inputs);
    world_free(w);
    lint_config_free(&cfg);
    return status;
}

static int run(int argc, char **argv) { return cli_lint_main(&cli_lint, argc, argv); }

const cli_command cli_lint = {
    "lint", "check policies and EncryptionConfigurations against the lint rules (docs/rules.md)",
    "Usage: iamc lint [OPTIONS] [FILE|DIR...]\n"
    "Check OCI policies (*.pol, *.rules, *.rule in directories), RAM / AWS IAM JSON\n"
    "policies (a file whose first non-blank byte is '{'; *.json policies in directories) and\n"
    "Kubernetes EncryptionConfiguration files (kind EncryptionConfiguration or EncryptionConfig,\n"
    "YAML or JSON, named as files: *.yaml, *.yml, or a file or '-' (standard input) with a line\n"
    "beginning 'apiVersion:' or 'kind:', or a JSON object with a \"kind\" member naming the kind;\n"
    "--lang k8s for any name) against the rules of docs/rules.md (OCI001…, RAM001…,\n"
    "K8S001…); OCI files given together are also checked against each other (aliases,\n"
    "Endorse/Admit pairs, the same grant twice, statement limits).  docs/lint.md has the details.\n"
    "\n"
    "Options:\n"
    "  -f, --format FMT      text (default), json (one object per finding) or sarif (SARIF 2.1.0)\n"
    "  -F, --fail-on SEV     exit 1 when a finding is at least SEV: error, warning (default), info, never\n"
    "  -c, --config FILE     configuration (default: .iamc.json in the current directory, if any)\n"
    "  -n, --no-config       ignore .iamc.json\n"
    "  -b, --baseline FILE   leave out the findings of an earlier 'iamc lint --format json' run\n"
    "  -w, --world FILE      lint the policies of a world (docs/world.md): tenancies, groups, compartments known\n"
    "  -l, --lang LANG       auto (default), oci, rule, rules, ram, aws, k8s (EncryptionConfiguration)\n"
    "      --automatic-reload  EncryptionConfigurations: the API server runs with\n"
    "                        --encryption-provider-config-automatic-reload (KMS v1 names must be unique)\n"
    "  -L, --list-rules      print the rule catalogue (--format json: an array of rules, markdown: docs/rules.md,\n"
    "                        sarif: rules metadata)\n"
    "  -h, --help            this text\n"
    "\n"
    "Inline: '# iamc:ignore RULE[, RULE…]' after a statement or on the line before it;\n"
    "'# iamc:ignore-file RULE' anywhere in the file.  RULE is an ID (OCI012) or a name.\n"
    "In an EncryptionConfiguration, '# iamc-check: disable=K8S051,K8S050' turns rules off for the file.\n"
    "\n"
    "Exit status: 0 no finding at or above --fail-on, 1 findings, 2 usage or input error\n"
    "(an unreadable file; an EncryptionConfiguration that is not YAML/JSON (K8S001) or empty (K8S039)).\n",
    run,
};
