/* decide/compile: a world's statements become rules with resolved principals, permission
 * sets, locations and compiled conditions, indexed by (tenancy, class, permission,
 * principal) so that a decision looks at a handful of candidates, not every statement. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "decide/decide.h"
#include "model/oci_model.h"

typedef struct vec32 { uint32_t *v; size_t n, cap; } vec32;

static void vec_push(vec32 *a, uint32_t x)
{
    if (a->n == a->cap) {
        a->cap = a->cap ? a->cap * 2 : 8;
        a->v = realloc(a->v, a->cap * sizeof *a->v);
        if (!a->v) abort();
    }
    a->v[a->n++] = x;
}

typedef struct posting { uint64_t key, pin; uint32_t rule; } posting;

uint64_t dec_pin(uint32_t var, const char *value, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)value[i];
        if (c >= 'A' && c <= 'Z') c = (unsigned char)(c + 32);
        h = (h ^ c) * 16777619u;
    }
    return ((uint64_t)var << 32) | h;
}

static int pinnable(const dec_world *dw, const dec_cond *c)
{
    if (c->kind != OCI_COND_PRED || c->op != OCI_OP_EQ || c->nvalues != 1) return 0;
    const dec_value *v = &c->values[0];
    if ((v->kind != OCI_VAL_STRING && v->kind != OCI_VAL_OCID) || v->glob) return 0;
    const char *name = intern_str(&dw->names, c->var);
    size_t n = strlen(name);
    return n > 3 && strcmp(name + n - 3, ".id") == 0;
}

/* The pin of a rule: its first pinnable equality, if the variable can still be a pin. */
static uint64_t choose_pin(dec_world *dw, const dec_cond *c)
{
    if (!c) return 0;
    const dec_cond *pick = NULL;
    if (pinnable(dw, c)) pick = c;
    else if (c->kind == OCI_COND_ALL)
        for (uint32_t i = 0; i < c->nkids && !pick; i++)
            if (pinnable(dw, &c->kids[i])) pick = &c->kids[i];
    if (!pick) return 0;
    uint32_t k;
    for (k = 0; k < dw->npin_vars; k++)
        if (dw->pin_vars[k] == pick->var) break;
    if (k == dw->npin_vars) {
        if (dw->npin_vars == DEC_MAX_PIN_VARS) return 0;
        dw->pin_vars[dw->npin_vars++] = pick->var;
    }
    return dec_pin(pick->var, pick->values[0].text, pick->values[0].len);
}

typedef struct compiler {
    dec_world *dw;
    posting *post;
    size_t npost, cappost;
} compiler;

static uint32_t key_of(dec_world *dw, const char *s, size_t n) { return intern_get(&dw->names, s, n); }

static uint64_t bucket_key(uint32_t tenancy, uint32_t cls, uint32_t perm, uint32_t principal)
{
    return ((uint64_t)tenancy << 56) | ((uint64_t)cls << 52) | ((uint64_t)(perm & 0x3FFFFFF) << 26) | (principal & 0x3FFFFFF);
}

/* The value of a name token: quotes removed. */
static void token_value(const oci_doc *d, oci_span s, const char **p, size_t *n)
{
    const char *t = oci_text(d, s);
    if (s.len >= 2 && t[0] == '\'') {
        *p = t + 1;
        *n = s.len - 2;
    } else {
        *p = t;
        *n = s.len;
    }
}

static int eq_token(const oci_doc *d, oci_span s, const char *str)
{
    const char *p;
    size_t n;
    token_value(d, s, &p, &n);
    return strlen(str) == n && strncasecmp(p, str, n) == 0;
}

/* Define aliases of one policy: alias -> OCID, by kind.  Only the Defines before USER count:
 * "All Define statements in a policy must be the first ones" (the world loader reports a
 * late one as an error; here it defines nothing). */
static const oci_stmt *find_define(const oci_doc *d, const oci_stmt *user, int kind, oci_span alias)
{
    const char *a;
    size_t an;
    token_value(d, alias, &a, &an);
    /* Defines come first in a policy (OCI refuses one after another statement, and so does
     * the world loader): only the leading run is searched, which also keeps a policy of
     * many statements linear to compile */
    for (const oci_stmt *s = d->stmts; s && s != user && s->kind == OCI_STMT_DEFINE; s = s->next)
        if (s->define_kind == kind && s->resource.len == an && strncasecmp(oci_text(d, s->resource), a, an) == 0)
            return s;
    return NULL;
}

