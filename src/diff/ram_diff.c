/* diff/ram_diff: what two versions of a set of JSON policies (RAM, AWS IAM) allow
 * differently.  The universe is finite: the action and resource patterns the versions
 * mention, the principals of their trust policies, and condition contexts built to meet and
 * to miss each condition.  Each candidate request goes through iamc_policy_decide() on both
 * versions; the answers that differ are the rows (docs/diff.md). */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "base/json_util.h"
#include "decide/decide.h"
#include "diff/diff.h"
#include "ram/ast.h"

typedef struct strset { char **v; size_t n, cap; } strset;

/* A condition context: keys with one value each; an absent key is not listed. */
typedef struct context {
    char **keys, **values;
    size_t n;
    char *canon;
} context;

typedef struct universe {
    strset actions, resources, principals, services;
    int no_resource, any_principal;   /* some statement has no Resource / some has a Principal */
    context *ctx;
    size_t nctx, capctx;
    const ram_stmt **conditioned;     /* the statements with conditions, for combined contexts */
    size_t ncond, capcond;
} universe;

static int strset_add(strset *s, const char *v, int fold)
{
    for (size_t i = 0; i < s->n; i++)
        if (fold ? !strcasecmp(s->v[i], v) : !strcmp(s->v[i], v)) return 0;
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 16;
        s->v = realloc(s->v, s->cap * sizeof *s->v);
        if (!s->v) abort();
    }
    s->v[s->n++] = strdup(v);
    return 1;
}

static void strset_free(strset *s)
{
    for (size_t i = 0; i < s->n; i++) free(s->v[i]);
    free(s->v);
}

/* ---- condition values that meet or miss ----------------------------------------------- */

enum { CMP_EQ, CMP_LT, CMP_LE, CMP_GT, CMP_GE, CMP_LIKE };

static int cmp_of(const ram_operator *op)
{
    if (strstr(op->name, "LessThanEquals")) return CMP_LE;
    if (strstr(op->name, "LessThan")) return CMP_LT;
    if (strstr(op->name, "GreaterThanEquals")) return CMP_GE;
    if (strstr(op->name, "GreaterThan")) return CMP_GT;
    if (strstr(op->name, "Like")) return CMP_LIKE;
    return CMP_EQ;
}

/* Values for which the positive comparison of OP with V holds (YES) and fails (NO); NULL is
 * "the key is absent". */
static void sample(const ram_operator *op, const char *v, char *yes, char *no, size_t n, int *yes_absent, int *no_absent)
{
    int cmp = cmp_of(op);
    *yes_absent = *no_absent = 0;
    snprintf(yes, n, "%s", v);
    snprintf(no, n, "iamcdiff-other");
    switch (op->family) {
    case RAM_FAM_NUMERIC: {
        double x = strtod(v, NULL);
        /* yes / no: EQ x, x+1; LT x-1, x; LE x, x+1; GT x+1, x; GE x, x-1 */
        double y = cmp == CMP_LT ? x - 1 : cmp == CMP_GT ? x + 1 : x;
        double z = cmp == CMP_LT || cmp == CMP_GT ? x : cmp == CMP_GE ? x - 1 : x + 1;
        snprintf(yes, n, "%.17g", y);
        snprintf(no, n, "%.17g", z);
        break;
    }
    case RAM_FAM_DATE:
        if (cmp == CMP_LT || cmp == CMP_LE) snprintf(yes, n, "1971-01-01T00:00:00Z"), snprintf(no, n, "2999-01-01T00:00:00Z");
        else if (cmp != CMP_EQ) snprintf(yes, n, "2999-01-01T00:00:00Z"), snprintf(no, n, "1971-01-01T00:00:00Z");
        else snprintf(no, n, "1971-01-01T00:00:00Z");
        break;
    case RAM_FAM_BOOL: snprintf(yes, n, "%s", strcasecmp(v, "true") ? "false" : "true"), snprintf(no, n, "%s", strcasecmp(v, "true") ? "true" : "false"); break;
    case RAM_FAM_IP: {
        const char *slash = strchr(v, '/');
        snprintf(yes, n, "%.*s", (int)(slash ? slash - v : (long)strlen(v)), v);
        snprintf(no, n, "%s", strchr(v, ':') ? "2001:db8:ffff::1" : "192.0.2.254");
        break;
    }
    case RAM_FAM_NULL:
        /* "Null": "true" holds when the key is absent */
        if (!strcasecmp(v, "true")) *yes_absent = 1, snprintf(no, n, "iamcdiff-present");
        else *no_absent = 1, snprintf(yes, n, "iamcdiff-present");
        return;
    default:
        if (cmp == CMP_LIKE) {
            size_t k = 0;
            for (const char *p = v; *p && k + 2 < n; p++)
                if (*p != '*') yes[k++] = *p == '?' ? 'x' : *p;
            yes[k] = '\0';
        }
    }
}

