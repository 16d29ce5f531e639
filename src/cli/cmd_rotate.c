/* iamc rotate: from the EncryptionConfiguration in force, the six files and the runbook of
 * an HA-safe key rotation, switch to KMS v2, or decryption; each file is checked and the
 * plan is proved (no server ever lacks a key for data another server may have written). */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "base/diag.h"
#include "base/outdir.h"
#include "cli/cli.h"
#include "k8s/config.h"
#include "k8s/emit.h"
#include "k8s/k8s.h"

int cli_key_source(const char *cmd, const char *seed, k8s_keysrc *keys);

/* The input's own "# iamc-check: disable=…" lines, carried into every step file. */
static void copy_directives(const char *text, size_t len, buf *out)
{
    for (size_t i = 0; i < len;) {
        size_t e = i;
        while (e < len && text[e] != '\n') e++;
        const char *p = text + i;
        while (p < text + e && *p == ' ') p++;
        int found = 0;
        for (const char *q = p; q + 11 <= text + e && !found; q++) found = memcmp(q, "iamc-check:", 11) == 0;
        if (p < text + e && *p == '#' && found) {
            buf_put(out, text + i, e - i);
            buf_putc(out, '\n');
        }
        i = e + 1;
    }
}

/* A usage error about the value V of option OPT: V quoted as messages quote values. */
static int bad_value(const char *opt, const char *v, const char *problem)
{
    buf q;
    buf_init(&q);
    diag_quote(&q, v, strlen(v), 200);
    int rc = cli_usage_error(&cli_rotate, "%s \"%s\" %s", opt, q.data ? q.data : "", problem);
    buf_free(&q);
    return rc;
}

/* The --kms-* values by the checker's rules, before any file is read: a value the step files
 * would fail on is a usage error, not a finding against a file never written. */
static int check_kms_options(const k8s_rotate_kms *kms)
{
    char why[256];
    const char *problem;
    if ((problem = k8s_kms_name_problem(kms->name))) return bad_value("--kms-name", kms->name, problem);
    if ((problem = k8s_kms_endpoint_problem(kms->endpoint, why, sizeof why)))
        return bad_value("--kms-endpoint", kms->endpoint, problem);
    if (kms->timeout && (problem = k8s_kms_timeout_problem(kms->timeout)))
        return bad_value("--kms-timeout", kms->timeout, problem);
    return EXIT_OK;
}

/* --dry-run: the plan and the files, as iamc emit --dry-run prints a bundle's. */
static void print_dry_run(const k8s_bundle *b, const char *input, const char *dir, int force)
{
    struct stat st;
    int exists = stat(dir, &st) == 0;
    printf("iamc rotate: %s of %s: dry run, nothing written\n%s:\n", b->kind, input, b->checked);
    for (const char *line = b->checks.data; line && *line;) {
        const char *nl = strchr(line, '\n');
        printf("  %.*s\n", (int)(nl - line), line);
        line = nl + 1;
    }
    printf("would write %s%s:\n", dir, !exists ? "" : force ? " (replacing it, if it is an earlier output of iamc)"
                                                           : " (it exists: refused without --force)");
    for (size_t i = 0; i < b->nfiles; i++)
        printf("  %04o %6zu  %s  %s\n", b->files[i].mode, b->files[i].len, b->files[i].sha256, b->files[i].path);
}

/* What was written, a line each: the step files with their purpose, then the others. */
static void print_written(const k8s_bundle *b, const char *dir)
{
    for (const char *line = b->checks.data; line && *line;) {
        const char *nl = strchr(line, '\n');
        printf("%s/%.*s\n", dir, (int)(nl - line), line);
        line = nl + 1;
    }
    printf("%s/rewrite-secrets.sh\n%s/README.md\n%s/MANIFEST.json\n", dir, dir, dir);
}

