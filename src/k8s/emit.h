/* k8s/emit: bundle specs ("cloud": "kubernetes" / "alibaba") → artifact directories, and
 * EncryptionConfiguration rotation plans.  Key material comes from a k8s_keysrc (getrandom,
 * or a seeded generator for tests), is written only into 0600 files, and printed only when
 * asked for by name (`iamc emit -o -`). */
#ifndef IAMC_K8S_EMIT_H
#define IAMC_K8S_EMIT_H
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include "base/arena.h"
#include "base/buf.h"
#include "emit/emit.h"
#include "k8s/config.h"

/* ---- key source ------------------------------------------------------------------------ */
typedef struct k8s_keysrc {
    int seeded;                /* a test generator: NOT random */
    uint64_t state;
} k8s_keysrc;

void k8s_keysrc_system(k8s_keysrc *k);                 /* getrandom(2) */
void k8s_keysrc_seeded(k8s_keysrc *k, uint64_t seed);  /* deterministic, tests only */
int k8s_keysrc_fill(k8s_keysrc *k, unsigned char *out, size_t n);
/* N random bytes in standard base64, allocated in MEM; NULL when the source fails. */
const char *k8s_keysrc_base64(k8s_keysrc *k, arena *mem, size_t n);

/* ---- a bundle in memory: made whole, then printed or written by the caller ---------------- */
enum { K8S_MAX_FILES = 12 };

typedef struct k8s_bundle {
    char *name;                        /* the spec's "name" (malloc'd) */
    char kind[96];                     /* "kubernetes, aescbc", "alibaba ACK, one cluster" */
    const char *checked;               /* what CHECKS say: "checked with iamc check" */
    buf checks;                        /* what held before anything was written, a line each */
    emit_file files[K8S_MAX_FILES];    /* in path order, MANIFEST.json among them; data malloc'd */
    size_t nfiles;
} k8s_bundle;

void k8s_bundle_init(k8s_bundle *b);
/* Add the file PATH (a string constant) with the bytes of DATA, which the bundle takes. */
void k8s_bundle_add(k8s_bundle *b, const char *path, buf *data, unsigned mode);
/* Sort the files and add MANIFEST.json over them (M and PROOFS as emit_manifest_json takes). */
void k8s_bundle_seal(k8s_bundle *b, const emit_manifest_info *m, const emit_proofs *proofs);
/* Write the files into DIR with emit_files_write (--force replaces only an earlier bundle). */
int k8s_bundle_write(const k8s_bundle *b, const char *dir, int force, buf *err);
/* Release B; files of mode 0600 (key material) are wiped first. */
void k8s_bundle_free(k8s_bundle *b);

/* ---- bundles ------------------------------------------------------------------------------ */
typedef struct k8s_emit_opts {
    k8s_keysrc *keys;
    const char *spec_text;     /* the spec's bytes, for the digest in MANIFEST.json; */
    size_t spec_len;           /* NULL: the digest of the spec as jansson prints it, keys sorted */
} k8s_emit_opts;

enum { K8S_EMIT_OK = 0, K8S_EMIT_REFUSED = 1, K8S_EMIT_FAILED = 2 };

/* Make the bundle of SPEC in OUT (k8s_bundle_init'd; the caller frees it whatever the
 * outcome).  Problems with the spec, or generated output that fails its own check, refuse
 * (K8S_EMIT_REFUSED) with messages in ERR.  An ACK RAM policy the decision engine does not
 * answer as it should fails (K8S_EMIT_FAILED), with the request in ERR. */
int k8s_emit_bundle(const json_t *spec, const char *spec_name, const k8s_emit_opts *o, k8s_bundle *out, buf *err);
int ack_emit_bundle(const json_t *spec, const char *spec_name, const k8s_emit_opts *o, k8s_bundle *out, buf *err);

/* ---- rotation ------------------------------------------------------------------------------ */
typedef enum { K8S_ROTATE_KEY, K8S_ROTATE_TO_KMS, K8S_ROTATE_DISABLE } k8s_rotate_mode;

enum { K8S_ROTATION_STEPS = 6, K8S_REWRITE_STEP = 5 };

typedef struct k8s_rotation {
    k8s_rotate_mode mode;
    k8s_config *steps[K8S_ROTATION_STEPS + 1];   /* [0] the current file, [1..6] each step's */
    const char *rotated[64];                      /* per list: what is replaced ("aescbc key key1") */
    const char *added[64];                        /* per list: what replaces it ("aescbc key key2") */
    int touched[64];                              /* the list is part of the procedure */
    size_t nlists;
} k8s_rotation;

typedef struct k8s_rotate_kms {
    const char *name, *endpoint, *timeout;
} k8s_rotate_kms;

/* Plan the six configurations; -1 with a message in ERR when there is nothing to do. */
int k8s_rotation_plan(k8s_rotation *r, const k8s_config *current, k8s_rotate_mode mode, const k8s_rotate_kms *kms,
                      k8s_keysrc *keys, arena *mem, buf *err);
/* The HA property: during every step, with API servers on the step's file or the one
 * before, every server can read everything any server may have written, and nothing that
 * encrypted stored data is dropped before the rewrite step.  0 when it holds; else -1 and
 * the first violation in WHY. */
int k8s_rotation_verify(const k8s_rotation *r, buf *why);
/* The step files (each checked with the rules of iamc check, DIRECTIVES first), the rewrite
 * script, the runbook and MANIFEST.json (with the name and digest of INPUT, the configuration
 * rotated) in OUT (k8s_bundle_init'd; the caller frees it), the step files' purposes a line
 * each in OUT->checks.  K8S_EMIT_REFUSED when a step file has an error; findings in ERR. */
int k8s_rotation_bundle(const k8s_rotation *r, const char *input_name, const char *input_text, size_t input_len,
                        const char *directives, k8s_bundle *out, buf *err);

/* Shell commands that rewrite every object of the resources of CFG's touched lists. */
void k8s_rewrite_script(const k8s_config *cfg, const int *touched, buf *out);

#endif
