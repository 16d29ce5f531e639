/* ram/json: AST → JSON.  Each node carries "pointer" (RFC 6901, into the input) and, unless
 * spans are off, "span" (line:col and byte range).  Documented in docs/json-policies.md. */
#include <string.h>
#include "base/buf.h"
#include "base/json_util.h"
#include "ram/json.h"

typedef struct ctx {
    ram_doc *d;
    int spans;
    buf path;
} ctx;

static void locate(ctx *c, json_t *o, ram_span s)
{
    json_object_set_new(o, "pointer", json_stringn(c->path.data ? c->path.data : "", c->path.len));
    if (c->spans) json_object_set_new(o, "span", json_span(&c->d->src, s.off, s.off + s.len));
}

static const char *const json_types[] = {"string", "number", "boolean"};

static json_t *str_json(ctx *c, const ram_str *s)
{
    if (!s || !s->text) return json_null();
    json_t *o = json_pack("{s:o}", "value", json_text(s->text, s->len));
    if (s->type != RAM_JSON_STRING) json_object_set_new(o, "type", json_string(json_types[s->type]));
    locate(c, o, s->span);
    return o;
}

/* A list at the current path; its items get "/I" when it was written as an array. */
static json_t *list_json(ctx *c, const ram_list *l)
{
    json_t *vals = json_array();
    for (uint32_t i = 0; i < l->n; i++) {
        size_t mark = c->path.len;
        if (l->array) ram_pointer_push_index(&c->path, i);
        json_array_append_new(vals, str_json(c, &l->items[i]));
        c->path.len = mark;
    }
    json_t *o = json_pack("{s:s,s:o}", "form", l->array ? "array" : "string", "values", vals);
    locate(c, o, l->span);
    return o;
}

/* The member KEY of the current path: the string S, or else the list L. */
static json_t *member_json(ctx *c, const char *key, size_t len, const ram_str *s, const ram_list *l)
{
    size_t mark = c->path.len;
    ram_pointer_push(&c->path, key, len);
    json_t *o = l ? list_json(c, l) : str_json(c, s);
    c->path.len = mark;
    return o;
}

static json_t *str_at(ctx *c, const char *key, size_t len, const ram_str *s) { return member_json(c, key, len, s, NULL); }
static json_t *list_at(ctx *c, const char *key, size_t len, const ram_list *l) { return member_json(c, key, len, NULL, l); }

static json_t *principal_json(ctx *c, const ram_stmt *s)
{
    const ram_principal *pr = s->principal;
    const char *name = s->not_principal ? "NotPrincipal" : "Principal";
    size_t mark = c->path.len;
    ram_pointer_push(&c->path, name, strlen(name));
    json_t *o = json_pack("{s:b,s:b}", "not", s->not_principal, "wildcard", pr->wildcard);
    json_t *entries = json_array();
    for (uint32_t i = 0; i < pr->n; i++) {
        const ram_principal_entry *e = &pr->entries[i];
        json_t *ids = list_at(c, e->key.text, e->key.len, &e->ids);
        json_t *key = str_at(c, e->key.text, e->key.len, &e->key);
        json_array_append_new(entries, json_pack("{s:s,s:o,s:o}", "type", ram_principal_kind_name((ram_principal_kind)e->kind),
                                                 "key", key, "ids", ids));
    }
    json_object_set_new(o, "entries", entries);
    locate(c, o, pr->span);
    c->path.len = mark;
    return o;
}

static json_t *element_json(ctx *c, const ram_list *l, int negated, const char *name, const char *not_name)
{
    if (!l) return json_null();
    const char *key = negated ? not_name : name;
    json_t *o = list_at(c, key, strlen(key), l);
    json_object_set_new(o, "not", json_boolean(negated));
    return o;
}

static const char *const set_names[] = {NULL, "ForAnyValue", "ForAllValues"};