static int run(int argc, char **argv)
{
    static const struct option opts[] = {
        {"output", required_argument, 0, 'o'}, {"force", no_argument, 0, 'f'}, {"dry-run", no_argument, 0, 'n'},
        {"to", required_argument, 0, 'T'}, {"disable", no_argument, 0, 'D'},
        {"kms-name", required_argument, 0, 'N'}, {"kms-endpoint", required_argument, 0, 'E'},
        {"kms-timeout", required_argument, 0, 'M'},
        {"test-key-seed", required_argument, 0, 'S'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0},
    };
    const char *dir = NULL, *seed = NULL;
    k8s_rotate_kms kms = {NULL, NULL, NULL};
    k8s_rotate_mode mode = K8S_ROTATE_KEY;
    int force = 0, dry_run = 0, opt;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "o:fnh", opts, NULL)) != -1) {
        switch (opt) {
        case 'o': dir = optarg; break;
        case 'f': force = 1; break;
        case 'n': dry_run = 1; break;
        case 'T':
            if (strcmp(optarg, "kms") != 0) return bad_value("--to", optarg, "is not kms, the one value it takes");
            mode = K8S_ROTATE_TO_KMS;
            break;
        case 'D': mode = K8S_ROTATE_DISABLE; break;
        case 'N': kms.name = optarg; break;
        case 'E': kms.endpoint = optarg; break;
        case 'M': kms.timeout = optarg; break;
        case 'S': seed = optarg; break;
        case 'h': fputs(cli_rotate.usage, stdout); return EXIT_OK;
        default: return cli_bad_option(&cli_rotate, argv, opts);
        }
    }
    if (optind + 1 != argc) return cli_usage_error(&cli_rotate, "name one EncryptionConfiguration file");
    if (!dir) return cli_usage_error(&cli_rotate, "-o DIR is required");
    /* iamc emit prints its files for '-o -'; rotate has no such output: not a directory '-' */
    if (strcmp(dir, "-") == 0) return cli_usage_error(&cli_rotate, "-o takes a directory ('-' is not one here)");
    if (mode == K8S_ROTATE_TO_KMS && (!kms.name || !kms.endpoint))
        return cli_usage_error(&cli_rotate, "--to kms needs --kms-name and --kms-endpoint");
    if (mode != K8S_ROTATE_TO_KMS && (kms.name || kms.endpoint || kms.timeout))
        return cli_usage_error(&cli_rotate, "--kms-* options go with --to kms");
    if (mode == K8S_ROTATE_TO_KMS && check_kms_options(&kms) != EXIT_OK) return EXIT_INPUT;
    char name_err[1024];
    if (!dry_run && !outdir_name_ok(dir, name_err, sizeof name_err)) {
        fprintf(stderr, "iamc rotate: %s\n", name_err);
        return EXIT_INPUT;
    }
    if (force && !dry_run && outdir_holds(dir, argv[optind])) {
        fprintf(stderr, "iamc rotate: %s holds the input %s: not replacing it\n", dir, argv[optind]);
        return EXIT_INPUT;
    }
    char err[512];
    k8s_doc *doc = k8s_doc_load(argv[optind], err, sizeof err);
    if (!doc) {
        fprintf(stderr, "iamc rotate: %s\n", err);
        return EXIT_INPUT;
    }
    k8s_check_opts copts = {-1, 0};
    k8s_doc_check(doc, &copts);
    int status = EXIT_INPUT;
    if (k8s_doc_input_error(doc) || k8s_doc_count(doc, DIAG_ERROR)) {
        buf out;
        buf_init(&out);
        k8s_doc_render_text(doc, &out);
        fwrite(out.data, 1, out.len, stderr);
        buf_free(&out);
        fprintf(stderr, "iamc rotate: %s has errors; fix them first (iamc check)\n", argv[optind]);
        k8s_doc_free(doc);
        return EXIT_INPUT;
    }
    k8s_keysrc keys;
    if (cli_key_source("rotate", seed, &keys) != 0) {
        k8s_doc_free(doc);
        return EXIT_INPUT;
    }
    arena mem;
    arena_init(&mem);
    k8s_rotation plan;
    buf msg, directives, text;
    buf_init(&msg);
    buf_init(&directives);
    buf_init(&text);
    FILE *f = fopen(argv[optind], "rb");
    if (f) {
        char chunk[4096];
        size_t n;
        while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) buf_put(&text, chunk, n);
        fclose(f);
        if (text.len) copy_directives(text.data, text.len, &directives);
    }
    if (k8s_rotation_plan(&plan, k8s_doc_config(doc), mode, &kms, &keys, &mem, &msg) != 0) {
        fprintf(stderr, "iamc rotate: %s", msg.data ? msg.data : "cannot plan\n");
        status = EXIT_FINDINGS;
    } else if (k8s_rotation_verify(&plan, &msg) != 0) {
        fprintf(stderr, "iamc rotate: the plan would lose data; nothing written: %s", msg.data);
        status = EXIT_FINDINGS;
    } else {
        k8s_bundle b;
        k8s_bundle_init(&b);
        int rc = k8s_rotation_bundle(&plan, argv[optind], text.data ? text.data : "", text.len, directives.data, &b, &msg);
        if (msg.len) fwrite(msg.data, 1, msg.len, stderr);
        buf_free(&msg);
        buf_init(&msg);
        if (rc != K8S_EMIT_OK) {
            status = EXIT_FINDINGS;
        } else if (dry_run) {
            print_dry_run(&b, argv[optind], dir, force);
            status = EXIT_OK;
        } else if (k8s_bundle_write(&b, dir, force, &msg) != 0) {
            fprintf(stderr, "iamc rotate: %s", msg.data ? msg.data : "cannot write\n");
            status = EXIT_INPUT;
        } else {
            print_written(&b, dir);
            status = EXIT_OK;
        }
        k8s_bundle_free(&b);
    }
    buf_free(&msg);
    buf_free(&directives);
    if (text.data) memset(text.data, 0, text.len);   /* the keys in force */
    buf_free(&text);
    arena_free(&mem);
    k8s_doc_free(doc);
    return status;
}

