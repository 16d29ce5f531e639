/* ram/parse: JSON policy → AST.  jansson decodes and rejects malformed JSON and duplicate
 * keys; a walk over its tree, in step with the source index of ram/pointer.c, builds the AST
 * and validates it.  Every diagnostic names its JSON Pointer.  Messages: docs/json-policies.md. */
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "base/buf.h"
#include "ram/ast.h"
#include "ram/check.h"

typedef struct parser {
    ram_doc *d;
    const ram_dialect_info *di;
    const char *text;
    buf path;                /* JSON Pointer of the value being walked */
    buf why;                 /* scratch for messages */
} parser;

/* ---- diagnostics ------------------------------------------------------------------------- */

static diag *report_at(parser *p, diag_severity sev, uint32_t off, uint32_t end, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static diag *report_at(parser *p, diag_severity sev, uint32_t off, uint32_t end, const char *fmt, ...)
{
    /* Formatted whole (no fixed buffer): a cut could split a UTF-8 sequence of a key. */
    buf msg;
    buf_init(&msg);
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    buf_reserve(&msg, n > 0 ? (size_t)n : 0);
    va_start(ap, fmt);
    vsnprintf(msg.data, (size_t)(n > 0 ? n : 0) + 1, fmt, ap);
    va_end(ap);
    diag *dg;
    if (p->path.len == 0) dg = diag_add(&p->d->diags, sev, &p->d->src, off, end, "%s", msg.data);
    else dg = diag_add(&p->d->diags, sev, &p->d->src, off, end, "%s (at %.*s)", msg.data, (int)p->path.len, p->path.data);
    buf_free(&msg);
    return dg;
}

static ram_span node_span(parser *p, uint32_t node)
{
    if (node >= p->d->index.n) return (ram_span){0, 0};
    const ram_jnode *n = &p->d->index.nodes[node];
    return (ram_span){n->off, n->end - n->off};
}

#define REPORT(p, sev, span, ...) report_at((p), (sev), (span).off, (span).off + (span).len, __VA_ARGS__)

/* Report the message built in p->why. */
static diag *report_why(parser *p, ram_span at)
{
    diag *dg = REPORT(p, DIAG_ERROR, at, "%s", p->why.data ? p->why.data : "");
    p->why.len = 0;
    return dg;
}

static const char *type_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER:
    case JSON_REAL: return "a number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    default: return "null";
    }
}

static void type_error(parser *p, uint32_t node, const char *name, const char *want, const json_t *v)
{
    REPORT(p, DIAG_ERROR, node_span(p, node), "\"%s\" must be %s, not %s", name, want, type_name(v));
}

/* "did you mean" for a misspelt or miscased name among CANDS. */
static void hint_name(parser *p, diag *dg, const char *word, size_t len, const char *const *cands, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strlen(cands[i]) == len && strncasecmp(cands[i], word, len) == 0) {
            diag_set_hint(&p->d->diags, dg, "names are case-sensitive: did you mean '%s'?", cands[i]);
            return;
        }
    const char *s = diag_suggest(word, len, cands, n);
    if (s) diag_set_hint(&p->d->diags, dg, "did you mean '%s'?", s);
}

static size_t count_names(const char *const *names)
{
    size_t n = 0;
    while (names[n]) n++;
    return n;
}

/* ---- walking jansson and the source index together ------------------------------------ */

typedef void member_fn(parser *p, void *ctx, const char *key, size_t klen, ram_span key_span, json_t *v, uint32_t node);

/* Call FN for each member of object OBJ (source node NODE), in document order, with the
 * member's pointer pushed on p->path. */
static void each_member(parser *p, json_t *obj, uint32_t node, member_fn *fn, void *ctx)
{
    const ram_jindex *ix = &p->d->index;
    uint32_t hint = ram_jindex_first(ix, node);
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v) {
        size_t klen = strlen(key);
        uint32_t c = ram_jindex_member(ix, p->text, node, key, klen, hint);
        if (c == RAM_JNONE) c = node;   /* cannot happen on text jansson accepted; stay safe */
        else hint = ram_jindex_next(ix, node, c);
        const ram_jnode *jn = &ix->nodes[c];
        ram_span ks = jn->key != RAM_JNONE ? (ram_span){jn->key, jn->key_end - jn->key} : node_span(p, c);
        size_t mark = p->path.len;
        ram_pointer_push(&p->path, key, klen);
        fn(p, ctx, key, klen, ks, v, c);
        p->path.len = mark;
    }
}

