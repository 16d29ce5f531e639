/* emit/bundle: spec → statements → proofs → files, in that order; nothing is rendered
 * unless every proof holds, and nothing is written unless everything rendered. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/outdir.h"
#include "base/sha256.h"
#include "emit/internal.h"

enum { MAX_FILES = 16 };

struct emit_bundle {
    emit_spec *spec;
    emit_iam iam;
    emit_proofs proofs;
    emit_file files[MAX_FILES];
    size_t nfiles;
    char kind[96];
};

/* DATA (malloc'd) becomes the bundle's; PATH is copied. */
static void add(emit_bundle *b, const char *path, char *data, unsigned mode)
{
    emit_file *f = &b->files[b->nfiles++];
    f->path = arena_strndup(&b->spec->mem, path, strlen(path));
    f->data = data;
    f->len = strlen(data);
    f->mode = mode;
    sha256_hex(f->data, f->len, f->sha256);
}

static int by_path(const void *a, const void *b)
{
    return strcmp(((const emit_file *)a)->path, ((const emit_file *)b)->path);
}

static char *with_newline(const char *s)
{
    size_t n = strlen(s);
    char *out = malloc(n + 2);
    if (!out) abort();
    memcpy(out, s, n);
    out[n] = '\n', out[n + 1] = '\0';
    return out;
}

static char *copy(const char *s)
{
    char *out = malloc(strlen(s) + 1);
    if (!out) abort();
    return strcpy(out, s);
}

static void render(emit_bundle *b)
{
    const emit_spec *s = b->spec;
    const emit_iam *iam = &b->iam;
    char path[256];
    for (size_t i = 0; i < iam->npolicies; i++) {
        snprintf(path, sizeof path, "policies/%s.pol", iam->policies[i].tenancy->key);
        add(b, path, copy(iam->policies[i].text), 0644);
        snprintf(path, sizeof path, "policies/%s.json", iam->policies[i].tenancy->key);
        add(b, path, copy(iam->policies[i].json), 0644);
    }
    if (iam->rule.text) {
        snprintf(path, sizeof path, "dynamic-groups/%s.rule", iam->rule.group->name);
        add(b, path, with_newline(iam->rule.text), 0644);
    }
    add(b, "setup.sh", emit_setup_sh(s, iam), 0755);
    add(b, "rotate.sh", emit_rotate_sh(s), 0755);
    add(b, "terraform/main.tf", emit_terraform(s, iam), 0644);
    add(b, "README.md", emit_readme(s, iam, &b->proofs), 0644);
    qsort(b->files, b->nfiles, sizeof *b->files, by_path);
    add(b, "MANIFEST.json", emit_manifest(s, b->files, b->nfiles, &b->proofs), 0644);
    qsort(b->files, b->nfiles, sizeof *b->files, by_path);
}

emit_bundle *emit_bundle_make(const char *name, const char *text, size_t len, buf *errors, emit_status *status)
{
    emit_spec *s = emit_spec_parse(name, text, len, errors);
    if (!s) {
        *status = EMIT_BAD_SPEC;
        return NULL;
    }
    emit_bundle *b = calloc(1, sizeof *b);
    if (!b) abort();
    b->spec = s;
    snprintf(b->kind, sizeof b->kind, "%s, %s%s", s->cross ? "cross-tenancy" : "one tenancy", s->grant_name,
             s->cluster.id ? ", one cluster" : "");
    if (emit_iam_build(s, &b->iam, errors) || emit_prove(s, &b->iam, &b->proofs, errors)) {
        *status = EMIT_PROOF_FAILED;
        emit_bundle_free(b);
        return NULL;
    }
    render(b);
    *status = EMIT_OK;
    return b;
}

void emit_bundle_free(emit_bundle *b)
{
    if (!b) return;
    for (size_t i = 0; i < b->nfiles; i++) free((char *)b->files[i].data);
    emit_iam_free(&b->iam);
    emit_proofs_free(&b->proofs);
    emit_spec_free(b->spec);
    free(b);
}

const char *emit_bundle_name(const emit_bundle *b) { return b->spec->name; }
const char *emit_bundle_kind(const emit_bundle *b) { return b->kind; }
size_t emit_bundle_file_count(const emit_bundle *b) { return b->nfiles; }
const emit_file *emit_bundle_file(const emit_bundle *b, size_t i) { return i < b->nfiles ? &b->files[i] : NULL; }

void emit_bundle_proofs(const emit_bundle *b, buf *out)
{
    for (size_t i = 0; i < b->proofs.n; i++) {
        const emit_proof *p = &b->proofs.p[i];
        buf_printf(out, "%-5s %s (%s)\n", p->allowed ? "allow" : "deny", p->name, p->reason);
    }
}

int emit_bundle_write(const emit_bundle *b, const char *dir, int force, char *err, size_t errlen)
{
    return emit_files_write(b->files, b->nfiles, dir, force, err, errlen);
}

int emit_files_write(const emit_file *files, size_t n, const char *dir, int force, char *err, size_t errlen)
{
    outdir *o = outdir_open(dir, force ? OUTDIR_REPLACE : 0, "MANIFEST.json", err, errlen);
    if (!o) return -1;
    for (size_t i = 0; i < n; i++)
        if (outdir_add(o, files[i].path, files[i].data, files[i].len, files[i].mode, err, errlen)) {
            outdir_abort(o);
            return -1;
        }
    return outdir_commit(o, err, errlen);
}
