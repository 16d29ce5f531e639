/* lint/oci: the rules on one OCI policy document (docs/rules.md): lenient forms, unknown
 * names with suggestions from the model, placeholders, OCIDs, risky grants, conditions
 * that cannot hold, Define order and aliases, duplicates and subsumption. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "decide/decide.h"
#include "lint/lint.h"
#include "lint/oci_util.h"
#include "model/oci_model.h"
#include "world/world.h"

#define ADD(rule, span, ...) lint_oci_about(cx, lint_add(cx, rule, d, span, __VA_ARGS__), d, st)

lint_finding *lint_oci_about(lint_ctx *cx, lint_finding *f, const oci_doc *d, const oci_stmt *st)
{
    if (st) lint_about(cx, f, d, st);
    return f;
}

const char *lint_quote(lint_ctx *cx, const char *p, size_t n)
{
    buf b;
    buf_init(&b);
    diag_quote(&b, p, n, 80);
    const char *s = arena_strndup(&cx->report->mem, b.data ? b.data : "", b.len);
    buf_free(&b);
    return s;
}

const char *lint_tok(lint_ctx *cx, const oci_doc *d, oci_span s) { return lint_quote(cx, oci_text(d, s), s.len); }

void lint_oci_value(const oci_doc *d, oci_span s, const char **p, size_t *n)
{
    const char *t = oci_text(d, s);
    if (s.len >= 2 && (t[0] == '\'' || t[0] == '/') && t[s.len - 1] == t[0]) {
        *p = t + 1;
        *n = s.len - 2;
    } else {
        *p = t;
        *n = s.len;
    }
}

int lint_span_eq(const oci_doc *d, oci_span s, const char *str)
{
    const char *p;
    size_t n;
    lint_oci_value(d, s, &p, &n);
    return strlen(str) == n && strncasecmp(p, str, n) == 0;
}

int lint_spans_eq(const oci_doc *a, oci_span x, const oci_doc *b, oci_span y)
{
    const char *p, *q;
    size_t n, m;
    lint_oci_value(a, x, &p, &n);
    lint_oci_value(b, y, &q, &m);
    return n == m && strncasecmp(p, q, n) == 0;
}

/* ---- placeholders and OCIDs ------------------------------------------------------------ */

static int tokc(unsigned char c)
{
    return c > ' ' && c != '\'' && c != ',' && c != '(' && c != ')' && c != '{' && c != '}' && c != '=' && c != '/';
}

/* Where the placeholder at P (in T[0..N)) is, or 0 when there is none at P. */
static size_t placeholder_at(const char *t, size_t n, size_t i)
{
    if (t[i] == '<') {
        for (size_t k = i + 1; k < n && k < i + 120 && t[k] != '\n'; k++)
            if (t[k] == '>') return k + 1 - i;
        return 0;
    }
    if (i + 3 <= n && (unsigned char)t[i] == 0xE2 && (unsigned char)t[i + 1] == 0x80 && (unsigned char)t[i + 2] == 0xA6) return 3;
    if (i + 3 <= n && memcmp(t + i, "...", 3) == 0) return 3;
    if (i + 3 <= n && memcmp(t + i, "___", 3) == 0) return 3;
    if (i + 15 <= n && strncasecmp(t + i, "exampleuniqueid", 15) == 0) return 15;
    return 0;
}

int lint_has_placeholder(const char *t, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (placeholder_at(t, n, i)) return 1;
    return 0;
}

static void check_placeholders(lint_ctx *cx, const oci_doc *d, const oci_stmt *st, oci_span range)
{
    const char *t = d->text + range.off;
    size_t n = range.len;
    for (size_t i = 0; i < n;) {
        size_t len = placeholder_at(t, n, i);
        if (!len) {
            i++;
            continue;
        }
        size_t b = i, e = i + len;
        if (t[i] != '<') {   /* '…', '______': the whole word it is in */
            while (b > 0 && tokc((unsigned char)t[b - 1])) b--;
            while (e < n && tokc((unsigned char)t[e])) e++;
        }
        oci_span s = {range.off + (uint32_t)b, (uint32_t)(e - b)};
        lint_finding *f = ADD(LINT_OCI_PLACEHOLDER, s, "documentation placeholder '%s' left in", lint_tok(cx, d, s));
        lint_hint(cx, f, "replace it by the real name or OCID");
        i = e;
    }
}

/* ocid1.TYPE.REALM.[REGION][.FUTURE].UNIQUE (docs: identifiers). */
int lint_ocid_valid(const char *p, size_t n, const char **type, size_t *tlen)
{
    const char *part[8];
    size_t plen[8], np = 0;
    size_t start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || p[i] == '.') {
            if (np == 8) return 0;
            part[np] = p + start;
            plen[np++] = i - start;
            start = i + 1;
        }
    }
    if (np < 5 || np > 6) return 0;
    if (plen[0] != 5 || strncasecmp(part[0], "ocid1", 5) != 0) return 0;
    for (size_t k = 1; k < np; k++) {
        int need = k == 1 || k == 2 || k == np - 1;
        if (need && plen[k] == 0) return 0;
        for (size_t j = 0; j < plen[k]; j++) {
            unsigned char c = (unsigned char)part[k][j];
            if (!isalnum(c) && !(c == '-' && !need) && !(c == '_' && k == 1)) return 0;
        }
    }
    if (type) *type = part[1], *tlen = plen[1];
    return 1;
}

/* EXPECT: space-separated OCID types that fit the place, or NULL. */
static void check_ocid(lint_ctx *cx, const oci_doc *d, const oci_stmt *st, oci_span s, const char *expect,
                       const char *place)
{
    const char *p;
    size_t n;
    lint_oci_value(d, s, &p, &n);
    if (lint_has_placeholder(p, n)) return;
    const char *type;
    size_t tlen;
    if (!lint_ocid_valid(p, n, &type, &tlen)) {
        lint_finding *f = ADD(LINT_OCI_MALFORMED_OCID, s, "malformed OCID '%s'", lint_quote(cx, p, n));
        lint_hint(cx, f, "an OCID is ocid1.TYPE.REALM.[REGION][.FUTURE].UNIQUE");
        return;
    }
    if (!expect) return;
    for (const char *e = expect; *e;) {
        size_t k = strcspn(e, " ");
        if (k == tlen && strncasecmp(e, type, k) == 0) return;
        e += k;
        while (*e == ' ') e++;
    }
    size_t k = strcspn(expect, " ");
    lint_finding *f = ADD(LINT_OCI_OCID_WRONG_TYPE, s, "a %s OCID where %s needs a %.*s OCID",
                          lint_quote(cx, type, tlen), place, (int)k, expect);
    lint_hint(cx, f, "ocid1.%.*s.… is expected here", (int)k, expect);
}

static const struct { const char *var, *types; } ocid_vars[] = {
    {"target.key.id", "key"}, {"target.vault.id", "vault"}, {"target.cluster.id", "cluster"},
    {"target.nodepool.id", "nodepool"}, {"target.virtualnodepool.id", "virtualnodepool"},
    {"target.compartment.id", "compartment tenancy"}, {"request.principal.compartment.id", "compartment tenancy"},
    {"request.groups.id", "group"}, {"request.user.id", "user"}, {"target.secret.id", "vaultsecret"},
    {"target.group.id", "group"}, {"target.user.id", "user"}, {"target.policy.id", "policy"},
    {"target.dynamicgroup.id", "dynamicgroup"}, {"request.principal.cluster_id", "cluster"},
    {"target.mapping.cluster_id", "cluster"}, {"instance.id", "instance"},
    {"instance.compartment.id", "compartment tenancy"}, {"resource.compartment.id", "compartment tenancy"},
};

static const char *ocid_type_for(const oci_doc *d, oci_span var)
{
    for (size_t i = 0; i < sizeof ocid_vars / sizeof *ocid_vars; i++)
        if (lint_span_eq(d, var, ocid_vars[i].var)) return ocid_vars[i].types;
    return NULL;
}

/* ---- syntax ---------------------------------------------------------------------------- */

