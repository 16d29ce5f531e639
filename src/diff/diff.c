/* diff: both versions are placed in one synthetic tenancy (every principal, compartment and
 * group they mention), compiled by the decision engine, and asked the same questions:
 * for every principal, location, permission and condition scenario, is it allowed?
 * The answers that differ are the rows. */
#include "diff/diff.h"
#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "base/json_util.h"
#include "decide/decide.h"
#include "lint/oci_util.h"
#include "model/oci_model.h"
#include "world/world.h"

enum { P_GROUP, P_DYNAMIC_GROUP, P_SERVICE, P_ANY_USER, P_ANY_GROUP };

typedef struct principal {
    int kind;
    int by_id;
    char *domain, *name;   /* name, or the OCID when by_id */
    char *label;
} principal;

typedef struct place {
    char *name, *id, *label;
    int parent;
} place;

typedef struct scenario {
    char *label;           /* the condition it meets (NULL: none) */
    char *key;             /* canonical, lower case, for dedup */
    json_t *vars;          /* name -> value */
    char *ptype, *pid, *ts;
} scenario;

typedef struct universe {
    principal *p;
    size_t np, capp;
    place *l;
    size_t nl, capl;
    char **perm;
    size_t nperm, capperm;
    scenario *s;
    size_t ns, caps;
    int deny;
} universe;

#define GROW(arr, n, cap)                                          \
    do {                                                           \
        if ((n) == (cap)) {                                        \
            (cap) = (cap) ? (cap) * 2 : 16;                        \
            (arr) = realloc((arr), (cap) * sizeof *(arr));         \
            if (!(arr)) abort();                                   \
        }                                                          \
    } while (0)

static char *dup_value(const oci_doc *d, oci_span s)
{
    const char *p;
    size_t n;
    lint_oci_value(d, s, &p, &n);
    return strndup(p, n);
}

static int same(const char *a, const char *b) { return (!a && !b) || (a && b && strcasecmp(a, b) == 0); }

/* ---- the universe ------------------------------------------------------------------------ */

static void add_principal(universe *u, int kind, int by_id, char *domain, char *name)
{
    if (domain && strcasecmp(domain, "Default") == 0) free(domain), domain = NULL;
    for (size_t i = 0; i < u->np; i++)
        if (u->p[i].kind == kind && u->p[i].by_id == by_id && same(u->p[i].domain, domain) && same(u->p[i].name, name)) {
            free(domain), free(name);
            return;
        }
    GROW(u->p, u->np, u->capp);
    static const char *const words[] = {"group", "dynamic-group", "service", "any-user", "any-group"};
    char label[600];
    if (kind == P_ANY_USER || kind == P_ANY_GROUP) snprintf(label, sizeof label, "%s", words[kind]);
    else snprintf(label, sizeof label, "%s %s%s%s%s", words[kind], by_id ? "id " : "", domain ? domain : "", domain ? "/" : "", name);
    u->p[u->np++] = (principal){kind, by_id, domain, name, strdup(label)};
}

static int add_place(universe *u, int parent, const char *name, const char *id)
{
    for (size_t i = 1; i < u->nl; i++)
        if (u->l[i].parent == parent && ((name && same(u->l[i].name, name)) || (id && same(u->l[i].id, id)))) return (int)i;
    GROW(u->l, u->nl, u->capl);
    char sid[64], label[1200], sname[64];
    snprintf(sid, sizeof sid, "ocid1.compartment.oc1..iamcdiff%zu", u->nl);
    snprintf(sname, sizeof sname, "iamcdiff-%zu", u->nl);
    if (id) snprintf(label, sizeof label, "compartment id %s", id);
    else if (parent > 0) snprintf(label, sizeof label, "%s:%s", u->l[parent].label, name);
    else snprintf(label, sizeof label, "compartment %s", name);
    u->l[u->nl++] = (place){strdup(name ? name : sname), strdup(id ? id : sid), strdup(label), parent};
    return (int)u->nl - 1;
}

static void add_perm(universe *u, const char *p, size_t n)
{
    for (size_t i = 0; i < u->nperm; i++)
        if (strlen(u->perm[i]) == n && strncasecmp(u->perm[i], p, n) == 0) return;
    GROW(u->perm, u->nperm, u->capperm);
    char *s = strndup(p, n);
    for (char *c = s; *c; c++) *c = (char)toupper((unsigned char)*c);
    u->perm[u->nperm++] = s;
}

static void add_perm_cb(const char *perm, void *ctx) { add_perm(ctx, perm, strlen(perm)); }

