/* emit: a bundle spec (docs/bundle.md) becomes a directory of artifacts: policies, dynamic-
 * group rules, setup.sh, rotate.sh, Terraform, a README and a MANIFEST.  Every statement is
 * built as AST, printed by the printer `iamc fmt` uses, parsed again, and proved with the
 * decision engine before anything is written (design.md, "Verified output"). */
#ifndef IAMC_EMIT_EMIT_H
#define IAMC_EMIT_EMIT_H
#include <stddef.h>
#include "base/buf.h"

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

/* Read the spec at PATH ("-" is standard input), build, prove and render the bundle.
 * NULL on failure, with *STATUS saying why and the messages in ERRORS. */
emit_bundle *emit_bundle_make(const char *path, buf *errors, emit_status *status);
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

#endif