static void check_syntax(lint_ctx *cx, const oci_doc *d)
{
    static const char *const verbs[] = {"inspect", "read", "use", "manage", "associate"};
    for (const diag *g = d->diags.head; g; g = g->next) {
        if (strncmp(g->message, "expected a verb", 15) == 0) {
            const char *t = d->src.text + g->off;
            size_t n = 0;
            while (g->off + n < d->src.len && (isalnum((unsigned char)t[n]) || t[n] == '-' || t[n] == '_')) n++;
            lint_finding *f = lint_add_at(cx, LINT_OCI_UNKNOWN_VERB, d->src.name, (source *)&d->src, g->off,
                                          g->off + (uint32_t)n, "unknown verb '%s'", lint_quote(cx, t, n));
            const char *s = diag_suggest(t, n, verbs, 4);
            if (s) {
                lint_hint(cx, f, "did you mean '%s'?", s);
                if (!d->map) f->has_fix = 1, f->fix_off = g->off, f->fix_end = g->off + (uint32_t)n, f->fix_text = s;
            } else {
                lint_hint(cx, f, "the verbs are inspect, read, use and manage");
            }
            continue;
        }
        lint_finding *f = lint_add_at(cx, LINT_OCI_SYNTAX, d->src.name, (source *)&d->src, g->off, g->end, "%s", g->message);
        if (g->hint) f->hint = g->hint;
    }
}

/* ---- names from the model ---------------------------------------------------------------- */

static void add_name(const char ***v, size_t *n, size_t *cap, const char *s)
{
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 256;
        *v = realloc((void *)*v, *cap * sizeof **v);
        if (!*v) abort();
    }
    (*v)[(*n)++] = s;
}

static int cmp_name(const void *a, const void *b) { return strcmp(*(const char *const *)a, *(const char *const *)b); }

const char *const *lint_model_permissions(lint_ctx *cx, size_t *n)
{
    if (!cx->perm_names) {
        size_t cap = 0;
        for (size_t i = 0; i < oci_model_type_count(); i++) {
            const oci_model_type *t = oci_model_type_at(i);
            for (int v = 0; v < OCI_MODEL_NVERBS; v++)
                for (const char *const *p = t->perms[v]; p && *p; p++) add_name(&cx->perm_names, &cx->nperm_names, &cap, *p);
        }
        if (cx->nperm_names) qsort((void *)cx->perm_names, cx->nperm_names, sizeof *cx->perm_names, cmp_name);
        size_t k = 0;
        for (size_t i = 0; i < cx->nperm_names; i++)
            if (!k || strcmp(cx->perm_names[k - 1], cx->perm_names[i]) != 0) cx->perm_names[k++] = cx->perm_names[i];
        cx->nperm_names = k;
    }
    *n = cx->nperm_names;
    return cx->perm_names;
}

static const char *suggest_type(const char *p, size_t n)
{
    const char *cands[512];
    size_t k = 0;
    cands[k++] = "all-resources";
    for (size_t i = 0; i < oci_model_type_count() && k < 500; i++) {
        const oci_model_type *t = oci_model_type_at(i);
        cands[k++] = t->name;
        for (const char *const *a = t->aliases; a && *a && k < 500; a++) cands[k++] = *a;
    }
    for (size_t i = 0; i < oci_model_family_count() && k < 510; i++) cands[k++] = oci_model_family_at(i)->name;
    return diag_suggest(p, n, cands, k);
}

static void check_resource_type(lint_ctx *cx, const oci_doc *d, const oci_stmt *st, oci_span r)
{
    const char *p = oci_text(d, r);
    if (lint_has_placeholder(p, r.len) || oci_model_is_all_resources(p, r.len) || oci_model_family_find(p, r.len)) return;
    const oci_model_type *t = oci_model_type_find(p, r.len);
    if (t) {
        if (strlen(t->name) != r.len || strncasecmp(t->name, p, r.len) != 0) {
            lint_finding *f = ADD(LINT_OCI_RESOURCE_TYPE_ALIAS, r, "'%s' is spelt '%s' in the policy reference",
                                  lint_tok(cx, d, r), t->name);
            lint_hint(cx, f, "write '%s'", t->name);
            lint_fix(cx, f, d, r, t->name);
        }
        return;
    }
    lint_finding *f = ADD(LINT_OCI_UNKNOWN_RESOURCE_TYPE, r, "unknown resource type '%s'", lint_tok(cx, d, r));
    const char *s = suggest_type(p, r.len);
    if (s) {
        lint_hint(cx, f, "did you mean '%s'?", s);
        lint_fix(cx, f, d, r, s);
    }
}

static void check_permission_name(lint_ctx *cx, const oci_doc *d, const oci_stmt *st, oci_span s)
{
    const char *p;
    size_t n;
    lint_oci_value(d, s, &p, &n);
    if (lint_has_placeholder(p, n) || oci_model_permission_find(p, n, NULL, NULL) == 0) return;
    size_t np;
    const char *const *perms = lint_model_permissions(cx, &np);
    lint_finding *f = ADD(LINT_OCI_UNKNOWN_PERMISSION, s, "unknown permission '%s'", lint_quote(cx, p, n));
    const char *sug = diag_suggest(p, n, perms, np);
    if (sug) {
        lint_hint(cx, f, "did you mean '%s'?", sug);
        if (s.len == n) lint_fix(cx, f, d, s, sug);
    }
}

/* ---- what a statement grants ----------------------------------------------------------- */

/* 1 when TYPE (a type, family or all-resources) can carry variable VAR, 0 never, -1 unknown. */
static int type_has_var(const char *type, size_t tn, const char *var, size_t vn)
{
    if (oci_model_is_all_resources(type, tn)) return -1;
    const oci_model_type *t = oci_model_type_find(type, tn);
    if (t) return oci_model_type_has_variable(t, var, vn);
    const oci_model_family *fam = oci_model_family_find(type, tn);
    if (!fam) return -1;
    for (const char *const *m = fam->members; m && *m; m++) {
        const oci_model_type *mt = oci_model_type_find(*m, strlen(*m));
        if (!mt || oci_model_type_has_variable(mt, var, vn)) return 1;
    }
    return 0;
}

static int stmt_has_var(const oci_doc *d, const oci_stmt *st, const char *var, size_t vn)
{
    if (st->verb == OCI_VERB_ASSOCIATE) return -1;
    if (st->verb != OCI_VERB_NONE) return type_has_var(oci_text(d, st->resource), st->resource.len, var, vn);
    int any = 0;
    for (const oci_list *l = st->perms; l; l = l->next) {
        const oci_model_type *t;
        if (oci_model_permission_find(oci_text(d, l->tok), l->tok.len, &t, NULL)) return -1;
        if (oci_model_type_has_variable(t, var, vn)) any = 1;
    }
    return any;
}

static const char *const key_use_perms[] = {"KEY_ENCRYPT", "KEY_DECRYPT", "KEY_SIGN", "KEY_VERIFY", "KEY_EXPORT",
                                            "KEY_ASSOCIATE", "KEY_DISASSOCIATE", NULL};

int lint_oci_grants_key_use(const oci_doc *d, const oci_stmt *st)
{
    if (st->verb == OCI_VERB_NONE) {
        for (const oci_list *l = st->perms; l; l = l->next)
            for (const char *const *k = key_use_perms; *k; k++)
                if (lint_span_eq(d, l->tok, *k)) return 1;
        return 0;
    }
    if (st->verb != OCI_VERB_USE && st->verb != OCI_VERB_MANAGE) return 0;
    const char *r = oci_text(d, st->resource);
    if (oci_model_family_find(r, st->resource.len)) return lint_span_eq(d, st->resource, "key-family");
    const oci_model_type *t = oci_model_type_find(r, st->resource.len);
    return t && (strcmp(t->name, "keys") == 0 || strcmp(t->name, "key-delegate") == 0);
}

/* Does condition C hold only when VAR equals something (=, in), whatever else holds? */
int lint_cond_requires(const oci_doc *d, const oci_cond *c, const char *var, const char *value)
{
    if (!c) return 0;
    if (c->kind == OCI_COND_ALL) {
        for (const oci_cond *k = c->u.children; k; k = k->next)
            if (lint_cond_requires(d, k, var, value)) return 1;
        return 0;
    }
    if (c->kind == OCI_COND_ANY) {
        for (const oci_cond *k = c->u.children; k; k = k->next)
            if (!lint_cond_requires(d, k, var, value)) return 0;
        return c->u.children != NULL;
    }
    if (!lint_span_eq(d, c->var, var)) return 0;
    if (c->op != OCI_OP_EQ && c->op != OCI_OP_IN) return 0;
    if (!value) return 1;
    return c->op == OCI_OP_EQ && c->u.values && lint_span_eq(d, c->u.values->tok, value);
}