static void context_set(context *c, const char *key, const char *value)
{
    for (size_t i = 0; i < c->n; i++)
        if (!strcasecmp(c->keys[i], key)) {
            free(c->values[i]);
            if (value) {
                c->values[i] = strdup(value);
            } else {   /* absent: drop it */
                free(c->keys[i]);
                c->keys[i] = c->keys[c->n - 1], c->values[i] = c->values[c->n - 1];
                c->n--;
            }
            return;
        }
    if (!value) return;
    c->keys = realloc(c->keys, (c->n + 1) * sizeof *c->keys);
    c->values = realloc(c->values, (c->n + 1) * sizeof *c->values);
    if (!c->keys || !c->values) abort();
    c->keys[c->n] = strdup(key);
    c->values[c->n++] = strdup(value);
}

/* Set KEY of C so that the condition (block OP, key K) holds (MEET) or fails. */
static void context_meet(context *c, const ram_cond *cd, const ram_cond_key *k, int meet)
{
    if (!cd->op) return;
    char yes[256], no[256];
    int yes_absent, no_absent;
    sample(cd->op, k->values.n ? k->values.items[0].text : "", yes, no, sizeof yes, &yes_absent, &no_absent);
    int positive = meet != cd->op->negated;   /* a negated operator holds where the positive one fails */
    int absent = positive ? yes_absent : no_absent;
    context_set(c, k->key.text, absent ? NULL : positive ? yes : no);
}

static void context_canon(context *c)
{
    /* keys sorted (insertion sort: contexts are small), then "k=v\n" */
    for (size_t i = 1; i < c->n; i++)
        for (size_t j = i; j > 0 && strcasecmp(c->keys[j - 1], c->keys[j]) > 0; j--) {
            char *t = c->keys[j];
            c->keys[j] = c->keys[j - 1], c->keys[j - 1] = t;
            t = c->values[j];
            c->values[j] = c->values[j - 1], c->values[j - 1] = t;
        }
    buf b;
    buf_init(&b);
    for (size_t i = 0; i < c->n; i++) buf_printf(&b, "%s=%s\n", c->keys[i], c->values[i]);
    if (!b.data) buf_puts(&b, "");
    c->canon = buf_take(&b);
}

static void context_free(context *c)
{
    for (size_t i = 0; i < c->n; i++) free(c->keys[i]), free(c->values[i]);
    free(c->keys), free(c->values), free(c->canon);
}

/* Keep C (taking its strings) unless an equal context is known. */
static void add_context(universe *u, context *c)
{
    context_canon(c);
    for (size_t i = 0; i < u->nctx; i++)
        if (!strcmp(u->ctx[i].canon, c->canon)) {
            context_free(c);
            return;
        }
    if (u->nctx == u->capctx) {
        u->capctx = u->capctx ? u->capctx * 2 : 16;
        u->ctx = realloc(u->ctx, u->capctx * sizeof *u->ctx);
        if (!u->ctx) abort();
    }
    u->ctx[u->nctx++] = *c;
}