const cli_command cli_rotate = {
    "rotate", "plan an HA-safe EncryptionConfiguration key rotation, KMS switch or decryption",
    "Usage: iamc rotate [OPTIONS] FILE.yaml -o DIR\n"
    "From the EncryptionConfiguration in force (FILE), write into DIR the file for each step of\n"
    "the Kubernetes procedure and a runbook (README.md):\n"
    "  1 add the new key second   2 restart all API servers   3 make the new key first\n"
    "  4 restart all API servers  5 rewrite all objects       6 drop the old key\n"
    "Every list whose first provider is aescbc, aesgcm or secretbox gets a new 32-byte key from\n"
    "getrandom.  Each file is checked, and the plan is proved: during every step, servers on the\n"
    "step's file and on the one before can read whatever any of them may have written, and no\n"
    "key that encrypted stored data is dropped before the rewrite.  The step files hold the\n"
    "keys: mode 0600.\n"
    "\n"
    "Options:\n"
    "  -o, --output DIR       the directory to create (written whole or not at all, with a\n"
    "                         MANIFEST.json listing every file's mode, size and SHA-256)\n"
    "  -f, --force            replace DIR when it is an earlier output of iamc (has a\n"
    "                         MANIFEST.json) or empty; any other DIR, or the one that holds\n"
    "                         FILE, is refused\n"
    "  -n, --dry-run          print the steps and the files that would be written (mode, size,\n"
    "                         SHA-256), write nothing\n"
    "      --to kms           switch local keys to a KMS v2 provider instead (same six steps)\n"
    "      --kms-name NAME    with --to kms: the provider name (no ':'; never renamed later)\n"
    "      --kms-endpoint URL with --to kms: unix:///path/to/plugin.sock\n"
    "      --kms-timeout DUR  with --to kms: a positive duration, e.g. 3s\n"
    "                         (the three as iamc check has them: K8S022, K8S025, K8S028)\n"
    "      --disable          decrypt instead: identity second, then first, rewrite, identity only\n"
    "      --test-key-seed N  derive keys from N instead of getrandom (tests only: NOT secret)\n"
    "  -h, --help             this text\n"
    "\n"
    "Exit status: 0 written (or planned, with --dry-run), 1 nothing to do or refused, 2 usage or\n"
    "input error, an existing DIR among them.\n",
    run,
};