static const char *const priv_perms[] = {"POLICY_CREATE", "POLICY_UPDATE", "GROUP_UPDATE", "DYNAMIC_GROUP_UPDATE",
                                         "DYNAMIC_GROUP_CREATE", NULL};

static void note_priv(const char *perm, void *ctx)
{
    for (const char *const *k = priv_perms; *k; k++)
        if (strcasecmp(perm, *k) == 0 && !*(const char **)ctx) *(const char **)ctx = *k;
}

/* The first permission of STMT that lets its holder change policies or membership. */
static const char *escalating_permission(const oci_doc *d, const oci_stmt *st)
{
    const char *hit = NULL;
    if (st->verb == OCI_VERB_NONE) {
        for (const oci_list *l = st->perms; l; l = l->next)
            for (const char *const *k = priv_perms; *k; k++)
                if (lint_span_eq(d, l->tok, *k)) return *k;
        return NULL;
    }
    if (st->verb == OCI_VERB_ASSOCIATE || oci_model_is_all_resources(oci_text(d, st->resource), st->resource.len)) return NULL;
    oci_model_each_permission((oci_model_verb)(st->verb - OCI_VERB_INSPECT), oci_text(d, st->resource), st->resource.len,
                              note_priv, &hit);
    return hit;
}

/* ---- conditions -------------------------------------------------------------------------- */

static int is_tag_var(const oci_doc *d, oci_span v)
{
    const char *p = oci_text(d, v);
    for (size_t i = 0; i + 5 <= v.len; i++)
        if (strncasecmp(p + i, ".tag.", 5) == 0) return 1;
    return 0;
}

static void check_value_time(lint_ctx *cx, const oci_doc *d, const oci_stmt *st, const oci_value *v, int want)
{
    const char *p;
    size_t n;
    lint_oci_value(d, v->tok, &p, &n);
    int ok;
    dec_parse_time(p, n, &ok);
    if (ok == want) return;
    lint_finding *f = ADD(LINT_OCI_INVALID_TIME, v->tok, "'%s' is not %s", lint_quote(cx, p, n),
                          want == 1 ? "an ISO 8601 UTC time" : "a time of day");
    lint_hint(cx, f, want == 1 ? "write '2026-01-31T17:00:00Z'" : "write '17:00:00Z'");
}