/* Set C so that every condition of S holds, except key number MISS (-1: none), which fails.
 * 0 when S has no key number MISS. */
static int meet_stmt(context *c, const ram_stmt *s, int miss)
{
    int idx = 0, found = miss < 0;
    for (uint32_t i = 0; i < s->ncond; i++)
        for (uint32_t k = 0; k < s->conds[i].n; k++, idx++) {
            context_meet(c, &s->conds[i], &s->conds[i].keys[k], idx != miss);
            if (idx == miss) found = 1;
        }
    return found;
}

/* For a statement with conditions: one context that meets them all, one per key that meets
 * all but that key, and one that meets its conditions and those of each statement seen
 * before (an Allow's and a Deny's together). */
static void stmt_contexts(universe *u, const ram_stmt *s)
{
    enum { MAX_COMBINED = 64 };
    if (!s->ncond) return;
    for (int miss = -1;; miss++) {
        context c = {0};
        if (!meet_stmt(&c, s, miss)) {
            context_free(&c);
            break;
        }
        add_context(u, &c);
    }
    for (size_t i = 0; i < u->ncond && i < MAX_COMBINED; i++) {
        context c = {0};
        meet_stmt(&c, u->conditioned[i], -1);
        meet_stmt(&c, s, -1);
        add_context(u, &c);
    }
    if (u->ncond == u->capcond) {
        u->capcond = u->capcond ? u->capcond * 2 : 16;
        u->conditioned = realloc(u->conditioned, u->capcond * sizeof *u->conditioned);
        if (!u->conditioned) abort();
    }
    u->conditioned[u->ncond++] = s;
}

/* ---- collecting the universe ---------------------------------------------------------- */

static void collect(universe *u, const iamc_policy_set *set)
{
    size_t nd;
    struct ram_doc *const *docs = dec_policy_set_docs(set, &nd);
    for (size_t di = 0; di < nd; di++) {
        const ram_doc *d = docs[di];
        for (uint32_t si = 0; si < d->nstmts; si++) {
            const ram_stmt *s = &d->stmts[si];
            for (uint32_t i = 0; s->action && i < s->action->n; i++) strset_add(&u->actions, s->action->items[i].text, 1);
            if (s->action && s->not_action) strset_add(&u->actions, "iamcdiff:OtherAction", 1);
            for (uint32_t i = 0; s->resource && i < s->resource->n; i++) strset_add(&u->resources, s->resource->items[i].text, 0);
            if (s->resource && s->not_resource) strset_add(&u->resources, "iamcdiff-other-resource", 0);
            if (!s->resource) u->no_resource = 1;
            if (s->principal) {
                u->any_principal = 1;
                for (uint32_t e = 0; e < s->principal->n; e++) {
                    const ram_principal_entry *en = &s->principal->entries[e];
                    for (uint32_t i = 0; i < en->ids.n; i++) {
                        const char *id = en->ids.items[i].text;
                        if (!strcmp(id, "*")) continue;
                        strset_add(en->kind == RAM_PRINCIPAL_SERVICE ? &u->services : &u->principals, id, 0);
                    }
                }
            }
            stmt_contexts(u, s);
        }
    }
}

static void universe_free(universe *u)
{
    strset_free(&u->actions), strset_free(&u->resources), strset_free(&u->principals), strset_free(&u->services);
    for (size_t i = 0; i < u->nctx; i++) context_free(&u->ctx[i]);
    free(u->ctx);
    free(u->conditioned);
}

/* ---- deciding --------------------------------------------------------------------------- */

/* A principal candidate: an id (principal), a service, or "another" one. */
typedef struct who { const char *principal, *service; } who;

static char *request_text(const char *action, const char *resource, who w, const context *c)
{
    json_t *o = json_pack("{s:s}", "action", action);
    if (resource) json_object_set_new(o, "resource", json_string(resource));
    if (w.principal) json_object_set_new(o, "principal", json_string(w.principal));
    if (w.service) json_object_set_new(o, "service", json_string(w.service));
    json_t *ctx = json_object();
    for (size_t i = 0; i < c->n; i++) json_object_set_new(ctx, c->keys[i], json_string(c->values[i]));
    json_object_set_new(o, "context", ctx);
    char *s = json_dumps(o, JSON_COMPACT);
    json_decref(o);
    return s;
}

