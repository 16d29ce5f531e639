/* emit/manifest: MANIFEST.json, the bundle's table of contents: every file with its size,
 * mode and SHA-256, the spec's digest, and every proved request with its decision.  No
 * timestamps: the same spec gives the same bytes. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/sha256.h"
#include "emit/internal.h"

char *emit_manifest(const emit_spec *s, const emit_file *files, size_t nfiles, const emit_proofs *proofs)
{
    char digest[SHA256_HEX];
    sha256_hex(s->text, s->len, digest);
    const char *base = strrchr(s->file, '/');
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
    json_t *m = json_pack("{s:s, s:s, s:{s:s, s:s}, s:o, s:{s:s, s:o}}", "bundle", s->name, "generator", "iamc emit", "spec",
                          "file", base ? base + 1 : s->file, "sha256", digest, "files", list, "verification", "engine",
                          "iamc decide (docs/requests.md)", "proofs", proved);
    char *text = json_dumps(m, JSON_INDENT(2) | JSON_ENSURE_ASCII);
    json_decref(m);
    size_t n = strlen(text);
    char *out = realloc(text, n + 2);
    if (!out) abort();
    out[n] = '\n', out[n + 1] = '\0';
    return out;
}