/* Record why the rule cannot match, in its earliest part (subject, permission, location,
 * tenancy: the order in which explanations check them). */
static void unresolved(dec_world *dw, dec_rule *r, int part, const char *fmt, const oci_doc *d, oci_span s)
{
    if (r->why_unresolved && r->unresolved_part <= part) return;
    r->unresolved_part = (uint8_t)part;
    const char *p;
    size_t n;
    token_value(d, s, &p, &n);
    char msg[300];
    snprintf(msg, sizeof msg, fmt, (int)n, p);
    r->why_unresolved = arena_strndup(&dw->mem, msg, strlen(msg));
}

static void resolve_subjects(dec_world *dw, dec_rule *r, const oci_doc *d, const world_tenancy *t)
{
    const oci_stmt *st = r->st;
    vec32 keys = {0};
    if (st->subject == OCI_SUBJ_ANY_USER) vec_push(&keys, KEY_ANY_USER);
    if (st->subject == OCI_SUBJ_ANY_GROUP) vec_push(&keys, KEY_ANY_GROUP);
    int admit = st->kind == OCI_STMT_ADMIT;
    for (const oci_principal *p = st->principals; p; p = p->next) {
        if (st->subject == OCI_SUBJ_SERVICE) {
            char svc[300];
            const char *v;
            size_t n;
            token_value(d, p->name, &v, &n);
            snprintf(svc, sizeof svc, "service:%.*s", (int)n, v);
            vec_push(&keys, key_of(dw, svc, strlen(svc)));
            continue;
        }
        if (p->kind == OCI_PRINCIPAL_ID) {
            vec_push(&keys, key_of(dw, oci_text(d, p->name), p->name.len));
            continue;
        }
        int dyn = st->subject == OCI_SUBJ_DYNAMIC_GROUP;
        if (admit) {
            /* Admit names are Define aliases of the other tenancy's groups */
            const oci_stmt *def = find_define(d, st, dyn ? OCI_DEFINE_DYNAMIC_GROUP : OCI_DEFINE_GROUP, p->name);
            if (def) vec_push(&keys, key_of(dw, oci_text(d, def->perms->tok), def->perms->tok.len));
            else unresolved(dw, r, PART_SUBJECT, dyn ? "no 'Define dynamic-group %.*s' in this policy" : "no 'Define group %.*s' in this policy", d, p->name);
            continue;
        }
        const char *dom = "Default", *v;
        size_t domn = 7, n;
        if (p->domain.len) token_value(d, p->domain, &dom, &domn);
        token_value(d, p->name, &v, &n);
        int found = 0;
        if (dyn) {
            for (size_t i = 0; i < t->ndynamic_groups && !found; i++) {
                const world_dynamic_group *g = &t->dynamic_groups[i];
                if (strlen(g->name) == n && strncasecmp(g->name, v, n) == 0 && strlen(g->domain) == domn &&
                    strncasecmp(g->domain, dom, domn) == 0)
                    vec_push(&keys, key_of(dw, g->id, strlen(g->id))), found = 1;
            }
        } else {
            for (size_t i = 0; i < t->ngroups && !found; i++) {
                const world_group *g = &t->groups[i];
                if (strlen(g->name) == n && strncasecmp(g->name, v, n) == 0 && strlen(g->domain) == domn &&
                    strncasecmp(g->domain, dom, domn) == 0)
                    vec_push(&keys, key_of(dw, g->id, strlen(g->id))), found = 1;
            }
        }
        if (!found) unresolved(dw, r, PART_SUBJECT, dyn ? "dynamic group '%.*s' is not in this tenancy" : "group '%.*s' is not in this tenancy", d, p->name);
    }
    r->subjects = arena_alloc(&dw->mem, (keys.n + 1) * sizeof *r->subjects);
    if (keys.n) memcpy(r->subjects, keys.v, keys.n * sizeof *keys.v);
    r->nsubjects = (uint32_t)keys.n;
    free(keys.v);
    /* a list with some names resolved still matches those */
    if (r->nsubjects) r->why_unresolved = NULL;
    else if (r->why_unresolved) r->unresolved = 1;
}