/* A request that meets C: = and in take the (first) value, != and not in another one,
 * any {…} its first branch, all {…} every branch. */
static void meet(const oci_doc *d, const oci_cond *c, scenario *s)
{
    if (c->kind == OCI_COND_ALL) {
        for (const oci_cond *k = c->u.children; k; k = k->next) meet(d, k, s);
        return;
    }
    if (c->kind == OCI_COND_ANY) {
        if (c->u.children) meet(d, c->u.children, s);
        return;
    }
    char *var = strndup(oci_text(d, c->var), c->var.len);
    char *val = NULL;
    const oci_value *v = c->u.values;
    switch (c->op) {
    case OCI_OP_EQ:
    case OCI_OP_IN:
    case OCI_OP_SETS_INTERSECT:
        if (v && v->kind != OCI_VAL_VARIABLE) {
            val = dup_value(d, v->tok);
            for (char *p = val; *p; p++)
                if (*p == '*') *p = 'x';
        }
        break;
    case OCI_OP_NE:
    case OCI_OP_NOT_IN: val = strdup("iamcdiff-other"); break;
    case OCI_OP_BEFORE: free(s->ts), s->ts = strdup("2000-01-01T00:00:00Z"); break;
    case OCI_OP_AFTER: free(s->ts), s->ts = strdup("2099-01-01T00:00:00Z"); break;
    case OCI_OP_BETWEEN:
        if (v) {
            char *t = dup_value(d, v->tok), ts[64];
            snprintf(ts, sizeof ts, "2025-01-15T%.8sZ", t);
            free(t);
            free(s->ts), s->ts = strdup(ts);
        }
        break;
    default: break;
    }
    if (val) {
        if (strcasecmp(var, "request.principal.type") == 0) free(s->ptype), s->ptype = val;
        else if (strcasecmp(var, "request.principal.id") == 0) free(s->pid), s->pid = val;
        else if (strcasecmp(var, "request.permission") == 0 || strncasecmp(var, "target.compartment.", 19) == 0) free(val);
        else json_object_set_new(s->vars, var, json_string(val)), free(val);
    }
    free(var);
}

static void add_scenario(universe *u, const oci_doc *d, const oci_cond *c)
{
    char *key = NULL, *label = NULL;
    if (c) {
        buf b;
        buf_init(&b);
        oci_print_cond(d, c, 0, &b);
        label = strdup(b.data);
        for (size_t i = 0; i < b.len; i++) b.data[i] = (char)tolower((unsigned char)b.data[i]);
        key = buf_take(&b);
        for (size_t i = 0; i < u->ns; i++)
            if (u->s[i].key && strcmp(u->s[i].key, key) == 0) {
                free(key), free(label);
                return;
            }
    }
    GROW(u->s, u->ns, u->caps);
    scenario *s = &u->s[u->ns++];
    *s = (scenario){label, key, json_object(), NULL, NULL, NULL};
    if (c) meet(d, c, s);
}

static void collect(universe *u, oci_doc *const *docs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const oci_doc *d = docs[i];
        if (d->kind != OCI_DOC_POLICY) continue;
        for (const oci_stmt *st = d->stmts; st; st = st->next) {
            if (st->kind != OCI_STMT_ALLOW) continue;
            if (st->deny) u->deny = 1;
            switch (st->subject) {
            case OCI_SUBJ_ANY_USER: add_principal(u, P_ANY_USER, 0, NULL, NULL); break;
            case OCI_SUBJ_ANY_GROUP: add_principal(u, P_ANY_GROUP, 0, NULL, NULL); break;
            default:
                for (const oci_principal *p = st->principals; p; p = p->next) {
                    int kind = st->subject == OCI_SUBJ_GROUP ? P_GROUP : st->subject == OCI_SUBJ_DYNAMIC_GROUP ? P_DYNAMIC_GROUP : P_SERVICE;
                    add_principal(u, kind, p->kind == OCI_PRINCIPAL_ID, p->domain.len ? dup_value(d, p->domain) : NULL,
                                  dup_value(d, p->name));
                }
            }
            if (st->in.kind == OCI_LOC_COMPARTMENT_ID) {
                char *id = dup_value(d, st->in.path->tok);
                add_place(u, 0, NULL, id);
                free(id);
            } else if (st->in.kind == OCI_LOC_COMPARTMENT) {
                int at = 0;
                for (const oci_list *e = st->in.path; e; e = e->next) {
                    char *name = dup_value(d, e->tok);
                    at = add_place(u, at, name, NULL);
                    free(name);
                }
            }
            if (st->verb == OCI_VERB_NONE) {
                for (const oci_list *l = st->perms; l; l = l->next) add_perm(u, oci_text(d, l->tok), l->tok.len);
            } else if (st->verb != OCI_VERB_ASSOCIATE) {
                if (oci_model_is_all_resources(oci_text(d, st->resource), st->resource.len)) add_perm(u, "*", 1);
                else oci_model_each_permission((oci_model_verb)(st->verb - OCI_VERB_INSPECT), oci_text(d, st->resource),
                                               st->resource.len, add_perm_cb, u);
            }
            if (st->where) add_scenario(u, d, st->where);
        }
    }
}

