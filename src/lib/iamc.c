/* lib: the public API (src/iamc.h) over the front ends. */
#include "iamc.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include "base/buf.h"
#include "base/json_util.h"
#include "oci/ast.h"
#include "oci/json.h"
#include "ram/ast.h"
#include "ram/json.h"

struct iamc_doc {
    iamc_lang lang;
    oci_doc *oci;            /* one of the two front ends' documents */
    ram_doc *ram;
};

const char *iamc_version(void) { return IAMC_VERSION; }

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* A JSON object is a RAM/AWS policy; '[' stays the OCI JSON array of statements.  A UTF-8
 * BOM before it is skipped (the front ends read it as whitespace). */
static int starts_with_brace(const source *src)
{
    size_t i = src->len >= 3 && memcmp(src->text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    while (i < src->len && strchr(" \t\r\n", src->text[i]) && src->text[i]) i++;
    return i < src->len && src->text[i] == '{';
}

static iamc_lang resolve_lang(const source *src, iamc_lang lang)
{
    if (lang != IAMC_LANG_AUTO) return lang;
    if (ends_with(src->name, ".rules")) return IAMC_LANG_OCI_RULES;
    if (ends_with(src->name, ".rule")) return IAMC_LANG_OCI_RULE;
    if (starts_with_brace(src)) return IAMC_LANG_AUTO;   /* ram_parse tells RAM from AWS */
    return IAMC_LANG_OCI;
}

static iamc_doc *doc_from_source(source *src, iamc_lang lang)
{
    iamc_doc *doc = calloc(1, sizeof *doc);
    if (!doc) abort();
    doc->lang = resolve_lang(src, lang);
    if (doc->lang == IAMC_LANG_AUTO || doc->lang == IAMC_LANG_RAM || doc->lang == IAMC_LANG_AWS) {
        doc->ram = ram_parse(src, doc->lang == IAMC_LANG_RAM ? RAM_DIALECT_RAM
                                  : doc->lang == IAMC_LANG_AWS ? RAM_DIALECT_AWS : RAM_DIALECT_AUTO);
        doc->lang = doc->ram->dialect == RAM_DIALECT_AWS ? IAMC_LANG_AWS : IAMC_LANG_RAM;
        return doc;
    }
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
    if (doc->ram) ram_doc_free(doc->ram);
    else oci_doc_free(doc->oci);
    free(doc);
}

static const diag_list *doc_diags(const iamc_doc *doc) { return doc->ram ? &doc->ram->diags : &doc->oci->diags; }
static const source *doc_source(const iamc_doc *doc) { return doc->ram ? &doc->ram->src : &doc->oci->src; }

iamc_lang iamc_doc_lang(const iamc_doc *doc) { return doc->lang; }

size_t iamc_doc_count(const iamc_doc *doc)
{
    if (doc->ram) return doc->ram->nstmts;
    return doc->oci->kind == OCI_DOC_RULES ? doc->oci->nrules : doc->oci->nstmts;
}

size_t iamc_doc_comment_count(const iamc_doc *doc)
{
    size_t n = 0;
    if (doc->oci)
        for (const oci_comment *c = doc->oci->comments; c; c = c->next) n++;
    return n;
}

size_t iamc_doc_error_count(const iamc_doc *doc) { return doc_diags(doc)->errors; }
size_t iamc_doc_diagnostic_count(const iamc_doc *doc) { return doc_diags(doc)->count; }

int iamc_doc_diagnostic(const iamc_doc *doc, size_t i, iamc_diagnostic *out)
{
    const diag *d = doc_diags(doc)->head;
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
    for (const diag *d = doc_diags(doc)->head; d; d = d->next) diag_render(d, &out);
    return buf_take(&out);
}

char *iamc_doc_format(const iamc_doc *doc, unsigned flags)
{
    if (iamc_doc_error_count(doc)) return NULL;
    buf out;
    buf_init(&out);
    if (doc->ram) {
        ram_format_doc(doc->ram, &out);
        return buf_take(&out);
    }
    int as_json = flags & IAMC_FORMAT_JSON ? 1 : flags & IAMC_FORMAT_TEXT ? 0 : doc->oci->input == OCI_INPUT_JSON_ARRAY;
    oci_format_doc(doc->oci, as_json, &out);
    return buf_take(&out);
}

char *iamc_doc_to_json(const iamc_doc *doc, unsigned flags)
{
    int spans = !(flags & IAMC_JSON_NO_SPANS);
    json_t *j = doc->ram ? ram_doc_json(doc->ram, spans) : oci_doc_json(doc->oci, spans);
    json_t *errs = json_array();
    for (const diag *d = doc_diags(doc)->head; d; d = d->next) {
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
    *len = doc_source(doc)->len;
    return doc_source(doc)->text;
}

size_t iamc_doc_memory(const iamc_doc *doc) { return doc->ram ? doc->ram->mem.used : doc->oci->mem.used; }
