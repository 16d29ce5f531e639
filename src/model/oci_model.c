/* model: lookups over the static tables of oci_types.c and oci_vars.c.  Linear scans:
 * the tables hold about a hundred rows, lookups happen while compiling a policy set
 * (not per decision), and a scan needs no index built at run time. */
#include <string.h>
#include "base/diag.h"
#include "model/oci_model.h"
#include "model/oci_tables.h"

static const char *const verb_names[OCI_MODEL_NVERBS] = {"inspect", "read", "use", "manage"};

/* ASCII case folding; policy text is compared without the C locale. */
static int fold(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Does NUL-terminated TAB equal S[0..LEN) ignoring ASCII case? */
static int name_eq(const char *tab, const char *s, size_t len)
{
    size_t i = 0;
    for (; i < len; i++)
        if (tab[i] == '\0' || fold((unsigned char)tab[i]) != fold((unsigned char)s[i])) return 0;
    return tab[i] == '\0';
}

static int list_has(const char *const *list, const char *s, size_t len)
{
    for (; list && *list; list++)
        if (name_eq(*list, s, len)) return 1;
    return 0;
}

static int valid_verb(oci_model_verb verb)
{
    return (unsigned)verb < OCI_MODEL_NVERBS;
}

int oci_model_verb_find(const char *name, size_t len, oci_model_verb *verb)
{
    for (int v = 0; v < OCI_MODEL_NVERBS; v++)
        if (name_eq(verb_names[v], name, len)) {
            if (verb) *verb = (oci_model_verb)v;
            return 0;
        }
    return -1;
}

const char *oci_model_verb_name(oci_model_verb verb)
{
    return valid_verb(verb) ? verb_names[verb] : NULL;
}

/* ---- types and families ------------------------------------------------------------- */

const oci_model_type *oci_model_type_find(const char *name, size_t len)
{
    for (size_t i = 0; i < oci_model_ntypes; i++) {
        const oci_model_type *t = &oci_model_types[i];
        if (name_eq(t->name, name, len) || list_has(t->aliases, name, len)) return t;
    }
    return NULL;
}

const oci_model_family *oci_model_family_find(const char *name, size_t len)
{
    for (size_t i = 0; i < oci_model_nfamilies; i++)
        if (name_eq(oci_model_families[i].name, name, len)) return &oci_model_families[i];
    return NULL;
}

size_t oci_model_type_count(void) { return oci_model_ntypes; }
size_t oci_model_family_count(void) { return oci_model_nfamilies; }

const oci_model_type *oci_model_type_at(size_t i)
{
    return i < oci_model_ntypes ? &oci_model_types[i] : NULL;
}

const oci_model_family *oci_model_family_at(size_t i)
{
    return i < oci_model_nfamilies ? &oci_model_families[i] : NULL;
}

int oci_model_is_all_resources(const char *name, size_t len)
{
    return name_eq("all-resources", name, len);
}

/* ---- what a verb grants ------------------------------------------------------------- */

static const oci_model_type *member_type(const char *member)
{
    return oci_model_type_find(member, strlen(member));
}

static int family_grants(oci_model_verb verb, const oci_model_family *f,
                         const char *permission, size_t plen)
{
    int unknown = 0;
    if (list_has(f->extra[verb], permission, plen)) return 1;
    for (const char *const *m = f->members; *m; m++) {
        const oci_model_type *t = member_type(*m);
        if (!t || !t->known_perms) unknown = 1;
        else if (list_has(t->perms[verb], permission, plen)) return 1;
    }
    return unknown ? -1 : 0;
}

int oci_model_grants(oci_model_verb verb, const char *resource, size_t rlen,
                     const char *permission, size_t plen)
{
    if (!valid_verb(verb)) return -1;
    if (oci_model_is_all_resources(resource, rlen)) return 1;
    const oci_model_type *t = oci_model_type_find(resource, rlen);
    if (t) return t->known_perms ? list_has(t->perms[verb], permission, plen) : -1;
    const oci_model_family *f = oci_model_family_find(resource, rlen);
    return f ? family_grants(verb, f, permission, plen) : -1;
}

int oci_model_permission_find(const char *permission, size_t len,
                              const oci_model_type **type, oci_model_verb *least)
{
    for (size_t i = 0; i < oci_model_ntypes; i++) {
        const oci_model_type *t = &oci_model_types[i];
        if (!t->known_perms) continue;
        for (int v = 0; v < OCI_MODEL_NVERBS; v++)   /* rows are cumulative: first hit is least */
            if (list_has(t->perms[v], permission, len)) {
                if (type) *type = t;
                if (least) *least = (oci_model_verb)v;
                return 0;
            }
    }
    return -1;
}

/* Where a union of permission rows comes from: one type, a family (its members, then
 * its extra row), or every type (all-resources).  Row R may be NULL (an unconfirmed
 * type), which counts as empty. */
typedef struct row_source {
    const oci_model_type *type;
    const oci_model_family *family;
    oci_model_verb verb;
    size_t nrows;
} row_source;

int oci_model_permission_known(const char *permission, size_t len)
{
    for (size_t i = 0; i < oci_model_ntypes; i++)
        if (list_has(oci_model_types[i].perms[OCI_MODEL_MANAGE], permission, len)) return 1;
    return 0;
}

const char *oci_model_permission_suggest(const char *name, size_t len)
{
    /* diag_suggest's threshold, over every row of every type (rows are cumulative) */
    size_t limit = len <= 4 ? 1 : len / 3, best_d = limit + 1;
    const char *best = NULL;
    for (size_t i = 0; i < oci_model_ntypes; i++)
        for (const char *const *p = oci_model_types[i].perms[OCI_MODEL_MANAGE]; p && *p; p++) {
            size_t d = diag_edit_distance(name, len, *p, strlen(*p), limit);
            if (d < best_d) best_d = d, best = *p;
        }
    return best_d == 0 ? NULL : best;
}

static const char *const *source_row(const row_source *s, size_t r)
{
    const oci_model_type *t;
    if (s->type) t = s->type;
    else if (!s->family) t = &oci_model_types[r];
    else if (s->family->members[r]) t = member_type(s->family->members[r]);
    else return s->family->extra[s->verb];
    return t && t->known_perms ? t->perms[s->verb] : NULL;
}

/* Report each permission once: by the first row that lists it, so no scratch memory. */
static int emit_union(const row_source *s, void (*fn)(const char *, void *), void *ctx)
{
    int count = 0;
    for (size_t r = 0; r < s->nrows; r++) {
        const char *const *row = source_row(s, r);
        for (const char *const *p = row; p && *p; p++) {
            size_t plen = strlen(*p);
            int seen = 0;
            for (size_t e = 0; e < r && !seen; e++) seen = list_has(source_row(s, e), *p, plen);
            for (const char *const *q = row; q < p && !seen; q++) seen = name_eq(*q, *p, plen);
            if (seen) continue;
            if (fn) fn(*p, ctx);
            count++;
        }
    }
    return count;
}

int oci_model_each_permission(oci_model_verb verb, const char *resource, size_t rlen,
                              void (*fn)(const char *perm, void *ctx), void *ctx)
{
    if (!valid_verb(verb)) return -1;
    row_source s = {.verb = verb};
    if ((s.type = oci_model_type_find(resource, rlen))) {
        if (!s.type->known_perms) return -1;
        s.nrows = 1;
    } else if ((s.family = oci_model_family_find(resource, rlen))) {
        while (s.family->members[s.nrows]) s.nrows++;
        s.nrows++;   /* the extra row */
    } else if (oci_model_is_all_resources(resource, rlen)) {
        s.nrows = oci_model_ntypes;
    } else {
        return -1;
    }
    return emit_union(&s, fn, ctx);
}

/* ---- variables ---------------------------------------------------------------------- */

/* NAME is BASE.NS.KEY for the tag variable BASE (which ends in ".tag"): both parts
 * non-empty, the key part without further dots. */
static int tag_match(const char *base, const char *name, size_t len)
{
    size_t blen = strlen(base);
    if (len <= blen + 1 || !name_eq(base, name, blen) || name[blen] != '.') return 0;
    const char *ns = name + blen + 1, *end = name + len;
    const char *dot = memchr(ns, '.', (size_t)(end - ns));
    return dot && dot > ns && dot + 1 < end && !memchr(dot + 1, '.', (size_t)(end - dot - 1));
}

const oci_model_variable *oci_model_variable_find(const char *name, size_t len)
{
    for (size_t i = 0; i < oci_model_nvariables; i++)
        if (name_eq(oci_model_variables[i].name, name, len)) return &oci_model_variables[i];
    for (size_t i = 0; i < oci_model_nvariables; i++) {
        const oci_model_variable *v = &oci_model_variables[i];
        if (v->type == OCI_VAR_TAG && tag_match(v->name, name, len)) return v;
    }
    return NULL;
}

size_t oci_model_variable_count(void) { return oci_model_nvariables; }

const oci_model_variable *oci_model_variable_at(size_t i)
{
    return i < oci_model_nvariables ? &oci_model_variables[i] : NULL;
}

int oci_model_type_has_variable(const oci_model_type *type, const char *name, size_t len)
{
    const oci_model_variable *v = oci_model_variable_find(name, len);
    if (!v) return 0;
    if (!v->applies_to) return 1;
    return type && (name_eq(v->applies_to, type->name, strlen(type->name)) ||
                    list_has(type->variables, v->name, strlen(v->name)));
}

size_t oci_model_principal_type_count(void) { return oci_model_nprincipal_types; }

const char *oci_model_principal_type_at(size_t i) { return i < oci_model_nprincipal_types ? oci_model_principal_types[i] : NULL; }