static void add_row(diff_ram_result *out, int change, const char *action, const char *resource, who w, const context *c,
                    const iamc_decision *why)
{
    out->rows = realloc(out->rows, (out->nrows + 1) * sizeof *out->rows);
    if (!out->rows) abort();
    diff_ram_row *r = &out->rows[out->nrows++];
    memset(r, 0, sizeof *r);
    r->change = (diff_change)change;
    r->action = strdup(action);
    r->resource = resource ? strdup(resource) : NULL;
    const char *p = w.principal ? w.principal : w.service;
    r->principal = p ? strdup(p) : NULL;
    r->nctx = c->n;
    r->keys = calloc(c->n + 1, sizeof *r->keys);
    r->values = calloc(c->n + 1, sizeof *r->values);
    if (!r->keys || !r->values) abort();
    for (size_t i = 0; i < c->n; i++) r->keys[i] = strdup(c->keys[i]), r->values[i] = strdup(c->values[i]);
    if (why->nstatements) {
        r->file = strdup(why->statements[0].file);
        r->line = why->statements[0].line;
        r->col = why->statements[0].col;
    }
    r->by_deny = why->reason == IAMC_REASON_EXPLICIT_DENY;
    if (change == DIFF_WIDENED) out->widened++;
    else out->narrowed++;
}

int diff_ram_compare(const iamc_policy_set *old, const iamc_policy_set *new_set, diff_ram_result *out, char *err,
                     size_t errlen)
{
    memset(out, 0, sizeof *out);
    universe u = {0};
    context none = {0};
    add_context(&u, &none);   /* [0]: a request with no condition keys */
    collect(&u, old);
    collect(&u, new_set);
    /* principals: the ones named, one named nowhere, services */
    size_t nwho = u.any_principal ? u.principals.n + u.services.n + 1 : 1;
    who *whos = calloc(nwho, sizeof *whos);
    if (!whos) abort();
    if (u.any_principal) {
        size_t k = 0;
        for (size_t i = 0; i < u.principals.n; i++) whos[k++].principal = u.principals.v[i];
        for (size_t i = 0; i < u.services.n; i++) whos[k++].service = u.services.v[i];
        whos[k].principal = "iamcdiff-other-principal";
    }
    size_t nres = u.resources.n + (u.no_resource || !u.resources.n);
    out->actions = u.actions.n, out->resources = nres, out->principals = u.any_principal ? nwho : 0, out->contexts = u.nctx;
    int rc = 0;
    for (size_t ai = 0; ai < u.actions.n && !rc; ai++)
        for (size_t ri = 0; ri < nres && !rc; ri++)
            for (size_t wi = 0; wi < nwho && !rc; wi++) {
                const char *res = ri < u.resources.n ? u.resources.v[ri] : NULL;
                int base = -1;   /* how the request without condition keys changed */
                for (size_t ci = 0; ci < u.nctx && !rc; ci++) {
                    char *text = request_text(u.actions.v[ai], res, whos[wi], &u.ctx[ci]);
                    iamc_action_request *rq = iamc_action_request_parse(text, strlen(text), err, errlen);
                    free(text);
                    if (!rq) {
                        rc = -1;
                        break;
                    }
                    iamc_decision d[2];
                    iamc_policy_decide(old, rq, &d[0]);
                    iamc_policy_decide(new_set, rq, &d[1]);
                    iamc_action_request_free(rq);
                    out->decisions += 2;
                    if (d[0].allowed == d[1].allowed) continue;
                    int change = d[1].allowed ? DIFF_WIDENED : DIFF_NARROWED;
                    if (ci == 0) base = change;
                    else if (base == change) continue;   /* the unconditional row says it */
                    const iamc_decision *why = change == DIFF_WIDENED || d[1].reason == IAMC_REASON_EXPLICIT_DENY ? &d[1] : &d[0];
                    add_row(out, change, u.actions.v[ai], res, whos[wi], &u.ctx[ci], why);
                }
            }
    free(whos);
    universe_free(&u);
    return rc;
}

