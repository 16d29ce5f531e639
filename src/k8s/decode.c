/* k8s/decode: tree → EncryptionConfiguration with the strictness of the API server's
 * decoder (unknown and duplicate fields are errors; Go's JSON type rules for values).
 * The shape is a table per struct: field name, Go type for messages, and a handler. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "k8s/config.h"

const char *const k8s_provider_names[K8S_PROVIDER_COUNT] = {"", "kms", "aesgcm", "aescbc", "secretbox", "identity"};

typedef struct decoder {
    arena *mem;
    k8s_report_fn report;
    void *ctx;
    int json;
    char path[512];           /* "resources[0].providers[1].kms", for messages */
} decoder;

typedef struct field_spec field_spec;
typedef void (*field_fn)(decoder *d, void *obj, k8s_node *value, const field_spec *f);
struct field_spec {
    const char *name;
    const char *go_type;      /* for "cannot unmarshal … of type T" */
    field_fn decode;
    int arg;                  /* handler-specific: a provider type, a field index */
};

/* ---- paths ------------------------------------------------------------------------------ */

static size_t path_push(decoder *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static size_t path_push(decoder *d, const char *fmt, ...)
{
    size_t mark = strlen(d->path);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(d->path + mark, sizeof d->path - mark, fmt, ap);
    va_end(ap);
    return mark;
}

static void path_pop(decoder *d, size_t mark) { d->path[mark] = '\0'; }

/* "resources[0].providers[1].kms" → "resources.providers.kms" (Go's field path). */
static void go_path(const char *path, char *out, size_t n)
{
    size_t j = 0;
    for (const char *p = path; *p && j + 1 < n; p++) {
        if (*p == '[') {
            while (*p && *p != ']') p++;
            if (!*p) break;
            continue;
        }
        out[j++] = *p;
    }
    out[j] = '\0';
}

static void type_error(decoder *d, const char *go_struct, const char *field, k8s_node *v, const char *go_type)
{
    char gp[512];
    go_path(d->path, gp, sizeof gp);
    const char *jt = k8s_node_json_type(v);
    /* a number is quoted, except where it may be key material: "keys" itself, or any field
     * of a key entry but its name */
    int may_be_key = strcmp(field, "keys") == 0 || (strcmp(go_struct, "Key") == 0 && strcmp(field, "name") != 0);
    if (v->kind == K8S_NODE_SCALAR && v->type != K8S_SCALAR_STR && v->type != K8S_SCALAR_NULL &&
        strcmp(jt, "number") == 0 && strcmp(go_type, "string") != 0 && !may_be_key)
        d->report(d->ctx, "K8S005", v, "json: cannot unmarshal number %s into Go struct field %s.%s%s%s of type %s",
                  v->text, go_struct, gp, *gp ? "." : "", field, go_type);
    else
        d->report(d->ctx, "K8S005", v, "json: cannot unmarshal %s into Go struct field %s.%s%s%s of type %s", jt,
                  go_struct, gp, *gp ? "." : "", field, go_type);
}

static int is_null(const k8s_node *v) { return v->kind == K8S_NODE_SCALAR && v->type == K8S_SCALAR_NULL; }

/* Walk map M against the table; unknown and duplicate fields are strict-decoding errors. */
static void decode_struct(decoder *d, void *obj, k8s_node *m, const field_spec *fields, size_t nfields)
{
    for (k8s_node *c = m->child; c; c = c->next) {
        for (k8s_node *e = m->child; e != c; e = e->next)
            if (strcmp(e->key->text, c->key->text) == 0) {
                if (d->json)
                    d->report(d->ctx, "K8S004", c->key, "strict decoding error: duplicate field \"%s%s%s\"", d->path,
                              *d->path ? "." : "", c->key->text);
                else
                    d->report(d->ctx, "K8S004", c->key, "yaml: unmarshal errors: key \"%s\" already set in map",
                              c->key->text);
                goto next;
            }
        for (size_t i = 0; i < nfields; i++)
            if (strcmp(fields[i].name, c->key->text) == 0) {
                fields[i].decode(d, obj, c, &fields[i]);
                goto next;
            }
        {
            const char *cands[16];
            for (size_t i = 0; i < nfields && i < 16; i++) cands[i] = fields[i].name;
            const char *s = diag_suggest(c->key->text, c->key->len, cands, nfields < 16 ? nfields : 16);
            if (s)
                d->report(d->ctx, "K8S003", c->key, "strict decoding error: unknown field \"%s%s%s\" (did you mean '%s'?)",
                          d->path, *d->path ? "." : "", c->key->text, s);
            else
                d->report(d->ctx, "K8S003", c->key, "strict decoding error: unknown field \"%s%s%s\"", d->path,
                          *d->path ? "." : "", c->key->text);
        }
    next:;
    }
}

/* ---- scalar fields ------------------------------------------------------------------------- */

static const char *get_string(decoder *d, const char *go_struct, k8s_node *v, const field_spec *f)
{
    if (is_null(v)) return "";
    if (v->kind != K8S_NODE_SCALAR || v->type != K8S_SCALAR_STR) {
        /* YAML numbers and booleans are not strings to the API server either */
        type_error(d, go_struct, f->name, v, f->go_type);
        return "";
    }
    return v->text;
}

/* ---- Key --------------------------------------------------------------------------------- */

static void key_name(decoder *d, void *obj, k8s_node *v, const field_spec *f)
{
    k8s_key *k = obj;
    k->name = get_string(d, "Key", v, f);
    k->name_node = v;
}

static void key_secret(decoder *d, void *obj, k8s_node *v, const field_spec *f)
{
    k8s_key *k = obj;
    k->secret = get_string(d, "Key", v, f);
    k->secret_node = v;
}

static const field_spec key_fields[] = {
    {"name", "string", key_name, 0},
    {"secret", "string", key_secret, 0},
};

static void decode_keys(decoder *d, k8s_provider *p, k8s_node *v, const char *go_struct, const field_spec *f)
{
    if (is_null(v)) return;
    if (v->kind != K8S_NODE_SEQ) {
        type_error(d, go_struct, f->name, v, "[]v1.Key");
        return;
    }
    size_t i = 0;
    k8s_key **tail = &p->keys;
    for (k8s_node *item = v->child; item; item = item->next, i++) {
        k8s_key *k = arena_alloc(d->mem, sizeof *k);
        k->name = k->secret = "";
        k->node = item;
        size_t mark = path_push(d, "%s%s[%zu]", *d->path ? "." : "", f->name, i);
        if (is_null(item)) {
            /* a null element decodes to an empty Key */
        } else if (item->kind != K8S_NODE_MAP) {
            path_pop(d, mark);
            type_error(d, go_struct, f->name, item, "v1.Key");
            continue;
        } else {
            decode_struct(d, k, item, key_fields, sizeof key_fields / sizeof *key_fields);
        }
        path_pop(d, mark);
        *tail = k;
        tail = &k->next;
        p->nkeys++;
    }
}

static void aes_keys(decoder *d, void *obj, k8s_node *v, const field_spec *f)
{
    k8s_provider *p = obj;
    decode_keys(d, p, v, p->type == K8S_PROVIDER_SECRETBOX ? "SecretboxConfiguration" : "AESConfiguration", f);
}

static const field_spec keys_fields[] = {
    {"keys", "[]v1.Key", aes_keys, 0},
};

/* ---- KMSConfiguration ------------------------------------------------------------------- */

static void kms_api_version(decoder *d, void *obj, k8s_node *v, const field_spec *f)
{
    k8s_kms *k = obj;
    k->api_version = get_string(d, "KMSConfiguration", v, f);
    k->api_version_node = v;
}

static void kms_name(decoder *d, void *obj, k8s_node *v, const field_spec *f)
{
    k8s_kms *k = obj;
    k->name = get_string(d, "KMSConfiguration", v, f);
    k->name_node = v;
}

static void kms_endpoint(decoder *d, void *obj, k8s_node *v, const field_spec *f)
{
    k8s_kms *k = obj;
    k->endpoint = get_string(d, "KMSConfiguration", v, f);
    k->endpoint_node = v;
}

static int parse_int(const char *s, int64_t *out)
{
    char *end;
    long long x = strtoll(s, &end, 10);
    if (*s == '\0' || *end != '\0') return -1;
    *out = x;
    return 0;
}

static void kms_cachesize(decoder *d, void *obj, k8s_node *v, const field_spec *f)
{
    k8s_kms *k = obj;
    k->cachesize_node = v;
    if (is_null(v)) return;
    int64_t x;
    if (v->kind != K8S_NODE_SCALAR || v->type != K8S_SCALAR_INT || parse_int(v->text, &x) != 0 || x < INT32_MIN ||
        x > INT32_MAX) {
        type_error(d, "KMSConfiguration", f->name, v, "int32");
        return;
    }
    k->has_cachesize = 1;
    k->cachesize = x;
}

static void kms_timeout(decoder *d, void *obj, k8s_node *v, const field_spec *f)
{
    k8s_kms *k = obj;
    k->timeout_node = v;
    if (is_null(v)) return;
    if (v->kind != K8S_NODE_SCALAR || v->type != K8S_SCALAR_STR) {
        /* metav1.Duration unmarshals a JSON string first */
        d->report(d->ctx, "K8S005", v, "json: cannot unmarshal %s into Go value of type string", k8s_node_json_type(v));
        return;
    }
    int64_t ns;
    if (k8s_parse_duration(v->text, &ns) != 0) {
        int unit = 0;
        for (const char *p = v->text; *p; p++)
            if ((*p < '0' || *p > '9') && *p != '.' && *p != '-' && *p != '+') unit = 1;
        d->report(d->ctx, "K8S005", v, "time: %s duration \"%s\"", unit || !*v->text ? "invalid" : "missing unit in",
                  v->text);
        return;
    }
    k->has_timeout = 1;
    k->timeout_ns = ns;
    k->timeout_text = v->text;
}

static const field_spec kms_fields[] = {
    {"apiVersion", "string", kms_api_version, 0},
    {"name", "string", kms_name, 0},
    {"cachesize", "int32", kms_cachesize, 0},
    {"endpoint", "string", kms_endpoint, 0},
    {"timeout", "v1.Duration", kms_timeout, 0},
};

/* ---- ProviderConfiguration ---------------------------------------------------------------- */

static void provider_member(decoder *d, void *obj, k8s_node *v, const field_spec *f)
{
    k8s_provider *p = obj;
    static const char *const go_types[K8S_PROVIDER_COUNT] = {
        "", "v1.KMSConfiguration", "v1.AESConfiguration", "v1.AESConfiguration", "v1.SecretboxConfiguration",
        "v1.IdentityConfiguration"};
    k8s_provider_type t = (k8s_provider_type)f->arg;
    if (is_null(v)) return;   /* a nil pointer: as if absent (the "identity:" trap) */
    if (v->kind != K8S_NODE_MAP) {
        type_error(d, "ProviderConfiguration", f->name, v, go_types[t]);
        return;
    }
    p->present |= 1u << t;
    if (!p->type || t < p->type) {
        p->type = t;
        p->type_node = v;
    }
    size_t mark = path_push(d, ".%s", f->name);
    if (t == K8S_PROVIDER_KMS) {
        decode_struct(d, &p->kms, v, kms_fields, sizeof kms_fields / sizeof *kms_fields);
    } else if (t == K8S_PROVIDER_IDENTITY) {
        decode_struct(d, p, v, NULL, 0);
    } else {
        /* keys of a second provider in one element are kept apart: the first one wins */
        k8s_provider tmp;
        memset(&tmp, 0, sizeof tmp);
        tmp.type = t;
        decode_struct(d, &tmp, v, keys_fields, 1);
        if (p->type == t) {
            p->keys = tmp.keys;
            p->nkeys = tmp.nkeys;
        }
    }
    path_pop(d, mark);
}

static const field_spec provider_fields[] = {
    {"aesgcm", "", provider_member, K8S_PROVIDER_AESGCM},
    {"aescbc", "", provider_member, K8S_PROVIDER_AESCBC},
    {"secretbox", "", provider_member, K8S_PROVIDER_SECRETBOX},
    {"identity", "", provider_member, K8S_PROVIDER_IDENTITY},
    {"kms", "", provider_member, K8S_PROVIDER_KMS},
};

/* ---- ResourceConfiguration ---------------------------------------------------------------- */

static void rlist_resources(decoder *d, void *obj, k8s_node *v, const field_spec *f)
{
    k8s_rlist *l = obj;
    l->resources_node = v;
    if (is_null(v)) return;
    if (v->kind != K8S_NODE_SEQ) {
        type_error(d, "ResourceConfiguration", f->name, v, "[]string");
        return;
    }
    l->resources = arena_alloc(d->mem, (v->count + 1) * sizeof *l->resources);
    l->resource_nodes = arena_alloc(d->mem, (v->count + 1) * sizeof *l->resource_nodes);
    for (k8s_node *item = v->child; item; item = item->next) {
        if (item->kind != K8S_NODE_SCALAR || (item->type != K8S_SCALAR_STR && item->type != K8S_SCALAR_NULL)) {
            type_error(d, "ResourceConfiguration", f->name, item, "string");
            continue;
        }
        l->resource_nodes[l->nresources] = item;
        l->resources[l->nresources++] = is_null(item) ? "" : item->text;
    }
}

static void rlist_providers(decoder *d, void *obj, k8s_node *v, const field_spec *f)
{
    k8s_rlist *l = obj;
    l->providers_node = v;
    if (is_null(v)) return;
    if (v->kind != K8S_NODE_SEQ) {
        type_error(d, "ResourceConfiguration", f->name, v, "[]v1.ProviderConfiguration");
        return;
    }
    size_t i = 0;
    for (k8s_node *item = v->child; item; item = item->next, i++) {
        k8s_provider *p = arena_alloc(d->mem, sizeof *p);
        p->node = item;
        p->kms.api_version = p->kms.name = p->kms.endpoint = "";
        size_t mark = path_push(d, ".providers[%zu]", i);
        if (item->kind == K8S_NODE_MAP)
            decode_struct(d, p, item, provider_fields, sizeof provider_fields / sizeof *provider_fields);
        else if (!is_null(item)) {
            path_pop(d, mark);
            type_error(d, "ResourceConfiguration", f->name, item, "v1.ProviderConfiguration");
            continue;
        }
        path_pop(d, mark);
        if (l->last_provider) l->last_provider->next = p; else l->providers = p;
        l->last_provider = p;
        l->nproviders++;
    }
}

static const field_spec rlist_fields[] = {
    {"resources", "[]string", rlist_resources, 0},
    {"providers", "[]v1.ProviderConfiguration", rlist_providers, 0},
};

/* ---- EncryptionConfiguration -------------------------------------------------------------- */

static void cfg_api_version(decoder *d, void *obj, k8s_node *v, const field_spec *f)
{
    k8s_config *c = obj;
    c->api_version_node = v;
    c->api_version = get_string(d, "EncryptionConfiguration", v, f);
}

static void cfg_kind(decoder *d, void *obj, k8s_node *v, const field_spec *f)
{
    k8s_config *c = obj;
    c->kind_node = v;
    c->kind = get_string(d, "EncryptionConfiguration", v, f);
}

static void cfg_resources(decoder *d, void *obj, k8s_node *v, const field_spec *f)
{
    k8s_config *c = obj;
    c->lists_node = v;
    if (is_null(v)) return;
    if (v->kind != K8S_NODE_SEQ) {
        type_error(d, "EncryptionConfiguration", f->name, v, "[]v1.ResourceConfiguration");
        return;
    }
    size_t i = 0;
    for (k8s_node *item = v->child; item; item = item->next, i++) {
        k8s_rlist *l = arena_alloc(d->mem, sizeof *l);
        l->node = item;
        size_t mark = path_push(d, "resources[%zu]", i);
        if (item->kind == K8S_NODE_MAP)
            decode_struct(d, l, item, rlist_fields, sizeof rlist_fields / sizeof *rlist_fields);
        else if (!is_null(item)) {
            path_pop(d, mark);
            type_error(d, "EncryptionConfiguration", f->name, item, "v1.ResourceConfiguration");
            continue;
        }
        path_pop(d, mark);
        if (c->last_list) c->last_list->next = l; else c->lists = l;
        c->last_list = l;
        c->nlists++;
    }
}

static const field_spec config_fields[] = {
    {"apiVersion", "string", cfg_api_version, 0},
    {"kind", "string", cfg_kind, 0},
    {"resources", "[]v1.ResourceConfiguration", cfg_resources, 0},
};

void k8s_decode(k8s_config *cfg, const k8s_tree *tree, arena *mem, k8s_report_fn report, void *ctx)
{
    k8s_config_init(cfg);
    cfg->api_version = cfg->kind = "";   /* absent unless the document says */
    cfg->root = tree->root;
    decoder d;
    memset(&d, 0, sizeof d);
    d.mem = mem;
    d.report = report;
    d.ctx = ctx;
    d.json = tree->json;
    if (!tree->root || tree->root->kind != K8S_NODE_MAP) return;
    decode_struct(&d, cfg, tree->root, config_fields, sizeof config_fields / sizeof *config_fields);
    cfg->legacy = strcmp(cfg->kind, "EncryptionConfig") == 0 && strcmp(cfg->api_version, "v1") == 0;
}

/* ---- builders --------------------------------------------------------------------------- */

void k8s_config_init(k8s_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->api_version = "apiserver.config.k8s.io/v1";
    cfg->kind = "EncryptionConfiguration";
}

k8s_rlist *k8s_config_add_list(k8s_config *cfg, arena *mem, const char *const *resources, size_t n)
{
    k8s_rlist *l = arena_alloc(mem, sizeof *l);
    l->resources = arena_alloc(mem, (n + 1) * sizeof *l->resources);
    l->resource_nodes = arena_alloc(mem, (n + 1) * sizeof *l->resource_nodes);
    for (size_t i = 0; i < n; i++) l->resources[i] = arena_strndup(mem, resources[i], strlen(resources[i]));
    l->nresources = n;
    if (cfg->last_list) cfg->last_list->next = l; else cfg->lists = l;
    cfg->last_list = l;
    cfg->nlists++;
    return l;
}

k8s_provider *k8s_list_add_provider(k8s_rlist *l, arena *mem, k8s_provider_type type)
{
    k8s_provider *p = arena_alloc(mem, sizeof *p);
    p->type = type;
    p->present = 1u << type;
    p->kms.api_version = p->kms.name = p->kms.endpoint = "";
    if (l->last_provider) l->last_provider->next = p; else l->providers = p;
    l->last_provider = p;
    l->nproviders++;
    return p;
}

k8s_key *k8s_provider_add_key(k8s_provider *p, arena *mem, const char *name, const char *secret)
{
    k8s_key *k = arena_alloc(mem, sizeof *k);
    k->name = arena_strndup(mem, name, strlen(name));
    k->secret = arena_strndup(mem, secret, strlen(secret));
    k8s_key **tail = &p->keys;
    while (*tail) tail = &(*tail)->next;
    *tail = k;
    p->nkeys++;
    return k;
}

static const char *dup(arena *mem, const char *s) { return s ? arena_strndup(mem, s, strlen(s)) : NULL; }

k8s_provider *k8s_provider_clone(const k8s_provider *src, arena *mem)
{
    k8s_provider *p = arena_alloc(mem, sizeof *p);
    p->type = src->type;
    p->present = src->present;
    p->kms = src->kms;
    p->kms.api_version = dup(mem, src->kms.api_version);
    p->kms.name = dup(mem, src->kms.name);
    p->kms.endpoint = dup(mem, src->kms.endpoint);
    p->kms.timeout_text = dup(mem, src->kms.timeout_text);
    p->kms.api_version_node = p->kms.name_node = p->kms.endpoint_node = NULL;
    p->kms.cachesize_node = p->kms.timeout_node = NULL;
    for (const k8s_key *k = src->keys; k; k = k->next) k8s_provider_add_key(p, mem, k->name, k->secret);
    return p;
}

k8s_config *k8s_config_clone(const k8s_config *src, arena *mem)
{
    k8s_config *c = arena_alloc(mem, sizeof *c);
    k8s_config_init(c);
    c->api_version = dup(mem, src->api_version);
    c->kind = dup(mem, src->kind);
    c->legacy = src->legacy;
    for (const k8s_rlist *l = src->lists; l; l = l->next) {
        k8s_rlist *nl = k8s_config_add_list(c, mem, l->resources, l->nresources);
        for (const k8s_provider *p = l->providers; p; p = p->next) {
            k8s_provider *np = k8s_provider_clone(p, mem);
            if (nl->last_provider) nl->last_provider->next = np; else nl->providers = np;
            nl->last_provider = np;
            nl->nproviders++;
        }
    }
    return c;
}
