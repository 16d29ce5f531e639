/* oci/print: the canonical text of statements and matching rules (what `iamc fmt` prints).
 * Keywords take the documentation's capitalisation, tokens are separated by single spaces,
 * names and values are printed exactly as written, lenient forms stay as written so that
 * formatting never changes what lint reports. */
#include <ctype.h>
#include <jansson.h>
#include "base/buf.h"
#include "model/oci_model.h"
#include "oci/ast.h"

static void put(buf *out, const oci_doc *d, oci_span s) { buf_put(out, oci_text(d, s), s.len); }

int oci_resource_is_keyword(const oci_doc *d, oci_span tok)
{
    const char *t = oci_text(d, tok);
    return oci_model_is_all_resources(t, tok.len) || oci_model_type_find(t, tok.len) || oci_model_family_find(t, tok.len);
}

/* A resource type: lower case when the model knows it (reference §2.2: 'KEYS' is 'keys'),
 * else as written. */
static void put_resource(buf *out, const oci_doc *d, oci_span s)
{
    if (!oci_resource_is_keyword(d, s)) {
        put(out, d, s);
        return;
    }
    for (uint32_t i = 0; i < s.len; i++) buf_putc(out, (char)tolower((unsigned char)oci_text(d, s)[i]));
}

static const char *const stmt_words[] = {"Allow", "Define", "Endorse", "Admit"};
static const char *const subject_words[] = {"", "group", "dynamic-group", "service", "any-user", "any-group"};
static const char *const verb_words[] = {"", "inspect", "read", "use", "manage", "associate"};
static const char *const define_words[] = {"tenancy", "group", "dynamic-group", "compartment"};

static void print_list(buf *out, const oci_doc *d, const oci_list *l, const char *sep)
{
    for (; l; l = l->next) {
        put(out, d, l->tok);
        if (l->next) buf_puts(out, sep);
    }
}

static void print_location(buf *out, const oci_doc *d, const oci_location *loc)
{
    switch (loc->kind) {
    case OCI_LOC_TENANCY: buf_puts(out, "tenancy"); break;
    case OCI_LOC_ANY_TENANCY: buf_puts(out, "any-tenancy"); break;
    case OCI_LOC_TENANCY_ALIAS: buf_puts(out, "tenancy "); print_list(out, d, loc->path, ""); break;
    case OCI_LOC_COMPARTMENT_ID: buf_puts(out, "compartment id "); print_list(out, d, loc->path, ""); break;
    case OCI_LOC_COMPARTMENT:
        if (!loc->bare) buf_puts(out, "compartment ");
        print_list(out, d, loc->path, ":");
        break;
    default: break;
    }
}

static void print_subject(buf *out, const oci_doc *d, const oci_stmt *s)
{
    if (s->subject == OCI_SUBJ_DYNAMIC_GROUP && (s->lenient & OCI_LENIENT_DYNAMIC_GROUP))
        buf_puts(out, "dynamic group");
    else
        buf_puts(out, subject_words[s->subject]);
    for (const oci_principal *p = s->principals; p; p = p->next) {
        buf_puts(out, p == s->principals ? " " : ", ");
        if (p->repeated) buf_puts(out, s->subject == OCI_SUBJ_DYNAMIC_GROUP ? "dynamic-group " : "group ");
        if (p->kind == OCI_PRINCIPAL_ID) buf_puts(out, "id ");
        if (p->domain.len) {
            put(out, d, p->domain);
            buf_putc(out, '/');
        }
        put(out, d, p->name);
    }
}

static void print_values(buf *out, const oci_doc *d, const oci_value *v)
{
    for (; v; v = v->next) {
        put(out, d, v->tok);
        if (v->next) buf_puts(out, ", ");
    }
}

/* RULE_STYLE: matching rules write 'All {' / 'Any {' as the console and its docs do. */
void oci_print_cond(const oci_doc *d, const oci_cond *c, int rule_style, buf *out)
{
    if (c->kind != OCI_COND_PRED) {
        if (rule_style) buf_puts(out, c->kind == OCI_COND_ANY ? "Any {" : "All {");
        else buf_puts(out, c->kind == OCI_COND_ANY ? "any {" : "all {");
        for (const oci_cond *k = c->u.children; k; k = k->next) {
            oci_print_cond(d, k, rule_style, out);
            if (k->next) buf_puts(out, ", ");
        }
        buf_putc(out, '}');
        return;
    }
    const oci_value *v = c->u.values;
    switch (c->op) {
    case OCI_OP_SETS_INTERSECT:
        buf_puts(out, "sets-intersect(");
        put(out, d, c->var);
        buf_puts(out, ", (");
        print_values(out, d, v);
        buf_puts(out, "))");
        return;
    case OCI_OP_PRESENT: put(out, d, c->var); return;
    default: break;
    }
    put(out, d, c->var);
    switch (c->op) {
    case OCI_OP_EQ: buf_puts(out, " = "); put(out, d, v->tok); break;
    case OCI_OP_NE: buf_puts(out, " != "); put(out, d, v->tok); break;
    case OCI_OP_IN: buf_puts(out, " in ("); print_values(out, d, v); buf_putc(out, ')'); break;
    case OCI_OP_NOT_IN: buf_puts(out, " not in ("); print_values(out, d, v); buf_putc(out, ')'); break;
    case OCI_OP_BEFORE: buf_puts(out, " before "); put(out, d, v->tok); break;
    case OCI_OP_AFTER: buf_puts(out, " after "); put(out, d, v->tok); break;
    case OCI_OP_BETWEEN:
        buf_puts(out, " between ");
        put(out, d, v->tok);
        buf_puts(out, " and ");
        put(out, d, v->next->tok);
        break;
    default: break;
    }
}

