/* iamc rotate: from the EncryptionConfiguration in force, the six files and the runbook of
 * an HA-safe key rotation, switch to KMS v2, or decryption; each file is checked and the
 * plan is proved (no server ever lacks a key for data another server may have written). */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "base/outdir.h"
#include "cli/cli.h"
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

static int run(int argc, char **argv)
{
    static const struct option opts[] = {
        {"output", required_argument, 0, 'o'}, {"force", no_argument, 0, 'F'},
        {"to", required_argument, 0, 'T'}, {"disable", no_argument, 0, 'D'},
        {"kms-name", required_argument, 0, 'N'}, {"kms-endpoint", required_argument, 0, 'E'},
        {"kms-timeout", required_argument, 0, 'M'},
        {"test-key-seed", required_argument, 0, 'S'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0},
    };
    const char *dir = NULL, *seed = NULL;
    k8s_rotate_kms kms = {NULL, NULL, NULL};
    k8s_rotate_mode mode = K8S_ROTATE_KEY;
    int force = 0, opt;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
        switch (opt) {
        case 'o': dir = optarg; break;
        case 'F': force = 1; break;
        case 'T':
            if (strcmp(optarg, "kms") != 0) return cli_usage_error(&cli_rotate, "--to takes kms, not '%s'", optarg);
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
    if (mode == K8S_ROTATE_TO_KMS && (!kms.name || !kms.endpoint))
        return cli_usage_error(&cli_rotate, "--to kms needs --kms-name and --kms-endpoint");
    if (mode != K8S_ROTATE_TO_KMS && (kms.name || kms.endpoint || kms.timeout))
        return cli_usage_error(&cli_rotate, "--kms-* options go with --to kms");
    if (force && outdir_holds(dir, argv[optind])) {
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
    buf msg, log, directives, text;
    buf_init(&msg);
    buf_init(&log);
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
        int rc = k8s_rotation_write(&plan, argv[optind], text.data ? text.data : "", text.len, directives.data, dir,
                                    force, &msg, &log);
        if (msg.len) fwrite(msg.data, 1, msg.len, stderr);
        if (log.len) fwrite(log.data, 1, log.len, stdout);
        status = rc == K8S_EMIT_OK ? EXIT_OK : rc == K8S_EMIT_REFUSED ? EXIT_FINDINGS : EXIT_INPUT;
    }
    buf_free(&msg);
    buf_free(&log);
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
    "key that encrypted stored data is dropped before the rewrite.  Files are mode 0600.\n"
    "\n"
    "Options:\n"
    "  -o, --output DIR       the directory to create (written whole or not at all, with a\n"
    "                         MANIFEST.json listing every file's mode, size and SHA-256)\n"
    "      --force            replace DIR when it is an earlier output of iamc (has a\n"
    "                         MANIFEST.json) or empty; any other DIR, or the one that holds\n"
    "                         FILE, is refused\n"
    "      --to kms           switch local keys to a KMS v2 provider instead (same six steps)\n"
    "      --kms-name NAME    with --to kms: the provider name (no ':'; never renamed later)\n"
    "      --kms-endpoint URL with --to kms: unix:///path/to/plugin.sock\n"
    "      --kms-timeout DUR  with --to kms: e.g. 3s\n"
    "      --disable          decrypt instead: identity second, then first, rewrite, identity only\n"
    "      --test-key-seed N  derive keys from N instead of getrandom (tests only: NOT secret)\n"
    "  -h, --help             this text\n"
    "\n"
    "Exit status: 0 written, 1 nothing to do or refused, 2 usage or input error.\n",
    run,
};
