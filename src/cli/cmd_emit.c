/* iamc emit: a bundle spec becomes a directory of proved artifacts (docs/bundle.md). */
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cli/cli.h"
#include "emit/emit.h"

/* -o -: every file in one stream, each after a "==> PATH <==" line, as head(1) shows files. */
static void print_stream(const emit_bundle *b)
{
    for (size_t i = 0; i < emit_bundle_file_count(b); i++) {
        const emit_file *f = emit_bundle_file(b, i);
        printf("%s==> %s <==\n", i ? "\n" : "", f->path);
        fwrite(f->data, 1, f->len, stdout);
    }
}

static void print_files(const emit_bundle *b, int with_digest)
{
    for (size_t i = 0; i < emit_bundle_file_count(b); i++) {
        const emit_file *f = emit_bundle_file(b, i);
        printf("  %04o %6zu  %s%s%s\n", f->mode, f->len, with_digest ? f->sha256 : "", with_digest ? "  " : "", f->path);
    }
}

static void print_proofs(const emit_bundle *b)
{
    buf proofs;
    buf_init(&proofs);
    emit_bundle_proofs(b, &proofs);
    printf("proved with the decision engine:\n");
    for (char *line = proofs.data; line && *line;) {
        char *nl = strchr(line, '\n');
        printf("  %.*s\n", (int)(nl - line), line);
        line = nl + 1;
    }
    buf_free(&proofs);
}

/* "kubernetes" and "alibaba" bundles are made by the Kubernetes emitter (iamc emit-k8s). */
static int other_cloud(int argc, char **argv)
{
    const char *spec = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-o") || !strcmp(a, "--output") || !strcmp(a, "--test-key-seed")) i++;
        else if (a[0] != '-' || !a[1]) spec = a;
    }
    if (!spec || !strcmp(spec, "-")) return 0;
    json_t *root = json_load_file(spec, 0, NULL);
    const char *cloud = json_string_value(json_object_get(root, "cloud"));
    int other = cloud && (!strcmp(cloud, "kubernetes") || !strcmp(cloud, "alibaba"));
    json_decref(root);
    return other;
}

static int run(int argc, char **argv)
{
    if (other_cloud(argc, argv)) return cli_emit_k8s.run(argc, argv);
    static const struct option opts[] = {
        {"output", required_argument, 0, 'o'}, {"force", no_argument, 0, 'f'},
        {"dry-run", no_argument, 0, 'n'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0},
    };
    const char *out = NULL;
    int force = 0, dry_run = 0, opt;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "o:fnh", opts, NULL)) != -1) {
        switch (opt) {
        case 'o': out = optarg; break;
        case 'f': force = 1; break;
        case 'n': dry_run = 1; break;
        case 'h': fputs(cli_emit.usage, stdout); return EXIT_OK;
        default: return cli_bad_option(&cli_emit, argv, opts);
        }
    }
    if (optind != argc - 1) return cli_usage_error(&cli_emit, "give one bundle spec (SPEC.json)");
    if (!out) return cli_usage_error(&cli_emit, "-o DIR is required ('-o -' prints the files to standard output)");
    const char *spec = argv[optind];
    buf errors;
    buf_init(&errors);
    emit_status status;
    emit_bundle *b = emit_bundle_make(spec, &errors, &status);
    if (!b) {
        fputs(errors.data ? errors.data : "", stderr);
        if (status == EMIT_PROOF_FAILED) fputs("iamc emit: nothing was written\n", stderr);
        buf_free(&errors);
        return EXIT_INPUT;
    }
    buf_free(&errors);
    int rc = EXIT_OK;
    if (strcmp(out, "-") == 0 && !dry_run) {
        print_stream(b);
    } else if (dry_run) {
        struct stat st;
        int exists = strcmp(out, "-") != 0 && stat(out, &st) == 0;
        printf("iamc emit: bundle %s (%s): dry run, nothing written\n", emit_bundle_name(b), emit_bundle_kind(b));
        print_proofs(b);
        printf("would write %s%s:\n", out, !exists ? "" : force ? " (replacing it, if it is an earlier bundle)"
                                                                : " (it exists: refused without --force)");
        print_files(b, 1);
    } else {
        char err[1024];
        if (emit_bundle_write(b, out, force, err, sizeof err)) {
            fprintf(stderr, "iamc emit: %s\n", err);
            rc = EXIT_INPUT;
        } else {
            printf("iamc emit: bundle %s (%s)\n", emit_bundle_name(b), emit_bundle_kind(b));
            print_proofs(b);
            printf("wrote %s:\n", out);
            print_files(b, 0);
        }
    }
    emit_bundle_free(b);
    return rc;
}

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
    "Options:\n"
    "  -o, --output DIR   the bundle directory, written all at once (a temporary directory\n"
    "                     renamed into place); '-' prints every file to standard output,\n"
    "                     each after a line '==> PATH <=='\n"
    "  -f, --force        replace DIR when it is an earlier bundle (has a MANIFEST.json) or\n"
    "                     empty; any other existing DIR is refused\n"
    "  -n, --dry-run      print the proofs and the files that would be written, write nothing\n"
    "  -h, --help         this text\n"
    "\n"
    "The same spec always gives the same bytes (no timestamps).\n"
    "Exit status: 0 written, 2 bad spec, failed proof, existing DIR, or usage error.\n",
    run,
};
