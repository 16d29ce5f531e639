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
#include <time.h>
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

/* A condition variable and the values worth trying for it: each value a condition of
 * either version names, a witness for each pattern, and one value no condition names.
 * Index -1 is the default: the variable absent (every predicate on it false) or, for a
 * variable every request carries (the principal type, the time), its ordinary value. */
typedef struct cvar {
    char *name;            /* lower case; the time variables share "request.utc-timestamp" */
    char **val;
    size_t nval, capval;
    int up;                /* union-find: variables one condition mentions together */
    int always;            /* in every request: part of every product */
    int allow, deny;       /* on the root: a condition of an Allow / a Deny uses the component */
} cvar;

typedef struct scenario {
    int *pick;             /* per variable: an index into its values, -1 the default */
    char *key;             /* canonical "name=value\n" of the picks, lower case */
    char *label;           /* the condition it meets (NULL: none) */
    int npicked;
    size_t *parents;       /* the scenarios with one pick set back to the default */
    size_t nparents;
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
    cvar *v;
    size_t nv, capv;
    int64_t *exact, *days, *tods;   /* time candidates: timestamps, dates x times of day */
    size_t nexact, capexact, ndays, capdays, ntods, captods;
    char **seen;                    /* hash set of scenario keys -> index + 1 */
    size_t *seen_at, capseen;
    int deny, incomplete;
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

/* ---- condition variables and their candidate values -------------------------------------- */

static const char TIME_VAR[] = "request.utc-timestamp", TYPE_VAR[] = "request.principal.type",
                  ID_VAR[] = "request.principal.id", DEFAULT_TIME[] = "2025-01-15T12:00:00Z", OTHER[] = "iamcdiff-other";

static int find_root(universe *u, int i)
{
    while (u->v[i].up != i) i = u->v[i].up = u->v[u->v[i].up].up;
    return i;
}

/* The variable a predicate on NAME samples, or -1 when the request fixes it otherwise (the
 * permission decided, the target compartment).  The time variables are one: the timestamp. */
static int var_index(universe *u, const char *name, size_t n)
{
    char *lc = strndup(name, n);
    for (char *c = lc; *c; c++) *c = (char)tolower((unsigned char)*c);
    if (strcmp(lc, "request.permission") == 0 || strncmp(lc, "target.compartment.", 19) == 0) return free(lc), -1;
    if (strncmp(lc, TIME_VAR, sizeof TIME_VAR - 1) == 0) lc[sizeof TIME_VAR - 1] = '\0';
    for (size_t i = 0; i < u->nv; i++)
        if (strcmp(u->v[i].name, lc) == 0) return free(lc), (int)i;
    GROW(u->v, u->nv, u->capv);
    int always = strcmp(lc, TIME_VAR) == 0 || strcmp(lc, TYPE_VAR) == 0;
    u->v[u->nv] = (cvar){lc, NULL, 0, 0, (int)u->nv, always, 0, 0};
    return (int)u->nv++;
}

/* Case does not matter to the engine: of two spellings the smaller is kept, whatever the
 * order they come in. */
static void var_add_value(cvar *v, const char *p, size_t n)
{
    char *s = strndup(p, n);
    for (size_t i = 0; i < v->nval; i++)
        if (strcasecmp(v->val[i], s) == 0) {
            if (strcmp(s, v->val[i]) < 0) free(v->val[i]), v->val[i] = s;
            else free(s);
            return;
        }
    GROW(v->val, v->nval, v->capval);
    v->val[v->nval++] = s;
}

static void time_add(int64_t **arr, size_t *n, size_t *cap, int64_t x)
{
    for (size_t i = 0; i < *n; i++)
        if ((*arr)[i] == x) return;
    GROW(*arr, *n, *cap);
    (*arr)[(*n)++] = x;
}

static int64_t day_of(const char *date)
{
    int ok;
    return dec_parse_time(date, strlen(date), &ok) / 86400;
}

/* Time candidates for a predicate on a time variable (SUFFIX after request.utc-timestamp):
 * each side of every boundary, and dates for the calendar variables. */
static void note_time(universe *u, const oci_doc *d, const oci_cond *c, const char *suffix)
{
    if (strcasecmp(suffix, ".month-of-year") == 0) {
        for (int m = 1; m <= 12; m++) {
            char date[32];   /* room for any int: -O1 cannot bound m */
            snprintf(date, sizeof date, "2025-%02d-15", m);
            time_add(&u->days, &u->ndays, &u->capdays, day_of(date));
        }
        return;
    }
    if (strcasecmp(suffix, ".day-of-month") == 0 || strcasecmp(suffix, ".day-of-week") == 0) {
        /* January 2025 has every day of the month, and the 13th to the 19th every weekday */
        int lo = suffix[5] == 'w' || suffix[5] == 'W' ? 13 : 1, hi = lo == 13 ? 19 : 31;
        for (int k = lo; k <= hi; k++) time_add(&u->days, &u->ndays, &u->capdays, day_of("2025-01-01") + k - 1);
        return;
    }
    for (const oci_value *v = c->u.values; v; v = v->next) {
        if (v->kind == OCI_VAL_VARIABLE) continue;
        const char *p;
        size_t n;
        lint_oci_value(d, v->tok, &p, &n);
        int ok;
        int64_t t = dec_parse_time(p, n, &ok);
        if (ok == 1) {
            for (int k = -1; k <= 1; k++) time_add(&u->exact, &u->nexact, &u->capexact, t + k);
            time_add(&u->days, &u->ndays, &u->capdays, (t >= 0 ? t : t - 86399) / 86400 - 1);
            time_add(&u->days, &u->ndays, &u->capdays, (t >= 0 ? t : t - 86399) / 86400 + 1);
        } else if (ok == 2) {
            for (int k = -1; k <= 1; k++) time_add(&u->tods, &u->ntods, &u->captods, (t + k + 86400) % 86400);
        }
    }
}

/* Note the variables of C (into VARS) and the values worth trying for them. */
static void note_cond(universe *u, const oci_doc *d, const oci_cond *c, int **vars, size_t *n, size_t *cap)
{
    if (c->kind != OCI_COND_PRED) {
        for (const oci_cond *k = c->u.children; k; k = k->next) note_cond(u, d, k, vars, n, cap);
        return;
    }
    const char *name = oci_text(d, c->var);
    int vi = var_index(u, name, c->var.len);
    if (vi < 0) return;
    GROW(*vars, *n, *cap);
    (*vars)[(*n)++] = vi;
    if (strcmp(u->v[vi].name, TIME_VAR) == 0) {
        char *suffix = strndup(name + sizeof TIME_VAR - 1, c->var.len - (sizeof TIME_VAR - 1));
        note_time(u, d, c, suffix);
        free(suffix);
        return;
    }
    var_add_value(&u->v[vi], OTHER, sizeof OTHER - 1);
    for (const oci_value *v = c->u.values; v; v = v->next) {
        if (v->kind == OCI_VAL_VARIABLE) {   /* compared with another variable: sampled apart */
            int wi = var_index(u, oci_text(d, v->tok), v->tok.len);
            if (wi >= 0 && strcmp(u->v[wi].name, TIME_VAR) != 0) {
                GROW(*vars, *n, *cap);
                (*vars)[(*n)++] = wi;
                var_add_value(&u->v[wi], OTHER, sizeof OTHER - 1);
            }
            continue;
        }
        const char *p;
        size_t len;
        lint_oci_value(d, v->tok, &p, &len);
        if (v->kind != OCI_VAL_PATTERN) var_add_value(&u->v[vi], p, len);
        if (memchr(p, '*', len)) {   /* a pattern: a value it matches */
            char *w = strndup(p, len);
            buf b;
            buf_init(&b);
            for (char *q = w; *q; q++) *q == '*' ? buf_puts(&b, "x") : buf_putc(&b, *q);
            var_add_value(&u->v[vi], b.data ? b.data : "", b.len);
            buf_free(&b);
            free(w);
        }
    }
}

/* The variables one statement's condition mentions sample together. */
static void note_condition(universe *u, const oci_doc *d, const oci_stmt *st)
{
    int *vars = NULL;
    size_t n = 0, cap = 0;
    note_cond(u, d, st->where, &vars, &n, &cap);
    int root = -1;
    for (size_t i = 0; i < n; i++) {
        if (u->v[vars[i]].always) continue;
        int r = find_root(u, vars[i]);
        if (root < 0) root = r;
        else if (r != root) {
            u->v[r].up = root;
            u->v[root].allow |= u->v[r].allow, u->v[root].deny |= u->v[r].deny;
        }
    }
    if (root >= 0) {
        if (st->deny) u->v[root].deny = 1;
        else u->v[root].allow = 1;
    }
    free(vars);
}

/* The time variable's values: each timestamp next to a boundary, and each date named or
 * next to one at each time of day named or next to one. */
static void finish_time(universe *u)
{
    int ti = -1;
    for (size_t i = 0; i < u->nv; i++)
        if (strcmp(u->v[i].name, TIME_VAR) == 0) ti = (int)i;
    if (ti < 0) return;
    int ok;
    int64_t def = dec_parse_time(DEFAULT_TIME, sizeof DEFAULT_TIME - 1, &ok);
    time_add(&u->days, &u->ndays, &u->capdays, def / 86400);
    time_add(&u->tods, &u->ntods, &u->captods, def % 86400);
    for (size_t a = 0; a < u->ndays; a++)
        for (size_t b = 0; b < u->ntods; b++) time_add(&u->exact, &u->nexact, &u->capexact, u->days[a] * 86400 + u->tods[b]);
    for (size_t i = 0; i < u->nexact; i++) {
        if (u->exact[i] == def) continue;
        time_t tt = (time_t)u->exact[i];
        struct tm tm;
        char text[64];
        gmtime_r(&tt, &tm);
        strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
        var_add_value(&u->v[ti], text, strlen(text));
    }
}

/* ---- scenarios: products of candidate values ----------------------------------------------- */

static char *pick_key(const universe *u, const int *pick, int *npicked)
{
    /* variables in name order, so that the key is the same whatever order they came in */
    buf b;
    buf_init(&b);
    int n = 0;
    const char *last = "";
    for (;;) {
        int next = -1;
        for (size_t i = 0; i < u->nv; i++)
            if (pick[i] >= 0 && strcmp(u->v[i].name, last) > 0 && (next < 0 || strcmp(u->v[i].name, u->v[next].name) < 0))
                next = (int)i;
        if (next < 0) break;
        buf_printf(&b, "%s=%s\n", u->v[next].name, u->v[next].val[pick[next]]);
        last = u->v[next].name;
        n++;
    }
    if (!b.data) buf_puts(&b, "");
    for (size_t i = 0; i < b.len; i++) b.data[i] = (char)tolower((unsigned char)b.data[i]);
    if (npicked) *npicked = n;
    return buf_take(&b);
}

static size_t hash_str(const char *s)
{
    size_t h = 14695981039346656037u;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

/* The index + 1 of the scenario with KEY, or 0; with ADD, a free slot takes AT. */
static size_t seen_find(universe *u, const char *key, size_t at_if_new)
{
    if (at_if_new && 2 * (u->ns + 1) > u->capseen) {
        size_t old = u->capseen;
        char **ok = u->seen;
        size_t *oa = u->seen_at;
        u->capseen = old ? old * 2 : 64;
        u->seen = calloc(u->capseen, sizeof *u->seen);
        u->seen_at = calloc(u->capseen, sizeof *u->seen_at);
        if (!u->seen || !u->seen_at) abort();
        for (size_t i = 0; i < old; i++)
            if (ok[i]) {
                size_t h = hash_str(ok[i]) & (u->capseen - 1);
                while (u->seen[h]) h = (h + 1) & (u->capseen - 1);
                u->seen[h] = ok[i], u->seen_at[h] = oa[i];
            }
        free(ok), free(oa);
    }
    if (!u->capseen) return 0;
    size_t h = hash_str(key) & (u->capseen - 1);
    while (u->seen[h]) {
        if (strcmp(u->seen[h], key) == 0) return u->seen_at[h];
        h = (h + 1) & (u->capseen - 1);
    }
    if (at_if_new) u->seen[h] = (char *)key, u->seen_at[h] = at_if_new;
    return 0;
}

static void add_pick(universe *u, const int *pick)
{
    int npicked;
    char *key = pick_key(u, pick, &npicked);
    if (seen_find(u, key, 0)) {
        free(key);
        return;
    }
    if (u->ns > DIFF_MAX_SCENARIOS) {
        u->incomplete = 1;
        free(key);
        return;
    }
    GROW(u->s, u->ns, u->caps);
    int *copy = malloc((u->nv + 1) * sizeof *copy);
    if (!copy) abort();
    memcpy(copy, pick, u->nv * sizeof *copy);
    u->s[u->ns] = (scenario){copy, key, NULL, npicked, NULL, 0};
    seen_find(u, key, ++u->ns);
}

/* Every combination of the values of VARS (and of the variables every request carries),
 * the other variables absent. */
static void product(universe *u, const int *vars, size_t n)
{
    int *all = malloc((n + u->nv + 1) * sizeof *all), *pick = malloc((u->nv + 1) * sizeof *pick);
    if (!all || !pick) abort();
    size_t m = 0, size = 1;
    for (size_t i = 0; i < n; i++) all[m++] = vars[i];
    for (size_t i = 0; i < u->nv; i++)
        if (u->v[i].always) all[m++] = (int)i;
    for (size_t i = 0; i < m; i++) size = size > DIFF_MAX_SCENARIOS ? size : size * (u->v[all[i]].nval + 1);
    for (size_t i = 0; i < u->nv; i++) pick[i] = -1;
    if (size > DIFF_MAX_SCENARIOS) u->incomplete = 1;
    else
        for (;;) {
            add_pick(u, pick);
            size_t i = 0;
            for (; i < m; i++) {
                if (++pick[all[i]] < (int)u->v[all[i]].nval) break;
                pick[all[i]] = -1;
            }
            if (i == m) break;
        }
    free(all), free(pick);
}

static int cmp_scenario(const void *a, const void *b)
{
    const scenario *x = a, *y = b;
    return x->npicked != y->npicked ? x->npicked - y->npicked : strcmp(x->key, y->key);
}

static char *pick_label(const universe *u, const char *key, int npicked)
{
    /* the key holds the picks in name order, lower case: the label takes the values' spelling */
    if (!npicked) return NULL;
    buf b;
    buf_init(&b);
    if (npicked > 1) buf_puts(&b, "all {");
    int k = 0;
    for (const char *line = key; *line; k++) {
        const char *eq = strchr(line, '='), *nl = strchr(line, '\n');
        for (size_t i = 0; i < u->nv; i++)
            if (strlen(u->v[i].name) == (size_t)(eq - line) && strncmp(u->v[i].name, line, (size_t)(eq - line)) == 0)
                for (size_t j = 0; j < u->v[i].nval; j++)
                    if (strlen(u->v[i].val[j]) == (size_t)(nl - eq - 1) && strncasecmp(u->v[i].val[j], eq + 1, (size_t)(nl - eq - 1)) == 0) {
                        buf_printf(&b, "%s%s = '%s'", k ? ", " : "", u->v[i].name, u->v[i].val[j]);
                        break;
                    }
        line = nl + 1;
    }
    if (npicked > 1) buf_putc(&b, '}');
    return buf_take(&b);
}

/* The scenarios: no condition variable; for each group of variables one condition mentions
 * together, every combination of their values; when a Deny has a condition, every
 * combination over the variables of an Allow's group and a Deny's group.  Over these, a
 * change shows whenever it shows for some request (docs/diff.md); ordered by the number of
 * variables set, then by key, so that the order of values in the policies does not matter. */
static void build_scenarios(universe *u)
{
    finish_time(u);
    int *pick = malloc((u->nv + 1) * sizeof *pick), *vars = malloc((u->nv + 1) * sizeof *vars);
    if (!pick || !vars) abort();
    for (size_t i = 0; i < u->nv; i++) pick[i] = -1;
    add_pick(u, pick);
    for (int pass = 0; pass < 2; pass++)
        for (size_t r = 0; r < u->nv; r++) {
            if (u->v[r].always || find_root(u, (int)r) != (int)r) continue;
            for (size_t q = pass ? 0 : r; q <= (pass ? u->nv - 1 : r); q++) {
                if (pass && (q == r || u->v[q].always || find_root(u, (int)q) != (int)q || !u->v[r].allow || !u->v[q].deny)) continue;
                size_t n = 0;
                for (size_t i = 0; i < u->nv; i++)
                    if (!u->v[i].always && (find_root(u, (int)i) == (int)r || find_root(u, (int)i) == (int)q)) vars[n++] = (int)i;
                product(u, vars, n);
            }
        }
    if (u->nv) product(u, vars, 0);   /* the variables every request carries alone */
    qsort(u->s, u->ns, sizeof *u->s, cmp_scenario);
    memset(u->seen, 0, u->capseen * sizeof *u->seen);
    for (size_t i = 0; i < u->ns; i++) seen_find(u, u->s[i].key, i + 1);
    for (size_t i = 0; i < u->ns; i++) {
        scenario *s = &u->s[i];
        s->label = pick_label(u, s->key, s->npicked);
        s->parents = calloc((size_t)s->npicked + 1, sizeof *s->parents);
        if (!s->parents) abort();
        for (size_t k = 0; k < u->nv; k++) {
            if (s->pick[k] < 0) continue;
            memcpy(pick, s->pick, u->nv * sizeof *pick);
            pick[k] = -1;
            char *key = pick_key(u, pick, NULL);
            size_t at = seen_find(u, key, 0);
            if (at) s->parents[s->nparents++] = at - 1;
            free(key);
        }
    }
    free(pick), free(vars);
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
            if (st->where) note_condition(u, d, st);
        }
    }
}

