/* iamc emit: a bundle spec becomes a directory of proved artifacts (docs/bundle.md; the
 * "kubernetes" and "alibaba" specs of docs/encryption-config.md through cmd_emit_k8s.c). */
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "base/outdir.h"
#include "base/source.h"
#include "cli/cli.h"
#include "emit/emit.h"
#include "k8s/emit.h"

/* What the outputs need, whichever emitter made the files: the OKE one (emit/) or the
 * Kubernetes and ACK one (k8s/). */
typedef struct emit_view {
    const char *name, *kind;
    const char *checked;              /* "proved with the decision engine" */
    const char *checks;               /* a line each */
    const emit_file *files[32];
    size_t nfiles;
    const emit_bundle *oci;           /* the one of these that made the files */
    const k8s_bundle *k8s;
} emit_view;

/* -o -: every file in one stream, each after a "==> PATH <==" line, as head(1) shows files. */
static void print_stream(const emit_view *v)
{
    for (size_t i = 0; i < v->nfiles; i++) {
        printf("%s==> %s <==\n", i ? "\n" : "", v->files[i]->path);
        fwrite(v->files[i]->data, 1, v->files[i]->len, stdout);
    }
}

static void print_files(const emit_view *v, int with_digest)
{
    for (size_t i = 0; i < v->nfiles; i++) {
        const emit_file *f = v->files[i];
        printf("  %04o %6zu  %s%s%s\n", f->mode, f->len, with_digest ? f->sha256 : "", with_digest ? "  " : "", f->path);
    }
}

static void print_checks(const emit_view *v)
{
    printf("%s:\n", v->checked);
    for (const char *line = v->checks; line && *line;) {
        const char *nl = strchr(line, '\n');
        printf("  %.*s\n", (int)(nl - line), line);
        line = nl + 1;
    }
}

static int write_files(const emit_view *v, const char *out, int force, char *err, size_t errlen)
{
    if (v->oci) return emit_bundle_write(v->oci, out, force, err, errlen);
    return emit_files_write(v->k8s->files, v->k8s->nfiles, out, force, err, errlen);
}

/* -o -, --dry-run or -o DIR. */
static int output(const cli_command *as, const emit_view *v, const char *spec, const char *out, int force, int dry_run)
{
    if (strcmp(out, "-") == 0 && !dry_run) {
        print_stream(v);
        return EXIT_OK;
    }
    if (dry_run) {
        struct stat st;
        int exists = strcmp(out, "-") != 0 && stat(out, &st) == 0;
        printf("iamc %s: bundle %s (%s): dry run, nothing written\n", as->name, v->name, v->kind);
        print_checks(v);
        printf("would write %s%s:\n", out, !exists ? "" : force ? " (replacing it, if it is an earlier bundle)"
                                                                : " (it exists: refused without --force)");
        print_files(v, 1);
        return EXIT_OK;
    }
    /* an earlier bundle may hold the spec: replacing it would delete the input */
    char name_err[1024];
    if (!outdir_name_ok(out, name_err, sizeof name_err)) {
        fprintf(stderr, "iamc %s: %s\n", as->name, name_err);
        return EXIT_INPUT;
    }
    if (force && strcmp(spec, "-") != 0 && outdir_holds(out, spec)) {
        fprintf(stderr, "iamc %s: %s holds the spec %s: not replacing it\n", as->name, out, spec);
        return EXIT_INPUT;
    }
    char err[1024];
    if (write_files(v, out, force, err, sizeof err)) {
        fprintf(stderr, "iamc %s: %s\n", as->name, err);
        return EXIT_INPUT;
    }
    printf("iamc %s: bundle %s (%s)\n", as->name, v->name, v->kind);
    print_checks(v);
    printf("wrote %s:\n", out);
    print_files(v, 0);
    return EXIT_OK;
}

static int emit_oci(const cli_command *as, const char *path, const source *spec, const char *out, int force, int dry_run)
{
    buf errors;
    buf_init(&errors);
    emit_status status;
    emit_bundle *b = emit_bundle_make(spec->name, spec->text, spec->len, &errors, &status);
    if (!b) {
        fputs(errors.data ? errors.data : "", stderr);
        if (status == EMIT_PROOF_FAILED) fprintf(stderr, "iamc %s: nothing was written\n", as->name);
        buf_free(&errors);
        return EXIT_INPUT;
    }
    buf_free(&errors);
    buf proofs;
    buf_init(&proofs);
    emit_bundle_proofs(b, &proofs);
    emit_view v = {emit_bundle_name(b), emit_bundle_kind(b), "proved with the decision engine", proofs.data, {0}, 0, b, NULL};
    for (size_t i = 0; i < emit_bundle_file_count(b) && v.nfiles < sizeof v.files / sizeof *v.files; i++)
        v.files[v.nfiles++] = emit_bundle_file(b, i);
    int rc = output(as, &v, path, out, force, dry_run);
    buf_free(&proofs);
    emit_bundle_free(b);
    return rc;
}

static int emit_k8s(const cli_command *as, const char *path, const source *spec, const char *seed, const char *out, int force, int dry_run)
{
    k8s_bundle kb;
    k8s_bundle_init(&kb);
    int rc = cli_emit_k8s_make(as->name, spec, seed, &kb);
    if (rc == EXIT_OK) {
        emit_view v = {kb.name, kb.kind, kb.checked, kb.checks.data, {0}, 0, NULL, &kb};
        for (size_t i = 0; i < kb.nfiles; i++) v.files[v.nfiles++] = &kb.files[i];
        rc = output(as, &v, path, out, force, dry_run);
    }
    k8s_bundle_free(&kb);
    return rc;
}

