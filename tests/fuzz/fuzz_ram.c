/* libFuzzer target: the JSON policy front end.  Parse (both dialects and auto-detection),
 * format and re-parse (fmt must be a fixed point), dump the AST as JSON, free. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "base/buf.h"
#include "ram/ast.h"
#include "ram/json.h"

static void one(const uint8_t *data, size_t size, ram_dialect dialect)
{
    source src;
    source_init_copy(&src, "fuzz.json", (const char *)data, size);
    ram_doc *d = ram_parse(&src, dialect);
    json_t *j = ram_doc_json(d, 1);
    char *s = json_dumps(j, JSON_COMPACT);
    if (!s) abort();
    free(s);
    json_decref(j);
    /* Messages go into JSON (iamc parse): they must be valid UTF-8. */
    for (const diag *dg = d->diags.head; dg; dg = dg->next) {
        json_t *m = json_string(dg->message), *h = dg->hint ? json_string(dg->hint) : json_null();
        if (!m || !h) abort();
        json_decref(m);
        json_decref(h);
    }
    if (d->diags.errors == 0) {
        buf out;
        buf_init(&out);
        ram_format_doc(d, &out);
        source again;
        source_init_copy(&again, "fuzz.json", out.data, out.len);
        ram_doc *d2 = ram_parse(&again, (ram_dialect)d->dialect);
        if (d2->diags.errors) abort();   /* fmt printed something it cannot read back */
        buf out2;
        buf_init(&out2);
        ram_format_doc(d2, &out2);
        if (out2.len != out.len || memcmp(out.data, out2.data, out.len) != 0) abort();   /* not a fixed point */
        buf_free(&out2);
        ram_doc_free(d2);
        buf_free(&out);
    }
    ram_doc_free(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > (1u << 20)) return 0;
    one(data, size, RAM_DIALECT_AUTO);
    /* The other dialect too, so that every check runs on every input. */
    one(data, size, size && (data[0] & 1) ? RAM_DIALECT_RAM : RAM_DIALECT_AWS);
    return 0;
}
