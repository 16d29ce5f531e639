/* oci/json: the AST as JSON (`iamc parse --format json`), documented in docs/ast.md. */
#include <ctype.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include "oci/ast.h"
#include "oci/json.h"
#include "base/json_util.h"

typedef struct ctx {
    oci_doc *d;
    int spans;
} ctx;

static json_t *span_json(ctx *c, oci_span s)
{
    uint32_t line, col, eline, ecol;
    uint32_t off = oci_doc_source_offset(c->d, s.off);
    uint32_t end = s.len ? oci_doc_source_offset(c->d, s.off + s.len - 1) + 1 : off;
    source_position(&c->d->src, off, &line, &col);
    source_position(&c->d->src, end, &eline, &ecol);
    return json_pack("{s:I,s:I,s:I,s:I,s:I,s:I}", "line", (json_int_t)line, "col", (json_int_t)col,
                     "end_line", (json_int_t)eline, "end_col", (json_int_t)ecol,
                     "offset", (json_int_t)off, "end", (json_int_t)end);
}

static void add_span(ctx *c, json_t *o, oci_span s)
{
    if (c->spans) json_object_set_new(o, "span", span_json(c, s));
}

/* A token's value: quotes stripped; "quoted" says whether it had them. */
static json_t *token_json(ctx *c, oci_span s)
{
    const char *t = oci_text(c->d, s);
    int quoted = s.len >= 2 && t[0] == '\'';
    json_t *o = json_object();
    json_object_set_new(o, "value", quoted ? json_text(t + 1, s.len - 2) : json_text(t, s.len));
    if (quoted) json_object_set_new(o, "quoted", json_true());
    add_span(c, o, s);
    return o;
}

/* A resource type the model knows is a keyword: its value is given in lower case, as fmt
 * writes it ('KEYS' is 'keys'). */
static json_t *resource_json(ctx *c, oci_span s)
{
    json_t *o = token_json(c, s);
    if (oci_resource_is_keyword(c->d, s)) {
        char *low = strndup(oci_text(c->d, s), s.len);
        if (!low) abort();
        for (char *q = low; *q; q++) *q = (char)tolower((unsigned char)*q);
        json_object_set_new(o, "value", json_string(low));
        free(low);
    }
    return o;
}

static json_t *list_json(ctx *c, const oci_list *l)
{
    json_t *a = json_array();
    for (; l; l = l->next) json_array_append_new(a, token_json(c, l->tok));
    return a;
}

static const char *const location_kinds[] = {"none", "tenancy", "compartment", "compartment-id",
                                             "tenancy-alias", "any-tenancy"};

static json_t *location_json(ctx *c, const oci_location *loc)
{
    json_t *o = json_pack("{s:s}", "type", location_kinds[loc->kind]);
    if (loc->kind == OCI_LOC_NONE) return o;
    if (loc->kind == OCI_LOC_COMPARTMENT) json_object_set_new(o, "path", list_json(c, loc->path));
    else if (loc->kind == OCI_LOC_COMPARTMENT_ID) json_object_set_new(o, "id", token_json(c, loc->path->tok));
    else if (loc->kind == OCI_LOC_TENANCY_ALIAS) json_object_set_new(o, "alias", token_json(c, loc->path->tok));
    if (loc->bare) json_object_set_new(o, "bare", json_true());
    add_span(c, o, loc->span);
    return o;
}

static const char *const op_names[] = {"=", "!=", "in", "not in", "before", "after", "between",
                                       "sets-intersect", "present"};
static const char *const value_kinds[] = {"string", "pattern", "variable", "ocid"};

json_t *oci_cond_json(oci_doc *d, const oci_cond *cond, int spans)
{
    ctx c = {d, spans};
    json_t *o;
    if (cond->kind != OCI_COND_PRED) {
        json_t *kids = json_array();
        for (const oci_cond *k = cond->u.children; k; k = k->next)
            json_array_append_new(kids, oci_cond_json(d, k, spans));
        o = json_pack("{s:s,s:o}", "type", cond->kind == OCI_COND_ANY ? "any" : "all", "conditions", kids);
    } else {
        json_t *vals = json_array();
        for (const oci_value *v = cond->u.values; v; v = v->next) {
            json_t *vj = token_json(&c, v->tok);
            json_object_set_new(vj, "kind", json_string(value_kinds[v->kind]));
            json_array_append_new(vals, vj);
        }
        o = json_pack("{s:s,s:o,s:s,s:o}", "type", "predicate", "variable", token_json(&c, cond->var),
                      "operator", op_names[cond->op], "values", vals);
    }
    add_span(&c, o, cond->span);
    return o;
}

static const char *const stmt_kinds[] = {"allow", "define", "endorse", "admit"};
static const char *const subject_kinds[] = {"none", "group", "dynamic-group", "service", "any-user", "any-group"};
static const char *const verbs[] = {NULL, "inspect", "read", "use", "manage", "associate"};
static const char *const define_kinds[] = {"tenancy", "group", "dynamic-group", "compartment"};