static int cmp_cstr(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void universe_free(universe *u)
{
    for (size_t i = 0; i < u->np; i++) free(u->p[i].domain), free(u->p[i].name), free(u->p[i].label);
    for (size_t i = 0; i < u->nl; i++) free(u->l[i].name), free(u->l[i].id), free(u->l[i].label);
    for (size_t i = 0; i < u->nperm; i++) free(u->perm[i]);
    for (size_t i = 0; i < u->ns; i++) {
        free(u->s[i].label), free(u->s[i].key), free(u->s[i].ptype), free(u->s[i].pid), free(u->s[i].ts);
        json_decref(u->s[i].vars);
    }
    free(u->p), free(u->l), free(u->perm), free(u->s);
}

/* ---- the synthetic world ------------------------------------------------------------------ */

static const char TENANCY_ID[] = "ocid1.tenancy.oc1..iamcdiff";

static world *build_world(const universe *u, oci_doc *const *docs, size_t n)
{
    world *w = calloc(1, sizeof *w);
    if (!w) abort();
    arena_init(&w->mem);
    source_init_copy(&w->src, "<diff>", "", 0);
    diag_list_init(&w->diags, &w->mem);
    w->ntenancies = 1;
    w->tenancies = arena_alloc(&w->mem, sizeof *w->tenancies);
    world_tenancy *t = &w->tenancies[0];
    t->name = "iamcdiff";
    t->id = TENANCY_ID;
    t->deny_enabled = u->deny;
    t->ncompartments = u->nl;
    t->compartments = arena_alloc(&w->mem, u->nl * sizeof *t->compartments);
    for (size_t i = 0; i < u->nl; i++) {
        int parent = i ? u->l[i].parent : -1;
        t->compartments[i] = (world_compartment){u->l[i].name, u->l[i].id, parent, parent < 0 ? 0 : t->compartments[parent].depth + 1};
    }
    t->groups = arena_alloc(&w->mem, (u->np + 1) * sizeof *t->groups);
    t->dynamic_groups = arena_alloc(&w->mem, (u->np + 1) * sizeof *t->dynamic_groups);
    for (size_t i = 0; i < u->np; i++) {
        const principal *p = &u->p[i];
        char id[64];
        snprintf(id, sizeof id, "ocid1.%s.oc1..iamcdiff%zu", p->kind == P_GROUP ? "group" : "dynamicgroup", i);
        const char *gid = p->by_id ? p->name : arena_strndup(&w->mem, id, strlen(id));
        const char *name = p->by_id ? gid : p->name, *dom = p->domain ? p->domain : "Default";
        if (p->kind == P_GROUP) t->groups[t->ngroups++] = (world_group){name, dom, gid};
        if (p->kind == P_DYNAMIC_GROUP) {
            char rule[64];
            snprintf(rule, sizeof rule, "tag.iamcdiff.dg%zu.value", i);
            source src;
            source_init_copy(&src, "<diff rule>", rule, strlen(rule));
            t->dynamic_groups[t->ndynamic_groups++] = (world_dynamic_group){name, dom, gid, oci_parse(&src, OCI_PARSE_RULES)};
        }
    }
    t->npolicies = n;
    t->policies = arena_alloc(&w->mem, (n + 1) * sizeof *t->policies);
    for (size_t i = 0; i < n; i++) t->policies[i] = (world_policy){docs[i]->src.name, 0, docs[i], ""};
    return w;
}

/* ---- questions -------------------------------------------------------------------------- */

static char *request_json(const universe *u, size_t pi, size_t li, size_t si)
{
    const principal *p = &u->p[pi];
    const scenario *s = &u->s[si];
    json_t *pr = json_pack("{s:s}", "tenancy", TENANCY_ID);
    /* any-user stands for a principal no other subject names: a service, unless the
     * scenario needs another principal type */
    int service = p->kind == P_SERVICE || (p->kind == P_ANY_USER && !s->ptype);
    json_object_set_new(pr, "type", json_string(service ? "service" : s->ptype ? s->ptype
                                                : p->kind == P_DYNAMIC_GROUP ? "instance" : "user"));
    if (service) json_object_set_new(pr, "service", json_string(p->kind == P_SERVICE ? p->name : "iamcdiff-unnamed-service"));
    if (s->pid) json_object_set_new(pr, "id", json_string(s->pid));
    if (p->kind == P_GROUP) {
        char ref[1200];
        snprintf(ref, sizeof ref, "%s%s%s", p->domain && !p->by_id ? p->domain : "", p->domain && !p->by_id ? "/" : "", p->name);
        json_object_set_new(pr, "groups", json_pack("[s]", ref));
    }
    if (p->kind == P_DYNAMIC_GROUP) {
        char tag[64];
        snprintf(tag, sizeof tag, "iamcdiff.dg%zu", pi);
        json_object_set_new(pr, "tags", json_pack("{s:s}", tag, "1"));
    }
    json_t *vars = json_deep_copy(s->vars);
    json_object_set_new(vars, "request.utc-timestamp", json_string(s->ts ? s->ts : "2025-01-15T12:00:00Z"));
    json_t *req = json_pack("{s:o,s:s,s:{s:s},s:o}", "principal", pr, "permission", "IAMCDIFF_PERMISSION", "target",
                            "compartment", u->l[li].id, "variables", vars);
    char *text = json_dumps(req, JSON_COMPACT);
    json_decref(req);
    return text;
}

typedef struct rowkey { int change; size_t pi, li, si; } rowkey;

static diff_row *row_for(diff_result *out, rowkey **keys, const universe *u, rowkey k, const iamc_statement_ref *ref)
{
    for (size_t i = 0; i < out->nrows; i++)
        if ((*keys)[i].change == k.change && (*keys)[i].pi == k.pi && (*keys)[i].li == k.li && (*keys)[i].si == k.si)
            return &out->rows[i];
    out->rows = realloc(out->rows, (out->nrows + 1) * sizeof *out->rows);
    *keys = realloc(*keys, (out->nrows + 1) * sizeof **keys);
    if (!out->rows || !*keys) abort();
    (*keys)[out->nrows] = k;
    diff_row *r = &out->rows[out->nrows++];
    memset(r, 0, sizeof *r);
    r->change = (diff_change)k.change;
    r->principal = strdup(u->p[k.pi].label);
    r->location = strdup(k.li ? u->l[k.li].label : "tenancy");
    r->condition = u->s[k.si].label ? strdup(u->s[k.si].label) : NULL;
    if (ref) {
        r->file = strdup(ref->file);
        r->line = ref->line;
        r->col = ref->col;
    }
    if (k.change == DIFF_WIDENED) out->widened++;
    else out->narrowed++;
    return r;
}

int diff_compare(oci_doc *const *old, size_t nold, oci_doc *const *new_docs, size_t nnew, diff_result *out, char *err,
                 size_t errlen)
{
    memset(out, 0, sizeof *out);
    universe u = {0};
    add_place(&u, -1, "iamcdiff", TENANCY_ID);   /* [0]: the root */
    add_scenario(&u, NULL, NULL);                /* [0]: no condition variables */
    collect(&u, old, nold);
    collect(&u, new_docs, nnew);
    if (u.nperm) qsort(u.perm, u.nperm, sizeof *u.perm, cmp_cstr);
    world *w[2] = {build_world(&u, old, nold), build_world(&u, new_docs, nnew)};
    dec_world *dw[2] = {dec_compile(w[0]), dec_compile(w[1])};
    out->principals = u.np, out->permissions = u.nperm, out->locations = u.nl, out->scenarios = u.ns;
    /* (principal, location, permission) pairs that changed without a condition: a scenario
     * row for them would say nothing more */
    unsigned char *base = calloc(u.np * u.nl * (u.nperm + 1) + 1, 1);
    /* what any-user and any-group gain or lose: a named principal gains it through them, and
     * the row belongs to them.  They are decided first. */
    size_t cells = u.nl * u.ns * (u.nperm + 1) + 1;
    unsigned char *anyc[2] = {calloc(cells, 1), calloc(cells, 1)};
    size_t *order = calloc(u.np + 1, sizeof *order), no = 0;
    unsigned char *mine = calloc(cells, 1);   /* this principal's changes, for inheritance */
    if (!base || !anyc[0] || !anyc[1] || !order || !mine) abort();
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < u.np; i++)
            if ((u.p[i].kind == P_ANY_USER || u.p[i].kind == P_ANY_GROUP) == !pass) order[no++] = i;
    rowkey *keys = NULL;
    int rc = 0;
    for (size_t oi = 0; oi < u.np && !rc; oi++, memset(mine, 0, cells))
        for (size_t li = 0, pi = order[oi]; li < u.nl && !rc; li++)
            for (size_t si = 0; si < u.ns && !rc; si++) {
                char *json = request_json(&u, pi, li, si);
                dec_request *rq[2];
                for (int v = 0; v < 2; v++) {
                    rq[v] = dec_request_parse(dw[v], json, strlen(json), err, errlen);
                    if (!rq[v]) rc = -1;
                }
                free(json);
                for (size_t k = 0; k < u.nperm && !rc; k++) {
                    const char *perm = strcmp(u.perm[k], "*") == 0 ? "IAMCDIFF_ANY_PERMISSION" : u.perm[k];
                    iamc_decision d[2];
                    for (int v = 0; v < 2; v++) {
                        rq[v]->perms[0] = intern_find(&dw[v]->names, perm, strlen(perm));
                        rq[v]->perm_names[0] = perm;
                        dec_decide(dw[v], rq[v], &d[v]);
                    }
                    out->decisions += 2;
                    if (d[0].allowed == d[1].allowed) continue;
                    int change = d[1].allowed ? DIFF_WIDENED : DIFF_NARROWED;
                    size_t cell = (li * u.ns + si) * (u.nperm + 1) + k;
                    int kind = u.p[pi].kind;
                    if (kind == P_ANY_USER || kind == P_ANY_GROUP) anyc[kind == P_ANY_GROUP][cell] = (unsigned char)(1 + change);
                    else if (anyc[0][cell] == 1 + change || (kind != P_SERVICE && anyc[1][cell] == 1 + change)) continue;
                    /* a compartment below one that changed the same way: inherited, not news */
                    mine[cell] = (unsigned char)(1 + change);
                    int up = li ? u.l[li].parent : -1;
                    if (up >= 0 && mine[((size_t)up * u.ns + si) * (u.nperm + 1) + k] == 1 + change) continue;
                    unsigned char *b = &base[(pi * u.nl + li) * (u.nperm + 1) + k];
                    if (si == 0) *b = (unsigned char)(1 + change);
                    else if (*b == 1 + change) continue;
                    const iamc_decision *why = &d[change == DIFF_WIDENED ? 1 : 0];
                    diff_row *r = row_for(out, &keys, &u, (rowkey){change, pi, li, si}, why->nstatements ? &why->statements[0] : NULL);
                    r->perms = realloc(r->perms, (r->nperms + 1) * sizeof *r->perms);
                    if (!r->perms) abort();
                    r->perms[r->nperms++] = strdup(u.perm[k]);
                }
                for (int v = 0; v < 2; v++) dec_request_free(rq[v]);
            }
    free(base);
    free(anyc[0]), free(anyc[1]), free(order), free(mine);
    free(keys);
    for (int v = 0; v < 2; v++) {
        w[v]->tenancies[0].npolicies = 0;   /* the documents are the caller's */
        dec_world_free(dw[v]);              /* frees the world too */
    }
    universe_free(&u);
    return rc;
}