/* Is the spec one of the Kubernetes emitter's ("cloud": "kubernetes" or "alibaba")?  The
 * spec is read once (it may be standard input) and handed to whichever emitter takes it. */
static int k8s_cloud(const source *spec)
{
    json_t *root = json_loadb(spec->text, spec->len, 0, NULL);
    const char *cloud = json_string_value(json_object_get(root, "cloud"));
    int k8s = cloud && (!strcmp(cloud, "kubernetes") || !strcmp(cloud, "alibaba"));
    json_decref(root);
    return k8s;
}

int cli_emit_main(const cli_command *as, int argc, char **argv)
{
    static const struct option opts[] = {
        {"output", required_argument, 0, 'o'}, {"force", no_argument, 0, 'f'},
        {"dry-run", no_argument, 0, 'n'}, {"test-key-seed", required_argument, 0, 'S'},
        {"help", no_argument, 0, 'h'}, {0, 0, 0, 0},
    };
    const char *out = NULL, *seed = NULL;
    int force = 0, dry_run = 0, opt;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "o:fnh", opts, NULL)) != -1) {
        switch (opt) {
        case 'o': out = optarg; break;
        case 'f': force = 1; break;
        case 'n': dry_run = 1; break;
        case 'S': seed = optarg; break;
        case 'h': fputs(as->usage, stdout); return EXIT_OK;
        default: return cli_bad_option(as, argv, opts);
        }
    }
    if (optind != argc - 1) return cli_usage_error(as, "give one bundle spec (SPEC.json)");
    if (!out) return cli_usage_error(as, "-o DIR is required ('-o -' prints the files to standard output)");
    source spec;
    char err[512];
    if (source_load(&spec, argv[optind], err, sizeof err)) {
        fprintf(stderr, "iamc %s: %s\n", as->name, err);
        return EXIT_INPUT;
    }
    int rc;
    if (as == &cli_emit_k8s || k8s_cloud(&spec)) rc = emit_k8s(as, argv[optind], &spec, seed, out, force, dry_run);
    else if (seed) rc = cli_usage_error(as, "--test-key-seed is for \"cloud\": \"kubernetes\" specs (OKE bundles hold no key)");
    else rc = emit_oci(as, argv[optind], &spec, out, force, dry_run);
    source_free(&spec);
    return rc;
}

static int run(int argc, char **argv) { return cli_emit_main(&cli_emit, argc, argv); }

const cli_command cli_emit = {
    "emit", "write a proved bundle of policies and scripts from a bundle spec",
    "Usage: iamc emit SPEC.json -o DIR [--force] [--dry-run]\n"
    "Turn a bundle spec (docs/bundle.md) for an OKE cluster whose Secrets are encrypted with\n"
    "a Vault key into the files that set it up:\n"
    "  policies/TENANCY.pol, policies/TENANCY.json   the statements, one a line / as the JSON\n"
    "                                                array 'oci iam policy create' takes\n"
    "  dynamic-groups/NAME.rule                      the matching rule (grant dynamic-group)\n"
    "  setup.sh                                      oci CLI: dynamic group, policies, cluster\n"
    "  terraform/main.tf                             the same for Terraform\n"
    "  rotate.sh                                     re-encrypt every Secret after a key rotation\n"
    "  README.md, MANIFEST.json                      the order of steps; digests and proofs\n"
    "\n"
    "Before anything is written, every statement is printed as 'iamc fmt' prints it, parsed\n"
    "back, and loaded with the spec's tenancies into the decision engine, which must allow\n"
    "the cluster to encrypt and decrypt with the key and deny another key, another cluster\n"
    "(when the spec names one), another tenancy's cluster, a node pool and a user.  If any\n"
    "answer is wrong, nothing is written and the failing request is shown.\n"
    "\n"
    "Other specs (docs/encryption-config.md), by their \"cloud\":\n"
    "  \"kubernetes\"  an EncryptionConfiguration (kms v2, or aescbc/aesgcm/secretbox with a new\n"
    "                32-byte key from getrandom, in a file of mode 0600), the kube-apiserver\n"
    "                flag and volume, rewrite-secrets.sh, README.md and MANIFEST.json; the\n"
    "                configuration must pass 'iamc check' with no finding\n"
    "  \"alibaba\"     ACK Secret encryption with KMS: a RAM policy denying\n"
    "                cs:UpdateKMSEncryption, proved with the decision engine first, its\n"
    "                attachment commands, the UpdateKMSEncryption call, Terraform, the\n"
    "                re-encryption command, README.md and MANIFEST.json\n"
    "\n"
    "Options:\n"
    "  -o, --output DIR       the bundle directory, written all at once (a temporary directory\n"
    "                         renamed into place); '-' prints every file to standard output,\n"
    "                         each after a line '==> PATH <==' (a kubernetes bundle's key too)\n"
    "  -f, --force            replace DIR when it is an earlier bundle (has a MANIFEST.json) or\n"
    "                         empty; any other existing DIR, or one that holds SPEC, is refused\n"
    "  -n, --dry-run          print the proofs (or checks) and the files that would be written,\n"
    "                         write nothing\n"
    "      --test-key-seed N  kubernetes specs: derive keys from N instead of getrandom (tests\n"
    "                         only: NOT secret)\n"
    "  -h, --help             this text\n"
    "\n"
    "The same spec always gives the same bytes (no timestamps; for a kubernetes spec with a\n"
    "local provider, the key aside).\n"
    "Exit status: 0 written, 2 bad spec, failed proof or check, existing DIR, or usage error.\n",
    run,
};
