/* diff/ram_diff: what two versions of a set of JSON policies (RAM, AWS IAM) allow
 * differently.  The universe is finite: the action and resource patterns the versions
 * mention, the principals of their trust policies, and condition contexts built to meet and
 * to miss each condition.  Each candidate request goes through iamc_policy_decide() on both
 * versions; the answers that differ are the rows (docs/diff.md). */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
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
    size_t *parents;                  /* the contexts with one key fewer */
    size_t nparents;
} context;

/* A condition key and the values worth trying for it (absent too). */
typedef struct ckey { char *name; strset vals; } ckey;

typedef struct universe {
    strset actions, resources, principals, services;
    int no_resource, any_principal;   /* some statement has no Resource / some has a Principal */
    context *ctx;
    size_t nctx, capctx;
    ckey *keys;
    size_t nkeys, capkeys;
    strset stmt_keys;                 /* per conditioned statement: its key indices, "1,4," */
    int incomplete;                   /* DIFF_MAX_SCENARIOS reached */
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

/* ---- condition keys and their candidate values ------------------------------------------ */

static const char OTHER[] = "iamcdiff-other";

static int key_index(universe *u, const char *name)
{
    for (size_t i = 0; i < u->nkeys; i++)
        if (!strcasecmp(u->keys[i].name, name)) {
            if (strcmp(name, u->keys[i].name) < 0) free(u->keys[i].name), u->keys[i].name = strdup(name);
            return (int)i;
        }
    if (u->nkeys == u->capkeys) {
        u->capkeys = u->capkeys ? u->capkeys * 2 : 16;
        u->keys = realloc(u->keys, u->capkeys * sizeof *u->keys);
        if (!u->keys) abort();
    }
    u->keys[u->nkeys] = (ckey){strdup(name), {0}};
    return (int)u->nkeys++;
}

static void add_time(strset *s, int64_t t)
{
    time_t tt = (time_t)t;
    struct tm tm;
    char text[64];
    gmtime_r(&tt, &tm);
    strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    strset_add(s, text, 1);
}

/* IPv4 A.B.C.D[/N] as a number and a prefix length; 0 when it is not one. */
static int ipv4(const char *v, uint32_t *addr, int *bits)
{
    unsigned a, b, c, d;
    int n = 32, used = 0;
    if (sscanf(v, "%u.%u.%u.%u%n", &a, &b, &c, &d, &used) != 4 || a > 255 || b > 255 || c > 255 || d > 255) return 0;
    if (v[used] == '/' && (sscanf(v + used + 1, "%d", &n) != 1 || n < 0 || n > 32)) return 0;
    *addr = a << 24 | b << 16 | c << 8 | d, *bits = n;
    return 1;
}

static void add_ipv4(strset *s, uint32_t x)
{
    char text[32];
    snprintf(text, sizeof text, "%u.%u.%u.%u", x >> 24, x >> 16 & 255, x >> 8 & 255, x & 255);
    strset_add(s, text, 1);
}

/* The values worth trying for a condition of operator OP on V: V itself, each side of it for
 * the ordered families, a value a pattern matches, the start of a network and an address on
 * each side of it, and a value no condition names. */
static void note_value(strset *s, const ram_operator *op, const char *v)
{
    switch (op->family) {
    case RAM_FAM_NUMERIC: {
        char text[64];
        double x = strtod(v, NULL);
        for (int k = -1; k <= 1; k++) snprintf(text, sizeof text, "%.17g", x + k), strset_add(s, text, 1);
        return;
    }
    case RAM_FAM_DATE: {
        int ok;
        int64_t t = dec_parse_time(v, strlen(v), &ok);
        strset_add(s, v, 1);
        if (ok == 1)
            for (int k = -1; k <= 1; k += 2) add_time(s, t + k);
        strset_add(s, "1971-01-01T00:00:00Z", 1), strset_add(s, "2999-01-01T00:00:00Z", 1);
        return;
    }
    case RAM_FAM_BOOL: strset_add(s, "true", 1), strset_add(s, "false", 1); return;
    case RAM_FAM_IP: {
        uint32_t a;
        int bits;
        if (ipv4(v, &a, &bits)) {
            uint32_t mask = bits ? 0xffffffffu << (32 - bits) : 0, lo = a & mask, hi = lo | ~mask;
            add_ipv4(s, lo);
            if (lo) add_ipv4(s, lo - 1);
            if (hi != 0xffffffffu) add_ipv4(s, hi + 1);
        } else {
            const char *slash = strchr(v, '/');
            char text[256];
            snprintf(text, sizeof text, "%.*s", (int)(slash ? slash - v : (long)strlen(v)), v);
            strset_add(s, text, 1);
            strset_add(s, strchr(v, ':') ? "2001:db8:ffff::1" : "192.0.2.254", 1);
        }
        return;
    }
    case RAM_FAM_NULL: strset_add(s, "iamcdiff-present", 1); return;
    default:
        strset_add(s, v, 1);
        if (strpbrk(v, "*?") && strstr(op->name, "Like")) {
            char text[1024];
            size_t k = 0;
            for (const char *p = v; *p && k + 2 < sizeof text; p++)
                if (*p != '*') text[k++] = *p == '?' ? 'x' : *p;
            text[k] = '\0';
            strset_add(s, text, 1);
        }
        strset_add(s, OTHER, 1);
    }
}

/* Note the keys of S and their values; remember which keys S mentions together. */
static void note_stmt(universe *u, const ram_stmt *s)
{
    if (!s->ncond) return;
    buf b;
    buf_init(&b);
    for (uint32_t i = 0; i < s->ncond; i++)
        for (uint32_t k = 0; k < s->conds[i].n; k++) {
            const ram_cond *cd = &s->conds[i];
            if (!cd->op) continue;
            int ki = key_index(u, cd->keys[k].key.text);
            for (uint32_t v = 0; v < cd->keys[k].values.n; v++) note_value(&u->keys[ki].vals, cd->op, cd->keys[k].values.items[v].text);
            if (!cd->keys[k].values.n) note_value(&u->keys[ki].vals, cd->op, "");
            buf_printf(&b, "%d,", ki);
        }
    if (b.data) strset_add(&u->stmt_keys, b.data, 0);
    buf_free(&b);
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
    free(c->keys), free(c->values), free(c->canon), free(c->parents);
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

/* Every combination of the values of the keys in KEYS (1 each), the others absent; none
 * when there are more than DIFF_MAX_SCENARIOS (incomplete). */
static void product(universe *u, const unsigned char *keys)
{
    size_t size = 1;
    for (size_t i = 0; i < u->nkeys; i++)
        if (keys[i]) size = size > DIFF_MAX_SCENARIOS ? size : size * (u->keys[i].vals.n + 1);
    if (size > DIFF_MAX_SCENARIOS) {
        u->incomplete = 1;
        return;
    }
    int *pick = malloc((u->nkeys + 1) * sizeof *pick);
    if (!pick) abort();
    for (size_t i = 0; i < u->nkeys; i++) pick[i] = -1;
    for (;;) {
        context c = {0};
        for (size_t i = 0; i < u->nkeys; i++)
            if (pick[i] >= 0) context_set(&c, u->keys[i].name, u->keys[i].vals.v[pick[i]]);
        add_context(u, &c);
        size_t i = 0;
        for (; i < u->nkeys; i++) {
            if (!keys[i]) continue;
            if (++pick[i] < (int)u->keys[i].vals.n) break;
            pick[i] = -1;
        }
        if (i == u->nkeys) break;
    }
    free(pick);
}

static int cmp_context(const void *a, const void *b)
{
    const context *x = a, *y = b;
    return x->n != y->n ? (x->n < y->n ? -1 : 1) : strcmp(x->canon, y->canon);
}

/* The contexts: every combination of the values of every key (exact: a change shows for some
 * request iff it shows for one of them); when there are too many, the combinations over the
 * keys of each pair of conditioned statements, and the result is marked incomplete.  Sorted
 * by the number of keys, then text, so that the order of values does not matter. */
static void build_contexts(universe *u)
{
    unsigned char *keys = calloc(u->nkeys + 1, 1);
    if (!keys) abort();
    size_t size = 1;
    for (size_t i = 0; i < u->nkeys; i++) size = size > DIFF_MAX_SCENARIOS ? size : size * (u->keys[i].vals.n + 1);
    if (size <= DIFF_MAX_SCENARIOS) {
        memset(keys, 1, u->nkeys);
        product(u, keys);
    } else {
        u->incomplete = 1;
        for (size_t i = 0; i < u->stmt_keys.n; i++)
            for (size_t j = i; j < u->stmt_keys.n; j++) {
                memset(keys, 0, u->nkeys);
                for (const char *p = u->stmt_keys.v[i]; *p; p = strchr(p, ',') + 1) keys[atoi(p)] = 1;
                for (const char *p = u->stmt_keys.v[j]; *p; p = strchr(p, ',') + 1) keys[atoi(p)] = 1;
                product(u, keys);
            }
    }
    free(keys);
    qsort(u->ctx, u->nctx, sizeof *u->ctx, cmp_context);
    for (size_t i = 0; i < u->nctx; i++) {
        context *c = &u->ctx[i];
        c->parents = calloc(c->n + 1, sizeof *c->parents);
        if (!c->parents) abort();
        for (size_t k = 0; k < c->n; k++) {
            context p = {0};
            for (size_t j = 0; j < c->n; j++)
                if (j != k) context_set(&p, c->keys[j], c->values[j]);
            context_canon(&p);
            context *hit = bsearch(&p, u->ctx, u->nctx, sizeof *u->ctx, cmp_context);
            if (hit) c->parents[c->nparents++] = (size_t)(hit - u->ctx);
            context_free(&p);
        }
    }
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
            note_stmt(u, s);
        }
    }
}