static json_t *lenient_json(unsigned flags, const oci_stmt *s)
{
    json_t *a = json_array();
    if (flags & OCI_LENIENT_NO_LOCATION) json_array_append_new(a, json_string("missing-location"));
    if (flags & OCI_LENIENT_DYNAMIC_GROUP) json_array_append_new(a, json_string("dynamic-group-space"));
    if (flags & OCI_LENIENT_DEFINE_ID) json_array_append_new(a, json_string("define-as-id"));
    if (s->in.bare || (s->with && s->with->in.bare)) json_array_append_new(a, json_string("bare-compartment"));
    return a;
}

static int cond_has_unquoted_ocid(const oci_cond *c)
{
    if (!c) return 0;
    if (c->kind != OCI_COND_PRED) {
        for (const oci_cond *k = c->u.children; k; k = k->next)
            if (cond_has_unquoted_ocid(k)) return 1;
        return 0;
    }
    for (const oci_value *v = c->u.values; v; v = v->next)
        if (v->kind == OCI_VAL_OCID) return 1;
    return 0;
}

json_t *oci_stmt_json(oci_doc *d, const oci_stmt *s, int spans)
{
    ctx c = {d, spans};
    json_t *o = json_pack("{s:s}", "type", stmt_kinds[s->kind]);
    if (s->kind == OCI_STMT_DEFINE) {
        json_object_set_new(o, "define", json_string(define_kinds[s->define_kind]));
        json_object_set_new(o, "alias", token_json(&c, s->resource));
        json_object_set_new(o, "id", token_json(&c, s->perms->tok));
    } else {
        json_object_set_new(o, "deny", json_boolean(s->deny));
        json_t *subj = json_pack("{s:s}", "type", subject_kinds[s->subject]);
        if (s->principals) {
            json_t *ps = json_array();
            for (const oci_principal *p = s->principals; p; p = p->next) {
                json_t *pj = token_json(&c, p->name);
                json_object_set_new(pj, "by", json_string(p->kind == OCI_PRINCIPAL_ID ? "id" : "name"));
                if (p->domain.len) json_object_set_new(pj, "domain", token_json(&c, p->domain));
                /* 'group id X, group id Y': the keyword written again (a lenient PCA form) */
                if (p->repeated) json_object_set_new(pj, "repeated", json_true());
                json_array_append_new(ps, pj);
            }
            json_object_set_new(subj, "principals", ps);
        }
        add_span(&c, subj, s->subject_span);
        json_object_set_new(o, "subject", subj);
        if (s->of) json_object_set_new(o, "of", location_json(&c, s->of));
        json_t *act;
        if (s->verb == OCI_VERB_NONE) {
            act = json_pack("{s:o}", "permissions", list_json(&c, s->perms));
        } else {
            act = json_pack("{s:s,s:o}", "verb", verbs[s->verb], "resource_type", resource_json(&c, s->resource));
        }
        json_object_set_new(o, "action", act);
        json_object_set_new(o, "location", location_json(&c, &s->in));
        if (s->with)
            json_object_set_new(o, "with", json_pack("{s:o,s:o}", "resource_type", resource_json(&c, s->with->resource),
                                                     "location", location_json(&c, &s->with->in)));
        json_object_set_new(o, "condition", s->where ? oci_cond_json(d, s->where, spans) : json_null());
    }
    json_t *len = lenient_json(s->lenient, s);
    if (cond_has_unquoted_ocid(s->where)) json_array_append_new(len, json_string("unquoted-ocid"));
    json_object_set_new(o, "lenient", len);
    add_span(&c, o, s->span);
    return o;
}

static const char *const input_kinds[] = {"text", "json-array", "rule", "rule-lines"};

json_t *oci_doc_json(oci_doc *d, int spans)
{
    ctx c = {d, spans};
    json_t *o = json_pack("{s:o,s:s,s:s}", "file", json_text(d->src.name, strlen(d->src.name)), "language",
                          d->kind == OCI_DOC_RULES ? "oci-matching-rule" : "oci",
                          "input", input_kinds[d->input]);
    if (d->kind == OCI_DOC_RULES) {
        json_t *rules = json_array();
        for (const oci_rule *r = d->rules; r; r = r->next) {
            json_t *rj = json_pack("{s:o}", "rule", oci_cond_json(d, r->expr, spans));
            add_span(&c, rj, r->span);
            json_array_append_new(rules, rj);
        }
        json_object_set_new(o, "rules", rules);
    } else {
        json_t *stmts = json_array();
        for (const oci_stmt *s = d->stmts; s; s = s->next) json_array_append_new(stmts, oci_stmt_json(d, s, spans));
        json_object_set_new(o, "statements", stmts);
    }
    json_t *comments = json_array();
    for (const oci_comment *k = d->comments; k; k = k->next) {
        json_t *kj = json_pack("{s:o}", "text", json_text(oci_text(d, k->span), k->span.len));
        add_span(&c, kj, k->span);
        json_array_append_new(comments, kj);
    }
    json_object_set_new(o, "comments", comments);
    return o;
}
