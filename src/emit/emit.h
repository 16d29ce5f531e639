/* emit: a bundle spec (docs/bundle.md) becomes a directory of artifacts: policies, dynamic-
 * group rules, setup.sh, rotate.sh, Terraform, a README and a MANIFEST.  Every statement is
 * built as AST, printed by the printer `iamc fmt` uses, parsed again, and proved with the
 * decision engine before anything is written (design.md, "Verified output"). */
#ifndef IAMC_EMIT_EMIT_H
#define IAMC_EMIT_EMIT_H
#include <stddef.h>
#include "base/buf.h"
#include "iamc.h"

typedef struct emit_bundle emit_bundle;

typedef enum {
    EMIT_OK,
    EMIT_BAD_SPEC,            /* the spec has errors: each one line in ERRORS */
    EMIT_PROOF_FAILED,        /* a statement is not what it should be: the failing request in ERRORS */
} emit_status;

typedef struct emit_file {
    const char *path;         /* relative to the bundle directory */
    const char *data;
    size_t len;
    unsigned mode;            /* 0644, 0755; 0600 for a file that holds a secret */
    char sha256[65];
} emit_file;

/* A request the decision engine answered before the bundle was written. */
typedef struct emit_proof {
    const char *name;              /* "cluster may KEY_ENCRYPT with the key" */
    char *request;                 /* JSON */
    int expect_allow, allowed;
    const char *reason;
    char *statements;              /* JSON array of the deciding statements: {file, line, text} */
} emit_proof;

enum { EMIT_MAX_PROOFS = 16 };

typedef struct emit_proofs {
    emit_proof p[EMIT_MAX_PROOFS];
    size_t n;
} emit_proofs;

/* emit/proofs.c.  Record the answer D to REQUEST, with the deciding STATEMENTS; both are
 * malloc'd JSON texts that become the proof's. */
emit_proof *emit_proofs_add(emit_proofs *ps, const char *name, char *request, int expect_allow, const iamc_decision *d,
                            char *statements);
/* "iamc emit: proof failed: NAME: expected EXPECTED, …", the request and WHY (the explanation). */
void emit_proof_failure(const emit_proof *p, const char *expected, const char *why, buf *errors);
/* The README's table: request, expected, decision (reason); a row a proof. */
void emit_proofs_table(const emit_proofs *ps, buf *out);
void emit_proofs_free(emit_proofs *ps);

/* MANIFEST.json (docs/bundle.md), the table of contents of any bundle iamc writes: every
 * file with its mode, size and SHA-256, the spec's file name and SHA-256, the engine that
 * decided, and every proof.  ASSUMED (a JSON object's text, or NULL) names the policies the
 * proofs assumed beside the bundle's own, as "verification"."assumed_policies".  No
 * timestamps: the same spec gives the same bytes. */
typedef struct emit_manifest_info {
    const char *bundle;            /* the bundle's name */
    const char *spec_path;         /* its base name is recorded */
    const char *spec_text;         /* the spec's bytes, for the digest */
    size_t spec_len;
    const char *engine;            /* "iamc decide (docs/requests.md)" */
    const char *assumed;
    const char *generator;         /* NULL: "iamc emit" */
} emit_manifest_info;

char *emit_manifest_json(const emit_manifest_info *m, const emit_file *files, size_t nfiles, const emit_proofs *proofs);

/* Build, prove and render the bundle of the spec TEXT (LEN bytes, from the file NAME).
 * NULL on failure, with *STATUS saying why and the messages in ERRORS. */
emit_bundle *emit_bundle_make(const char *name, const char *text, size_t len, buf *errors, emit_status *status);
void emit_bundle_free(emit_bundle *b);

const char *emit_bundle_name(const emit_bundle *b);
/* "cross-tenancy, dynamic-group, one cluster" */
const char *emit_bundle_kind(const emit_bundle *b);
size_t emit_bundle_file_count(const emit_bundle *b);
const emit_file *emit_bundle_file(const emit_bundle *b, size_t i);   /* sorted by path */
/* One line per proved request: "allow  cluster may KEY_ENCRYPT with the key". */
void emit_bundle_proofs(const emit_bundle *b, buf *out);

/* Write every file into DIR, all at once (base/outdir.h); FORCE replaces an earlier bundle. */
int emit_bundle_write(const emit_bundle *b, const char *dir, int force, char *err, size_t errlen);
/* The same for any N FILES, one of which is MANIFEST.json: what --force looks for, so that it
 * replaces only a directory iamc wrote (or an empty one).  The Kubernetes bundles use it too. */
int emit_files_write(const emit_file *files, size_t n, const char *dir, int force, char *err, size_t errlen);

#endif