/* Item I of array node NODE; CUR is item I-1's node (RAM_JNONE for the first). */
static uint32_t next_item(parser *p, uint32_t node, uint32_t cur)
{
    const ram_jindex *ix = &p->d->index;
    uint32_t c = cur == RAM_JNONE ? ram_jindex_first(ix, node) : ram_jindex_next(ix, node, cur);
    return c == RAM_JNONE ? node : c;
}

static void set_str(parser *p, ram_str *out, const char *s, size_t len, int type, uint32_t node)
{
    out->text = arena_strndup(&p->d->mem, s, len);
    out->len = (uint32_t)len;
    out->type = (uint8_t)type;
    out->span = node_span(p, node);
}

/* A JSON scalar as a ram_str: strings decoded, numbers and booleans as written. */
static int scalar(parser *p, json_t *v, uint32_t node, ram_str *out)
{
    if (json_is_string(v)) {
        set_str(p, out, json_string_value(v), json_string_length(v), RAM_JSON_STRING, node);
        return 0;
    }
    if (json_is_number(v) || json_is_boolean(v)) {
        ram_span s = node_span(p, node);
        set_str(p, out, p->text + s.off, s.len, json_is_number(v) ? RAM_JSON_NUMBER : RAM_JSON_BOOL, node);
        return 0;
    }
    return -1;
}

static int string_member(parser *p, const char *name, json_t *v, uint32_t node, ram_str *out)
{
    if (json_is_string(v)) return scalar(p, v, node, out);
    type_error(p, node, name, "a string", v);
    return -1;
}

/* A string-or-array element; with SCALARS, numbers and booleans are taken too (condition
 * values).  Item diagnostics carry the item's pointer. */
static int read_list(parser *p, const char *name, json_t *v, uint32_t node, int scalars, ram_list *out)
{
    memset(out, 0, sizeof *out);
    out->span = node_span(p, node);
    const char *want = scalars ? "a string, number or boolean, or an array of them" : "a string or an array of strings";
    if (!json_is_array(v)) {
        out->n = 1;
        out->items = arena_alloc(&p->d->mem, sizeof *out->items);
        if (json_is_string(v) || (scalars && (json_is_number(v) || json_is_boolean(v))))
            return scalar(p, v, node, out->items);
        type_error(p, node, name, want, v);
        out->n = 0;
        return -1;
    }
    out->array = 1;
    out->items = arena_alloc(&p->d->mem, (json_array_size(v) + 1) * sizeof *out->items);
    uint32_t c = RAM_JNONE;
    int rc = 0;
    for (size_t i = 0; i < json_array_size(v); i++) {
        json_t *item = json_array_get(v, i);
        c = next_item(p, node, c);
        if ((scalars || json_is_string(item)) && scalar(p, item, c, &out->items[out->n]) == 0) {
            out->n++;
            continue;
        }
        size_t mark = p->path.len;
        ram_pointer_push_index(&p->path, i);
        REPORT(p, DIAG_ERROR, node_span(p, c), "items of \"%s\" must be %s, not %s", name,
               scalars ? "strings, numbers or booleans" : "strings", type_name(item));
        p->path.len = mark;
        rc = -1;
    }
    return rc;
}

typedef int item_check(const ram_dialect_info *di, const char *s, size_t len, buf *why);

/* Run CHECK on every item of L, each reported with its own pointer. */
static void check_items(parser *p, const ram_list *l, item_check *check)
{
    for (uint32_t i = 0; i < l->n; i++) {
        if (check(p->di, l->items[i].text, l->items[i].len, &p->why) == 0) continue;
        size_t mark = p->path.len;
        if (l->array) ram_pointer_push_index(&p->path, i);
        report_why(p, l->items[i].span);
        p->path.len = mark;
    }
}

/* Action, Resource and Principal values may not be an empty array: the cloud rejects those. */
static int nonempty(parser *p, const char *name, const ram_list *l)
{
    if (!l->array || l->n > 0) return 0;
    REPORT(p, DIAG_ERROR, l->span, "\"%s\" is an empty array", name);
    return -1;
}

/* ---- statement elements ------------------------------------------------------------------ */

typedef struct stmt_ctx {
    ram_stmt *s;
    uint32_t node;
} stmt_ctx;

static void el_sid(parser *p, ram_stmt *s, const char *key, json_t *v, uint32_t node, int negated)
{
    ram_str sid;
    if (string_member(p, key, v, node, &sid) == 0) {
        s->sid = arena_alloc(&p->d->mem, sizeof *s->sid);
        *s->sid = sid;
    }
}