static void check_calendar_value(lint_ctx *cx, const oci_doc *d, const oci_stmt *st, const oci_cond *c)
{
    static const char *const days[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
    int month = lint_span_eq(d, c->var, "request.utc-timestamp.month-of-year");
    int mday = lint_span_eq(d, c->var, "request.utc-timestamp.day-of-month");
    int wday = lint_span_eq(d, c->var, "request.utc-timestamp.day-of-week");
    if (!month && !mday && !wday) return;
    for (const oci_value *v = c->u.values; v; v = v->next) {
        if (v->kind != OCI_VAL_STRING) continue;
        const char *p;
        size_t n;
        lint_oci_value(d, v->tok, &p, &n);
        int good = 0;
        if (wday) {
            for (int i = 0; i < 7; i++)
                if (strlen(days[i]) == n && strncasecmp(days[i], p, n) == 0) good = 1;
        } else {
            char *end;
            char tmp[16];
            if (n && n < sizeof tmp) {
                memcpy(tmp, p, n);
                tmp[n] = 0;
                long x = strtol(tmp, &end, 10);
                good = *end == 0 && x >= 1 && x <= (month ? 12 : 31);
            }
        }
        if (!good)
            ADD(LINT_OCI_INVALID_TIME, v->tok, "'%s' is not a %s", lint_quote(cx, p, n),
                wday ? "day of the week (monday … sunday)" : month ? "month (1 … 12)" : "day of the month (1 … 31)");
    }
}

static void check_predicate(lint_ctx *cx, const oci_doc *d, const oci_stmt *st, const oci_cond *c)
{
    const char *var = oci_text(d, c->var);
    size_t vn = c->var.len;
    if (lint_has_placeholder(var, vn) || memchr(var, '{', vn)) return;
    const oci_model_variable *mv = oci_model_variable_find(var, vn);
    if (!mv) {
        const char *cands[256];
        size_t k = 0;
        for (size_t i = 0; i < oci_model_variable_count() && k < 256; i++) cands[k++] = oci_model_variable_at(i)->name;
        lint_finding *f = ADD(LINT_OCI_UNKNOWN_VARIABLE, c->var, "unknown variable '%s'", lint_quote(cx, var, vn));
        const char *s = diag_suggest(var, vn, cands, k);
        if (s) {
            lint_hint(cx, f, "did you mean '%s'?", s);
            lint_fix(cx, f, d, c->var, s);
        } else {
            lint_hint(cx, f, "a condition on a variable no request carries is never true");
        }
    } else if (mv->applies_to && stmt_has_var(d, st, var, vn) == 0) {
        lint_finding *f = ADD(LINT_OCI_VARIABLE_NOT_APPLICABLE, c->var,
                              "'%s' is never set for %s: this condition is never true", lint_quote(cx, var, vn),
                              st->verb == OCI_VERB_NONE ? "these permissions" : lint_tok(cx, d, st->resource));
        lint_hint(cx, f, "'%s' belongs to %s", mv->name, mv->applies_to);
    }
    /* operators that apply to one variable only */
    int ts = lint_span_eq(d, c->var, "request.utc-timestamp");
    int tod = lint_span_eq(d, c->var, "request.utc-timestamp.time-of-day");
    if ((c->op == OCI_OP_BEFORE || c->op == OCI_OP_AFTER) && !ts) {
        lint_finding *f = ADD(LINT_OCI_OPERATOR_FOR_VARIABLE, c->var, "'%s' applies to request.utc-timestamp only",
                              c->op == OCI_OP_BEFORE ? "before" : "after");
        lint_hint(cx, f, "on another variable the predicate is never true");
    } else if (c->op == OCI_OP_BETWEEN && !tod) {
        lint_finding *f = ADD(LINT_OCI_OPERATOR_FOR_VARIABLE, c->var, "'between' applies to request.utc-timestamp.time-of-day only");
        lint_hint(cx, f, "on another variable the predicate is never true");
    }
    if ((c->op == OCI_OP_BEFORE || c->op == OCI_OP_AFTER) && ts) check_value_time(cx, d, st, c->u.values, 1);
    if (c->op == OCI_OP_BETWEEN && tod)
        for (const oci_value *v = c->u.values; v; v = v->next) check_value_time(cx, d, st, v, 2);
    if (c->op == OCI_OP_EQ || c->op == OCI_OP_NE || c->op == OCI_OP_IN || c->op == OCI_OP_NOT_IN) check_calendar_value(cx, d, st, c);
    /* permission deny-lists */
    int perm_var = lint_span_eq(d, c->var, "request.permission");
    if ((perm_var || lint_span_eq(d, c->var, "request.operation")) && (c->op == OCI_OP_NE || c->op == OCI_OP_NOT_IN) && !st->deny) {
        lint_finding *f = ADD(LINT_OCI_PERMISSION_NE, c->span, "'%s %s' lets every other %s through, including future ones",
                              lint_quote(cx, var, vn), c->op == OCI_OP_NE ? "!=" : "not in", perm_var ? "permission" : "operation");
        lint_hint(cx, f, "list what is allowed: any {%s = '…', …}", lint_quote(cx, var, vn));
    }
    const char *want_type = ocid_type_for(d, c->var);
    for (const oci_value *v = c->u.values; v; v = v->next) {
        if (v->kind == OCI_VAL_VARIABLE || v->kind == OCI_VAL_PATTERN) continue;
        const char *p;
        size_t n;
        lint_oci_value(d, v->tok, &p, &n);
        if (v->kind == OCI_VAL_OCID) {
            lint_finding *f = ADD(LINT_OCI_UNQUOTED_OCID, v->tok, "unquoted OCID in a condition");
            lint_hint(cx, f, "condition values are quoted strings");
            char *q = arena_alloc(&cx->report->mem, n + 3);
            q[0] = '\'';
            memcpy(q + 1, p, n);
            q[n + 1] = '\'';
            lint_fix(cx, f, d, v->tok, q);
        }
        if (n >= 6 && strncasecmp(p, "ocid1.", 6) == 0) {
            char place[120];
            snprintf(place, sizeof place, "'%.*s'", (int)(vn < 80 ? vn : 80), var);
            check_ocid(cx, d, st, v->tok, want_type, place);
        }
        if (perm_var && v->kind == OCI_VAL_STRING && !memchr(p, '*', n)) check_permission_name(cx, d, st, v->tok);
        if (mv && mv->type == OCI_VAR_BOOL && !(n == 4 && strncasecmp(p, "true", 4) == 0) &&
            !(n == 5 && strncasecmp(p, "false", 5) == 0))
            ADD(LINT_OCI_INVALID_BOOLEAN, v->tok, "'%s' is a boolean: 'true' or 'false', not '%s'", mv->name, lint_quote(cx, p, n));
        if (v->kind == OCI_VAL_STRING && memchr(p, '*', n) && !memchr(p, '/', n) && !is_tag_var(d, c->var) &&
            !lint_span_eq(d, c->var, "target.object.name") && c->op != OCI_OP_BEFORE && c->op != OCI_OP_AFTER) {
            lint_finding *f = ADD(LINT_OCI_LITERAL_WILDCARD, v->tok, "'*' in '%s' is a literal star for '%s'",
                                  lint_quote(cx, p, n), lint_quote(cx, var, vn));
            char *q = arena_alloc(&cx->report->mem, n + 3);
            q[0] = '/';
            memcpy(q + 1, p, n);
            q[n + 1] = '/';
            lint_hint(cx, f, "a pattern is written %s", q);
            lint_fix(cx, f, d, v->tok, q);
        }
    }
}

/* The variable types for which two different values cannot both hold. */
static int single_valued(const oci_doc *d, oci_span var)
{
    const oci_model_variable *mv = oci_model_variable_find(oci_text(d, var), var.len);
    return mv && mv->type != OCI_VAR_LIST && mv->type != OCI_VAR_TAG;
}

static void collect_all(const oci_cond *c, const oci_cond **out, size_t *n, size_t cap)
{
    for (const oci_cond *k = c; k; k = k->next) {
        if (k->kind == OCI_COND_ALL) collect_all(k->u.children, out, n, cap);
        else if (k->kind == OCI_COND_PRED && *n < cap) out[(*n)++] = k;
    }
}

static void check_contradiction(lint_ctx *cx, const oci_doc *d, const oci_stmt *st, const oci_cond *c)
{
    const oci_cond *preds[64];
    size_t n = 0;
    if (c->kind == OCI_COND_ALL) collect_all(c->u.children, preds, &n, 64);
    for (size_t j = 1; j < n; j++) {
        const oci_cond *b = preds[j];
        if ((b->op != OCI_OP_EQ && b->op != OCI_OP_NE) || !b->u.values || b->u.values->kind == OCI_VAL_PATTERN ||
            b->u.values->kind == OCI_VAL_VARIABLE || !single_valued(d, b->var))
            continue;
        for (size_t i = 0; i < j; i++) {
            const oci_cond *a = preds[i];
            if ((a->op != OCI_OP_EQ && a->op != OCI_OP_NE) || !a->u.values || a->u.values->kind == OCI_VAL_PATTERN ||
                a->u.values->kind == OCI_VAL_VARIABLE || !lint_spans_eq(d, a->var, d, b->var))
                continue;
            int same = lint_spans_eq(d, a->u.values->tok, d, b->u.values->tok);
            const char *pa, *pb;
            size_t na, nb;
            lint_oci_value(d, a->u.values->tok, &pa, &na);
            lint_oci_value(d, b->u.values->tok, &pb, &nb);
            if (memchr(pa, '*', na) || memchr(pb, '*', nb)) continue;
            int contra = (a->op == OCI_OP_EQ && b->op == OCI_OP_EQ && !same) || (a->op != b->op && same);
            if (!contra) continue;
            lint_finding *f = ADD(LINT_OCI_CONTRADICTORY_CONDITION, b->span,
                                  "'%s' cannot be both %s'%s' and %s'%s': the condition is never true",
                                  lint_tok(cx, d, b->var), a->op == OCI_OP_EQ ? "" : "not ", lint_quote(cx, pa, na),
                                  b->op == OCI_OP_EQ ? "" : "not ", lint_quote(cx, pb, nb));
            lint_hint(cx, f, "use any {…} if either value should do");
            break;
        }
    }
}

static void walk_cond(lint_ctx *cx, const oci_doc *d, const oci_stmt *st, const oci_cond *c)
{
    if (c->kind == OCI_COND_PRED) {
        check_predicate(cx, d, st, c);
        return;
    }
    if (c->u.children && !c->u.children->next) {
        lint_finding *f = ADD(LINT_OCI_SINGLE_QUANTIFIER, c->span, "%s {…} with a single condition",
                              c->kind == OCI_COND_ANY ? "any" : "all");
        lint_hint(cx, f, "write the condition alone, or add the one that is missing");
    }
    if (c->kind == OCI_COND_ALL) check_contradiction(cx, d, st, c);
    for (const oci_cond *k = c->u.children; k; k = k->next) walk_cond(cx, d, st, k);
}

/* ---- subjects and locations ------------------------------------------------------------------ */

/* Backwards from OFF over blanks: the span of the word before, or len 0. */
static oci_span word_before(const oci_doc *d, uint32_t off)
{
    uint32_t e = off;
    while (e > 0 && isspace((unsigned char)d->text[e - 1])) e--;
    uint32_t b = e;
    while (b > 0 && (isalnum((unsigned char)d->text[b - 1]) || d->text[b - 1] == '-')) b--;
    return (oci_span){b, e - b};
}

static void check_subject(lint_ctx *cx, const oci_doc *d, const oci_stmt *st)
{
    if (st->lenient & OCI_LENIENT_DYNAMIC_GROUP) {
        oci_span s = st->subject_span;
        const char *t = oci_text(d, s);
        uint32_t k = 7;
        while (k < s.len && isspace((unsigned char)t[k])) k++;
        oci_span kw = {s.off, k + 5};
        lint_finding *f = ADD(LINT_OCI_DYNAMIC_GROUP_SPACE, kw, "'dynamic group' is written 'dynamic-group'");
        lint_hint(cx, f, "write 'dynamic-group'");
        lint_fix(cx, f, d, kw, "dynamic-group");
    }
    int names = 0, ids = 0;
    for (const oci_principal *p = st->principals; p; p = p->next) {
        if (st->subject == OCI_SUBJ_SERVICE) {
            names++;
        } else if (p->kind == OCI_PRINCIPAL_ID) {
            ids++;
            int dyn = st->subject == OCI_SUBJ_DYNAMIC_GROUP;
            check_ocid(cx, d, st, p->name, dyn ? "dynamicgroup" : "group", dyn ? "'dynamic-group id'" : "'group id'");
            if (st->kind == OCI_STMT_ADMIT) {
                lint_finding *f = ADD(LINT_OCI_ADMIT_BY_ID, p->name, "Admit names the other tenancy's %s by OCID",
                                      dyn ? "dynamic group" : "group");
                lint_hint(cx, f, "Define %s ALIAS as %s, then Admit %s ALIAS", dyn ? "dynamic-group" : "group",
                          lint_tok(cx, d, p->name), dyn ? "dynamic-group" : "group");
            }
            if (p->repeated) {
                oci_span idw = word_before(d, p->name.off);
                oci_span kw = word_before(d, idw.off);
                oci_span del = {kw.off, idw.off - kw.off};
                lint_finding *f = ADD(LINT_OCI_REPEATED_KEYWORD, kw, "'%s' repeated inside the list (Private Cloud Appliance form)",
                                      lint_tok(cx, d, kw));
                lint_hint(cx, f, "public OCI writes '…, id OCID'");
                lint_fix(cx, f, d, del, "");
            }
        } else {
            names++;
        }
        for (const oci_principal *q = st->principals; q != p; q = q->next)
            if (q->kind == p->kind && lint_spans_eq(d, q->name, d, p->name) &&
                ((!q->domain.len && !p->domain.len) ||
                 (q->domain.len && p->domain.len && lint_spans_eq(d, q->domain, d, p->domain)))) {
                lint_finding *f = ADD(LINT_OCI_DUPLICATE_PRINCIPAL, p->name, "'%s' is named twice in the subject",
                                      lint_tok(cx, d, p->name));
                lint_related(cx, f, d, q->name);
                break;
            }
    }
    if (names && ids) ADD(LINT_OCI_MIXED_PRINCIPALS, st->subject_span, "the subject mixes names and OCIDs");
}

static void check_location(lint_ctx *cx, const oci_doc *d, const oci_stmt *st, const oci_location *loc)
{
    if (loc->bare) {
        oci_span at = {loc->span.off, 0};
        lint_finding *f = ADD(LINT_OCI_BARE_COMPARTMENT, loc->path->tok, "'in %s' without the 'compartment' keyword",
                              lint_tok(cx, d, loc->path->tok));
        lint_hint(cx, f, "write 'in compartment %s'", lint_tok(cx, d, loc->path->tok));
        lint_fix(cx, f, d, at, "compartment ");
    }
    if (loc->kind == OCI_LOC_COMPARTMENT_ID) check_ocid(cx, d, st, loc->path->tok, "compartment tenancy", "'compartment id'");
    if (loc->kind == OCI_LOC_COMPARTMENT)
        for (const oci_list *e = loc->path; e; e = e->next)
            if (e->tok.len >= 6 && strncasecmp(oci_text(d, e->tok), "ocid1.", 6) == 0)
                check_ocid(cx, d, st, e->tok, "compartment tenancy", "a compartment path");
}

/* ---- Define ------------------------------------------------------------------------------------ */

static const char *const define_words[] = {"tenancy", "group", "dynamic-group", "compartment"};

const oci_stmt *lint_oci_find_define(const oci_doc *d, int kind, const oci_doc *ad, oci_span alias)
{
    for (const oci_stmt *s = d->stmts; s; s = s->next)
        if (s->kind == OCI_STMT_DEFINE && (kind < 0 || s->define_kind == kind) && lint_spans_eq(d, s->resource, ad, alias))
            return s;
    return NULL;
}

static void undefined_alias(lint_ctx *cx, const oci_doc *d, const oci_stmt *st, oci_span alias, int kind)
{
    if (lint_oci_find_define(d, kind, d, alias)) return;
    const oci_stmt *other = lint_oci_find_define(d, -1, d, alias);
    lint_finding *f;
    if (other) {
        f = ADD(LINT_OCI_UNDEFINED_ALIAS, alias, "'%s' is defined as a %s, not a %s", lint_tok(cx, d, alias),
                define_words[other->define_kind], define_words[kind]);
        lint_related(cx, f, d, other->span);
        return;
    }
    f = ADD(LINT_OCI_UNDEFINED_ALIAS, alias, "no 'Define %s %s' in this policy", define_words[kind], lint_tok(cx, d, alias));
    const char *cands[64];
    size_t k = 0;
    for (const oci_stmt *s = d->stmts; s && k < 64; s = s->next)
        if (s->kind == OCI_STMT_DEFINE && s->define_kind == kind)
            cands[k++] = arena_strndup(&cx->report->mem, oci_text(d, s->resource), s->resource.len);
    const char *sug = k ? diag_suggest(oci_text(d, alias), alias.len, cands, k) : NULL;
    if (!sug && k == 1) sug = cands[0];   /* the only alias of that kind: likely the one meant */
    if (sug) {
        lint_hint(cx, f, "did you mean '%s'?", sug);
        lint_fix(cx, f, d, alias, sug);
        return;
    }
    for (size_t i = 0; i < cx->ninputs; i++) {
        const oci_doc *o = cx->inputs[i].doc;
        if (o != d && o && lint_oci_find_define(o, kind, d, alias)) {
            lint_hint(cx, f, "%s defines it, but aliases are scoped to their policy", o->src.name);
            return;
        }
    }
    lint_hint(cx, f, "add 'Define %s %s as ocid1.%s.…' at the top of the policy", define_words[kind],
              lint_tok(cx, d, alias), kind == OCI_DEFINE_DYNAMIC_GROUP ? "dynamicgroup" : define_words[kind]);
}

static int alias_used(const oci_doc *d, const oci_stmt *def)
{
    for (const oci_stmt *s = d->stmts; s; s = s->next) {
        if (s->kind == OCI_STMT_DEFINE) continue;
        const oci_location *locs[3] = {&s->in, s->of, s->with ? &s->with->in : NULL};
        for (int i = 0; i < 3; i++) {
            if (!locs[i] || !locs[i]->path) continue;
            if (locs[i]->kind == OCI_LOC_TENANCY_ALIAS && def->define_kind == OCI_DEFINE_TENANCY &&
                lint_spans_eq(d, locs[i]->path->tok, d, def->resource))
                return 1;
            if (locs[i]->kind == OCI_LOC_COMPARTMENT && def->define_kind == OCI_DEFINE_COMPARTMENT)
                for (const oci_list *e = locs[i]->path; e; e = e->next)
                    if (lint_spans_eq(d, e->tok, d, def->resource)) return 1;
        }
        if (s->kind == OCI_STMT_ADMIT || s->kind == OCI_STMT_ENDORSE)
            for (const oci_principal *p = s->principals; p; p = p->next)
                if (lint_spans_eq(d, p->name, d, def->resource)) return 1;
    }
    return 0;
}

static void check_defines(lint_ctx *cx, const oci_doc *d)
{
    const oci_stmt *first_other = NULL;
    for (const oci_stmt *st = d->stmts; st; st = st->next) {
        if (st->kind != OCI_STMT_DEFINE) {
            if (!first_other) first_other = st;
            continue;
        }
        static const char *const expect[] = {"tenancy", "group", "dynamicgroup", "compartment tenancy"};
        char place[64];
        snprintf(place, sizeof place, "'Define %s'", define_words[st->define_kind]);
        check_ocid(cx, d, st, st->perms->tok, expect[st->define_kind], place);
        if (st->lenient & OCI_LENIENT_DEFINE_ID) {
            oci_span idw = word_before(d, st->perms->tok.off);
            oci_span del = {idw.off, st->perms->tok.off - idw.off};
            lint_finding *f = ADD(LINT_OCI_DEFINE_AS_ID, idw, "'as id': the 'id' is not needed in a Define");
            lint_hint(cx, f, "write 'as %s'", lint_tok(cx, d, st->perms->tok));
            lint_fix(cx, f, d, del, "");
        }
        if (first_other) {
            lint_finding *f = ADD(LINT_OCI_DEFINE_NOT_FIRST, st->span, "Define after other statements");
            lint_hint(cx, f, "all Define statements must come first in a policy");
            lint_related(cx, f, d, first_other->span);
        }
        for (const oci_stmt *e = d->stmts; e != st; e = e->next)
            if (e->kind == OCI_STMT_DEFINE && e->define_kind == st->define_kind && lint_spans_eq(d, e->resource, d, st->resource)) {
                lint_finding *f = ADD(LINT_OCI_DUPLICATE_DEFINE, st->resource, "'%s' is defined twice",
                                      lint_tok(cx, d, st->resource));
                lint_related(cx, f, d, e->span);
                break;
            }
        if (!alias_used(d, st)) {
            lint_finding *f = ADD(LINT_OCI_UNUSED_DEFINE, st->resource, "alias '%s' is not used in this policy",
                                  lint_tok(cx, d, st->resource));
            lint_hint(cx, f, "remove the Define, or check the spelling where it should be used");
        }
    }
}

/* ---- one statement -------------------------------------------------------------------------- */

static void check_statement(lint_ctx *cx, lint_input *in, const oci_doc *d, const oci_stmt *st)
{
    check_placeholders(cx, d, st, st->span);
    if (st->kind == OCI_STMT_DEFINE) return;
    check_subject(cx, d, st);
    if (st->lenient & OCI_LENIENT_NO_LOCATION) {
        oci_span w = st->where ? word_before(d, st->where->span.off) : st->span;
        lint_finding *f = ADD(LINT_OCI_MISSING_LOCATION, w, "no location before 'where'");
        lint_hint(cx, f, "add 'in tenancy' or 'in compartment NAME'; without one the statement applies to the "
                         "policy's own compartment");
    }
    if (st->verb != OCI_VERB_NONE) check_resource_type(cx, d, st, st->resource);
    if (st->with) check_resource_type(cx, d, st, st->with->resource);
    for (const oci_list *l = st->perms; l && st->verb == OCI_VERB_NONE; l = l->next) {
        check_permission_name(cx, d, st, l->tok);
        for (const oci_list *e = st->perms; e != l; e = e->next)
            if (lint_spans_eq(d, e->tok, d, l->tok)) {
                lint_finding *f = ADD(LINT_OCI_DUPLICATE_PERMISSION, l->tok, "'%s' is listed twice", lint_tok(cx, d, l->tok));
                lint_related(cx, f, d, e->tok);
                break;
            }
    }
    if (st->kind != OCI_STMT_ENDORSE) check_location(cx, d, st, &st->in);
    if (st->with && st->kind == OCI_STMT_ENDORSE) check_location(cx, d, st, &st->in);
    if (st->with && st->kind == OCI_STMT_ADMIT) check_location(cx, d, st, &st->with->in);
    if (st->where) walk_cond(cx, d, st, st->where);

    /* aliases */
    if (st->kind == OCI_STMT_ENDORSE) {
        const oci_location *t = st->with ? &st->with->in : &st->in;
        if (t->kind == OCI_LOC_TENANCY_ALIAS) undefined_alias(cx, d, st, t->path->tok, OCI_DEFINE_TENANCY);
        if (t->kind == OCI_LOC_ANY_TENANCY && !st->deny)
            lint_hint(cx, ADD(LINT_OCI_ENDORSE_ANY_TENANCY, t->span, "Endorse … in any-tenancy"),
                      "Define the partner tenancy and write 'in tenancy ALIAS'");
    }
    if (st->kind == OCI_STMT_ADMIT) {
        if (st->of->kind == OCI_LOC_TENANCY_ALIAS) undefined_alias(cx, d, st, st->of->path->tok, OCI_DEFINE_TENANCY);
        if (st->of->kind == OCI_LOC_ANY_TENANCY && !st->deny)
            lint_hint(cx, ADD(LINT_OCI_ADMIT_ANY_TENANCY, st->of->span, "Admit … of any-tenancy"),
                      "Define the partner tenancy and write 'of tenancy ALIAS'");
        if (st->with && st->in.kind == OCI_LOC_TENANCY_ALIAS) undefined_alias(cx, d, st, st->in.path->tok, OCI_DEFINE_TENANCY);
        if (st->subject == OCI_SUBJ_GROUP || st->subject == OCI_SUBJ_DYNAMIC_GROUP)
            for (const oci_principal *p = st->principals; p; p = p->next)
                if (p->kind == OCI_PRINCIPAL_NAME)
                    undefined_alias(cx, d, st, p->name,
                                    st->subject == OCI_SUBJ_GROUP ? OCI_DEFINE_GROUP : OCI_DEFINE_DYNAMIC_GROUP);
    }

    if (st->deny) {
        const world_tenancy *t = cx->w && in->tenancy >= 0 ? &cx->w->tenancies[in->tenancy] : NULL;
        if (!t || !t->deny_enabled) {
            lint_finding *f = ADD(LINT_OCI_DENY_OPT_IN, st->span,
                                  t ? "deny policies are not enabled in tenancy %s: this Deny is ignored"
                                    : "%sDeny takes effect only where deny policies are enabled", t ? t->name : "");
            lint_hint(cx, f, "deny policies are an opt-in feature of the tenancy");
        }
        return;
    }
    /* risky grants */
    int any = st->subject == OCI_SUBJ_ANY_USER || st->subject == OCI_SUBJ_ANY_GROUP;
    if (any && !st->where) {
        lint_finding *f = ADD(LINT_OCI_ANY_PRINCIPAL_UNCONDITIONED, st->subject_span,
                              "'%s' without a condition: every %s of the tenancy gets this access",
                              st->subject == OCI_SUBJ_ANY_USER ? "any-user" : "any-group",
                              st->subject == OCI_SUBJ_ANY_USER ? "principal (users, instances, resources, services)"
                                                               : "user, instance and resource principal");
        lint_hint(cx, f, "add a 'where' clause naming the principal (request.principal.type, request.principal.id)");
    }
    int all_res = st->verb != OCI_VERB_NONE && oci_model_is_all_resources(oci_text(d, st->resource), st->resource.len);
    if (all_res && st->verb == OCI_VERB_MANAGE && st->in.kind == OCI_LOC_TENANCY &&
        !(st->subject == OCI_SUBJ_GROUP && st->principals && !st->principals->next && lint_span_eq(d, st->principals->name, "Administrators")))
        lint_hint(cx, ADD(LINT_OCI_MANAGE_ALL_RESOURCES, st->resource, "'manage all-resources in tenancy' grants full administration"),
                  "grant the families the principal needs, in the compartments where it needs them");
    const char *esc = st->where ? NULL : escalating_permission(d, st);
    if (esc)
        lint_hint(cx, ADD(LINT_OCI_PRIVILEGE_ESCALATION, st->verb == OCI_VERB_NONE ? st->perms->tok : st->resource,
                          "grants %s: the holder can raise its own access", esc),
                  "grant read or inspect, or pin the grant with a condition");
    if (lint_oci_grants_key_use(d, st)) {
        /* An Endorse says what a group may do in another tenancy; which key is chosen there,
         * by that tenancy's Admit (Oracle's OKE pattern endorses 'use keys' unconditioned). */
        if (st->kind != OCI_STMT_ENDORSE && !lint_cond_requires(d, st->where, "target.key.id", NULL)) {
            lint_finding *f = ADD(LINT_OCI_KEY_UNPINNED, st->verb == OCI_VERB_NONE ? st->perms->tok : st->resource,
                                  "key use without a 'target.key.id' condition: every key in the location is usable");
            lint_hint(cx, f, "add: where target.key.id = 'ocid1.key.…'");
        }
        if (lint_cond_requires(d, st->where, "request.principal.type", "cluster") &&
            !lint_cond_requires(d, st->where, "request.principal.id", NULL)) {
            lint_finding *f = ADD(LINT_OCI_OKE_KEY_UNPINNED_CLUSTER, st->where->span,
                                  "the key grant is for every cluster: request.principal.id is not pinned");
            lint_hint(cx, f, "add request.principal.id = 'ocid1.cluster.…' to the ALL {…}");
        }
    }
}

/* ---- duplicates and subsumption -------------------------------------------------------------- */

typedef struct sinfo {
    const oci_stmt *st;
    char *text;     /* canonical, lower case */
    char *cond;     /* canonical condition, lower case, or NULL */
} sinfo;

static char *canon_lower(buf *b)
{
    for (size_t i = 0; i < b->len; i++) b->data[i] = (char)tolower((unsigned char)b->data[i]);
    return buf_take(b);
}

char *lint_oci_canonical(const oci_doc *d, const oci_stmt *st)
{
    buf b;
    buf_init(&b);
    oci_print_stmt(d, st, &b);
    return canon_lower(&b);
}

static char *canonical_cond(const oci_doc *d, const oci_cond *c)
{
    if (!c) return NULL;
    buf b;
    buf_init(&b);
    oci_print_cond(d, c, 0, &b);
    return canon_lower(&b);
}

static int principal_in(const oci_doc *d, const oci_principal *p, const oci_stmt *s2)
{
    for (const oci_principal *q = s2->principals; q; q = q->next) {
        if (q->kind != p->kind || !lint_spans_eq(d, p->name, d, q->name)) continue;
        int dp = p->domain.len && !lint_span_eq(d, p->domain, "Default");
        int dq = q->domain.len && !lint_span_eq(d, q->domain, "Default");
        if (!dp && !dq) return 1;
        if (dp && dq && lint_spans_eq(d, p->domain, d, q->domain)) return 1;
    }
    return 0;
}

int lint_oci_subject_within(const oci_doc *d, const oci_stmt *s1, const oci_stmt *s2)
{
    if (s2->subject == OCI_SUBJ_ANY_USER) return 1;
    if (s2->subject == OCI_SUBJ_ANY_GROUP)
        return s1->subject == OCI_SUBJ_GROUP || s1->subject == OCI_SUBJ_DYNAMIC_GROUP || s1->subject == OCI_SUBJ_ANY_GROUP;
    if (s1->subject != s2->subject) return 0;
    for (const oci_principal *p = s1->principals; p; p = p->next)
        if (!principal_in(d, p, s2)) return 0;
    return 1;
}

static int location_within(const oci_doc *d, const oci_location *a, const oci_location *b)
{
    if (b->kind == OCI_LOC_TENANCY) return a->kind != OCI_LOC_TENANCY_ALIAS && a->kind != OCI_LOC_ANY_TENANCY;
    if (b->kind == OCI_LOC_NONE) return a->kind == OCI_LOC_NONE;
    if (a->kind != b->kind) return 0;
    const oci_list *x = a->path, *y = b->path;
    for (; x && y; x = x->next, y = y->next)
        if (!lint_spans_eq(d, x->tok, d, y->tok)) return 0;
    return y == NULL && (b->kind == OCI_LOC_COMPARTMENT || x == NULL);
}

typedef struct pset { const char *v[512]; size_t n; int overflow; } pset;

static void pset_add(const char *perm, void *ctx)
{
    pset *s = ctx;
    if (s->n < 512) s->v[s->n++] = perm;
    else s->overflow = 1;
}

/* Does S2's action grant every permission S1's grants? */
int lint_oci_action_within(const oci_doc *d1, const oci_stmt *s1, const oci_doc *d2, const oci_stmt *s2)
{
    if (s1->verb == OCI_VERB_ASSOCIATE || s2->verb == OCI_VERB_ASSOCIATE) return 0;
    int all2 = s2->verb != OCI_VERB_NONE && oci_model_is_all_resources(oci_text(d2, s2->resource), s2->resource.len);
    int all1 = s1->verb != OCI_VERB_NONE && oci_model_is_all_resources(oci_text(d1, s1->resource), s1->resource.len);
    if (all2) {
        if (s1->verb != OCI_VERB_NONE) return s1->verb <= s2->verb;
        if (s2->verb == OCI_VERB_MANAGE) return 1;
        for (const oci_list *l = s1->perms; l; l = l->next) {
            oci_model_verb least;
            if (oci_model_permission_find(oci_text(d1, l->tok), l->tok.len, NULL, &least) ||
                (int)least > s2->verb - OCI_VERB_INSPECT)
                return 0;
        }
        return 1;
    }
    if (all1) return 0;
    if (s1->verb != OCI_VERB_NONE && s2->verb != OCI_VERB_NONE && lint_spans_eq(d1, s1->resource, d2, s2->resource))
        return s1->verb <= s2->verb;
    pset p1 = {.n = 0};
    if (s1->verb == OCI_VERB_NONE) {
        for (const oci_list *l = s1->perms; l; l = l->next) {
            const char *p;
            size_t n;
            lint_oci_value(d1, l->tok, &p, &n);
            if (oci_model_permission_find(p, n, NULL, NULL)) return 0;
            char tmp[128];
            if (n >= sizeof tmp) return 0;
            memcpy(tmp, p, n);
            tmp[n] = 0;
            int ok = s2->verb == OCI_VERB_NONE ? 0
                   : oci_model_grants((oci_model_verb)(s2->verb - OCI_VERB_INSPECT), oci_text(d2, s2->resource),
                                      s2->resource.len, tmp, n) == 1;
            if (s2->verb == OCI_VERB_NONE)
                for (const oci_list *e = s2->perms; e; e = e->next)
                    if (lint_span_eq(d2, e->tok, tmp)) ok = 1;
            if (!ok) return 0;
        }
        return s1->perms != NULL;
    }
    const oci_model_type *t1 = oci_model_type_find(oci_text(d1, s1->resource), s1->resource.len);
    if (t1 && !t1->known_perms) return 0;
    if (oci_model_each_permission((oci_model_verb)(s1->verb - OCI_VERB_INSPECT), oci_text(d1, s1->resource), s1->resource.len,
                                  pset_add, &p1) <= 0 || p1.overflow)
        return 0;
    for (size_t i = 0; i < p1.n; i++) {
        int ok = 0;
        if (s2->verb == OCI_VERB_NONE) {
            for (const oci_list *e = s2->perms; e && !ok; e = e->next) ok = lint_span_eq(d2, e->tok, p1.v[i]);
        } else {
            ok = oci_model_grants((oci_model_verb)(s2->verb - OCI_VERB_INSPECT), oci_text(d2, s2->resource), s2->resource.len,
                                  p1.v[i], strlen(p1.v[i])) == 1;
        }
        if (!ok) return 0;
    }
    return 1;
}

static int subsumes(const oci_doc *d, const sinfo *a, const sinfo *b)
{
    const oci_stmt *s1 = a->st, *s2 = b->st;
    if (s1->kind != OCI_STMT_ALLOW || s2->kind != OCI_STMT_ALLOW || s1->deny || s2->deny) return 0;
    if (b->cond && (!a->cond || strcmp(a->cond, b->cond) != 0)) return 0;
    return lint_oci_subject_within(d, s1, s2) && location_within(d, &s1->in, &s2->in) &&
           lint_oci_action_within(d, s1, d, s2);
}

static int cmp_sinfo(const void *a, const void *b)
{
    const sinfo *x = a, *y = b;
    int c = strcmp(x->text, y->text);
    if (c) return c;
    return x->st->span.off < y->st->span.off ? -1 : x->st->span.off > y->st->span.off;
}

enum { SUBSUMPTION_MAX = 4000 };   /* pairs are quadratic; beyond this only duplicates are checked */

static void check_redundancy(lint_ctx *cx, const oci_doc *d)
{
    size_t n = 0;
    for (const oci_stmt *st = d->stmts; st; st = st->next) n += st->kind != OCI_STMT_DEFINE;
    if (n < 2) return;
    sinfo *v = calloc(n, sizeof *v), *sorted = calloc(n, sizeof *v);
    if (!v || !sorted) abort();
    size_t i = 0;
    for (const oci_stmt *st = d->stmts; st; st = st->next) {
        if (st->kind == OCI_STMT_DEFINE) continue;
        v[i].st = st;
        v[i].text = lint_oci_canonical(d, st);
        v[i].cond = canonical_cond(d, st->where);
        i++;
    }
    memcpy(sorted, v, n * sizeof *v);
    qsort(sorted, n, sizeof *sorted, cmp_sinfo);
    for (i = 1; i < n; i++)
        if (strcmp(sorted[i].text, sorted[i - 1].text) == 0) {
            size_t first = i - 1;
            while (first > 0 && strcmp(sorted[first - 1].text, sorted[i].text) == 0) first--;
            const oci_stmt *st = sorted[i].st;
            lint_finding *f = ADD(LINT_OCI_DUPLICATE_STATEMENT, st->span, "duplicate of an earlier statement");
            lint_related(cx, f, d, sorted[first].st->span);
            lint_hint(cx, f, "remove one of the two");
        }
    if (n <= SUBSUMPTION_MAX)
        for (i = 0; i < n; i++)
            for (size_t j = 0; j < n; j++) {
                if (i == j || strcmp(v[i].text, v[j].text) == 0 || !subsumes(d, &v[i], &v[j])) continue;
                if (j > i && subsumes(d, &v[j], &v[i])) continue;   /* equivalent: report the later one */
                const oci_stmt *st = v[i].st;
                uint32_t line, col;
                oci_doc_position((oci_doc *)d, v[j].st->span.off, &line, &col);
                lint_finding *f = ADD(LINT_OCI_SUBSUMED_STATEMENT, st->span,
                                      "redundant: the statement on line %u grants all of this", line);
                lint_related(cx, f, d, v[j].st->span);
                break;
            }
    for (i = 0; i < n; i++) free(v[i].text), free(v[i].cond);
    free(v);
    free(sorted);
}

/* ---- the world: groups and compartments ------------------------------------------------------- */

static void check_world_names(lint_ctx *cx, lint_input *in, const oci_doc *d, const oci_stmt *st)
{
    const world_tenancy *t = &cx->w->tenancies[in->tenancy];
    if (st->kind == OCI_STMT_ALLOW || st->kind == OCI_STMT_ENDORSE) {
        int dyn = st->subject == OCI_SUBJ_DYNAMIC_GROUP;
        if (st->subject == OCI_SUBJ_GROUP || dyn)
            for (const oci_principal *p = st->principals; p; p = p->next) {
                if (p->kind != OCI_PRINCIPAL_NAME) continue;
                const char *cands[256];
                size_t k = 0, ng = dyn ? t->ndynamic_groups : t->ngroups;
                int found = 0;
                for (size_t i = 0; i < ng; i++) {
                    const char *name = dyn ? t->dynamic_groups[i].name : t->groups[i].name;
                    const char *dom = dyn ? t->dynamic_groups[i].domain : t->groups[i].domain;
                    if (lint_span_eq(d, p->name, name) && (p->domain.len ? lint_span_eq(d, p->domain, dom) : strcasecmp(dom, "Default") == 0))
                        found = 1;
                    if (k < 256) cands[k++] = name;
                }
                if (found) continue;
                lint_finding *f = ADD(LINT_OCI_UNKNOWN_GROUP, p->name, "%s '%s' is not in tenancy %s", dyn ? "dynamic group" : "group",
                                      lint_tok(cx, d, p->name), t->name);
                const char *pp;
                size_t pn;
                lint_oci_value(d, p->name, &pp, &pn);
                const char *s = diag_suggest(pp, pn, cands, k);
                if (s) lint_hint(cx, f, "did you mean '%s'?", s);
            }
    }
    if ((st->kind == OCI_STMT_ALLOW || st->kind == OCI_STMT_ADMIT) && st->in.kind == OCI_LOC_COMPARTMENT && in->compartment >= 0) {
        int at = in->compartment;
        for (const oci_list *e = st->in.path; e && at >= 0; e = e->next) {
            int next = -1;
            for (size_t i = 1; i < t->ncompartments && next < 0; i++)
                if (t->compartments[i].parent == at &&
                    (lint_span_eq(d, e->tok, t->compartments[i].name) || lint_span_eq(d, e->tok, t->compartments[i].id)))
                    next = (int)i;
            if (next < 0 && e == st->in.path && !e->next && lint_span_eq(d, e->tok, t->compartments[at].name)) next = at;
            if (next < 0) {
                const char *cands[256];
                size_t k = 0;
                for (size_t i = 1; i < t->ncompartments && k < 256; i++)
                    if (t->compartments[i].parent == at) cands[k++] = t->compartments[i].name;
                lint_finding *f = ADD(LINT_OCI_UNKNOWN_COMPARTMENT, e->tok, "compartment '%s' is not below %s in tenancy %s",
                                      lint_tok(cx, d, e->tok), t->compartments[at].name, t->name);
                const char *pp;
                size_t pn;
                lint_oci_value(d, e->tok, &pp, &pn);
                const char *s = diag_suggest(pp, pn, cands, k);
                if (s) lint_hint(cx, f, "did you mean '%s'?", s);
            }
            at = next;
        }
    }
    if (in->attached_below_root && (st->kind == OCI_STMT_DEFINE || st->kind == OCI_STMT_ENDORSE || st->kind == OCI_STMT_ADMIT))
        lint_hint(cx, ADD(LINT_OCI_CROSS_TENANCY_NOT_ROOT, st->span, "cross-tenancy statement in a policy attached to compartment %s",
                          t->compartments[in->compartment].name),
                  "attach Define, Endorse and Admit policies to the root compartment");
}

/* ---- dynamic-group matching rules ------------------------------------------------------------- */

/* The variables a matching rule can test (the reference's section 3.8), besides
 * tag.NAMESPACE.KEY.value. */
static const char *const rule_variables[] = {"instance.id", "instance.compartment.id", "resource.id", "resource.type",
                                             "resource.compartment.id", "tag.NAMESPACE.KEY.value"};

static int is_tag_rule_variable(const char *v, size_t n)
{
    if (n < 4 + 1 + 1 + 1 + 6 || strncasecmp(v, "tag.", 4) != 0 || strncasecmp(v + n - 6, ".value", 6) != 0) return 0;
    const char *dot = memchr(v + 4, '.', n - 10);
    return dot && dot > v + 4 && dot < v + n - 7;   /* tag.NS.KEY.value: both names non-empty */
}

/* resource.type = 'clustr': a near miss of a resource principal type.  The model's list is
 * not complete, so only a value within an edit or two of a known type is flagged. */
static void check_rule_type_value(lint_ctx *cx, const oci_doc *d, const oci_value *v)
{
    const oci_stmt *st = NULL;
    const char *p;
    size_t n;
    if (!v || v->kind != OCI_VAL_STRING) return;
    lint_oci_value(d, v->tok, &p, &n);
    if (lint_has_placeholder(p, n)) return;
    size_t limit = n <= 6 ? 1 : 2, best_d = limit + 1;
    const char *best = NULL;
    for (size_t i = 0; i < oci_model_principal_type_count(); i++) {
        const char *t = oci_model_principal_type_at(i);
        size_t dist = diag_edit_distance(p, n, t, strlen(t), limit);
        if (dist == 0) return;
        if (dist < best_d) best_d = dist, best = t;
    }
    if (!best) return;
    lint_finding *f = ADD(LINT_OCI_UNKNOWN_RESOURCE_TYPE, v->tok, "unknown resource principal type '%s'", lint_quote(cx, p, n));
    lint_hint(cx, f, "did you mean '%s'?", best);
    if (v->tok.len == n + 2) {
        char quoted[128];
        snprintf(quoted, sizeof quoted, "'%s'", best);
        lint_fix(cx, f, d, v->tok, quoted);
    }
}

static void check_rule_cond(lint_ctx *cx, const oci_doc *d, const oci_cond *c)
{
    const oci_stmt *st = NULL;
    if (c->kind == OCI_COND_ALL || c->kind == OCI_COND_ANY) {
        for (const oci_cond *k = c->u.children; k; k = k->next) check_rule_cond(cx, d, k);
        return;
    }
    const char *var = oci_text(d, c->var);
    size_t vn = c->var.len;
    if (lint_has_placeholder(var, vn) || is_tag_rule_variable(var, vn)) return;
    size_t nvars = sizeof rule_variables / sizeof *rule_variables;
    for (size_t i = 0; i + 1 < nvars; i++)
        if (strlen(rule_variables[i]) == vn && strncasecmp(rule_variables[i], var, vn) == 0) {
            if (i == 3 && c->op != OCI_OP_PRESENT) check_rule_type_value(cx, d, c->u.values);
            return;
        }
    lint_finding *f = ADD(LINT_OCI_UNKNOWN_VARIABLE, c->var, "unknown matching-rule variable '%s'", lint_quote(cx, var, vn));
    const char *s = diag_suggest(var, vn, rule_variables, nvars - 1);
    if (s) {
        lint_hint(cx, f, "did you mean '%s'?", s);
        lint_fix(cx, f, d, c->var, s);
    } else {
        lint_hint(cx, f, "a matching rule tests instance.id, instance.compartment.id, resource.id, resource.type, "
                         "resource.compartment.id or tag.NAMESPACE.KEY.value; any other never matches");
    }
}

/* ---- the document ------------------------------------------------------------------------------ */

enum { PCA_POLICY_MAX = 50 };

void lint_oci_doc(lint_ctx *cx, lint_input *in)
{
    const oci_doc *d = in->doc;
    const oci_stmt *st = NULL;
    check_syntax(cx, d);
    if (d->kind == OCI_DOC_RULES) {
        for (const oci_rule *r = d->rules; r; r = r->next) {
            check_placeholders(cx, d, NULL, r->span);
            if (r->expr) check_rule_cond(cx, d, r->expr);
        }
        return;
    }
    if (!d->nstmts && !d->diags.errors) {
        oci_span none = {0, 0};
        lint_hint(cx, ADD(LINT_OCI_EMPTY_POLICY, none, "the policy has no statements"), "IAM refuses an empty policy");
    }
    check_defines(cx, d);
    size_t i = 0;
    for (st = d->stmts; st; st = st->next, i++) {
        check_statement(cx, in, d, st);
        if (cx->w && in->tenancy >= 0) check_world_names(cx, in, d, st);
        if (i == PCA_POLICY_MAX)
            lint_hint(cx, ADD(LINT_OCI_PCA_POLICY_LIMIT, st->span, "statement %zu: Private Cloud Appliance allows %d per policy",
                              i + 1, PCA_POLICY_MAX),
                      "split the policy if it is meant for Private Cloud Appliance");
    }
    check_redundancy(cx, d);
}
