/* decide/request: a request (docs/requests.md) resolved against a compiled world: the
 * principal's groups and dynamic groups become keys, permissions become ids, variables are
 * filed by id, and the variables that follow from principal and target are derived. */
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include "base/buf.h"
#include "base/diag.h"
#include "base/jsonpos.h"
#include "decide/decide.h"
#include "model/oci_model.h"

typedef struct rq {
    const dec_world *dw;
    dec_request *r;
    char *err;
    size_t errlen;
    char where[512];         /* JSON Pointer of the value an error is about */
    int tool_request;      /* take permissions and variables neither the model nor the world
                              * names (a tool's own requests: iamc diff asks one world what
                              * another world's policies mention) */
    int at_name;             /* the error is about the name of the member WHERE points to */
    /* variables collected before they are filed by id */
    struct pending { uint32_t var; const char *v; uint32_t len; } *pend;
    size_t npend, cappend;
} rq;

/* An error about the value at POINTER (its line and column are added at the end). */
static int fail(rq *q, const char *pointer, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail(rq *q, const char *pointer, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(q->err, q->errlen, fmt, ap);
    va_end(ap);
    snprintf(q->where, sizeof q->where, "%s", pointer);
    return -1;
}

/* BASE/NAME as a JSON Pointer (RFC 6901 escapes) in OUT. */
static const char *member_ptr(char *out, size_t n, const char *base, const char *name)
{
    size_t k = (size_t)snprintf(out, n, "%s/", base);
    for (const char *p = name; *p && k + 3 < n; p++) {
        if (*p == '~' || *p == '/') out[k++] = '~', out[k++] = *p == '~' ? '0' : '1';
        else out[k++] = *p;
    }
    out[k < n ? k : n - 1] = '\0';
    return out;
}

/* The members each object of a request may have (docs/requests.md): a misspelt member must
 * not silently leave a part of the request out. */
static const char *const root_members[] = {"principal", "permission", "permissions", "verb", "resource_type",
                                           "target", "variables", NULL};
static const char *const principal_members[] = {"tenancy", "type", "id", "compartment", "groups", "service", "tags", NULL};
static const char *const target_members[] = {"tenancy", "compartment", "resource_type", NULL};

/* NAME as a message shows it (diag_quote: control bytes escaped, at most 100 bytes). */
static void quote_name(char *out, size_t n, const char *name)
{
    buf b;
    buf_init(&b);
    diag_quote(&b, name, strlen(name), 100);
    snprintf(out, n, "%s", b.data ? b.data : "");
    buf_free(&b);
}

static int check_members(rq *q, json_t *obj, const char *pointer, const char *const *known)
{
    const char *name;
    json_t *v;
    json_object_foreach(obj, name, v) {
        /* extra members are allowed (a comment, a ticket id); one a letter or two from a
         * member iamc reads is a typo that would silently drop what it meant */
        const char *near;
        if (!diag_unknown_name(name, known, &near, NULL) || !near) continue;
        char ptr[300], shown[160];
        member_ptr(ptr, sizeof ptr, pointer, name);
        quote_name(shown, sizeof shown, name);
        const char *what = *pointer ? pointer + 1 : "request";
        q->at_name = 1;
        return fail(q, ptr, "%s: unknown member \"%s\" (did you mean \"%s\"?)", what, shown, near);
    }
    return 0;
}

static const char *dup(rq *q, const char *s) { return arena_strndup(&q->r->mem, s, strlen(s)); }

static void add_var(rq *q, uint32_t var, const char *v)
{
    if (!var) return;   /* the world never mentions it: no statement can test it */
    if (q->npend == q->cappend) {
        q->cappend = q->cappend ? q->cappend * 2 : 32;
        q->pend = realloc(q->pend, q->cappend * sizeof *q->pend);
        if (!q->pend) abort();
    }
    q->pend[q->npend++] = (struct pending){var, dup(q, v), (uint32_t)strlen(v)};
}

static uint32_t var_id(rq *q, const char *name) { return intern_find(&q->dw->names, name, strlen(name)); }

static void add_key(rq *q, uint32_t key, uint32_t *cap)
{
    if (!key) return;
    dec_request *r = q->r;
    for (uint32_t i = 0; i < r->nkeys; i++)
        if (r->keys[i] == key) return;
    if (r->nkeys == *cap) {
        *cap *= 2;
        uint32_t *k = arena_alloc(&r->mem, *cap * sizeof *k);
        memcpy(k, r->keys, r->nkeys * sizeof *k);
        r->keys = k;
    }
    r->keys[r->nkeys++] = key;
}

/* What matching rules can see of the principal, names already resolved to OCIDs. */
typedef struct facts {
    const char *type, *id, *compartment;   /* compartment: an OCID, or NULL */
    json_t *tags;
} facts;

/* Matching-rule variables of the principal: instance.* for instances, resource.* for
 * other resource principals; tag.NS.KEY.value from "tags". */
static const char *rule_var(const facts *f, const char *var, size_t n, char *scratch, size_t scratchlen)
{
    const char *id = f->id, *comp = f->compartment, *type = f->type;
    int instance = type && strcasecmp(type, "instance") == 0;
    if (n == 11 && strncasecmp(var, "instance.id", n) == 0) return instance ? id : NULL;
    if (n == 23 && strncasecmp(var, "instance.compartment.id", n) == 0) return instance ? comp : NULL;
    if (n == 11 && strncasecmp(var, "resource.id", n) == 0) return instance ? NULL : id;
    if (n == 13 && strncasecmp(var, "resource.type", n) == 0) return instance ? NULL : type;
    if (n == 23 && strncasecmp(var, "resource.compartment.id", n) == 0) return instance ? NULL : comp;
    if (n > 10 && strncasecmp(var, "tag.", 4) == 0 && strncasecmp(var + n - 6, ".value", 6) == 0) {
        snprintf(scratch, scratchlen, "%.*s", (int)(n - 10), var + 4);
        json_t *tags = f->tags;
        const char *key;
        json_t *val;
        json_object_foreach(tags, key, val)
            if (strcasecmp(key, scratch) == 0 && json_is_string(val)) return json_string_value(val);
    }
    return NULL;
}

static int rule_matches(const oci_doc *d, const oci_cond *c, const facts *f)
{
    if (c->kind == OCI_COND_ALL) {
        for (const oci_cond *k = c->u.children; k; k = k->next)
            if (!rule_matches(d, k, f)) return 0;
        return 1;
    }
    if (c->kind == OCI_COND_ANY) {
        for (const oci_cond *k = c->u.children; k; k = k->next)
            if (rule_matches(d, k, f)) return 1;
        return 0;
    }
    char scratch[256];
    const char *have = rule_var(f, oci_text(d, c->var), c->var.len, scratch, sizeof scratch);
    if (!have) return 0;
    if (c->op == OCI_OP_PRESENT) return 1;
    const oci_value *v = c->u.values;
    const char *want = oci_text(d, v->tok);
    size_t wn = v->tok.len;
    if (v->kind == OCI_VAL_STRING) want++, wn -= 2;
    int eq = strlen(have) == wn && strncasecmp(have, want, wn) == 0;
    return c->op == OCI_OP_EQ ? eq : !eq;
}

static int resolve_group(rq *q, const world_tenancy *t, const char *ref, size_t index, uint32_t *cap)
{
    const char *slash = strchr(ref, '/');
    char dom[256] = "Default";
    const char *name = ref;
    if (slash && strncasecmp(ref, "ocid1.", 6) != 0) {
        snprintf(dom, sizeof dom, "%.*s", (int)(slash - ref), ref);
        name = slash + 1;
    }
    for (size_t i = 0; i < t->ngroups; i++) {
        const world_group *g = &t->groups[i];
        if (strcasecmp(g->id, ref) == 0 || (strcasecmp(g->name, name) == 0 && strcasecmp(g->domain, dom) == 0)) {
            add_key(q, intern_find(&q->dw->names, g->id, strlen(g->id)), cap);
            add_var(q, q->dw->var_groups_id, g->id);
            if (strcasecmp(g->name, "Administrators") == 0 && strcasecmp(g->domain, "Default") == 0) q->r->is_admin = 1;
            return 0;
        }
    }
    char ptr[64];
    snprintf(ptr, sizeof ptr, "/principal/groups/%zu", index);
    return fail(q, ptr, "principal: group '%s' is not in tenancy %s", ref, t->name);
}

/* An optional string member: 0 absent or a string (*out set), -1 another type. */
static int opt_string(rq *q, json_t *obj, const char *where, const char *key, const char **out)
{
    json_t *v = json_object_get(obj, key);
    *out = NULL;
    if (!v || json_is_null(v)) return 0;   /* null means absent */
    char ptr[64];
    snprintf(ptr, sizeof ptr, "/%s/%s", where, key);
    if (!json_is_string(v)) return fail(q, ptr, "%s: \"%s\" must be a string", where, key);
    *out = json_string_value(v);
    return 0;
}

static int parse_principal(rq *q, json_t *p)
{
    dec_request *r = q->r;
    const dec_world *dw = q->dw;
    if (!json_is_object(p)) return fail(q, "/principal", "\"principal\" must be an object");
    if (check_members(q, p, "/principal", principal_members)) return -1;
    const char *ten, *type, *id, *comp, *svc;
    if (opt_string(q, p, "principal", "tenancy", &ten) || opt_string(q, p, "principal", "type", &type) ||
        opt_string(q, p, "principal", "id", &id) || opt_string(q, p, "principal", "compartment", &comp) ||
        opt_string(q, p, "principal", "service", &svc))
        return -1;
    json_t *tags = json_object_get(p, "tags");
    if (tags && !json_is_object(tags)) return fail(q, "/principal/tags", "principal: \"tags\" must be an object {\"Namespace.Key\": \"value\"}");
    if (!ten) return fail(q, "/principal", "principal: missing \"tenancy\"");
    r->principal_tenancy = world_tenancy_find(dw->w, ten);
    if (!r->principal_tenancy) return fail(q, "/principal/tenancy", "principal: unknown tenancy '%s'", ten);
    r->principal_tenancy_key = intern_find(&dw->names, r->principal_tenancy->id, strlen(r->principal_tenancy->id));
    if (!type) type = "user";
    uint32_t cap = 16;
    r->keys = arena_alloc(&r->mem, cap * sizeof *r->keys);
    r->is_service = strcasecmp(type, "service") == 0;
    add_key(q, KEY_ANY_USER, &cap);
    if (!r->is_service) add_key(q, KEY_ANY_GROUP, &cap);
    if (r->is_service) {
        if (!svc) svc = id;
        if (!svc) return fail(q, "/principal", "principal: a service principal needs \"service\" (its name, such as oke)");
        char key[300];
        snprintf(key, sizeof key, "service:%s", svc);
        add_key(q, intern_find(&dw->names, key, strlen(key)), &cap);
    }
    add_var(q, dw->var_principal_type, type);
    if (id) add_var(q, dw->var_principal_id, id);
    if (id && strcasecmp(type, "user") == 0) add_var(q, dw->var_user_id, id);
    facts f = {type, id, NULL, tags};
    if (comp) {
        int c = world_compartment_find(r->principal_tenancy, comp);
        if (c < 0) return fail(q, "/principal/compartment", "principal: compartment '%s' is not in tenancy %s", comp, r->principal_tenancy->name);
        f.compartment = r->principal_tenancy->compartments[c].id;
        add_var(q, dw->var_principal_compartment, f.compartment);
    }
    json_t *groups = json_object_get(p, "groups");
    if (groups && !json_is_array(groups)) return fail(q, "/principal/groups", "principal: \"groups\" must be an array of names or OCIDs");
    for (size_t i = 0; i < json_array_size(groups); i++) {
        const char *g = json_string_value(json_array_get(groups, i));
        char ptr[64];
        snprintf(ptr, sizeof ptr, "/principal/groups/%zu", i);
        if (!g) return fail(q, ptr, "principal: \"groups\" must be an array of names or OCIDs");
        if (resolve_group(q, r->principal_tenancy, g, i, &cap)) return -1;
    }
    /* dynamic groups: membership is computed from each matching rule, never declared */
    const world_tenancy *t = r->principal_tenancy;
    for (size_t i = 0; i < t->ndynamic_groups; i++) {
        const world_dynamic_group *dg = &t->dynamic_groups[i];
        if (dg->rule && dg->rule->rules && rule_matches(dg->rule, dg->rule->rules->expr, &f))
            add_key(q, intern_find(&dw->names, dg->id, strlen(dg->id)), &cap);
    }
    return 0;
}

static int add_perm(rq *q, const char *name, uint32_t *cap)
{
    dec_request *r = q->r;
    if (r->nperms == *cap) {
        *cap *= 2;
        uint32_t *p = arena_alloc(&r->mem, *cap * sizeof *p);
        const char **n = arena_alloc(&r->mem, *cap * sizeof *n);
        uint8_t *l = arena_alloc(&r->mem, *cap * sizeof *l);
        memcpy(p, r->perms, r->nperms * sizeof *p);
        memcpy(n, r->perm_names, r->nperms * sizeof *n);
        memcpy(l, r->perm_least, r->nperms * sizeof *l);
        r->perms = p;
        r->perm_names = n;
        r->perm_least = l;
    }
    /* all-resources follows the verb ladder too: 'inspect all-resources' does not read keys.
     * A permission the model does not know needs 'manage all-resources'. */
    const oci_model_type *type;
    oci_model_verb least = OCI_MODEL_MANAGE;
    if (oci_model_permission_find(name, strlen(name), &type, &least) != 0) least = OCI_MODEL_MANAGE;
    r->perm_least[r->nperms] = (uint8_t)least;
    r->perms[r->nperms] = intern_find(&q->dw->names, name, strlen(name));
    r->perm_names[r->nperms++] = dup(q, name);
    return 0;
}

/* A permission the model knows, or one a statement of the world names: anything else is
 * most likely a typo, and a typo must not pass for a denial (docs/requests.md). */
static int check_permission(rq *q, const char *ptr, const char *field, const char *name)
{
    size_t n = strlen(name);
    if (oci_model_permission_known(name, n)) return 0;
    /* permission names are words of letters, digits and underscores (KEY_DECRYPT; case does not matter) */
    int well_formed = n > 0 && !(name[0] >= '0' && name[0] <= '9');
    for (size_t i = 0; i < n; i++)
        if (!(((name[i] | 0x20) >= 'a' && (name[i] | 0x20) <= 'z') || (name[i] >= '0' && name[i] <= '9') || name[i] == '_'))
            well_formed = 0;
    char shown[160];
    quote_name(shown, sizeof shown, name);
    if (!well_formed) return fail(q, ptr, "%s: '%s' is not a permission name (such as KEY_DECRYPT)", field, shown);
    if (q->tool_request || intern_find(&q->dw->names, name, n)) return 0;
    const char *near = oci_model_permission_suggest(name, n);
    if (near) return fail(q, ptr, "%s: unknown permission '%s' (did you mean '%s'?)", field, shown, near);
    return fail(q, ptr, "%s: unknown permission '%s': neither the policy model nor a statement of the world names it",
                field, shown);
}

static void collect_perm(const char *perm, void *ctx)
{
    void **c = ctx;
    add_perm(c[0], perm, c[1]);
}

static int parse_permissions(rq *q, json_t *root)
{
    dec_request *r = q->r;
    uint32_t cap = 8;
    r->perms = arena_alloc(&r->mem, cap * sizeof *r->perms);
    r->perm_names = arena_alloc(&r->mem, cap * sizeof *r->perm_names);
    r->perm_least = arena_alloc(&r->mem, cap * sizeof *r->perm_least);
    json_t *one = json_object_get(root, "permission"), *many = json_object_get(root, "permissions");
    json_t *verb = json_object_get(root, "verb");
    if (one) {
        if (!json_is_string(one)) return fail(q, "/permission", "\"permission\" must be a string such as KEY_DECRYPT");
        if (check_permission(q, "/permission", "permission", json_string_value(one))) return -1;
        add_perm(q, json_string_value(one), &cap);
    }
    if (many) {
        if (!json_is_array(many) || !json_array_size(many))
            return fail(q, "/permissions", "\"permissions\" must be a non-empty array of strings");
        for (size_t i = 0; i < json_array_size(many); i++) {
            const char *p = json_string_value(json_array_get(many, i));
            char ptr[64];
            snprintf(ptr, sizeof ptr, "/permissions/%zu", i);
            if (!p) return fail(q, ptr, "\"permissions\" must be a non-empty array of strings");
            if (check_permission(q, ptr, "permissions", p)) return -1;
            add_perm(q, p, &cap);
        }
    }
    if (verb) {
        static const char *const verbs[] = {"inspect", "read", "use", "manage"};
        const char *v = json_string_value(verb);
        const char *rt = json_string_value(json_object_get(root, "resource_type"));
        const char *rt_ptr = "/resource_type";
        if (!rt) {
            rt = json_string_value(json_object_get(json_object_get(root, "target"), "resource_type"));
            rt_ptr = "/target/resource_type";
        }
        int vi = -1;
        for (int i = 0; i < 4 && v; i++)
            if (strcasecmp(v, verbs[i]) == 0) vi = i;
        if (vi < 0) return fail(q, "/verb", "\"verb\" must be inspect, read, use or manage");
        if (!rt) return fail(q, "/verb", "\"verb\" needs a \"resource_type\"");
        void *ctx[2] = {q, &cap};
        if (oci_model_each_permission((oci_model_verb)vi, rt, strlen(rt), collect_perm, ctx) < 0)
            return fail(q, rt_ptr, "unknown resource type '%s'", rt);
    }
    if (!r->nperms) return fail(q, "", "a request needs \"permission\", \"permissions\", or \"verb\" and \"resource_type\"");
    return 0;
}

static int parse_target(rq *q, json_t *t)
{
    dec_request *r = q->r;
    if (!json_is_object(t)) return fail(q, "/target", "\"target\" must be an object");
    if (check_members(q, t, "/target", target_members)) return -1;
    const char *ten, *comp, *rtype;
    if (opt_string(q, t, "target", "tenancy", &ten) || opt_string(q, t, "target", "compartment", &comp) ||
        opt_string(q, t, "target", "resource_type", &rtype))
        return -1;
    r->target_tenancy = ten ? world_tenancy_find(q->dw->w, ten) : r->principal_tenancy;
    if (!r->target_tenancy) return fail(q, "/target/tenancy", "target: unknown tenancy '%s'", ten);
    r->target_tenancy_key = intern_find(&q->dw->names, r->target_tenancy->id, strlen(r->target_tenancy->id));
    r->target_compartment = comp ? world_compartment_find(r->target_tenancy, comp) : 0;
    if (r->target_compartment < 0) return fail(q, "/target/compartment", "target: compartment '%s' is not in tenancy %s", comp, r->target_tenancy->name);
    const world_compartment *c = &r->target_tenancy->compartments[r->target_compartment];
    add_var(q, q->dw->var_target_compartment_id, c->id);
    add_var(q, q->dw->var_target_compartment_name, c->name);
    return 0;
}

static void derive_time(rq *q, const char *ts)
{
    int ok;
    int64_t t = dec_parse_time(ts, strlen(ts), &ok);
    if (ok != 1) return;
    static const char *const days[] = {"thursday", "friday", "saturday", "sunday", "monday", "tuesday", "wednesday"};
    int64_t day = t >= 0 ? t / 86400 : (t - 86399) / 86400;
    int64_t sec = t - day * 86400;
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    char text[32];
    snprintf(text, sizeof text, "%d", tm.tm_mon + 1);
    add_var(q, q->dw->var_month, text);
    snprintf(text, sizeof text, "%d", tm.tm_mday);
    add_var(q, q->dw->var_day_of_month, text);
    add_var(q, q->dw->var_day_of_week, days[((day % 7) + 7) % 7]);
    snprintf(text, sizeof text, "%02d:%02d:%02dZ", (int)(sec / 3600), (int)(sec / 60 % 60), (int)(sec % 60));
    add_var(q, q->dw->var_time_of_day, text);
}

/* A variable the model knows or a policy of the world tests; anything else is most likely a
 * typo, which would make every condition on the intended variable false. */
static int check_variable(rq *q, const char *ptr, const char *name)
{
    size_t n = strlen(name);
    if (q->tool_request || oci_model_variable_find(name, n) || var_id(q, name)) return 0;
    const char *cands[256];
    size_t k = 0;
    for (size_t i = 0; i < oci_model_variable_count() && k < sizeof cands / sizeof *cands; i++)
        cands[k++] = oci_model_variable_at(i)->name;
    const char *near = diag_suggest(name, n, cands, k);
    q->at_name = 1;
    char shown[160];
    quote_name(shown, sizeof shown, name);
    if (near) return fail(q, ptr, "variables: unknown variable \"%s\" (did you mean \"%s\"?)", shown, near);
    return fail(q, ptr, "variables: unknown variable \"%s\": neither the policy model nor a policy of the world names it",
                shown);
}

/* A time variable's value must be a time: a request.utc-timestamp that does not parse would
 * otherwise make every before/after false and leave the day and time of day unset. */
static int check_time(rq *q, const char *ptr, const char *name, const char *value)
{
    int want;
    if (strcasecmp(name, "request.utc-timestamp") == 0) want = 1;
    else if (strcasecmp(name, "request.utc-timestamp.time-of-day") == 0) want = 2;
    else return 0;
    int ok;
    dec_parse_time(value, strlen(value), &ok);
    if (ok == want) return 0;
    return fail(q, ptr, "variables: \"%s\" must be %s, not '%s'", name,
                want == 1 ? "a UTC time such as 2024-06-01T17:00:00Z" : "a time of day such as 17:00:00Z", value);
}

static int parse_variables(rq *q, json_t *vars)
{
    if (!vars) return 0;
    if (!json_is_object(vars)) return fail(q, "/variables", "\"variables\" must be an object");
    const char *name;
    json_t *v;
    json_object_foreach(vars, name, v) {
        char ptr[300];
        member_ptr(ptr, sizeof ptr, "/variables", name);
        if (check_variable(q, ptr, name)) return -1;
        if (json_is_string(v)) {
            if (check_time(q, ptr, name, json_string_value(v))) return -1;
            add_var(q, var_id(q, name), json_string_value(v));
        } else if (json_is_array(v)) {
            for (size_t i = 0; i < json_array_size(v); i++) {
                const char *s = json_string_value(json_array_get(v, i));
                char eptr[360];
                snprintf(eptr, sizeof eptr, "%s/%zu", ptr, i);
                if (!s) return fail(q, eptr, "variables: \"%s\" must be a string or an array of strings", name);
                if (check_time(q, eptr, name, s)) return -1;
                add_var(q, var_id(q, name), s);
            }
        } else {
            return fail(q, ptr, "variables: \"%s\" must be a string or an array of strings", name);
        }
    }
    return 0;
}

/* File the collected values by variable id, one contiguous list per variable. */
static void file_variables(rq *q)
{
    dec_request *r = q->r;
    r->nvars = q->dw->names.count + 1;
    r->vars = arena_alloc(&r->mem, r->nvars * sizeof *r->vars);
    for (size_t i = 0; i < q->npend; i++) r->vars[q->pend[i].var].n++;
    for (uint32_t v = 0; v < r->nvars; v++) {
        if (!r->vars[v].n) continue;
        r->vars[v].values = arena_alloc(&r->mem, r->vars[v].n * sizeof *r->vars[v].values);
        r->vars[v].lens = arena_alloc(&r->mem, r->vars[v].n * sizeof *r->vars[v].lens);
        r->vars[v].n = 0;
        r->vars[v].time = INT64_MIN;
    }
    for (size_t i = 0; i < q->npend; i++) {
        struct dec_var *dv = &r->vars[q->pend[i].var];
        dv->values[dv->n] = q->pend[i].v;
        dv->lens[dv->n++] = q->pend[i].len;
        int ok;
        int64_t t = dec_parse_time(q->pend[i].v, q->pend[i].len, &ok);
        if (ok == 1) dv->time = t;
    }
    /* the pins this request can meet (see dec_pin) */
    const dec_world *dw = q->dw;
    uint32_t n = 0;
    for (uint32_t k = 0; k < dw->npin_vars; k++) n += r->vars[dw->pin_vars[k]].n;
    r->pins = arena_alloc(&r->mem, (n + 1) * sizeof *r->pins);
    for (uint32_t k = 0; k < dw->npin_vars; k++) {
        const struct dec_var *dv = &r->vars[dw->pin_vars[k]];
        for (uint32_t i = 0; i < dv->n; i++) r->pins[r->npins++] = dec_pin(dw->pin_vars[k], dv->values[i], dv->lens[i]);
    }
}

/* ERR becomes "LINE:COL: message", the position of byte OFF in the LEN bytes of JSON. */
void dec_error_at(const char *json, size_t len, size_t off, char *err, size_t errlen)
{
    if (!errlen) return;
    if (off > len) off = len;
    unsigned line = 1, col = 1;
    for (size_t i = 0; i < off; i++) {
        if (json[i] == '\n') line++, col = 1;
        else col++;
    }
    char pre[64];
    size_t pn = (size_t)snprintf(pre, sizeof pre, "%u:%u: ", line, col);
    if (pn >= errlen) pn = errlen - 1;
    size_t mn = strnlen(err, errlen - 1);
    if (pn + mn >= errlen) mn = errlen - 1 - pn;
    memmove(err + pn, err, mn);
    memcpy(err, pre, pn);
    err[pn + mn] = '\0';
}

size_t dec_json_error_offset(const json_error_t *jerr, size_t len)
{
    /* jansson's position is just past the token it could not take */
    size_t pos = jerr->position > 0 ? (size_t)jerr->position - 1 : 0;
    return pos < len ? pos : len;
}

static dec_request *parse(const dec_world *dw, const char *json, size_t len, int tool_request, char *err, size_t errlen)
{
    dec_request *r = calloc(1, sizeof *r);
    if (!r) abort();
    arena_init(&r->mem);
    rq q = {dw, r, err, errlen, "", tool_request, 0, NULL, 0, 0};
    json_error_t jerr;
    json_t *root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr);
    int bad = 0;
    if (!root) {
        snprintf(err, errlen, "invalid JSON: %s", jerr.text);
        dec_error_at(json, len, dec_json_error_offset(&jerr, len), err, errlen);
        bad = 1;
    } else if (!json_is_object(root)) {
        bad = fail(&q, "", "a request is a JSON object");
    } else if (!json_object_get(root, "principal")) {
        bad = fail(&q, "", "a request needs a \"principal\"");
    } else if (check_members(&q, root, "", root_members)) {
        bad = 1;
    } else {
        bad = parse_principal(&q, json_object_get(root, "principal")) || parse_permissions(&q, root);
        json_t *target = json_object_get(root, "target");
        if (!bad && target) bad = parse_target(&q, target);
        else if (!bad) {
            r->target_tenancy = r->principal_tenancy;
            r->target_tenancy_key = r->principal_tenancy_key;
        }
        if (!bad) bad = parse_variables(&q, json_object_get(root, "variables"));
        if (!bad) {
            json_t *ts = json_object_get(json_object_get(root, "variables"), "request.utc-timestamp");
            if (json_is_string(ts)) {
                derive_time(&q, json_string_value(ts));
            } else {
                /* a real request always has a time: now, unless the request fixes it */
                char now[32];
                time_t t = time(NULL);
                struct tm tm;
                gmtime_r(&t, &tm);
                strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
                add_var(&q, dw->var_timestamp, now);
                derive_time(&q, now);
            }
        }
    }
    if (root && bad)
        dec_error_at(json, len, (q.at_name ? jsonpos_find_name : jsonpos_find)(json, len, q.where), err, errlen);
    if (root) json_decref(root);
    if (!bad) file_variables(&q);
    free(q.pend);
    if (bad) {
        dec_request_free(r);
        return NULL;
    }
    return r;
}

dec_request *dec_request_parse_strict(const dec_world *dw, const char *json, size_t len, char *err, size_t errlen)
{
    return parse(dw, json, len, 0, err, errlen);
}

dec_request *dec_request_parse(const dec_world *dw, const char *json, size_t len, char *err, size_t errlen)
{
    return parse(dw, json, len, 1, err, errlen);
}

void dec_request_free(dec_request *r)
{
    if (!r) return;
    arena_free(&r->mem);
    free(r);
}