static void el_effect(parser *p, ram_stmt *s, const char *key, json_t *v, uint32_t node, int negated)
{
    if (string_member(p, key, v, node, &s->effect_text)) return;
    const ram_str *e = &s->effect_text;
    if (strcmp(e->text, "Allow") == 0 || strcmp(e->text, "Deny") == 0) {
        s->effect = e->text[0] == 'D' ? RAM_DENY : RAM_ALLOW;
        return;
    }
    buf_puts(&p->why, "invalid Effect ");
    ram_quote(&p->why, e->text, e->len);
    buf_puts(&p->why, ": must be \"Allow\" or \"Deny\"");
    diag *dg = report_why(p, e->span);
    static const char *const effects[] = {"Allow", "Deny"};
    hint_name(p, dg, e->text, e->len, effects, 2);
}

/* Whether an id in a RAM/AWS principal is well formed: "*", an account ID, an ARN, or (AWS)
 * a unique ID such as AIDAJQABLZS4A3QDU576Q. */
static int principal_id_check(parser *p, const ram_str *id, int kind)
{
    size_t plen = strlen(p->di->arn_prefix);
    if (id->len > plen && memcmp(id->text, p->di->arn_prefix, plen) == 0)
        return ram_check_arn(p->di, id->text, id->len, &p->why);
    int account = kind == RAM_PRINCIPAL_RAM || kind == RAM_PRINCIPAL_AWS;
    int ok = id->len > 0;
    for (uint32_t i = 0; i < id->len && ok; i++) {
        char c = id->text[i];
        if (account) ok = (c >= '0' && c <= '9') || c == '*' || (kind == RAM_PRINCIPAL_AWS && c >= 'A' && c <= 'Z');
        else ok = c > ' ' && c != 0x7f;
    }
    if (ok) return 0;
    buf_puts(&p->why, "invalid principal ");
    ram_quote(&p->why, id->text, id->len);
    if (account) buf_printf(&p->why, ": expected \"*\", an account ID or an ARN (%s)", p->di->principal_example);
    else buf_printf(&p->why, ": expected a name without spaces (\"%s\")", p->di->service_example);
    return -1;
}

static void principal_member(parser *p, void *ctx, const char *key, size_t klen, ram_span ks, json_t *v, uint32_t node)
{
    ram_principal *pr = ctx;
    int kind = ram_principal_kind_find(key, klen);
    if (kind < 0 || !(p->di->principal_kinds & (1u << kind))) {
        buf_puts(&p->why, "invalid principal key ");
        ram_quote(&p->why, key, klen);
        buf_printf(&p->why, ": %s uses ", p->di->title);
        const char *sep = "";
        for (int k = 0; k <= RAM_PRINCIPAL_CANONICAL_USER; k++)
            if (p->di->principal_kinds & (1u << k)) {
                buf_printf(&p->why, "%s\"%s\"", sep, ram_principal_kind_name((ram_principal_kind)k));
                sep = ", ";
            }
        report_why(p, ks);
        return;
    }
    ram_principal_entry *e = &pr->entries[pr->n];
    e->kind = (uint8_t)kind;
    set_str(p, &e->key, key, klen, RAM_JSON_STRING, node);
    e->key.span = ks;
    if (read_list(p, key, v, node, 0, &e->ids) || nonempty(p, key, &e->ids)) return;
    pr->n++;
    for (uint32_t i = 0; i < e->ids.n; i++) {
        if (principal_id_check(p, &e->ids.items[i], kind) == 0) continue;
        size_t mark = p->path.len;
        if (e->ids.array) ram_pointer_push_index(&p->path, i);
        report_why(p, e->ids.items[i].span);
        p->path.len = mark;
    }
}

static void el_principal(parser *p, ram_stmt *s, const char *key, json_t *v, uint32_t node, int negated)
{
    ram_principal *pr = arena_alloc(&p->d->mem, sizeof *pr);
    pr->span = node_span(p, node);
    if (json_is_string(v)) {
        scalar(p, v, node, &pr->star);
        if (strcmp(pr->star.text, "*") != 0) {
            buf_printf(&p->why, "invalid %s ", key);
            ram_quote(&p->why, pr->star.text, pr->star.len);
            buf_printf(&p->why, ": must be \"*\" or an object such as {\"%s\": [...]}",
                       p->d->dialect == RAM_DIALECT_AWS ? "AWS" : "RAM");
            report_why(p, pr->star.span);
            return;
        }
        pr->wildcard = 1;
    } else if (json_is_object(v)) {
        if (json_object_size(v) == 0) {
            REPORT(p, DIAG_ERROR, pr->span, "\"%s\" is an empty object", key);
            return;
        }
        pr->entries = arena_alloc(&p->d->mem, json_object_size(v) * sizeof *pr->entries);
        each_member(p, v, node, principal_member, pr);
    } else {
        type_error(p, node, key, "\"*\" or an object", v);
        return;
    }
    s->principal = pr;
    s->not_principal = (uint8_t)negated;
}

