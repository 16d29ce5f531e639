/* iamc emit-k8s: a bundle spec with "cloud": "kubernetes" or "alibaba" → artifact directory.
 * (At merge, `iamc emit` routes these clouds here.) */
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "base/source.h"
#include "k8s/emit.h"

typedef int (*bundle_fn)(const json_t *, const char *, const char *, const k8s_emit_opts *, buf *, buf *);
static const struct { const char *cloud; bundle_fn emit; } clouds[] = {
    {"kubernetes", k8s_emit_bundle},
    {"alibaba", ack_emit_bundle},
};

/* Shared with `iamc rotate`: --test-key-seed, for reproducible tests only. */
int cli_key_source(const char *cmd, const char *seed, k8s_keysrc *keys)
{
    if (!seed) {
        k8s_keysrc_system(keys);
        return 0;
    }
    char *end;
    uint64_t v = strtoull(seed, &end, 10);
    if (!*seed || *end) {
        fprintf(stderr, "iamc %s: --test-key-seed takes a number\n", cmd);
        return -1;
    }
    k8s_keysrc_seeded(keys, v);
    fprintf(stderr, "iamc %s: WARNING: --test-key-seed: keys are NOT random; for tests only\n", cmd);
    return 0;
}

static int run(int argc, char **argv)
{
    static const struct option opts[] = {
        {"output", required_argument, 0, 'o'}, {"force", no_argument, 0, 'F'},
        {"test-key-seed", required_argument, 0, 'S'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0},
    };
    const char *outdir = NULL, *seed = NULL;
    int force = 0, opt;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
        switch (opt) {
        case 'o': outdir = optarg; break;
        case 'F': force = 1; break;
        case 'S': seed = optarg; break;
        case 'h': fputs(cli_emit_k8s.usage, stdout); return EXIT_OK;
        default: return cli_bad_option(&cli_emit_k8s, argv, opts);
        }
    }
    if (optind + 1 != argc) return cli_usage_error(&cli_emit_k8s, "name one bundle spec");
    if (!outdir) return cli_usage_error(&cli_emit_k8s, "-o DIR is required");
    const char *path = argv[optind];
    /* the bytes, not only the JSON: MANIFEST.json records their digest */
    source src;
    char msg[512];
    if (source_load(&src, path, msg, sizeof msg)) {
        fprintf(stderr, "iamc emit-k8s: %s\n", msg);
        return EXIT_INPUT;
    }
    json_error_t jerr;
    json_t *spec = json_loadb(src.text, src.len, JSON_REJECT_DUPLICATES, &jerr);
    if (!spec) {
        fprintf(stderr, "%s:%d:%d: error: %s\n", path, jerr.line, jerr.column, jerr.text);
        source_free(&src);
        return EXIT_INPUT;
    }
    int status = EXIT_INPUT;
    json_t *cloud = json_object_get(spec, "cloud");
    if (!json_is_object(spec) || !json_is_string(cloud)) {
        fprintf(stderr, "%s: /cloud: \"cloud\" is required (kubernetes or alibaba)\n", path);
        json_decref(spec);
        source_free(&src);
        return EXIT_INPUT;
    }
    bundle_fn emit = NULL;
    for (size_t i = 0; i < sizeof clouds / sizeof *clouds; i++)
        if (strcmp(json_string_value(cloud), clouds[i].cloud) == 0) emit = clouds[i].emit;
    if (!emit) {
        fprintf(stderr, "%s: /cloud: \"%s\" is not handled by emit-k8s (kubernetes, alibaba)\n", path, json_string_value(cloud));
        json_decref(spec);
        source_free(&src);
        return EXIT_INPUT;
    }
    k8s_keysrc keys;
    if (cli_key_source("emit-k8s", seed, &keys) == 0) {
        k8s_emit_opts o = {force, &keys, src.text, src.len};
        buf err, log;
        buf_init(&err);
        buf_init(&log);
        int rc = emit(spec, path, outdir, &o, &err, &log);
        if (err.len) fwrite(err.data, 1, err.len, stderr);
        if (log.len) fwrite(log.data, 1, log.len, stdout);
        buf_free(&err);
        buf_free(&log);
        status = rc == K8S_EMIT_OK ? EXIT_OK : rc == K8S_EMIT_REFUSED ? EXIT_FINDINGS : EXIT_INPUT;
    }
    json_decref(spec);
    source_free(&src);
    return status;
}

const cli_command cli_emit_k8s = {
    "emit-k8s", "write a Kubernetes or Alibaba ACK Secret-encryption bundle",
    "Usage: iamc emit-k8s [OPTIONS] SPEC.json -o DIR\n"
    "Write the artifacts of a bundle spec (docs/encryption-config.md) into DIR:\n"
    "  \"cloud\": \"kubernetes\"  an EncryptionConfiguration (kms v2, or aescbc/aesgcm/secretbox\n"
    "                        with a new 32-byte key from getrandom), the kube-apiserver flag and\n"
    "                        volume, the rewrite script and a README; the configuration passes\n"
    "                        `iamc check` with no finding or nothing is written\n"
    "  \"cloud\": \"alibaba\"     the RAM policy denying cs:UpdateKMSEncryption and its attachment\n"
    "                        commands, the UpdateKMSEncryption call, Terraform, the re-encryption\n"
    "                        command, the ACK prerequisites and MANIFEST.json; the policy is\n"
    "                        parsed back and decided with an administrator's Allow of cs:* (the\n"
    "                        cluster's cs:UpdateKMSEncryption denied, the rest still allowed) or\n"
    "                        nothing is written\n"
    "DIR is written whole or not at all (a temporary directory renamed into place); files with\n"
    "key material are mode 0600.  Keys are never printed.\n"
    "\n"
    "Options:\n"
    "  -o, --output DIR       the directory to create\n"
    "      --force            replace DIR when it exists\n"
    "      --test-key-seed N  derive keys from N instead of getrandom (tests only: NOT secret)\n"
    "  -h, --help             this text\n"
    "\n"
    "Exit status: 0 written, 1 the spec or the generated output was refused, 2 usage or input\n"
    "error, or a proof failed.\n",
    run,
};