void diff_result_free(diff_result *r)
{
    for (size_t i = 0; i < r->nrows; i++) {
        diff_row *x = &r->rows[i];
        for (size_t k = 0; k < x->nperms; k++) free(x->perms[k]);
        free(x->perms), free(x->principal), free(x->location), free(x->condition), free(x->file);
    }
    free(r->rows);
    memset(r, 0, sizeof *r);
}

/* ---- output ---------------------------------------------------------------------------- */

static void perms_text(const diff_row *r, buf *out)
{
    for (size_t k = 0; k < r->nperms; k++)
        buf_printf(out, "%s%s", k ? ", " : "", strcmp(r->perms[k], "*") == 0 ? "any permission (all-resources)" : r->perms[k]);
}

void diff_print_text(const diff_result *r, buf *out)
{
    for (size_t i = 0; i < r->nrows; i++) {
        const diff_row *x = &r->rows[i];
        buf_printf(out, "%s %s: ", x->change == DIFF_WIDENED ? "+" : "-", x->principal);
        perms_text(x, out);
        buf_printf(out, " in %s", x->location);
        if (x->condition) buf_printf(out, " where %s", x->condition);
        if (x->file) buf_printf(out, "  [%s:%u:%u]", x->file, x->line, x->col);
        buf_putc(out, '\n');
    }
    if (r->nrows)
        buf_printf(out, "%zu widened, %zu narrowed (%zu principals, %zu permissions, %zu locations, %zu condition scenarios)\n",
                   r->widened, r->narrowed, r->principals, r->permissions, r->locations, r->scenarios);
}