/* Action or Resource: a non-empty list, each item checked by CHECK.  NULL on a type error. */
static ram_list *element_list(parser *p, const char *key, json_t *v, uint32_t node, item_check *check)
{
    ram_list *l = arena_alloc(&p->d->mem, sizeof *l);
    if (read_list(p, key, v, node, 0, l) || nonempty(p, key, l)) return NULL;
    check_items(p, l, check);
    return l;
}

static void el_action(parser *p, ram_stmt *s, const char *key, json_t *v, uint32_t node, int negated)
{
    s->action = element_list(p, key, v, node, ram_check_action);
    s->not_action = (uint8_t)negated;
}

static void el_resource(parser *p, ram_stmt *s, const char *key, json_t *v, uint32_t node, int negated)
{
    s->resource = element_list(p, key, v, node, ram_check_arn);
    s->not_resource = (uint8_t)negated;
}

/* ---- Condition ------------------------------------------------------------------------------ */

static const char *const set_prefixes[] = {"", "ForAnyValue:", "ForAllValues:"};

/* Split "ForAnyValue:StringLikeIfExists" into qualifier, base operator and suffix. */
static void split_operator(ram_cond *c, const char **base, size_t *blen)
{
    *base = c->name.text;
    *blen = c->name.len;
    for (int q = RAM_SET_ANY; q <= RAM_SET_ALL; q++) {
        size_t n = strlen(set_prefixes[q]);
        if (*blen > n && memcmp(*base, set_prefixes[q], n) == 0) {
            c->set = (uint8_t)q;
            *base += n;
            *blen -= n;
        }
    }
    static const char suffix[] = "IfExists";
    size_t n = sizeof suffix - 1;
    if (*blen > n && memcmp(*base + *blen - n, suffix, n) == 0 && !ram_operator_find(*base, *blen)) {
        c->if_exists = 1;
        *blen -= n;
    }
}

static void operator_error(parser *p, ram_cond *c, const char *base, size_t blen)
{
    buf_puts(&p->why, "invalid condition operator ");
    ram_quote(&p->why, c->name.text, c->name.len);
    diag *dg = report_why(p, c->name.span);
    size_t n;
    const ram_operator *ops = ram_operators(&n);
    const char *names[64];
    size_t k = 0;
    for (size_t i = 0; i < n && k < 64; i++)
        if (ops[i].dialects & (1u << p->d->dialect)) names[k++] = ops[i].name;
    hint_name(p, dg, base, blen, names, k);
}

/* Resolve the operator; NULL (with a diagnostic) when unknown or not in the dialect. */
static const ram_operator *resolve_operator(parser *p, ram_cond *c)
{
    const char *base;
    size_t blen;
    split_operator(c, &base, &blen);
    const ram_operator *op = ram_operator_find(base, blen);
    if (!op) {
        operator_error(p, c, base, blen);
        return NULL;
    }
    const char *title = p->di->title;
    if (!(op->dialects & (1u << p->d->dialect))) {
        diag *dg = REPORT(p, DIAG_ERROR, c->name.span, "condition operator \"%s\" is not supported by %s", op->name, title);
        diag_set_hint(&p->d->diags, dg, "%s documents the String, Numeric, Date, Bool and IpAddress operators", title);
        return NULL;
    }
    if (c->set && !p->di->qualifiers) {
        REPORT(p, DIAG_ERROR, c->name.span, "the \"%s\" qualifier is not supported by %s", set_prefixes[c->set], title);
        return NULL;
    }
    if (c->if_exists && !p->di->qualifiers) {
        REPORT(p, DIAG_ERROR, c->name.span, "the \"IfExists\" suffix is not supported by %s", title);
        return NULL;
    }
    if (c->if_exists && !op->if_exists) {
        REPORT(p, DIAG_ERROR, c->name.span, "condition operator \"%s\" cannot take the \"IfExists\" suffix", op->name);
        return NULL;
    }
    return op;
}