static json_t *cond_json(ctx *c, const ram_cond *k)
{
    size_t mark = c->path.len;
    ram_pointer_push(&c->path, k->name.text, k->name.len);
    json_t *o = json_pack("{s:o}", "operator", str_json(c, &k->name));
    if (k->op) {
        json_object_set_new(o, "base", json_string(k->op->name));
        json_object_set_new(o, "family", json_string(ram_family_name((ram_family)k->op->family)));
        json_object_set_new(o, "value_type", json_string(ram_value_kind_name((ram_value_kind)k->op->value)));
        json_object_set_new(o, "negated", json_boolean(k->op->negated));
    }
    json_object_set_new(o, "set", k->set ? json_string(set_names[k->set]) : json_null());
    json_object_set_new(o, "if_exists", json_boolean(k->if_exists));
    json_t *keys = json_array();
    for (uint32_t i = 0; i < k->n; i++) {
        const ram_cond_key *ck = &k->keys[i];
        json_t *kj = json_pack("{s:o}", "key", str_at(c, ck->key.text, ck->key.len, &ck->key));
        json_object_set_new(kj, "values", list_at(c, ck->key.text, ck->key.len, &ck->values));
        json_array_append_new(keys, kj);
    }
    json_object_set_new(o, "keys", keys);
    locate(c, o, k->span);
    c->path.len = mark;
    return o;
}

static json_t *condition_json(ctx *c, const ram_stmt *s)
{
    if (!s->has_condition) return json_null();
    size_t mark = c->path.len;
    buf_puts(&c->path, "/Condition");
    json_t *ops = json_array();
    for (uint32_t i = 0; i < s->ncond; i++) json_array_append_new(ops, cond_json(c, &s->conds[i]));
    json_t *o = json_pack("{s:o}", "operators", ops);
    locate(c, o, s->cond_span);
    c->path.len = mark;
    return o;
}

static json_t *stmt_json(ctx *c, const ram_stmt *s)
{
    json_t *o = json_object();
    json_object_set_new(o, "sid", str_at(c, "Sid", 3, s->sid));
    json_object_set_new(o, "effect", s->effect_text.text ? json_string(s->effect == RAM_DENY ? "deny" : "allow") : json_null());
    json_object_set_new(o, "effect_text", str_at(c, "Effect", 6, &s->effect_text));
    json_object_set_new(o, "principal", s->principal ? principal_json(c, s) : json_null());
    json_object_set_new(o, "action", element_json(c, s->action, s->not_action, "Action", "NotAction"));
    json_object_set_new(o, "resource", element_json(c, s->resource, s->not_resource, "Resource", "NotResource"));
    json_object_set_new(o, "condition", condition_json(c, s));
    locate(c, o, s->span);
    return o;
}

json_t *ram_doc_json(ram_doc *d, int spans)
{
    ctx c = {d, spans, {0}};
    buf_init(&c.path);
    json_t *o = json_pack("{s:o,s:s,s:s}", "file", json_text(d->src.name, strlen(d->src.name)), "language",
                          ram_dialect_get((ram_dialect)d->dialect)->name, "input", "json-policy");
    json_object_set_new(o, "version", str_at(&c, "Version", 7, d->version));
    if (d->dialect == RAM_DIALECT_AWS) json_object_set_new(o, "id", str_at(&c, "Id", 2, d->id));
    json_object_set_new(o, "statement_form", json_string(d->statement_array ? "array" : "object"));
    json_t *stmts = json_array();
    buf_puts(&c.path, "/Statement");
    for (uint32_t i = 0; i < d->nstmts; i++) {
        size_t mark = c.path.len;
        if (d->statement_array) ram_pointer_push_index(&c.path, i);
        json_array_append_new(stmts, stmt_json(&c, &d->stmts[i]));
        c.path.len = mark;
    }
    json_object_set_new(o, "statements", stmts);
    buf_free(&c.path);
    return o;
}
