/* lib: the public API (src/iamc.h) over the front ends. */
#include "iamc.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include "base/buf.h"
#include "base/json_util.h"
#include "oci/ast.h"
#include "oci/json.h"

struct iamc_doc {
    iamc_lang lang;
    oci_doc *oci;
};

const char *iamc_version(void) { return IAMC_VERSION; }

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static iamc_lang resolve_lang(const char *name, iamc_lang lang)
{
    if (lang != IAMC_LANG_AUTO) return lang;
    if (ends_with(name, ".rules")) return IAMC_LANG_OCI_RULES;
    if (ends_with(name, ".rule")) return IAMC_LANG_OCI_RULE;
    return IAMC_LANG_OCI;
}

static iamc_doc *doc_from_source(source *src, iamc_lang lang)
{
    iamc_doc *doc = calloc(1, sizeof *doc);
    if (!doc) abort();
    doc->lang = resolve_lang(src->name, lang);
    unsigned flags = 0;
    if (doc->lang == IAMC_LANG_OCI_RULE) flags = OCI_PARSE_RULES;
    if (doc->lang == IAMC_LANG_OCI_RULES) flags = OCI_PARSE_RULES | OCI_PARSE_RULE_LINES;
    doc->oci = oci_parse(src, flags);
    return doc;
}

iamc_doc *iamc_doc_parse(const char *name, const char *text, size_t len, iamc_lang lang)
{
    source src;
    source_init_copy(&src, name ? name : "<input>", text, len);
    return doc_from_source(&src, lang);
}

iamc_doc *iamc_doc_load(const char *path, iamc_lang lang, char *err, size_t errlen)
{
    source src;
    if (source_load(&src, path, err, errlen)) return NULL;
    return doc_from_source(&src, lang);
}

void iamc_doc_free(iamc_doc *doc)
{
    if (!doc) return;
    oci_doc_free(doc->oci);
    free(doc);
}

iamc_lang iamc_doc_lang(const iamc_doc *doc) { return doc->lang; }

size_t iamc_doc_count(const iamc_doc *doc)
{
    return doc->oci->kind == OCI_DOC_RULES ? doc->oci->nrules : doc->oci->nstmts;
}

size_t iamc_doc_error_count(const iamc_doc *doc) { return doc->oci->diags.errors; }
size_t iamc_doc_diagnostic_count(const iamc_doc *doc) { return doc->oci->diags.count; }

int iamc_doc_diagnostic(const iamc_doc *doc, size_t i, iamc_diagnostic *out)
{
    const diag *d = doc->oci->diags.head;
    for (; d && i; d = d->next) i--;
    if (!d) return -1;
    out->severity = (iamc_severity)d->severity;
    out->file = d->src->name;
    out->line = d->line;
    out->col = d->col;
    out->offset = d->off;
    out->end = d->end;
    out->message = d->message;
    out->hint = d->hint;
    return 0;
}

char *iamc_doc_render_diagnostics(const iamc_doc *doc)
{
    buf out;
    buf_init(&out);
    for (const diag *d = doc->oci->diags.head; d; d = d->next) diag_render(d, &out);
    return buf_take(&out);
}

char *iamc_doc_format(const iamc_doc *doc, unsigned flags)
{
    if (iamc_doc_error_count(doc)) return NULL;
    buf out;
    buf_init(&out);
    int as_json = flags & IAMC_FORMAT_JSON ? 1 : flags & IAMC_FORMAT_TEXT ? 0 : doc->oci->input == OCI_INPUT_JSON_ARRAY;
    oci_format_doc(doc->oci, as_json, &out);
    return buf_take(&out);
}

char *iamc_doc_to_json(const iamc_doc *doc, unsigned flags)
{
    json_t *j = oci_doc_json(doc->oci, !(flags & IAMC_JSON_NO_SPANS));
    json_t *errs = json_array();
    for (const diag *d = doc->oci->diags.head; d; d = d->next) {
        json_t *e = json_pack("{s:o,s:s,s:I,s:I,s:I,s:I,s:s}", "file", json_text(d->src->name, strlen(d->src->name)), "severity",
                              diag_severity_name(d->severity), "line", (json_int_t)d->line,
                              "col", (json_int_t)d->col, "offset", (json_int_t)d->off,
                              "end", (json_int_t)d->end, "message", d->message);
        if (d->hint) json_object_set_new(e, "hint", json_string(d->hint));
        json_array_append_new(errs, e);
    }
    json_object_set_new(j, "diagnostics", errs);
    char *s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(j);
    return s;
}

const char *iamc_doc_source(const iamc_doc *doc, size_t *len)
{
    *len = doc->oci->src.len;
    return doc->oci->src.text;
}

size_t iamc_doc_memory(const iamc_doc *doc) { return doc->oci->mem.used; }