static void check_values(parser *p, const ram_cond *c, const ram_cond_key *k)
{
    const ram_operator *op = c->op;
    if (op->single && !c->set && k->values.n > 1)
        REPORT(p, DIAG_ERROR, k->values.span, "condition operator \"%s\" takes exactly one value, not %u", op->name,
               k->values.n);
    for (uint32_t i = 0; i < k->values.n; i++) {
        const ram_str *v = &k->values.items[i];
        if (ram_check_value((ram_value_kind)op->value, v->type == RAM_JSON_STRING, v->text, v->len)) continue;
        size_t mark = p->path.len;
        if (k->values.array) ram_pointer_push_index(&p->path, i);
        buf_puts(&p->why, "invalid value ");
        if (v->type == RAM_JSON_STRING) ram_quote(&p->why, v->text, v->len);
        else buf_put(&p->why, v->text, v->len);
        buf_printf(&p->why, " for %s: expected %s", op->name, ram_value_expectation((ram_value_kind)op->value));
        report_why(p, v->span);
        p->path.len = mark;
    }
}

static void cond_key_member(parser *p, void *ctx, const char *key, size_t klen, ram_span ks, json_t *v, uint32_t node)
{
    ram_cond *c = ctx;
    ram_cond_key *k = &c->keys[c->n];
    set_str(p, &k->key, key, klen, RAM_JSON_STRING, node);
    k->key.span = ks;
    if (ram_check_condition_key(key, klen, &p->why)) report_why(p, ks);
    if (read_list(p, key, v, node, 1, &k->values)) return;
    c->n++;
    if (k->values.array && k->values.n == 0)
        REPORT(p, DIAG_WARNING, k->values.span, "\"%s\" has no values: the condition can never hold", key);
    if (c->op) check_values(p, c, k);
}

static void cond_operator_member(parser *p, void *ctx, const char *key, size_t klen, ram_span ks, json_t *v,
                                 uint32_t node)
{
    ram_stmt *s = ctx;
    ram_cond *c = &s->conds[s->ncond];
    set_str(p, &c->name, key, klen, RAM_JSON_STRING, node);
    c->name.span = ks;
    c->span = node_span(p, node);
    c->op = resolve_operator(p, c);
    if (!json_is_object(v)) {
        REPORT(p, DIAG_ERROR, c->span, "the value of condition operator \"%s\" must be an object of condition keys, not %s",
               key, type_name(v));
        return;
    }
    c->keys = arena_alloc(&p->d->mem, (json_object_size(v) + 1) * sizeof *c->keys);
    each_member(p, v, node, cond_key_member, c);
    s->ncond++;
}

static void el_condition(parser *p, ram_stmt *s, const char *key, json_t *v, uint32_t node, int negated)
{
    if (!json_is_object(v)) {
        type_error(p, node, key, "an object", v);
        return;
    }
    s->has_condition = 1;
    s->cond_span = node_span(p, node);
    s->conds = arena_alloc(&p->d->mem, (json_object_size(v) + 1) * sizeof *s->conds);
    each_member(p, v, node, cond_operator_member, s);
}

/* ---- statements ---------------------------------------------------------------------------- */

typedef void element_fn(parser *p, ram_stmt *s, const char *key, json_t *v, uint32_t node, int negated);

/* Statement elements.  GROUP: elements of one group exclude each other (Action/NotAction). */
static const struct {
    const char *name;
    element_fn *fn;
    uint8_t negated;
    uint8_t group;
} elements[] = {
    {"Sid", el_sid, 0, 1},          {"Effect", el_effect, 0, 2},
    {"Principal", el_principal, 0, 3}, {"NotPrincipal", el_principal, 1, 3},
    {"Action", el_action, 0, 4},    {"NotAction", el_action, 1, 4},
    {"Resource", el_resource, 0, 5}, {"NotResource", el_resource, 1, 5},
    {"Condition", el_condition, 0, 6},
};
enum { NELEMENTS = sizeof elements / sizeof *elements, NGROUPS = 7 };

static int in_list(const char *const *names, const char *key, size_t klen)
{
    for (; *names; names++)
        if (strlen(*names) == klen && memcmp(*names, key, klen) == 0) return 1;
    return 0;
}

static void unknown_element(parser *p, const char *key, size_t klen, ram_span ks, const char *const *allowed)
{
    buf_puts(&p->why, "invalid policy element ");
    ram_quote(&p->why, key, klen);
    const ram_dialect_info *other = ram_dialect_get(p->d->dialect == RAM_DIALECT_AWS ? RAM_DIALECT_RAM : RAM_DIALECT_AWS);
    int elsewhere = in_list(other->stmt_elements, key, klen) || in_list(other->top_elements, key, klen);
    if (elsewhere) buf_printf(&p->why, ": %s policies have no such element", p->di->title);
    diag *dg = report_why(p, ks);
    if (!elsewhere) hint_name(p, dg, key, klen, allowed, count_names(allowed));
}

