/* emit/manifest: MANIFEST.json, the bundle's table of contents: every file with its size,
 * mode and SHA-256, the spec's digest, and every proved request with its decision.  No
 * timestamps: the same spec gives the same bytes.  The OKE and the ACK bundles share it. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/sha256.h"
#include "emit/internal.h"

char *emit_manifest_json(const emit_manifest_info *m, const emit_file *files, size_t nfiles, const emit_proofs *proofs)
{
    char digest[SHA256_HEX];
    sha256_hex(m->spec_text, m->spec_len, digest);
    const char *base = strrchr(m->spec_path, '/');
    json_t *list = json_array();
    for (size_t i = 0; i < nfiles; i++) {
        char mode[16];
        snprintf(mode, sizeof mode, "%04o", files[i].mode);
        json_array_append_new(list, json_pack("{s:s, s:s, s:I, s:s}", "path", files[i].path, "mode", mode, "bytes",
                                              (json_int_t)files[i].len, "sha256", files[i].sha256));
    }
    json_t *proved = json_array();
    for (size_t i = 0; i < proofs->n; i++) {
        const emit_proof *p = &proofs->p[i];
        json_t *req = json_loads(p->request, 0, NULL), *st = json_loads(p->statements, 0, NULL);
        json_array_append_new(proved, json_pack("{s:s, s:o, s:s, s:s, s:s, s:o}", "name", p->name, "request", req, "expect",
                                                p->expect_allow ? "allow" : "deny", "decision", p->allowed ? "allow" : "deny",
                                                "reason", p->reason, "statements", st));
    }
    json_t *verification = json_pack("{s:s}", "engine", m->engine);
    json_t *assumed = m->assumed ? json_loads(m->assumed, 0, NULL) : NULL;
    if (assumed) json_object_set_new(verification, "assumed_policies", assumed);
    json_object_set_new(verification, "proofs", proved);
    const char *generator = m->generator ? m->generator : "iamc emit";
    json_t *root = json_pack("{s:s, s:s, s:{s:s, s:s}, s:o, s:o}", "bundle", m->bundle, "generator", generator, "spec",
                             "file", base ? base + 1 : m->spec_path, "sha256", digest, "files", list, "verification",
                             verification);
    char *text = json_dumps(root, JSON_INDENT(2) | JSON_ENSURE_ASCII);
    json_decref(root);
    size_t n = strlen(text);
    char *out = realloc(text, n + 2);
    if (!out) abort();
    out[n] = '\n', out[n + 1] = '\0';
    return out;
}

char *emit_manifest(const emit_spec *s, const emit_file *files, size_t nfiles, const emit_proofs *proofs)
{
    emit_manifest_info m = {s->name, s->file, s->text, s->len, "iamc decide (docs/requests.md)", NULL, NULL};
    return emit_manifest_json(&m, files, nfiles, proofs);
}