static int cmp_cstr(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void universe_free(universe *u)
{
    for (size_t i = 0; i < u->np; i++) free(u->p[i].domain), free(u->p[i].name), free(u->p[i].label);
    for (size_t i = 0; i < u->nl; i++) free(u->l[i].name), free(u->l[i].id), free(u->l[i].label);
    for (size_t i = 0; i < u->nperm; i++) free(u->perm[i]);
    for (size_t i = 0; i < u->ns; i++) free(u->s[i].pick), free(u->s[i].key), free(u->s[i].label), free(u->s[i].parents);
    for (size_t i = 0; i < u->nv; i++) {
        for (size_t k = 0; k < u->v[i].nval; k++) free(u->v[i].val[k]);
        free(u->v[i].name), free(u->v[i].val);
    }
    free(u->v), free(u->exact), free(u->days), free(u->tods), free(u->seen), free(u->seen_at);
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
    const char *ptype = NULL, *pid = NULL, *ts = DEFAULT_TIME;
    json_t *vars = json_object();
    for (size_t i = 0; i < u->nv; i++) {
        if (s->pick[i] < 0) continue;
        const char *name = u->v[i].name, *val = u->v[i].val[s->pick[i]];
        if (strcmp(name, TYPE_VAR) == 0) ptype = val;
        else if (strcmp(name, ID_VAR) == 0) pid = val;
        else if (strcmp(name, TIME_VAR) == 0) ts = val;
        else json_object_set_new(vars, name, json_string(val));
    }
    json_object_set_new(vars, TIME_VAR, json_string(ts));
    json_t *pr = json_pack("{s:s}", "tenancy", TENANCY_ID);
    /* any-user stands for a principal no other subject names: a service, unless the
     * scenario needs another principal type */
    int service = p->kind == P_SERVICE || (p->kind == P_ANY_USER && !ptype);
    json_object_set_new(pr, "type", json_string(service ? "service" : ptype ? ptype
                                                : p->kind == P_DYNAMIC_GROUP ? "instance" : "user"));
    if (service) json_object_set_new(pr, "service", json_string(p->kind == P_SERVICE ? p->name : "iamcdiff-unnamed-service"));
    if (pid) json_object_set_new(pr, "id", json_string(pid));
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
    collect(&u, old, nold);
    collect(&u, new_docs, nnew);
    build_scenarios(&u);                         /* [0]: no condition variables */
    if (u.nperm) qsort(u.perm, u.nperm, sizeof *u.perm, cmp_cstr);
    world *w[2] = {build_world(&u, old, nold), build_world(&u, new_docs, nnew)};
    dec_world *dw[2] = {dec_compile(w[0]), dec_compile(w[1])};
    out->principals = u.np, out->permissions = u.nperm, out->locations = u.nl, out->scenarios = u.ns;
    out->incomplete = u.incomplete;
    /* what any-user and any-group gain or lose: a named principal gains it through them, and
     * the row belongs to them.  They are decided first. */
    size_t cells = u.nl * u.ns * (u.nperm + 1) + 1;
    unsigned char *anyc[2] = {calloc(cells, 1), calloc(cells, 1)};
    size_t *order = calloc(u.np + 1, sizeof *order), no = 0;
    unsigned char *mine = calloc(cells, 1);   /* this principal's changes, for inheritance */
    /* this principal's changes before any row is left out: a scenario that changed as one
     * with a variable fewer (its parent) says nothing more */
    unsigned char *raw = calloc(cells, 1);
    if (!raw || !anyc[0] || !anyc[1] || !order || !mine) abort();
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < u.np; i++)
            if ((u.p[i].kind == P_ANY_USER || u.p[i].kind == P_ANY_GROUP) == !pass) order[no++] = i;
    rowkey *keys = NULL;
    int rc = 0;
    for (size_t oi = 0; oi < u.np && !rc; oi++, memset(mine, 0, cells), memset(raw, 0, cells))
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
                    raw[cell] = (unsigned char)(1 + change);
                    int kind = u.p[pi].kind;
                    if (kind == P_ANY_USER || kind == P_ANY_GROUP) anyc[kind == P_ANY_GROUP][cell] = (unsigned char)(1 + change);
                    else if (anyc[0][cell] == 1 + change || (kind != P_SERVICE && anyc[1][cell] == 1 + change)) continue;
                    /* a compartment below one that changed the same way: inherited, not news */
                    mine[cell] = (unsigned char)(1 + change);
                    int up = li ? u.l[li].parent : -1;
                    if (up >= 0 && mine[((size_t)up * u.ns + si) * (u.nperm + 1) + k] == 1 + change) continue;
                    int said = 0;
                    for (size_t q = 0; q < u.s[si].nparents && !said; q++)
                        said = raw[(li * u.ns + u.s[si].parents[q]) * (u.nperm + 1) + k] == 1 + change;
                    if (said) continue;
                    const iamc_decision *why = &d[change == DIFF_WIDENED ? 1 : 0];
                    diff_row *r = row_for(out, &keys, &u, (rowkey){change, pi, li, si}, why->nstatements ? &why->statements[0] : NULL);
                    r->perms = realloc(r->perms, (r->nperms + 1) * sizeof *r->perms);
                    if (!r->perms) abort();
                    r->perms[r->nperms++] = strdup(u.perm[k]);
                }
                for (int v = 0; v < 2; v++) dec_request_free(rq[v]);
            }
    free(raw);
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