typedef struct stmt_walk {
    ram_stmt *s;
    const char *seen_name[NGROUPS];   /* the element that filled each group */
} stmt_walk;

static void stmt_member(parser *p, void *ctx, const char *key, size_t klen, ram_span ks, json_t *v, uint32_t node)
{
    stmt_walk *w = ctx;
    size_t i = 0;
    while (i < NELEMENTS && !(strlen(elements[i].name) == klen && memcmp(elements[i].name, key, klen) == 0)) i++;
    if (i == NELEMENTS || !in_list(p->di->stmt_elements, key, klen)) {
        unknown_element(p, key, klen, ks, p->di->stmt_elements);
        return;
    }
    int g = elements[i].group;
    if (w->seen_name[g]) {
        REPORT(p, DIAG_ERROR, ks, "\"%s\" and \"%s\" cannot both appear in one statement", w->seen_name[g], key);
        return;
    }
    w->seen_name[g] = elements[i].name;
    elements[i].fn(p, w->s, key, v, node, elements[i].negated);
}

static void walk_stmt(parser *p, json_t *v, uint32_t node, ram_stmt *s)
{
    s->span = node_span(p, node);
    if (!json_is_object(v)) {
        REPORT(p, DIAG_ERROR, s->span, "a statement must be an object, not %s", type_name(v));
        return;
    }
    stmt_walk w = {s, {0}};
    each_member(p, v, node, stmt_member, &w);
    ram_span brace = {s->span.off, 1};
    if (!w.seen_name[2]) REPORT(p, DIAG_ERROR, brace, "missing \"Effect\"");
    if (!w.seen_name[4]) REPORT(p, DIAG_ERROR, brace, "missing \"Action\" or \"NotAction\"");
    if (!w.seen_name[5] && !w.seen_name[3])
        REPORT(p, DIAG_ERROR, brace, "missing \"Resource\" or \"NotResource\" (required in a statement without \"Principal\")");
}

/* Sids must be unique in AWS IAM; RAM does not say, so there it is a warning.  Quadratic,
 * hence only for documents of a size the cloud accepts. */
static void check_sids(parser *p)
{
    enum { MAX_STMTS = 2000 };
    if (p->d->nstmts > MAX_STMTS) return;
    for (uint32_t i = 0; i < p->d->nstmts; i++) {
        const ram_str *a = p->d->stmts[i].sid;
        for (uint32_t j = 0; a && j < i; j++) {
            const ram_str *b = p->d->stmts[j].sid;
            if (!b || a->len != b->len || memcmp(a->text, b->text, a->len) != 0) continue;
            buf_puts(&p->why, "duplicate Sid ");
            ram_quote(&p->why, a->text, a->len);
            buf_printf(&p->why, ": statement %u has the same Sid", j);
            size_t mark = p->path.len;
            buf_puts(&p->path, "/Statement");
            if (p->d->statement_array) ram_pointer_push_index(&p->path, i);
            buf_puts(&p->path, "/Sid");
            REPORT(p, p->di->unique_sids ? DIAG_ERROR : DIAG_WARNING, a->span, "%s", p->why.data);
            p->why.len = 0;
            p->path.len = mark;
            break;
        }
    }
}

static void walk_statements(parser *p, json_t *v, uint32_t node)
{
    ram_doc *d = p->d;
    d->stmt_span = node_span(p, node);
    if (json_is_object(v)) {
        if (d->dialect == RAM_DIALECT_RAM)
            REPORT(p, DIAG_WARNING, d->stmt_span, "\"Statement\" is a single object; RAM documents an array of statements");
        d->stmts = arena_alloc(&d->mem, sizeof *d->stmts);
        d->nstmts = 1;
        walk_stmt(p, v, node, d->stmts);
        return;
    }
    if (!json_is_array(v)) {
        type_error(p, node, "Statement", "an array of statements", v);
        return;
    }
    d->statement_array = 1;
    size_t n = json_array_size(v);
    if (n == 0) {
        REPORT(p, DIAG_ERROR, d->stmt_span, "\"Statement\" is empty");
        return;
    }
    d->stmts = arena_alloc(&d->mem, n * sizeof *d->stmts);
    d->nstmts = (uint32_t)n;
    uint32_t c = RAM_JNONE;
    for (size_t i = 0; i < n; i++) {
        c = next_item(p, node, c);
        size_t mark = p->path.len;
        ram_pointer_push_index(&p->path, i);
        walk_stmt(p, json_array_get(v, i), c, &d->stmts[i]);
        p->path.len = mark;
    }
}

/* ---- the document ---------------------------------------------------------------------------- */

