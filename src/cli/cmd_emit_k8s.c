/* iamc emit for "cloud": "kubernetes" and "alibaba" specs: the bundle is made by k8s/ and
 * printed or written by cmd_emit.c; iamc emit-k8s is iamc emit for these clouds only. */
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "base/diag.h"
#include "base/jsonpos.h"
#include "base/source.h"
#include "k8s/emit.h"

typedef int (*bundle_fn)(const json_t *, const char *, const k8s_emit_opts *, k8s_bundle *, buf *);
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

/* "FILE:LINE:COL: POINTER: ", where POINTER is in the spec SRC, to begin a message. */
static void spec_where(const source *src, const char *pointer)
{
    size_t off = jsonpos_find(src->text, src->len, pointer);
    unsigned line = 1, col = 1;
    for (size_t i = 0; i < off; i++) {
        if (src->text[i] == '\n') line++, col = 1;
        else col++;
    }
    fprintf(stderr, "%s:%u:%u: %s: ", src->name, line, col, *pointer ? pointer : "/");
}

int cli_emit_k8s_make(const char *cmd, const source *spec_src, const char *seed, k8s_bundle *out)
{
    /* the bytes, not only the JSON: MANIFEST.json records their digest */
    const source src = *spec_src;
    const char *path = src.name;
    json_error_t jerr;
    json_t *spec = json_loadb(src.text, src.len, JSON_REJECT_DUPLICATES, &jerr);
    bundle_fn emit = NULL;
    json_t *cloud = json_object_get(spec, "cloud");
    if (!spec) fprintf(stderr, "%s:%d:%d: invalid JSON: %s\n", path, jerr.line, jerr.column, jerr.text);
    else if (!json_is_object(spec)) {
        spec_where(&src, "");
        fprintf(stderr, "expected a bundle spec (an object), found %s\n", json_is_array(spec) ? "an array" : "a scalar");
    } else if (!cloud) {
        spec_where(&src, "");
        fputs("missing \"cloud\" (\"kubernetes\" or \"alibaba\")\n", stderr);
    } else if (!json_is_string(cloud)) {
        spec_where(&src, "/cloud");
        static const char *const types[] = {"an object", "an array", "a string", "a number", "a number", "true", "false", "null"};
        fprintf(stderr, "expected \"kubernetes\" or \"alibaba\", found %s\n", types[json_typeof(cloud)]);
    } else {
        static const char *const names[] = {"kubernetes", "alibaba"};
        for (size_t i = 0; i < sizeof clouds / sizeof *clouds; i++)
            if (strcmp(json_string_value(cloud), clouds[i].cloud) == 0) emit = clouds[i].emit;
        if (!emit) {
            /* the spec may be a good one, of another command: say which command refused it */
            const char *near = diag_suggest(json_string_value(cloud), json_string_length(cloud), names, 2);
            buf q;
            buf_init(&q);
            diag_quote(&q, json_string_value(cloud), json_string_length(cloud), 200);
            fprintf(stderr, "iamc %s: ", cmd);
            spec_where(&src, "/cloud");
            if (near) fprintf(stderr, "\"%s\" is not handled by iamc %s (did you mean \"%s\"?)\n", q.data ? q.data : "", cmd, near);
            else fprintf(stderr, "\"%s\" is not handled by iamc %s, which takes \"kubernetes\" and \"alibaba\" (iamc emit takes "
                         "\"oci\" too)\n", q.data ? q.data : "", cmd);
            buf_free(&q);
        }
    }
    int status = EXIT_INPUT;
    k8s_keysrc keys;
    if (emit && cli_key_source(cmd, seed, &keys) == 0) {
        k8s_emit_opts o = {&keys, src.text, src.len};
        buf err;
        buf_init(&err);
        /* a refused spec, output failing its own check, a failed proof: all bad input here */
        if (emit(spec, path, &o, out, &err) == K8S_EMIT_OK) status = EXIT_OK;
        if (err.len) fwrite(err.data, 1, err.len, stderr);
        buf_free(&err);
    }
    json_decref(spec);
    return status;
}

static int run(int argc, char **argv) { return cli_emit_main(&cli_emit_k8s, argc, argv); }

const cli_command cli_emit_k8s = {
    "emit-k8s", "write a Kubernetes or Alibaba ACK Secret-encryption bundle",
    "Usage: iamc emit-k8s SPEC.json -o DIR [--force] [--dry-run] [--test-key-seed N]\n"
    "iamc emit for the specs of docs/encryption-config.md only (iamc emit takes them too):\n"
    "  \"cloud\": \"kubernetes\"  an EncryptionConfiguration (kms v2, or aescbc/aesgcm/secretbox\n"
    "                        with a new 32-byte key from getrandom), the kube-apiserver flag and\n"
    "                        volume, the rewrite script, a README and MANIFEST.json; the\n"
    "                        configuration passes `iamc check` with no finding or nothing is\n"
    "                        written\n"
    "  \"cloud\": \"alibaba\"     the RAM policy denying cs:UpdateKMSEncryption and its attachment\n"
    "                        commands, the UpdateKMSEncryption call, Terraform, the re-encryption\n"
    "                        command, the ACK prerequisites and MANIFEST.json; the policy is\n"
    "                        parsed back and decided with an administrator's Allow of cs:* (the\n"
    "                        cluster's cs:UpdateKMSEncryption denied, the rest still allowed) or\n"
    "                        nothing is written\n"
    "DIR is written whole or not at all (a temporary directory renamed into place); files with\n"
    "key material are mode 0600.  Keys are printed only with '-o -'.\n"
    "\n"
    "Options:\n"
    "  -o, --output DIR       the bundle directory; '-' prints every file (keys too) to\n"
    "                         standard output, each after a line '==> PATH <=='\n"
    "  -f, --force            replace DIR when it is an earlier bundle (has a MANIFEST.json) or\n"
    "                         empty; any other existing DIR is refused\n"
    "  -n, --dry-run          print the checks and the files that would be written, write nothing\n"
    "      --test-key-seed N  derive keys from N instead of getrandom (tests only: NOT secret)\n"
    "  -h, --help             this text\n"
    "\n"
    "Exit status: 0 written, 2 bad spec, output that fails its own check, failed proof,\n"
    "existing DIR, or usage error.\n",
    run,
};