typedef struct perm_ctx { dec_world *dw; vec32 *out; } perm_ctx;

static void add_perm(const char *perm, void *ctx)
{
    perm_ctx *pc = ctx;
    vec_push(pc->out, key_of(pc->dw, perm, strlen(perm)));
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

static void resolve_perms(dec_world *dw, dec_rule *r, const oci_doc *d)
{
    const oci_stmt *st = r->st;
    vec32 perms = {0};
    if (st->verb == OCI_VERB_NONE) {
        for (const oci_list *l = st->perms; l; l = l->next) vec_push(&perms, key_of(dw, oci_text(d, l->tok), l->tok.len));
    } else if (st->verb == OCI_VERB_ASSOCIATE) {
        r->all_verb = 0;
        r->unresolved = 1;
        if (!r->why_unresolved || r->unresolved_part > PART_PERMISSION)
            r->why_unresolved = "associate statements are not evaluated", r->unresolved_part = PART_PERMISSION;
    } else if (eq_token(d, st->resource, "all-resources")) {
        r->grants_all = 1;
        r->all_verb = (uint8_t)(st->verb - OCI_VERB_INSPECT);
    } else {
        perm_ctx pc = {dw, &perms};
        if (oci_model_each_permission((oci_model_verb)(st->verb - OCI_VERB_INSPECT), oci_text(d, st->resource),
                                      st->resource.len, add_perm, &pc) < 0) {
            r->unresolved = 1;
            unresolved(dw, r, PART_PERMISSION, "unknown resource type '%.*s'", d, st->resource);
        }
    }
    if (perms.n) qsort(perms.v, perms.n, sizeof *perms.v, cmp_u32);
    r->perms = arena_alloc(&dw->mem, (perms.n + 1) * sizeof *r->perms);
    if (perms.n) memcpy(r->perms, perms.v, perms.n * sizeof *perms.v);
    r->nperms = (uint32_t)perms.n;
    free(perms.v);
}

/* A compartment path in a statement starts below the compartment the policy is attached
 * to; a single name may also be that compartment itself. */
static int resolve_path(const world_tenancy *t, int attach, const oci_doc *d, const oci_list *path)
{
    int at = attach;
    for (const oci_list *e = path; e; e = e->next) {
        const char *v;
        size_t n;
        token_value(d, e->tok, &v, &n);
        int next = -1;
        for (size_t i = 1; i < t->ncompartments && next < 0; i++) {
            const world_compartment *c = &t->compartments[i];
            if (c->parent == at && ((strlen(c->name) == n && strncasecmp(c->name, v, n) == 0) ||
                                    (strlen(c->id) == n && strncasecmp(c->id, v, n) == 0)))
                next = (int)i;
        }
        if (next < 0 && e == path && !e->next && strlen(t->compartments[at].name) == n &&
            strncasecmp(t->compartments[at].name, v, n) == 0)
            next = at;
        if (next < 0) return -1;
        at = next;
    }
    return at;
}

static int compartment_by_id(const world_tenancy *t, const char *id, size_t n)
{
    for (size_t i = 0; i < t->ncompartments; i++)
        if (strlen(t->compartments[i].id) == n && strncasecmp(t->compartments[i].id, id, n) == 0) return (int)i;
    return -1;
}

static int resolve_location(dec_world *dw, dec_rule *r, const oci_doc *d, const world_tenancy *t, int attach,
                            const oci_location *loc)
{
    switch (loc->kind) {
    case OCI_LOC_TENANCY: return LOC_TENANCY_WIDE;
    case OCI_LOC_NONE: return attach;   /* lenient form: the policy's own compartment */
    case OCI_LOC_COMPARTMENT_ID: {
        int c = compartment_by_id(t, oci_text(d, loc->path->tok), loc->path->tok.len);
        if (c >= 0) return c;
        unresolved(dw, r, PART_LOCATION, "compartment id %.*s is not in this tenancy", d, loc->path->tok);
        return LOC_UNRESOLVED;
    }
    case OCI_LOC_COMPARTMENT: {
        /* 'Define compartment ALIAS as OCID' (the DRG pages): the alias is the whole location,
         * like 'compartment id OCID', and wins over a compartment of that name */
        const oci_stmt *def = loc->path->next ? NULL : find_define(d, r->st, OCI_DEFINE_COMPARTMENT, loc->path->tok);
        if (def) {
            int c = compartment_by_id(t, oci_text(d, def->perms->tok), def->perms->tok.len);
            if (c >= 0) return c;
            unresolved(dw, r, PART_LOCATION, "compartment alias '%.*s' names a compartment that is not in this tenancy", d, loc->path->tok);
            return LOC_UNRESOLVED;
        }
        int c = resolve_path(t, attach, d, loc->path);
        if (c >= 0) return c;
        unresolved(dw, r, PART_LOCATION, "compartment '%.*s' is not below the policy's compartment", d, loc->path->tok);
        return LOC_UNRESOLVED;
    }
    default: return LOC_UNRESOLVED;
    }
}

static uint32_t resolve_xt(dec_world *dw, dec_rule *r, const oci_doc *d, const oci_location *loc)
{
    if (loc->kind == OCI_LOC_ANY_TENANCY) return 0;
    const oci_stmt *def = find_define(d, r->st, OCI_DEFINE_TENANCY, loc->path->tok);
    if (!def) {
        unresolved(dw, r, PART_TENANCY, "no 'Define tenancy %.*s' in this policy", d, loc->path->tok);
        r->unresolved = 1;
        return UINT32_MAX;
    }
    return key_of(dw, oci_text(d, def->perms->tok), def->perms->tok.len);
}

static void add_postings(compiler *cc, const dec_rule *r, uint32_t idx, uint32_t tenancy)
{
    if (r->unresolved) return;
    for (uint32_t s = 0; s < r->nsubjects; s++) {
        uint32_t np = r->grants_all ? 1 : r->nperms;
        for (uint32_t p = 0; p < np; p++) {
            if (cc->npost == cc->cappost) {
                cc->cappost = cc->cappost ? cc->cappost * 2 : 1024;
                cc->post = realloc(cc->post, cc->cappost * sizeof *cc->post);
                if (!cc->post) abort();
            }
            uint32_t perm = r->grants_all ? PERM_ANY : r->perms[p];
            cc->post[cc->npost++] = (posting){bucket_key(tenancy, r->cls, perm, r->subjects[s]), r->pin, idx};
        }
    }
}

static int cmp_posting(const void *a, const void *b)
{
    const posting *x = a, *y = b;
    if (x->key != y->key) return x->key < y->key ? -1 : 1;
    if (x->pin != y->pin) return x->pin < y->pin ? -1 : 1;
    return x->rule < y->rule ? -1 : x->rule > y->rule;
}

static void build_index(compiler *cc)
{
    dec_world *dw = cc->dw;
    if (cc->npost) qsort(cc->post, cc->npost, sizeof *cc->post, cmp_posting);
    size_t distinct = 0;
    for (size_t i = 0; i < cc->npost; i++)
        if (i == 0 || cc->post[i].key != cc->post[i - 1].key || cc->post[i].pin != cc->post[i - 1].pin) distinct++;
    dw->nbuckets = 16;
    while (dw->nbuckets < distinct * 2) dw->nbuckets *= 2;
    dw->buckets = arena_alloc(&dw->mem, dw->nbuckets * sizeof *dw->buckets);
    dw->postings = arena_alloc(&dw->mem, (cc->npost + 1) * sizeof *dw->postings);
    for (size_t i = 0; i < cc->npost;) {
        size_t j = i;
        while (j < cc->npost && cc->post[j].key == cc->post[i].key && cc->post[j].pin == cc->post[i].pin) {
            dw->postings[j] = cc->post[j].rule;
            j++;
        }
        uint64_t k = cc->post[i].key, pin = cc->post[i].pin;
        size_t h = dec_bucket_hash(k, pin) & (dw->nbuckets - 1);
        while (dw->buckets[h].count) h = (h + 1) & (dw->nbuckets - 1);
        dw->buckets[h] = (dec_bucket){k, pin, (uint32_t)i, (uint32_t)(j - i)};
        i = j;
    }
}

static const uint8_t class_of[2][4] = {
    /* allow          define  endorse             admit */
    {RULE_ALLOW, 0, RULE_ENDORSE, RULE_ADMIT},
    {RULE_DENY, 0, RULE_DENY_ENDORSE, RULE_DENY_ADMIT},
};

dec_world *dec_compile(world *w)
{
    dec_world *dw = calloc(1, sizeof *dw);
    if (!dw) abort();
    dw->w = w;
    arena_init(&dw->mem);
    intern_init(&dw->names, &dw->mem);
    /* ids 1 and 2 are the any-user and any-group keys */
    key_of(dw, "\x01" "any-user", 9);
    key_of(dw, "\x01" "any-group", 10);
    static const char *const vars[] = {"request.permission", "request.principal.type", "request.principal.id",
        "request.principal.compartment.id", "target.compartment.id", "target.compartment.name", "request.groups.id",
        "request.user.id", "request.utc-timestamp", "request.utc-timestamp.month-of-year",
        "request.utc-timestamp.day-of-month", "request.utc-timestamp.day-of-week", "request.utc-timestamp.time-of-day"};
    uint32_t *slots[] = {&dw->var_permission, &dw->var_principal_type, &dw->var_principal_id,
        &dw->var_principal_compartment, &dw->var_target_compartment_id, &dw->var_target_compartment_name,
        &dw->var_groups_id, &dw->var_user_id, &dw->var_timestamp, &dw->var_month, &dw->var_day_of_month,
        &dw->var_day_of_week, &dw->var_time_of_day};
    for (size_t i = 0; i < sizeof vars / sizeof *vars; i++) *slots[i] = key_of(dw, vars[i], strlen(vars[i]));

    size_t total = 0;
    for (size_t ti = 0; ti < w->ntenancies; ti++)
        for (size_t pi = 0; pi < w->tenancies[ti].npolicies; pi++)
            if (w->tenancies[ti].policies[pi].doc) total += w->tenancies[ti].policies[pi].doc->nstmts;
    dw->rules = arena_alloc(&dw->mem, (total + 1) * sizeof *dw->rules);
    compiler cc = {dw, NULL, 0, 0};
    for (size_t ti = 0; ti < w->ntenancies; ti++) {
        world_tenancy *t = &w->tenancies[ti];
        for (size_t pi = 0; pi < t->npolicies; pi++) {
            world_policy *pol = &t->policies[pi];
            oci_doc *d = pol->doc;
            if (!d) continue;
            for (const oci_stmt *st = d->stmts; st; st = st->next) {
                if (st->kind == OCI_STMT_DEFINE) continue;
                dec_rule *r = &dw->rules[dw->nrules];
                r->st = st;
                r->tenancy = t;
                r->policy = pol;
                r->doc = d;
                r->cls = class_of[st->deny][st->kind];
                r->subject = st->subject;
                r->applies_in = t;
                oci_doc_position(d, st->span.off, &r->line, &r->col);
                resolve_subjects(dw, r, d, t);
                resolve_perms(dw, r, d);
                if (st->kind == OCI_STMT_ENDORSE) {
                    r->xt_tenancy = resolve_xt(dw, r, d, st->with ? &st->with->in : &st->in);
                    r->location = LOC_TENANCY_WIDE;
                    r->applies_in = NULL;  /* the other tenancy, known per request */
                } else {
                    if (st->kind == OCI_STMT_ADMIT) r->xt_tenancy = resolve_xt(dw, r, d, st->of);
                    r->location = resolve_location(dw, r, d, t, pol->compartment, &st->in);
                    if (r->location == LOC_UNRESOLVED) r->unresolved = 1;
                }
                if (st->kind != OCI_STMT_ALLOW && pol->compartment != 0) {
                    /* OCI refuses such a policy (the world loader reports it): it grants nothing */
                    r->unresolved = 1;
                    if (!r->why_unresolved || r->unresolved_part > PART_LOCATION)
                        r->unresolved_part = PART_LOCATION,
                        r->why_unresolved = "cross-tenancy statements must be in a policy attached to the root compartment";
                }
                if (st->where) r->cond = dec_cond_compile(dw, d, st->where);
                r->pin = choose_pin(dw, r->cond);
                add_postings(&cc, r, (uint32_t)dw->nrules, (uint32_t)ti);
                dw->nrules++;
            }
        }
    }
    build_index(&cc);
    free(cc.post);
    return dw;
}

void dec_world_free(dec_world *dw)
{
    if (!dw) return;
    intern_free(&dw->names);
    arena_free(&dw->mem);
    world_free(dw->w);
    free(dw);
}