typedef struct root_walk {
    int has_statement, has_version;
} root_walk;

static void root_member(parser *p, void *ctx, const char *key, size_t klen, ram_span ks, json_t *v, uint32_t node)
{
    root_walk *w = ctx;
    ram_doc *d = p->d;
    if (!in_list(p->di->top_elements, key, klen)) {
        unknown_element(p, key, klen, ks, p->di->top_elements);
        return;
    }
    if (strcmp(key, "Statement") == 0) {
        w->has_statement = 1;
        walk_statements(p, v, node);
        return;
    }
    ram_str *s = arena_alloc(&d->mem, sizeof *s);
    if (strcmp(key, "Version") == 0) w->has_version = 1;
    if (string_member(p, key, v, node, s)) return;
    if (strcmp(key, "Id") == 0) {
        d->id = s;
        return;
    }
    d->version = s;
    if (in_list(p->di->versions, s->text, s->len)) return;
    buf_puts(&p->why, "invalid Version ");
    ram_quote(&p->why, s->text, s->len);
    buf_printf(&p->why, ": %s policies use ", p->di->title);
    for (const char *const *ver = p->di->versions; *ver; ver++)
        buf_printf(&p->why, "%s\"%s\"", ver == p->di->versions ? "" : " or ", *ver);
    diag *dg = report_why(p, s->span);
    const ram_dialect_info *other = ram_dialect_get(d->dialect == RAM_DIALECT_AWS ? RAM_DIALECT_RAM : RAM_DIALECT_AWS);
    if (in_list(other->versions, s->text, s->len))
        diag_set_hint(&d->diags, dg, "this is the %s version; use --lang %s", other->title, other->name);
}

static void walk_root(parser *p, json_t *root)
{
    ram_doc *d = p->d;
    ram_span brace = {d->index.nodes[0].off, 1};
    root_walk w = {0, 0};
    each_member(p, root, 0, root_member, &w);
    if (!w.has_version) {
        if (p->di->version_required)
            REPORT(p, DIAG_ERROR, brace, "missing \"Version\": %s policies need \"Version\": \"%s\"", p->di->title,
                   p->di->versions[0]);
        else
            REPORT(p, DIAG_WARNING, brace, "missing \"Version\": %s reads the policy as \"2008-10-17\", without policy variables",
                   p->di->title);
    }
    if (!w.has_statement) REPORT(p, DIAG_ERROR, brace, "missing \"Statement\"");
    check_sids(p);
}

/* The first string in TEXT that starts with PREFIX (4 bytes, "acs:"), or NULL. */
static const char *find_string_prefix(const char *text, size_t len, const char *prefix)
{
    for (const char *p = text, *e = text + len; (p = memchr(p, '"', (size_t)(e - p))) && e - p > 4; p++)
        if (memcmp(p + 1, prefix, 4) == 0) return p;
    return NULL;
}

/* Version first; then whichever ARN prefix comes first in the text; RAM by default. */
static ram_dialect detect_dialect(json_t *root, const char *text, size_t len)
{
    const char *v = json_string_value(json_object_get(root, "Version"));
    for (int dl = RAM_DIALECT_RAM; v && dl <= RAM_DIALECT_AWS; dl++)
        if (in_list(ram_dialect_get((ram_dialect)dl)->versions, v, strlen(v))) return (ram_dialect)dl;
    const char *acs = find_string_prefix(text, len, "acs:"), *arn = find_string_prefix(text, len, "arn:");
    if (arn && (!acs || arn < acs)) return RAM_DIALECT_AWS;
    if (!acs && json_object_get(root, "Id")) return RAM_DIALECT_AWS;
    return RAM_DIALECT_RAM;
}

static void check_size(parser *p)
{
    size_t n = ram_compact_length(p->text, p->d->src.len);
    ram_span brace = {p->d->index.nodes[0].off, 1};
    const ram_dialect_info *di = p->di;
    if (n > di->size_error)
        REPORT(p, DIAG_ERROR, brace, "the policy is %zu characters long without whitespace, over the %s limit of %u",
               n, di->title, di->size_error);
    else if (di->size_warning && n > di->size_warning)
        REPORT(p, DIAG_WARNING, brace,
               "the policy is %zu characters long without whitespace, over the %s limit of %u for managed policies",
               n, di->title, di->size_warning);
}

/* The JSON Pointer of the innermost object or array around byte POS, into p->path: jansson
 * refuses a duplicate key, but the text is still one JSON value the index can scan. */
