/* k8s/emit: bundle specs ("cloud": "kubernetes" / "alibaba") → artifact directories, and
 * EncryptionConfiguration rotation plans.  Key material comes from a k8s_keysrc (getrandom,
 * or a seeded generator for tests), is written only into 0600 files, and is never printed. */
#ifndef IAMC_K8S_EMIT_H
#define IAMC_K8S_EMIT_H
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include "base/arena.h"
#include "base/buf.h"
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

/* ---- output directory: staged in a temporary directory, renamed into place -------------- */
typedef struct k8s_outdir {
    char final[2048], tmp[2100];
    int force, open;
} k8s_outdir;

int k8s_outdir_open(k8s_outdir *o, const char *dir, int force, buf *err);
int k8s_outdir_write(k8s_outdir *o, const char *name, const char *data, size_t len, mode_t mode, buf *err);
int k8s_outdir_commit(k8s_outdir *o, buf *err);
void k8s_outdir_abort(k8s_outdir *o);

/* ---- bundles ------------------------------------------------------------------------------ */
typedef struct k8s_emit_opts {
    int force;                 /* replace an existing directory */
    k8s_keysrc *keys;
    const char *spec_text;     /* the spec's bytes, for the digest in an ACK bundle's MANIFEST.json; */
    size_t spec_len;           /* NULL: the digest of the spec as jansson prints it, keys sorted */
} k8s_emit_opts;

enum { K8S_EMIT_OK = 0, K8S_EMIT_REFUSED = 1, K8S_EMIT_FAILED = 2 };

/* Write the bundle of SPEC into DIR.  Problems with the spec, or generated output that
 * fails its own check, refuse (K8S_EMIT_REFUSED) with messages in ERR; the files written
 * are listed in LOG.  An ACK RAM policy the decision engine does not answer as it should
 * fails (K8S_EMIT_FAILED), with the request in ERR: nothing is written. */
int k8s_emit_bundle(const json_t *spec, const char *spec_name, const char *dir, const k8s_emit_opts *o, buf *err,
                    buf *log);
int ack_emit_bundle(const json_t *spec, const char *spec_name, const char *dir, const k8s_emit_opts *o, buf *err,
                    buf *log);

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
/* Write the step files, the rewrite script and the runbook into DIR. */
int k8s_rotation_write(const k8s_rotation *r, const char *input_name, const char *directives, const char *dir,
                       int force, buf *err, buf *log);

/* Shell commands that rewrite every object of the resources of CFG's touched lists. */
void k8s_rewrite_script(const k8s_config *cfg, const int *touched, buf *out);

#endif