static json_t *row_json(const diff_row *x)
{
    json_t *perms = json_array();
    for (size_t k = 0; k < x->nperms; k++) json_array_append_new(perms, json_string(x->perms[k]));
    json_t *o = json_pack("{s:s,s:s,s:o,s:s,s:o}", "change", x->change == DIFF_WIDENED ? "widened" : "narrowed", "principal",
                          x->principal, "permissions", perms, "location", x->location, "condition",
                          x->condition ? json_string(x->condition) : json_null());
    if (x->file)
        json_object_set_new(o, "statement", json_pack("{s:s,s:I,s:I}", "file", x->file, "line", (json_int_t)x->line, "col",
                                                      (json_int_t)x->col));
    return o;
}

void diff_print_json(const diff_result *r, buf *out)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < r->nrows; i++) json_array_append_new(arr, row_json(&r->rows[i]));
    json_print_lines(out, arr);
}

void diff_print_sarif_rows(const diff_sarif_row *rows, size_t n, buf *out)
{
    json_t *rules = json_pack("[{s:s,s:s,s:{s:s},s:{s:s}},{s:s,s:s,s:{s:s},s:{s:s}}]",
                              "id", "DIFF001", "name", "access-widened", "shortDescription", "text",
                              "the new version grants access the old one did not", "defaultConfiguration", "level", "warning",
                              "id", "DIFF002", "name", "access-narrowed", "shortDescription", "text",
                              "the old version granted access the new one does not", "defaultConfiguration", "level", "note");
    json_t *results = json_array();
    for (size_t i = 0; i < n; i++) {
        const diff_sarif_row *x = &rows[i];
        int w = x->widened;
        json_t *res = json_pack("{s:s,s:i,s:s,s:{s:s}}", "ruleId", w ? "DIFF001" : "DIFF002", "ruleIndex", w ? 0 : 1, "level",
                                w ? "warning" : "note", "message", "text", x->message);
        if (x->file)
            json_object_set_new(res, "locations", json_pack("[{s:{s:{s:s},s:{s:I,s:I}}}]", "physicalLocation",
                                                            "artifactLocation", "uri", x->file, "region", "startLine",
                                                            (json_int_t)x->line, "startColumn", (json_int_t)x->col));
        json_array_append_new(results, res);
    }
    json_t *root = json_pack("{s:s,s:s,s:[{s:{s:{s:s,s:s,s:o}},s:o}]}", "$schema",
                             "https://json.schemastore.org/sarif-2.1.0.json", "version", "2.1.0", "runs", "tool", "driver",
                             "name", "iamc diff", "version", IAMC_VERSION, "rules", rules, "results", results);
    char *s = json_dumps(root, JSON_PRESERVE_ORDER | JSON_INDENT(2));
    buf_puts(out, s);
    buf_putc(out, '\n');
    free(s);
    json_decref(root);
}

void diff_print_sarif(const diff_result *r, buf *out)
{
    diff_sarif_row *rows = calloc(r->nrows + 1, sizeof *rows);
    buf *msgs = calloc(r->nrows + 1, sizeof *msgs);
    if (!rows || !msgs) abort();
    for (size_t i = 0; i < r->nrows; i++) {
        const diff_row *x = &r->rows[i];
        buf_init(&msgs[i]);
        buf_printf(&msgs[i], "%s %s: ", x->change == DIFF_WIDENED ? "widened:" : "narrowed:", x->principal);
        perms_text(x, &msgs[i]);
        buf_printf(&msgs[i], " in %s", x->location);
        if (x->condition) buf_printf(&msgs[i], " where %s", x->condition);
        rows[i] = (diff_sarif_row){x->change == DIFF_WIDENED, msgs[i].data, x->file, x->line, x->col};
    }
    diff_print_sarif_rows(rows, r->nrows, out);
    for (size_t i = 0; i < r->nrows; i++) buf_free(&msgs[i]);
    free(msgs), free(rows);
}
