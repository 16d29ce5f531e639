#include "world/world.h"
#include "base/buf.h"
#include "base/jsonpos.h"
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct loader {
    world *w;
    const char *dir;          /* the world file's folder, for policy "file" paths */
} loader;

static diag *werror(loader *ld, const char *pointer, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static diag *werror(loader *ld, const char *pointer, const char *fmt, ...)
{
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    /* jansson keeps no positions: the pointer is found again in the text */
    source *src = &ld->w->src;
    uint32_t off = (uint32_t)jsonpos_find(src->text, src->len, pointer);
    return diag_add(&ld->w->diags, DIAG_ERROR, src, off, off < src->len ? off + 1 : off, "%s: %s",
                    pointer[0] ? pointer : "/", msg);
}

/* POINTER/NAME (RFC 6901 escapes), in the world's arena. */
static const char *member_ptr(loader *ld, const char *pointer, const char *name)
{
    buf b;
    buf_init(&b);
    buf_printf(&b, "%s/", pointer);
    for (const char *p = name; *p; p++) {
        if (*p == '~') buf_puts(&b, "~0");
        else if (*p == '/') buf_puts(&b, "~1");
        else buf_putc(&b, *p);
    }
    const char *out = arena_strndup(&ld->w->mem, b.data, b.len);
    buf_free(&b);
    return out;
}

/* The members each object of the file may have (docs/world.md): a typo such as
 * "deny_policy" must not silently leave a feature off. */
static const char *const root_members[] = {"tenancies", NULL};
static const char *const tenancy_members[] = {"name", "id", "deny_policies", "compartments", "groups",
                                              "dynamic_groups", "policies", NULL};
static const char *const compartment_members[] = {"name", "id", "compartments", NULL};
static const char *const group_members[] = {"name", "id", "domain", NULL};
static const char *const dynamic_group_members[] = {"name", "id", "domain", "rule", NULL};
static const char *const policy_members[] = {"name", "compartment", "statements", "file", NULL};

static void check_members(loader *ld, json_t *obj, const char *pointer, const char *const *known)
{
    const char *name;
    json_t *v;
    json_object_foreach(obj, name, v) {
        const char *near;
        buf list;
        buf_init(&list);
        if (!diag_unknown_name(name, known, &near, &list)) {
            buf_free(&list);
            continue;
        }
        if (near) werror(ld, member_ptr(ld, pointer, name), "unknown member (did you mean \"%s\"?)", near);
        else werror(ld, member_ptr(ld, pointer, name), "unknown member (expected %s)", list.data);
        buf_free(&list);
    }
}

/* OCIDs: ocid1.TYPE.REALM.[REGION][.FUTURE].UNIQUE (the reference's §8 shape), of TYPE. */
static int ocid_ok(const char *v, const char *type)
{
    size_t tn = strlen(type), nparts = 0;
    if (strncmp(v, "ocid1.", 6) != 0 || strncmp(v + 6, type, tn) != 0 || v[6 + tn] != '.') return 0;
    const char *p = v + 6 + tn + 1, *last = p;
    for (; *p; p++) {
        if (*p == '.') nparts++, last = p + 1;
        else if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_", *p)) return 0;
    }
    /* REALM . REGION [. FUTURE] . UNIQUE: two or three dots, a realm and a unique part */
    return (nparts == 2 || nparts == 3) && v[6 + tn + 1] != '.' && *last;
}

static const char *dup(loader *ld, const char *s) { return arena_strndup(&ld->w->mem, s, strlen(s)); }

static const char *get_string(loader *ld, json_t *obj, const char *key, const char *pointer, int required)
{
    json_t *v = json_object_get(obj, key);
    if (!v) {
        if (required) werror(ld, pointer, "missing \"%s\"", key);
        return NULL;
    }
    if (!json_is_string(v)) {
        werror(ld, member_ptr(ld, pointer, key), "\"%s\" must be a string", key);
        return NULL;
    }
    return dup(ld, json_string_value(v));
}

/* The "id" of an object: required, and an OCID of TYPE. */
static const char *get_id(loader *ld, json_t *obj, const char *pointer, const char *type, const char *what)
{
    const char *id = get_string(ld, obj, "id", pointer, 1);
    if (id && !ocid_ok(id, type)) {
        buf b;
        buf_init(&b);
        diag_quote(&b, id, strlen(id), 100);
        werror(ld, member_ptr(ld, pointer, "id"), "expected %s OCID (ocid1.%s.oc1..…), found '%s'", what, type,
               b.data ? b.data : "");
        buf_free(&b);
    }
    return id;
}

static size_t array_of(loader *ld, json_t *obj, const char *key, const char *pointer, json_t **out)
{
    json_t *v = json_object_get(obj, key);
    *out = v;
    if (!v) return 0;
    if (!json_is_array(v)) {
        werror(ld, member_ptr(ld, pointer, key), "\"%s\" must be an array", key);
        *out = NULL;
        return 0;
    }
    return json_array_size(v);
}

/* Compartments are a tree in the file; here a flat array with parent indexes. */
static void load_compartments(loader *ld, world_tenancy *t, json_t *list, int parent, const char *pointer,
                              size_t *cap)
{
    size_t n = json_array_size(list);
    for (size_t i = 0; i < n; i++) {
        char ptr[512];
        snprintf(ptr, sizeof ptr, "%s/%zu", pointer, i);
        json_t *c = json_array_get(list, i);
        if (!json_is_object(c)) {
            werror(ld, ptr, "a compartment must be an object");
            continue;
        }
        if (t->ncompartments == *cap) {
            *cap *= 2;
            world_compartment *grown = arena_alloc(&ld->w->mem, *cap * sizeof *grown);
            memcpy(grown, t->compartments, t->ncompartments * sizeof *grown);
            t->compartments = grown;
        }
        check_members(ld, c, ptr, compartment_members);
        int self = (int)t->ncompartments++;
        world_compartment *wc = &t->compartments[self];
        wc->name = get_string(ld, c, "name", ptr, 1);
        wc->id = get_id(ld, c, ptr, "compartment", "a compartment");
        if (!wc->name) wc->name = "";
        if (!wc->id) wc->id = "";
        wc->parent = parent;
        wc->depth = t->compartments[parent].depth + 1;
        json_t *kids;
        char kptr[600];
        snprintf(kptr, sizeof kptr, "%s/compartments", ptr);
        if (array_of(ld, c, "compartments", ptr, &kids)) load_compartments(ld, t, kids, self, kptr, cap);
    }
}

static oci_doc *parse_text(const char *name, const char *text, size_t len, unsigned flags)
{
    source src;
    source_init_copy(&src, name, text, len);
    return oci_parse(&src, flags);
}

/* Inline statements become one statement per line of a document named after the policy,
 * so that an explanation can say "world.json#/tenancies/0/policies/1:3" for the third. */
static oci_doc *inline_statements(loader *ld, json_t *arr, const char *name, const char *pointer)
{
    buf b;
    buf_init(&b);
    for (size_t i = 0; i < json_array_size(arr); i++) {
        json_t *s = json_array_get(arr, i);
        if (!json_is_string(s)) {
            werror(ld, pointer, "statement %zu is not a string", i);
            continue;
        }
        for (const char *p = json_string_value(s); *p; p++) buf_putc(&b, *p == '\n' || *p == '\r' ? ' ' : *p);
        buf_putc(&b, '\n');
    }
    oci_doc *d = parse_text(name, b.data ? b.data : "", b.len, 0);
    buf_free(&b);
    return d;
}

static oci_doc *policy_file(loader *ld, const char *file, const char *pointer)
{
    char path[4096];
    if (file[0] == '/' || !ld->dir[0]) snprintf(path, sizeof path, "%s", file);
    else snprintf(path, sizeof path, "%s/%s", ld->dir, file);
    source src;
    char err[512];
    if (source_load(&src, path, err, sizeof err)) {
        werror(ld, pointer, "%s", err);
        return NULL;
    }
    return oci_parse(&src, 0);
}

static diag *stmt_error(loader *ld, oci_doc *d, const oci_stmt *st, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static diag *stmt_error(loader *ld, oci_doc *d, const oci_stmt *st, const char *fmt, ...)
{
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    uint32_t off = oci_doc_source_offset(d, st->span.off), end = oci_doc_source_offset(d, st->span.off + st->span.len);
    return diag_add(&ld->w->diags, DIAG_ERROR, &d->src, off, end, "%s", msg);
}

/* What OCI refuses when a policy is created, though each statement parses: a Define after
 * another statement ("All Define statements in a policy must be the first ones"), and
 * Define, Endorse or Admit in a policy not attached to the root compartment (reference §7.5).
 * The decision engine does not honour them either (decide/compile.c). */
static void check_policy(loader *ld, const world_tenancy *t, world_policy *wp)
{
    static const char *const kinds[2][4] = {{"Allow", "Define", "Endorse", "Admit"},
                                            {"Deny", "Define", "Deny Endorse", "Deny Admit"}};
    int seen_other = 0;
    for (const oci_stmt *st = wp->doc->stmts; st; st = st->next) {
        const char *kind = kinds[st->deny ? 1 : 0][st->kind];
        if (st->kind == OCI_STMT_DEFINE && seen_other)
            stmt_error(ld, wp->doc, st, "a Define after another statement: every Define of a policy must come first "
                                        "(OCI refuses the policy; the alias defines nothing here)");
        if (st->kind != OCI_STMT_DEFINE) seen_other = 1;
        if (st->kind != OCI_STMT_ALLOW && wp->compartment != 0)
            stmt_error(ld, wp->doc, st, "%s in a policy attached to compartment '%s': cross-tenancy statements (Define, "
                                        "Endorse, Admit) must be in a policy of the root compartment (OCI refuses the "
                                        "policy; the statement grants nothing here)",
                       kind, t->compartments[wp->compartment].name);
    }
}

static void load_tenancy(loader *ld, world_tenancy *t, json_t *tj, const char *pointer)
{
    world *w = ld->w;
    char ptr[600];
    check_members(ld, tj, pointer, tenancy_members);
    t->name = get_string(ld, tj, "name", pointer, 1);
    t->id = get_id(ld, tj, pointer, "tenancy", "a tenancy");
    if (!t->name) t->name = "";
    if (!t->id) t->id = "";
    json_t *deny = json_object_get(tj, "deny_policies");
    if (deny && !json_is_boolean(deny)) werror(ld, member_ptr(ld, pointer, "deny_policies"), "\"deny_policies\" must be true or false");
    t->deny_enabled = json_is_true(deny);

    size_t cap = 16;
    t->compartments = arena_alloc(&w->mem, cap * sizeof *t->compartments);
    t->compartments[0] = (world_compartment){t->name, t->id, -1, 0};
    t->ncompartments = 1;
    json_t *list;
    snprintf(ptr, sizeof ptr, "%s/compartments", pointer);
    if (array_of(ld, tj, "compartments", pointer, &list)) load_compartments(ld, t, list, 0, ptr, &cap);

    t->ngroups = array_of(ld, tj, "groups", pointer, &list);
    t->groups = arena_alloc(&w->mem, (t->ngroups + 1) * sizeof *t->groups);
    for (size_t i = 0; i < t->ngroups; i++) {
        snprintf(ptr, sizeof ptr, "%s/groups/%zu", pointer, i);
        json_t *g = json_array_get(list, i);
        t->groups[i] = (world_group){"", "Default", ""};   /* what a broken entry leaves */
        if (!json_is_object(g)) {
            werror(ld, ptr, "a group must be an object");
            continue;
        }
        check_members(ld, g, ptr, group_members);
        world_group *wg = &t->groups[i];
        const char *name = get_string(ld, g, "name", ptr, 1), *id = get_id(ld, g, ptr, "group", "a group"),
                   *domain = get_string(ld, g, "domain", ptr, 0);
        if (name) wg->name = name;
        if (id) wg->id = id;
        if (domain) wg->domain = domain;
    }

    t->ndynamic_groups = array_of(ld, tj, "dynamic_groups", pointer, &list);
    t->dynamic_groups = arena_alloc(&w->mem, (t->ndynamic_groups + 1) * sizeof *t->dynamic_groups);
    for (size_t i = 0; i < t->ndynamic_groups; i++) {
        snprintf(ptr, sizeof ptr, "%s/dynamic_groups/%zu", pointer, i);
        json_t *g = json_array_get(list, i);
        world_dynamic_group *dg = &t->dynamic_groups[i];
        *dg = (world_dynamic_group){"", "Default", "", NULL};
        if (!json_is_object(g)) {
            werror(ld, ptr, "a dynamic group must be an object");
            continue;
        }
        check_members(ld, g, ptr, dynamic_group_members);
        const char *gname = get_string(ld, g, "name", ptr, 1), *id = get_id(ld, g, ptr, "dynamicgroup", "a dynamic-group"),
                   *domain = get_string(ld, g, "domain", ptr, 0);
        if (gname) dg->name = gname;
        if (id) dg->id = id;
        if (domain) dg->domain = domain;
        const char *rule = get_string(ld, g, "rule", ptr, 1);
        if (rule) {
            char name[700];
            snprintf(name, sizeof name, "%s#%s/rule", w->src.name, ptr);
            dg->rule = parse_text(name, rule, strlen(rule), OCI_PARSE_RULES);
        }
    }

    t->npolicies = array_of(ld, tj, "policies", pointer, &list);
    t->policies = arena_alloc(&w->mem, (t->npolicies + 1) * sizeof *t->policies);
    for (size_t i = 0; i < t->npolicies; i++) {
        snprintf(ptr, sizeof ptr, "%s/policies/%zu", pointer, i);
        json_t *p = json_array_get(list, i);
        world_policy *wp = &t->policies[i];
        wp->pointer = dup(ld, ptr);
        if (!json_is_object(p)) {
            werror(ld, ptr, "a policy must be an object");
            wp->name = wp->pointer;
            continue;
        }
        check_members(ld, p, ptr, policy_members);
        wp->name = get_string(ld, p, "name", ptr, 0);
        if (!wp->name) wp->name = wp->pointer;
        const char *where = get_string(ld, p, "compartment", ptr, 0);
        wp->compartment = where ? world_compartment_find(t, where) : 0;
        if (wp->compartment < 0) {
            werror(ld, ptr, "unknown compartment \"%s\" in tenancy %s", where, t->name);
            wp->compartment = 0;
        }
        json_t *stmts = json_object_get(p, "statements");
        const char *file = get_string(ld, p, "file", ptr, 0);
        if (stmts && json_is_array(stmts) && !file) {
            char name[700];
            snprintf(name, sizeof name, "%s#%s", w->src.name, ptr);
            wp->doc = inline_statements(ld, stmts, name, ptr);
        } else if (file && !stmts) {
            wp->doc = policy_file(ld, file, ptr);
        } else {
            werror(ld, ptr, "a policy has either \"statements\" (an array of strings) or \"file\"");
        }
        if (wp->doc) check_policy(ld, t, wp);
    }
}

/* The members of the file, once it is in W->src. */
static void load_json(loader *ld)
{
    world *w = ld->w;
    diag_list_init(&w->diags, &w->mem);
    json_error_t jerr;
    json_t *root = json_loadb(w->src.text, w->src.len, JSON_REJECT_DUPLICATES, &jerr);
    if (!root) {
        size_t pos = (size_t)jerr.position;
        diag_add(&w->diags, DIAG_ERROR, &w->src, (uint32_t)(pos ? pos - 1 : 0), (uint32_t)pos, "invalid JSON: %s", jerr.text);
        return;
    }
    json_t *list;
    if (!json_is_object(root)) {
        werror(ld, "", "a world is a JSON object with \"tenancies\"");
    } else {
        check_members(ld, root, "", root_members);
        w->ntenancies = array_of(ld, root, "tenancies", "", &list);
        if (!json_object_get(root, "tenancies")) werror(ld, "", "missing \"tenancies\"");
        w->tenancies = arena_alloc(&w->mem, (w->ntenancies + 1) * sizeof *w->tenancies);
        for (size_t i = 0; i < w->ntenancies; i++) {
            char ptr[64];
            snprintf(ptr, sizeof ptr, "/tenancies/%zu", i);
            json_t *tj = json_array_get(list, i);
            if (!json_is_object(tj)) werror(ld, ptr, "a tenancy must be an object");
            else load_tenancy(ld, &w->tenancies[i], tj, ptr);
        }
    }
    json_decref(root);
}

static world *world_new(void)
{
    world *w = calloc(1, sizeof *w);
    if (!w) abort();
    arena_init(&w->mem);
    return w;
}

world *world_load(const char *path, char *err, size_t errlen)
{
    world *w = world_new();
    if (source_load(&w->src, path, err, errlen)) {
        free(w);
        return NULL;
    }
    loader ld = {w, ""};
    char *dir = arena_strndup(&w->mem, path, strlen(path));
    char *slash = strrchr(dir, '/');
    if (slash) *slash = '\0', ld.dir = dir;
    load_json(&ld);
    return w;
}

world *world_load_text(const char *name, const char *text, size_t len)
{
    world *w = world_new();
    source_init_copy(&w->src, name, text, len);
    loader ld = {w, ""};
    load_json(&ld);
    return w;
}

void world_free(world *w)
{
    if (!w) return;
    for (size_t i = 0; i < w->ntenancies; i++) {
        world_tenancy *t = &w->tenancies[i];
        for (size_t k = 0; k < t->ndynamic_groups; k++) oci_doc_free(t->dynamic_groups[k].rule);
        for (size_t k = 0; k < t->npolicies; k++) oci_doc_free(t->policies[k].doc);
    }
    source_free(&w->src);
    arena_free(&w->mem);
    free(w);
}

const world_tenancy *world_tenancy_find(const world *w, const char *ref)
{
    for (size_t i = 0; i < w->ntenancies; i++)
        if (strcasecmp(w->tenancies[i].id, ref) == 0 || strcasecmp(w->tenancies[i].name, ref) == 0)
            return &w->tenancies[i];
    return NULL;
}

static int child_named(const world_tenancy *t, int parent, const char *name, size_t n)
{
    for (size_t i = 1; i < t->ncompartments; i++)
        if (t->compartments[i].parent == parent && strlen(t->compartments[i].name) == n &&
            strncasecmp(t->compartments[i].name, name, n) == 0)
            return (int)i;
    return -1;
}

int world_compartment_find(const world_tenancy *t, const char *ref)
{
    for (size_t i = 0; i < t->ncompartments; i++)
        if (strcasecmp(t->compartments[i].id, ref) == 0) return (int)i;
    /* a path from the root: A:B:C */
    int at = 0;
    for (const char *p = ref; at >= 0;) {
        const char *colon = strchr(p, ':');
        size_t n = colon ? (size_t)(colon - p) : strlen(p);
        at = child_named(t, at, p, n);
        if (!colon) break;
        p = colon + 1;
    }
    if (at >= 0) return at;
    return strcasecmp(ref, t->name) == 0 ? 0 : -1;
}

int world_compartment_within(const world_tenancy *t, int c, int ancestor)
{
    while (c >= 0 && t->compartments[c].depth > t->compartments[ancestor].depth) c = t->compartments[c].parent;
    return c == ancestor;
}