void oci_print_stmt(const oci_doc *d, const oci_stmt *s, buf *out)
{
    if (s->kind == OCI_STMT_DEFINE) {
        buf_printf(out, "Define %s ", define_words[s->define_kind]);
        put(out, d, s->resource);
        buf_puts(out, s->lenient & OCI_LENIENT_DEFINE_ID ? " as id " : " as ");
        put(out, d, s->perms->tok);
        return;
    }
    if (s->deny) buf_puts(out, s->kind == OCI_STMT_ALLOW ? "Deny " : "Deny ");
    if (!(s->deny && s->kind == OCI_STMT_ALLOW)) buf_printf(out, "%s ", stmt_words[s->kind]);
    print_subject(out, d, s);
    if (s->of) {
        buf_puts(out, " of ");
        print_location(out, d, s->of);
    }
    buf_puts(out, " to ");
    if (s->verb == OCI_VERB_NONE) {
        buf_putc(out, '{');
        print_list(out, d, s->perms, ", ");
        buf_putc(out, '}');
    } else {
        buf_printf(out, "%s ", verb_words[s->verb]);
        put_resource(out, d, s->resource);
    }
    if (s->in.kind != OCI_LOC_NONE) {
        buf_puts(out, " in ");
        print_location(out, d, &s->in);
    }
    if (s->with) {
        buf_puts(out, " with ");
        put_resource(out, d, s->with->resource);
        buf_puts(out, " in ");
        print_location(out, d, &s->with->in);
    }
    if (s->where) {
        buf_puts(out, " where ");
        oci_print_cond(d, s->where, 0, out);
    }
}

/* Lines between two source offsets, to keep one blank line where the author left any. */
static int blank_line_between(const oci_doc *d, uint32_t a, uint32_t b)
{
    uint32_t sa = oci_doc_source_offset(d, a), sb = oci_doc_source_offset(d, b);
    int newlines = 0;
    for (uint32_t i = sa; i < sb; i++) {
        char c = d->src.text[i];
        if (c == '\n') {
            if (++newlines >= 2) return 1;
        } else if (c != ' ' && c != '\t' && c != '\r') {
            newlines = 0;
        }
    }
    return 0;
}

static void format_json_array(const oci_doc *d, buf *out)
{
    json_t *arr = json_array();
    buf line;
    buf_init(&line);
    for (const oci_stmt *s = d->stmts; s; s = s->next) {
        line.len = 0;
        oci_print_stmt(d, s, &line);
        json_array_append_new(arr, json_stringn(line.data, line.len));
    }
    buf_free(&line);
    char *text = json_dumps(arr, JSON_INDENT(2) | JSON_ENSURE_ASCII);
    buf_puts(out, text);
    buf_putc(out, '\n');
    free(text);
    json_decref(arr);
}

/* The whole document: statements (or rules) one per line, comments where they stood; a
 * comment inside a statement follows it on the same line, and any further ones the lines
 * after it. */
void oci_format_doc(const oci_doc *d, int as_json, buf *out)
{
    if (as_json && d->kind == OCI_DOC_POLICY) {
        format_json_array(d, out);
        return;
    }
    const oci_comment *c = d->comments;
    const oci_stmt *s = d->stmts;
    const oci_rule *r = d->rules;
    int first = 1;
    uint32_t prev_end = 0;
    for (;;) {
        oci_span next;
        int which; /* 0 comment, 1 statement, 2 rule */
        uint32_t coff = c ? c->span.off : UINT32_MAX;
        uint32_t uoff = s ? s->span.off : r ? r->span.off : UINT32_MAX;
        if (coff == UINT32_MAX && uoff == UINT32_MAX) break;
        if (coff < uoff) { next = c->span; which = 0; }
        else if (s) { next = s->span; which = 1; }
        else { next = r->span; which = 2; }
        if (!first && blank_line_between(d, prev_end, next.off)) buf_putc(out, '\n');
        first = 0;
        if (which == 0) {
            put(out, d, c->span);
            c = c->next;
        } else {
            if (which == 1) oci_print_stmt(d, s, out);
            else oci_print_cond(d, r->expr, 1, out);
            uint32_t end = next.off + next.len;
            /* comments inside the unit, or after it on its last line: the first one ends the
             * unit's line, each other one has a line of its own ('# a # b' would be one) */
            int on_unit_line = 1;
            while (c && c->span.off < end) {
                buf_putc(out, on_unit_line ? ' ' : '\n');
                put(out, d, c->span);
                on_unit_line = 0;
                c = c->next;
            }
            if (c && !blank_line_between(d, end, c->span.off)) {
                uint32_t a = oci_doc_source_offset(d, end), b = oci_doc_source_offset(d, c->span.off);
                int same_line = 1;
                for (uint32_t i = a; i < b; i++) if (d->src.text[i] == '\n') same_line = 0;
                if (same_line) {
                    buf_putc(out, on_unit_line ? ' ' : '\n');
                    put(out, d, c->span);
                    next.len = c->span.off + c->span.len - next.off;
                    c = c->next;
                }
            }
            if (which == 1) s = s->next; else r = r->next;
        }
        buf_putc(out, '\n');
        prev_end = next.off + next.len;
    }
}