void diff_ram_result_free(diff_ram_result *r)
{
    for (size_t i = 0; i < r->nrows; i++) {
        diff_ram_row *x = &r->rows[i];
        for (size_t k = 0; k < x->nctx; k++) free(x->keys[k]), free(x->values[k]);
        free(x->keys), free(x->values), free(x->action), free(x->resource), free(x->principal), free(x->file);
    }
    free(r->rows);
    memset(r, 0, sizeof *r);
}

/* ---- output ------------------------------------------------------------------------------ */

static void row_text(const diff_ram_row *x, buf *out)
{
    buf_printf(out, "%s", x->action);
    if (x->resource) buf_printf(out, " on %s", x->resource);
    if (x->principal) buf_printf(out, " by %s", x->principal);
    for (size_t k = 0; k < x->nctx; k++) buf_printf(out, "%s%s=%s", k ? ", " : " when ", x->keys[k], x->values[k]);
}

void diff_ram_print_text(const diff_ram_result *r, buf *out)
{
    for (size_t i = 0; i < r->nrows; i++) {
        const diff_ram_row *x = &r->rows[i];
        buf_puts(out, x->change == DIFF_WIDENED ? "+ " : "- ");
        row_text(x, out);
        if (x->file) buf_printf(out, "  [%s%s:%u:%u]", x->by_deny ? "denied by " : "", x->file, x->line, x->col);
        buf_putc(out, '\n');
    }
    if (r->nrows)
        buf_printf(out, "%zu widened, %zu narrowed (%zu actions, %zu resources, %zu principals, %zu condition contexts)\n",
                   r->widened, r->narrowed, r->actions, r->resources, r->principals, r->contexts);
}

void diff_ram_print_json(const diff_ram_result *r, buf *out)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < r->nrows; i++) {
        const diff_ram_row *x = &r->rows[i];
        json_t *ctx = json_object();
        for (size_t k = 0; k < x->nctx; k++) json_object_set_new(ctx, x->keys[k], json_string(x->values[k]));
        json_t *o = json_pack("{s:s,s:s,s:o,s:o,s:o}", "change", x->change == DIFF_WIDENED ? "widened" : "narrowed", "action",
                              x->action, "resource", x->resource ? json_string(x->resource) : json_null(), "principal",
                              x->principal ? json_string(x->principal) : json_null(), "context", ctx);
        if (x->file)
            json_object_set_new(o, "statement", json_pack("{s:s,s:I,s:I,s:b}", "file", x->file, "line", (json_int_t)x->line,
                                                          "col", (json_int_t)x->col, "deny", x->by_deny));
        json_array_append_new(arr, o);
    }
    json_print_lines(out, arr);
}

void diff_ram_print_sarif(const diff_ram_result *r, buf *out)
{
    diff_sarif_row *rows = calloc(r->nrows + 1, sizeof *rows);
    buf *msgs = calloc(r->nrows + 1, sizeof *msgs);
    if (!rows || !msgs) abort();
    for (size_t i = 0; i < r->nrows; i++) {
        const diff_ram_row *x = &r->rows[i];
        buf_init(&msgs[i]);
        buf_puts(&msgs[i], x->change == DIFF_WIDENED ? "widened: " : "narrowed: ");
        row_text(x, &msgs[i]);
        rows[i] = (diff_sarif_row){x->change == DIFF_WIDENED, msgs[i].data, x->file, x->line, x->col};
    }
    diff_print_sarif_rows(rows, r->nrows, out);
    for (size_t i = 0; i < r->nrows; i++) buf_free(&msgs[i]);
    free(msgs), free(rows);
}