static void universe_free(universe *u)
{
    strset_free(&u->actions), strset_free(&u->resources), strset_free(&u->principals), strset_free(&u->services);
    for (size_t i = 0; i < u->nctx; i++) context_free(&u->ctx[i]);
    free(u->ctx);
    for (size_t i = 0; i < u->nkeys; i++) free(u->keys[i].name), strset_free(&u->keys[i].vals);
    free(u->keys);
    strset_free(&u->stmt_keys);
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
    collect(&u, old);
    collect(&u, new_set);
    build_contexts(&u);       /* [0]: a request with no condition keys */
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
    out->incomplete = u.incomplete;
    /* how each context changed for the current request; a context that changed as one with a
     * key fewer (its parent) says nothing more */
    unsigned char *changed = calloc(u.nctx + 1, 1);
    if (!changed) abort();
    int rc = 0;
    for (size_t ai = 0; ai < u.actions.n && !rc; ai++)
        for (size_t ri = 0; ri < nres && !rc; ri++)
            for (size_t wi = 0; wi < nwho && !rc; wi++) {
                const char *res = ri < u.resources.n ? u.resources.v[ri] : NULL;
                memset(changed, 0, u.nctx);
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
                    int change = d[1].allowed ? DIFF_WIDENED : DIFF_NARROWED, said = 0;
                    changed[ci] = (unsigned char)(1 + change);
                    for (size_t q = 0; q < u.ctx[ci].nparents && !said; q++) said = changed[u.ctx[ci].parents[q]] == 1 + change;
                    if (said) continue;
                    const iamc_decision *why = change == DIFF_WIDENED || d[1].reason == IAMC_REASON_EXPLICIT_DENY ? &d[1] : &d[0];
                    add_row(out, change, u.actions.v[ai], res, whos[wi], &u.ctx[ci], why);
                }
            }
    free(whos), free(changed);
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