static void path_around(parser *p, size_t pos)
{
    ram_jindex ix = {0};
    if (ram_jindex_build(&ix, p->text, p->d->src.len) == 0) {
        uint32_t node = 0;
        for (int deeper = 1; deeper;) {
            deeper = 0;
            size_t i = 0;
            for (uint32_t c = ram_jindex_first(&ix, node); c != RAM_JNONE; c = ram_jindex_next(&ix, node, c), i++) {
                const ram_jnode *n = &ix.nodes[c];
                int container = p->text[n->off] == '{' || p->text[n->off] == '[';
                if (!container || pos < n->off || pos >= n->end) continue;
                if (n->key != RAM_JNONE) ram_pointer_push(&p->path, p->text + n->key + 1, n->key_end - n->key - 2);
                else ram_pointer_push_index(&p->path, i);
                node = c, deeper = 1;
                break;
            }
        }
    }
    ram_jindex_free(&ix);
}

/* jansson's message, with the offending token's start as the position. */
static void syntax_error(parser *p, const json_error_t *err)
{
    ram_doc *d = p->d;
    size_t pos = (size_t)err->position <= d->src.len ? (size_t)err->position : d->src.len;
    const char *near = strstr(err->text, " near '"), *tok = near ? near + 7 : "";
    size_t tlen = strlen(tok);
    if (tlen && tok[tlen - 1] == '\'') tlen--;
    if (json_error_code(err) != json_error_invalid_utf8 && near && tlen <= pos &&
        memcmp(p->text + pos - tlen, tok, tlen) == 0)
        pos -= tlen;
    ram_span at = {(uint32_t)pos, pos < d->src.len ? 1u : 0u};
    if (json_error_code(err) == json_error_null_character) {
        REPORT(p, DIAG_ERROR, at, "JSON syntax error: a string contains \\u0000, which a policy cannot hold");
        return;
    }
    if (json_error_code(err) == json_error_duplicate_key && near) {
        at.len = (uint32_t)tlen;
        buf_puts(&p->why, "duplicate key ");
        diag_quote(&p->why, tok, tlen, 80);
        buf_puts(&p->why, " in one object");
        path_around(p, pos);   /* none for the root object */
        report_why(p, at);
        p->path.len = 0;
        return;
    }
    buf_puts(&p->why, "JSON syntax error: ");
    diag_quote(&p->why, err->text, strlen(err->text), 200);
    report_why(p, at);
}

static void parse_json(parser *p, ram_dialect dialect)
{
    ram_doc *d = p->d;
    const char *nul = memchr(p->text, '\0', d->src.len);
    if (nul) {
        ram_span at = {(uint32_t)(nul - p->text), 1};
        REPORT(p, DIAG_ERROR, at, "NUL byte in the input: a policy document is UTF-8 text");
        return;
    }
    json_error_t err;
    json_t *root = json_loadb(p->text, d->src.len, JSON_REJECT_DUPLICATES | JSON_DECODE_INT_AS_REAL, &err);
    if (!root) {
        syntax_error(p, &err);
        return;
    }
    if (ram_jindex_build(&d->index, p->text, d->src.len)) {
        ram_span all = {0, 0};
        REPORT(p, DIAG_ERROR, all, "internal error: the source scan disagrees with the JSON parser");
    } else if (!json_is_object(root)) {
        REPORT(p, DIAG_ERROR, node_span(p, 0), "a policy document must be a JSON object, not %s", type_name(root));
    } else {
        d->dialect = (uint8_t)(dialect == RAM_DIALECT_AUTO ? detect_dialect(root, p->text, d->src.len) : dialect);
        p->di = ram_dialect_get((ram_dialect)d->dialect);
        check_size(p);
        walk_root(p, root);
    }
    json_decref(root);
}

ram_doc *ram_parse(source *src, ram_dialect dialect)
{
    ram_doc *d = calloc(1, sizeof *d);
    if (!d) abort();
    arena_init(&d->mem);
    d->src = *src;
    memset(src, 0, sizeof *src);
    source_blank_bom(&d->src);
    diag_list_init(&d->diags, &d->mem);
    d->dialect = (uint8_t)(dialect == RAM_DIALECT_AWS ? RAM_DIALECT_AWS : RAM_DIALECT_RAM);
    parser p = {d, ram_dialect_get((ram_dialect)d->dialect), d->src.text, {0}, {0}};
    buf_init(&p.path);
    buf_init(&p.why);
    parse_json(&p, dialect);
    buf_free(&p.path);
    buf_free(&p.why);
    return d;
}

void ram_doc_free(ram_doc *d)
{
    if (!d) return;
    ram_jindex_free(&d->index);
    source_free(&d->src);
    arena_free(&d->mem);
    free(d);
}
