/* k8s/bundle: the files of a Kubernetes or ACK bundle, or of a rotation, held in memory until
 * the caller prints or writes them.  Writing goes through emit_files_write (base/outdir.c), as
 * the OKE bundle's does: one rule for --force everywhere, and MANIFEST.json is its marker. */
#include <stdlib.h>
#include <string.h>
#include "base/sha256.h"
#include "k8s/emit.h"

void k8s_bundle_init(k8s_bundle *b)
{
    memset(b, 0, sizeof *b);
    buf_init(&b->checks);
}

static void add(k8s_bundle *b, const char *path, char *data, size_t len, unsigned mode)
{
    if (b->nfiles == K8S_MAX_FILES) abort();   /* a bundle's files are fixed: a bug, not input */
    emit_file *f = &b->files[b->nfiles++];
    f->path = path;
    f->data = data;
    f->len = len;
    f->mode = mode;
    sha256_hex(data, len, f->sha256);
}

void k8s_bundle_add(k8s_bundle *b, const char *path, buf *data, unsigned mode)
{
    size_t len = data->len;
    add(b, path, buf_take(data), len, mode);
}

static int by_path(const void *a, const void *b)
{
    return strcmp(((const emit_file *)a)->path, ((const emit_file *)b)->path);
}

void k8s_bundle_seal(k8s_bundle *b, const emit_manifest_info *m, const emit_proofs *proofs)
{
    qsort(b->files, b->nfiles, sizeof *b->files, by_path);
    char *manifest = emit_manifest_json(m, b->files, b->nfiles, proofs);
    add(b, "MANIFEST.json", manifest, strlen(manifest), 0644);
    qsort(b->files, b->nfiles, sizeof *b->files, by_path);
}

int k8s_bundle_write(const k8s_bundle *b, const char *dir, int force, buf *err)
{
    char msg[1024];
    if (emit_files_write(b->files, b->nfiles, dir, force, msg, sizeof msg) == 0) return 0;
    buf_printf(err, "%s\n", msg);
    return -1;
}

void k8s_bundle_free(k8s_bundle *b)
{
    for (size_t i = 0; i < b->nfiles; i++) {
        char *data = (char *)b->files[i].data;
        if ((b->files[i].mode & 077) == 0) memset(data, 0, b->files[i].len);
        free(data);
    }
    buf_free(&b->checks);
    free(b->name);
    k8s_bundle_init(b);
}
