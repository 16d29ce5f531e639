/* emit/spec: the spec's members are rows of tables (one table per JSON object); a row says
 * the member's type, whether it is required, where it goes, and which check it gets.  The
 * checks between members (which tenancy holds what) follow in resolve(). */
#include "emit/spec.h"
#include <ctype.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "base/diag.h"
#include "base/jsonpos.h"
#include "base/source.h"

typedef struct checker {
    emit_spec *s;
    buf *errors;
    size_t nerrors;
} checker;

static void spec_error(checker *c, const char *ptr, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void spec_error(checker *c, const char *ptr, const char *fmt, ...)
{
    size_t off = jsonpos_find(c->s->text, c->s->len, ptr);
    unsigned line = 1, col = 1;
    for (size_t i = 0; i < off; i++) {
        if (c->s->text[i] == '\n') line++, col = 1;
        else col++;
    }
    buf_printf(c->errors, "%s:%u:%u: %s: ", c->s->file, line, col, ptr[0] ? ptr : "/");
    va_list ap;
    va_start(ap, fmt);
    char msg[1024];
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    buf_puts(c->errors, msg);
    buf_putc(c->errors, '\n');
    c->nerrors++;
}

/* 'VALUE' for a message, escaped and cut at 100 bytes. */
static const char *shown(checker *c, const char *v)
{
    buf b;
    buf_init(&b);
    buf_putc(&b, '\'');
    diag_quote(&b, v, strlen(v), 100);
    buf_putc(&b, '\'');
    const char *out = arena_strndup(&c->s->mem, b.data, b.len);
    buf_free(&b);
    return out;
}

/* ---- value checks ------------------------------------------------------------------ */

typedef int (*check_fn)(checker *c, const char *ptr, const char *v, const void *arg);

static int check_enum(checker *c, const char *ptr, const char *v, const void *arg)
{
    const char *const *words = arg;
    for (size_t i = 0; words[i]; i++)
        if (strcmp(v, words[i]) == 0) return 0;
    buf list;
    buf_init(&list);
    for (size_t i = 0; words[i]; i++) buf_printf(&list, "%s'%s'", i ? (words[i + 1] ? ", " : " or ") : "", words[i]);
    spec_error(c, ptr, "expected %s, found %s", list.data, shown(c, v));
    buf_free(&list);
    return -1;
}

/* OCIDs: ocid1.TYPE.REALM.[REGION][.FUTURE].UNIQUE.  Global resources (tenancies,
 * compartments, groups) have an empty region; regional ones (keys, VCNs, clusters) name it. */
typedef struct ocid_rule {
    const char *type, *also;  /* the type token, and one other accepted (or NULL) */
    int regional;
    const char *shape;        /* for messages */
} ocid_rule;

static const ocid_rule OCID_KEY = {"key", NULL, 1, "a key OCID (ocid1.key.oc1.REGION.…)"};
static const ocid_rule OCID_TENANCY = {"tenancy", NULL, 0, "a tenancy OCID (ocid1.tenancy.oc1..…)"};
static const ocid_rule OCID_COMPARTMENT = {"compartment", "tenancy", 0, "a compartment OCID (ocid1.compartment.oc1..… or the tenancy's)"};
static const ocid_rule OCID_VCN = {"vcn", NULL, 1, "a VCN OCID (ocid1.vcn.oc1.REGION.…)"};
static const ocid_rule OCID_SUBNET = {"subnet", NULL, 1, "a subnet OCID (ocid1.subnet.oc1.REGION.…)"};
static const ocid_rule OCID_CLUSTER = {"cluster", NULL, 1, "a cluster OCID (ocid1.cluster.oc1.REGION.…)"};
static const ocid_rule OCID_GROUP = {"group", NULL, 0, "a group OCID (ocid1.group.oc1..…)"};
static const ocid_rule OCID_DYNAMIC_GROUP = {"dynamicgroup", NULL, 0, "a dynamic-group OCID (ocid1.dynamicgroup.oc1..…)"};

static int all_of(const char *s, size_t n, const char *set)
{
    for (size_t i = 0; i < n; i++)
        if (!strchr(set, s[i]) || !s[i]) return 0;
    return 1;
}

#define LOWER_DIGITS "abcdefghijklmnopqrstuvwxyz0123456789"

/* Split an OCID into its dot-separated parts; 0 when it is not shaped like one. */
static int ocid_parts(const char *v, const char *part[8], size_t len[8], size_t *nparts)
{
    size_t n = 0;
    for (const char *p = v;; n++) {
        if (n == 8) return 0;
        const char *dot = strchr(p, '.');
        part[n] = p;
        len[n] = dot ? (size_t)(dot - p) : strlen(p);
        if (!dot) break;
        p = dot + 1;
    }
    *nparts = ++n;
    return n >= 5 && len[0] == 5 && memcmp(v, "ocid1", 5) == 0 && strlen(v) <= 255;
}

static int check_ocid(checker *c, const char *ptr, const char *v, const void *arg)
{
    const ocid_rule *r = arg;
    const char *part[8];
    size_t len[8], n;
    int ok = ocid_parts(v, part, len, &n);
    int type_ok = ok && ((len[1] == strlen(r->type) && memcmp(part[1], r->type, len[1]) == 0) ||
                         (r->also && len[1] == strlen(r->also) && memcmp(part[1], r->also, len[1]) == 0));
    if (!type_ok) {
        spec_error(c, ptr, "expected %s, found %s", r->shape, shown(c, v));
        return -1;
    }
    int regional = len[3] > 0, well_formed = len[2] >= 3 && memcmp(part[2], "oc", 2) == 0 &&
                                             all_of(part[2], len[2], LOWER_DIGITS) && len[n - 1] > 0;
    for (size_t i = 3; i < n; i++) well_formed &= all_of(part[i], len[i], LOWER_DIGITS "-");
    int is_tenancy = len[1] == 7 && memcmp(part[1], "tenancy", 7) == 0;
    if (!well_formed || regional != (r->regional && !is_tenancy)) {
        spec_error(c, ptr, "expected %s, found %s%s", r->shape, shown(c, v),
                   !well_formed ? " (not a well-formed OCID)" : regional ? " (it names a region)" : " (no region)");
        return -1;
    }
    return 0;
}

/* The region part of a regional OCID (checked already). */
static void ocid_region(const char *v, char *out, size_t outlen)
{
    const char *part[8];
    size_t len[8], n;
    if (!ocid_parts(v, part, len, &n)) len[3] = 0;
    snprintf(out, outlen, "%.*s", (int)len[3], len[3] ? part[3] : "");
}

/* Names: OCI allows letters, digits, '.', '-' and '_' in names of policies, groups,
 * dynamic groups and compartments (≤100); the policy language reads a name only when
 * it starts with a letter, digit or '_', and not when it is one of its keywords. */
typedef struct name_rule {
    size_t max;
    int path;                 /* compartment path A:B:C */
    const char *what;
    const char *first, *rest; /* the characters allowed first and after */
    const char *shape;        /* the same in words */
} name_rule;

#define ALNUM "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
#define NAME_WORDS "letters, digits, '.', '-' or '_', not starting with '.' or '-'"
static const name_rule NAME_BUNDLE = {50, 0, "a bundle name", ALNUM "_", ALNUM "._-", NAME_WORDS};
static const name_rule NAME_IAM = {100, 0, "a name", ALNUM "_", ALNUM "._-", NAME_WORDS};
static const name_rule NAME_COMPARTMENT = {100, 1, "a compartment name or path A:B", ALNUM "_", ALNUM "._-", NAME_WORDS};
/* a tenancy's name also names files, shell variables and Terraform identifiers (which cannot
 * start with a digit) */
#define LETTERS "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
static const name_rule NAME_TENANCY = {48, 0, "a tenancy name", LETTERS, ALNUM "_", "letters, digits or '_', starting with a letter"};

static const char *const keywords[] = {"to", "in", "where", "id", "of", "any-user", "any-group", "any-tenancy",
                                       "dynamic-group", NULL};

static int name_ok(const char *s, size_t n, const name_rule *r)
{
    return n >= 1 && n <= r->max && strchr(r->first, s[0]) && all_of(s, n, r->rest);
}

static int check_name(checker *c, const char *ptr, const char *v, const void *arg)
{
    const name_rule *r = arg;
    for (const char *p = v;;) {
        const char *colon = r->path ? strchr(p, ':') : NULL;
        size_t n = colon ? (size_t)(colon - p) : strlen(p);
        if (!name_ok(p, n, r)) {
            spec_error(c, ptr, "expected %s (%s1 to %zu %s), found %s", r->what, r->path ? "each part " : "", r->max, r->shape,
                       shown(c, v));
            return -1;
        }
        for (size_t i = 0; keywords[i]; i++)
            if (strlen(keywords[i]) == n && strncasecmp(p, keywords[i], n) == 0) {
                spec_error(c, ptr, "'%.*s' is a keyword of the policy language, not usable as %s", (int)n, p, r->what);
                return -1;
            }
        if (!colon) return 0;
        p = colon + 1;
    }
}

/* Free text (a cluster's name) is shown in README.md and in comments of the scripts: no
 * character that ends a line there, or that reorders or hides the text around it. */
typedef struct hidden_range {
    unsigned lo, hi;
    const char *what;
} hidden_range;

static const hidden_range hidden_chars[] = {
    {0x00, 0x1F, "a control character"},      {0x7F, 0x9F, "a control character"},
    {0x061C, 0x061C, "a bidirectional control"}, {0x200E, 0x200F, "a bidirectional control"},
    {0x2028, 0x2029, "a line or paragraph separator"}, {0x202A, 0x202E, "a bidirectional control"},
    {0x2066, 0x2069, "a bidirectional control"},
};

/* The code point at P (jansson hands over valid UTF-8 only); *LEN its bytes. */
static unsigned utf8_char(const unsigned char *p, size_t *len)
{
    if (p[0] < 0x80) return *len = 1, p[0];
    size_t n = p[0] >= 0xF0 ? 4 : p[0] >= 0xE0 ? 3 : 2;
    unsigned c = p[0] & (0x7F >> n);
    for (size_t i = 1; i < n && p[i]; i++) c = (c << 6) | (p[i] & 0x3F);
    *len = n;
    return c;
}

typedef struct text_rule {
    size_t max;
    const char *what;
} text_rule;

static const text_rule TEXT_CLUSTER = {255, "a cluster name"};

static int check_text(checker *c, const char *ptr, const char *v, const void *arg)
{
    const text_rule *r = arg;
    size_t n = strlen(v), chars = 0;
    for (size_t i = 0, len; i < n; i += len, chars++) {
        unsigned ch = utf8_char((const unsigned char *)v + i, &len);
        for (size_t k = 0; k < sizeof hidden_chars / sizeof *hidden_chars; k++)
            if (ch >= hidden_chars[k].lo && ch <= hidden_chars[k].hi) {
                spec_error(c, ptr, "expected %s without control characters, line separators or bidirectional controls, "
                           "found %s (U+%04X is %s)", r->what, shown(c, v), ch, hidden_chars[k].what);
                return -1;
            }
    }
    if (chars == 0 || chars > r->max) {
        spec_error(c, ptr, "expected %s of 1 to %zu characters, found %s", r->what, r->max, shown(c, v));
        return -1;
    }
    return 0;
}

/* vMAJOR.MINOR.PATCH; a key (--kms-key-id) needs v1.13.0 or later. */
static int check_k8s_version(checker *c, const char *ptr, const char *v, const void *arg)
{
    unsigned long part[3] = {0, 0, 0};
    const char *p = v;
    int ok = *p++ == 'v';
    for (int i = 0; ok && i < 3; i++) {
        if (*p < '0' || *p > '9' || (*p == '0' && p[1] >= '0' && p[1] <= '9')) ok = 0;
        char *end;
        part[i] = strtoul(p, &end, 10);
        p = end;
        if (end - v > 20 || (i < 2 ? *p++ != '.' : *p != '\0')) ok = 0;
    }
    if (!ok) {
        spec_error(c, ptr, "expected a Kubernetes version such as v1.30.1, found %s", shown(c, v));
        return -1;
    }
    if (part[0] < 1 || (part[0] == 1 && part[1] < 13)) {
        spec_error(c, ptr, "%s is too old: a cluster with a key (--kms-key-id) needs v1.13.0 or later", shown(c, v));
        return -1;
    }
    return 0;
}

/* ---- the tables ---------------------------------------------------------------------- */

typedef enum { F_STRING, F_STRING_OR_NULL, F_STRINGS, F_OBJECT, F_TENANCIES } field_kind;

typedef struct field_set field_set;
typedef struct field {
    const char *name;
    uint8_t kind;             /* field_kind */
    uint8_t required;
    size_t offset;            /* where the value goes in the struct the set fills */
    check_fn check;
    const void *arg;
    const field_set *sub;     /* F_OBJECT, F_TENANCIES: the members of the object */
} field;

struct field_set {
    const field *f;
    size_t n;
};

#define SET(rows) {rows, sizeof rows / sizeof *rows}
static const char *const clouds[] = {"oci", NULL};
static const char *const grants[] = {"any-user", "dynamic-group", NULL};

static const field principal_rows[] = {
    {"name", F_STRING, 1, offsetof(emit_principal, name), check_name, &NAME_IAM, NULL},
    {"id", F_STRING, 0, offsetof(emit_principal, id), check_ocid, &OCID_GROUP, NULL},
    {"alias", F_STRING, 0, offsetof(emit_principal, alias), check_name, &NAME_IAM, NULL},
};
static const field dynamic_group_rows[] = {
    {"name", F_STRING, 1, offsetof(emit_principal, name), check_name, &NAME_IAM, NULL},
    {"id", F_STRING, 0, offsetof(emit_principal, id), check_ocid, &OCID_DYNAMIC_GROUP, NULL},
    {"alias", F_STRING, 0, offsetof(emit_principal, alias), check_name, &NAME_IAM, NULL},
};
static const field_set principal_set = SET(principal_rows), dynamic_group_set = SET(dynamic_group_rows);

static const field tenancy_rows[] = {
    {"id", F_STRING, 1, offsetof(emit_tenancy, id), check_ocid, &OCID_TENANCY, NULL},
    {"alias", F_STRING, 0, offsetof(emit_tenancy, alias), check_name, &NAME_IAM, NULL},
    {"admin_group", F_OBJECT, 0, offsetof(emit_tenancy, admin_group), NULL, NULL, &principal_set},
    {"dynamic_group", F_OBJECT, 0, offsetof(emit_tenancy, dynamic_group), NULL, NULL, &dynamic_group_set},
};
static const field_set tenancy_set = SET(tenancy_rows);

static const field key_rows[] = {
    {"id", F_STRING, 1, offsetof(emit_spec, key.id), check_ocid, &OCID_KEY, NULL},
    {"tenancy", F_STRING, 1, offsetof(emit_spec, key.tenancy), NULL, NULL, NULL},
    {"compartment", F_STRING, 1, offsetof(emit_spec, key.compartment), check_name, &NAME_COMPARTMENT, NULL},
};
static const field cluster_rows[] = {
    {"name", F_STRING, 1, offsetof(emit_spec, cluster.name), check_text, &TEXT_CLUSTER, NULL},
    {"tenancy", F_STRING, 1, offsetof(emit_spec, cluster.tenancy), NULL, NULL, NULL},
    {"compartment_id", F_STRING, 1, offsetof(emit_spec, cluster.compartment_id), check_ocid, &OCID_COMPARTMENT, NULL},
    {"kubernetes_version", F_STRING, 1, offsetof(emit_spec, cluster.kubernetes_version), check_k8s_version, NULL, NULL},
    {"vcn_id", F_STRING, 1, offsetof(emit_spec, cluster.vcn_id), check_ocid, &OCID_VCN, NULL},
    {"service_lb_subnet_ids", F_STRINGS, 0, offsetof(emit_spec, cluster.service_lb_subnet_ids), check_ocid, &OCID_SUBNET, NULL},
    {"id", F_STRING_OR_NULL, 0, offsetof(emit_spec, cluster.id), check_ocid, &OCID_CLUSTER, NULL},
};
static const field_set key_set = SET(key_rows), cluster_set = SET(cluster_rows);

/* Sub-objects of the spec itself fill the spec (offset 0): their rows hold full offsets. */
static const field root_rows[] = {
    {"name", F_STRING, 1, offsetof(emit_spec, name), check_name, &NAME_BUNDLE, NULL},
    {"cloud", F_STRING, 1, offsetof(emit_spec, cloud), check_enum, clouds, NULL},
    {"grant", F_STRING, 1, offsetof(emit_spec, grant_name), check_enum, grants, NULL},
    {"key", F_OBJECT, 1, 0, NULL, NULL, &key_set},
    {"cluster", F_OBJECT, 1, 0, NULL, NULL, &cluster_set},
    {"tenancies", F_TENANCIES, 1, 0, NULL, NULL, &tenancy_set},
};
static const field_set root_set = SET(root_rows);

/* ---- loading by the tables ------------------------------------------------------------ */

static const char *dup(checker *c, const char *s) { return arena_strndup(&c->s->mem, s, strlen(s)); }

/* S in lower or upper case, for messages (the case artifacts.c gives identifiers). */
static const char *recase(checker *c, const char *s, int up)
{
    char *out = arena_strndup(&c->s->mem, s, strlen(s));
    for (char *p = out; *p; p++) *p = (char)(up ? toupper((unsigned char)*p) : tolower((unsigned char)*p));
    return out;
}
static const char *lower(checker *c, const char *s) { return recase(c, s, 0); }
static const char *upper(checker *c, const char *s) { return recase(c, s, 1); }

static const char *child_ptr(checker *c, const char *ptr, const char *name)
{
    buf b;
    buf_init(&b);
    buf_printf(&b, "%s/", ptr);
    for (const char *p = name; *p; p++) {   /* RFC 6901 escapes */
        if (*p == '~') buf_puts(&b, "~0");
        else if (*p == '/') buf_puts(&b, "~1");
        else buf_putc(&b, *p);
    }
    const char *out = dup(c, b.data);
    buf_free(&b);
    return out;
}

static const char *type_name(json_t *v)
{
    static const char *const names[] = {"an object", "an array", "a string", "a number", "a number", "true", "false", "null"};
    return names[json_typeof(v)];
}

static void load_object(checker *c, json_t *obj, const char *ptr, const field_set *set, void *out);

/* Names setup.sh keeps for itself: $profile_cluster and OCI_PROFILE_CLUSTER are the cluster's. */
static const char *const reserved_tenancy_names[] = {"cluster", NULL};

/* Tenancy I's name becomes profile_NAME and OCI_PROFILE_NAME in setup.sh and NAME_home,
 * NAME_profile… in main.tf, all in one case: it must differ from the names before it in more
 * than case, and from the names the scripts use themselves. */
static void check_tenancy_name(checker *c, const char *ptr, size_t i)
{
    const emit_spec *s = c->s;
    const char *name = s->tenancies[i].key;
    for (size_t k = 0; k < i; k++)
        if (strcasecmp(s->tenancies[k].key, name) == 0) {
            spec_error(c, ptr, "%s differs from /tenancies/%s only in case: both would be the shell variable "
                       "profile_%s and the Terraform provider %s_home", shown(c, name), s->tenancies[k].key,
                       lower(c, name), lower(c, name));
            return;
        }
    for (size_t k = 0; reserved_tenancy_names[k]; k++)
        if (strcasecmp(reserved_tenancy_names[k], name) == 0)
            spec_error(c, ptr, "%s is reserved: setup.sh's profile_%s and OCI_PROFILE_%s are the cluster's profile",
                       shown(c, name), reserved_tenancy_names[k], upper(c, reserved_tenancy_names[k]));
}

static void load_tenancies(checker *c, json_t *obj, const char *ptr, const field_set *set)
{
    emit_spec *s = c->s;
    s->ntenancies = json_object_size(obj);
    s->tenancies = arena_alloc(&s->mem, (s->ntenancies + 1) * sizeof *s->tenancies);
    size_t i = 0;
    const char *name;
    json_t *v;
    json_object_foreach(obj, name, v) {
        emit_tenancy *t = &s->tenancies[i++];
        const char *tptr = child_ptr(c, ptr, name);
        t->key = dup(c, name);
        if (check_name(c, tptr, name, &NAME_TENANCY) == 0) check_tenancy_name(c, tptr, i - 1);
        if (!json_is_object(v)) spec_error(c, tptr, "expected an object, found %s", type_name(v));
        else load_object(c, v, tptr, set, t);
    }
    if (s->ntenancies == 0) spec_error(c, ptr, "expected the tenancies of the key and of the cluster, found none");
}

static void load_field(checker *c, const field *f, json_t *v, const char *ptr, void *out)
{
    char *at = (char *)out + f->offset;
    switch (f->kind) {
    case F_STRING_OR_NULL:
        if (json_is_null(v)) return;
        /* fall through */
    case F_STRING:
        if (!json_is_string(v)) {
            spec_error(c, ptr, "expected a string%s, found %s", f->kind == F_STRING_OR_NULL ? " or null" : "", type_name(v));
            return;
        }
        if (!f->check || f->check(c, ptr, json_string_value(v), f->arg) == 0) *(const char **)at = dup(c, json_string_value(v));
        return;
    case F_STRINGS: {
        if (!json_is_array(v) || json_array_size(v) == 0) {
            spec_error(c, ptr, "expected an array of strings with at least one element, found %s",
                       json_is_array(v) ? "an empty array" : type_name(v));
            return;
        }
        emit_strings *list = (emit_strings *)at;
        list->v = arena_alloc(&c->s->mem, json_array_size(v) * sizeof *list->v);
        for (size_t i = 0; i < json_array_size(v); i++) {
            char index[24];
            snprintf(index, sizeof index, "%zu", i);
            const char *eptr = child_ptr(c, ptr, index);
            json_t *e = json_array_get(v, i);
            if (!json_is_string(e)) spec_error(c, eptr, "expected a string, found %s", type_name(e));
            else if (f->check(c, eptr, json_string_value(e), f->arg) == 0) list->v[list->n++] = dup(c, json_string_value(e));
        }
        return;
    }
    case F_OBJECT:
    case F_TENANCIES:
        if (!json_is_object(v)) spec_error(c, ptr, "expected an object, found %s", type_name(v));
        else if (f->kind == F_OBJECT) load_object(c, v, ptr, f->sub, at);
        else load_tenancies(c, v, ptr, f->sub);
        return;
    }
}

static void load_object(checker *c, json_t *obj, const char *ptr, const field_set *set, void *out)
{
    for (size_t i = 0; i < set->n; i++) {
        const field *f = &set->f[i];
        json_t *v = json_object_get(obj, f->name);
        if (v) load_field(c, f, v, child_ptr(c, ptr, f->name), out);
        else if (f->required) spec_error(c, ptr, "missing \"%s\"", f->name);
    }
    const char *name;
    json_t *v;
    const char *names[17];
    size_t k = 0;
    for (; k < set->n && k < 16; k++) names[k] = set->f[k].name;
    names[k] = NULL;
    json_object_foreach(obj, name, v) {
        const char *near;
        buf list;
        buf_init(&list);
        if (!diag_unknown_name(name, names, &near, &list)) {
            buf_free(&list);
            continue;
        }
        if (near) spec_error(c, child_ptr(c, ptr, name), "unknown member (did you mean \"%s\"?)", near);
        else spec_error(c, child_ptr(c, ptr, name), "unknown member (expected %s)", list.data);
        buf_free(&list);
    }
}

/* ---- checks between members ----------------------------------------------------------- */

static const emit_tenancy *find_tenancy(const emit_spec *s, const char *name)
{
    for (size_t i = 0; i < s->ntenancies; i++)
        if (strcmp(s->tenancies[i].key, name) == 0) return &s->tenancies[i];
    return NULL;
}

static const emit_tenancy *tenancy_ref(checker *c, const char *ptr, const char *name)
{
    const emit_spec *s = c->s;
    const emit_tenancy *t = find_tenancy(s, name);
    if (t || !name) return t;
    buf list;
    buf_init(&list);
    for (size_t i = 0; i < s->ntenancies; i++) buf_printf(&list, "%s%s", i ? ", " : "", s->tenancies[i].key);
    spec_error(c, ptr, "%s is not a member of /tenancies (%s)", shown(c, name), list.len ? list.data : "none");
    buf_free(&list);
    return NULL;
}

static const char *tptr(checker *c, const emit_tenancy *t, const char *rest)
{
    const char *p = child_ptr(c, "/tenancies", t->key);
    return rest ? child_ptr(c, p, rest) : p;
}

static const char *tptr2(checker *c, const emit_tenancy *t, const char *a, const char *b)
{
    return child_ptr(c, tptr(c, t, a), b);
}

static void check_regions(checker *c)
{
    emit_spec *s = c->s;
    if (!s->cluster.vcn_id) return;
    char vcn[64], other[64];
    ocid_region(s->cluster.vcn_id, vcn, sizeof vcn);
    s->region = dup(c, vcn);
    for (size_t i = 0; i < s->cluster.service_lb_subnet_ids.n; i++) {
        ocid_region(s->cluster.service_lb_subnet_ids.v[i], other, sizeof other);
        if (strcmp(vcn, other) != 0) {
            char p[64];
            snprintf(p, sizeof p, "/cluster/service_lb_subnet_ids/%zu", i);
            spec_error(c, p, "the subnet is in region '%s', the VCN (/cluster/vcn_id) in '%s'", other, vcn);
        }
    }
    if (s->cluster.id) {
        ocid_region(s->cluster.id, other, sizeof other);
        if (strcmp(vcn, other) != 0)
            spec_error(c, "/cluster/id", "the cluster is in region '%s', its VCN (/cluster/vcn_id) in '%s'", other, vcn);
    }
}

/* Who is used where: a member the bundle would not use is an error, not silence. */
static void check_roles(checker *c)
{
    emit_spec *s = c->s;
    const emit_tenancy *kt = s->key_tenancy, *ct = s->cluster_tenancy;
    for (size_t i = 0; i < s->ntenancies; i++) {
        const emit_tenancy *t = &s->tenancies[i];
        if (t != kt && t != ct) spec_error(c, tptr(c, t, NULL), "neither the key's tenancy (/key/tenancy) nor the cluster's (/cluster/tenancy)");
        for (size_t k = 0; k < i; k++)
            if (t->id && s->tenancies[k].id && strcasecmp(t->id, s->tenancies[k].id) == 0)
                spec_error(c, tptr(c, t, "id"), "the same OCID as /tenancies/%s/id", s->tenancies[k].key);
    }
    if (!kt || !ct) return;
    const char *only_cross = "used only when the key is in another tenancy than the cluster";
    if (s->cross) {
        if (kt->admin_group.name) spec_error(c, tptr(c, kt, "admin_group"), "belongs to the cluster's tenancy (/cluster/tenancy)");
        if (kt->dynamic_group.name) spec_error(c, tptr(c, kt, "dynamic_group"), "belongs to the cluster's tenancy (/cluster/tenancy)");
        if (ct->admin_group.name && !ct->admin_group.id)
            spec_error(c, tptr(c, ct, "admin_group"), "missing \"id\" (the key's tenancy defines the group by its OCID)");
    } else {
        if (ct->alias) spec_error(c, tptr(c, ct, "alias"), "%s", only_cross);
        if (ct->admin_group.name) spec_error(c, tptr(c, ct, "admin_group"), "%s", only_cross);
        if (ct->dynamic_group.alias) spec_error(c, tptr2(c, ct, "dynamic_group", "alias"), "%s", only_cross);
    }
    if (s->grant == EMIT_GRANT_DYNAMIC_GROUP && !ct->dynamic_group.name)
        spec_error(c, tptr(c, ct, NULL), "missing \"dynamic_group\" (required with \"grant\": \"dynamic-group\")");
    if (s->grant == EMIT_GRANT_ANY_USER && ct->dynamic_group.name)
        spec_error(c, tptr(c, ct, "dynamic_group"), "used only with \"grant\": \"dynamic-group\"");
    if (s->grant == EMIT_GRANT_DYNAMIC_GROUP && s->cross && ct->dynamic_group.name && !ct->dynamic_group.id)
        spec_error(c, tptr(c, ct, "dynamic_group"),
                   "missing \"id\" (the key's tenancy defines the dynamic group by its OCID: create it first)");
    if (ct->dynamic_group.name && ct->admin_group.name && strcasecmp(ct->dynamic_group.name, ct->admin_group.name) == 0)
        spec_error(c, tptr2(c, ct, "admin_group", "name"), "a group and a dynamic group of one tenancy cannot share the name '%s'",
                   ct->admin_group.name);
    if (s->cross) {
        /* the key tenancy's policy defines three names: they must differ */
        const char *names[3] = {emit_tenancy_alias(ct), ct->dynamic_group.name ? emit_principal_alias(&ct->dynamic_group, &s->mem) : NULL,
                                ct->admin_group.name ? emit_principal_alias(&ct->admin_group, &s->mem) : NULL};
        const char *where[3] = {"alias", "dynamic_group", "admin_group"};
        for (int i = 1; i < 3; i++)
            for (int k = 0; k < i; k++)
                if (names[i] && names[k] && strcasecmp(names[i], names[k]) == 0)
                    spec_error(c, tptr(c, ct, where[i]), "its alias '%s' in the key's tenancy is already the alias of /tenancies/%s/%s",
                               names[i], ct->key, where[k]);
    }
}

static void resolve(checker *c)
{
    emit_spec *s = c->s;
    if (s->grant_name) s->grant = strcmp(s->grant_name, "dynamic-group") == 0 ? EMIT_GRANT_DYNAMIC_GROUP : EMIT_GRANT_ANY_USER;
    s->key_tenancy = tenancy_ref(c, "/key/tenancy", s->key.tenancy);
    s->cluster_tenancy = tenancy_ref(c, "/cluster/tenancy", s->cluster.tenancy);
    s->cross = s->key_tenancy && s->cluster_tenancy && s->key_tenancy != s->cluster_tenancy;
    /* a tenancy OCID stands for the root compartment of the cluster's own tenancy only */
    const char *cid = s->cluster.compartment_id;
    if (cid && strncmp(cid, "ocid1.tenancy.", 14) == 0 && s->cluster_tenancy && s->cluster_tenancy->id &&
        strcasecmp(cid, s->cluster_tenancy->id) != 0)
        spec_error(c, "/cluster/compartment_id", "%s is another tenancy than the cluster's (/tenancies/%s/id is %s): expected a "
                   "compartment OCID or that tenancy's own", shown(c, cid), s->cluster_tenancy->key, shown(c, s->cluster_tenancy->id));
    check_regions(c);
    if (s->grant_name) check_roles(c);
}

const char *emit_tenancy_alias(const emit_tenancy *t) { return t->alias ? t->alias : t->key; }

const char *emit_principal_alias(const emit_principal *p, arena *mem)
{
    if (p->alias) return p->alias;
    size_t n = strlen(p->name);
    char *a = arena_alloc(mem, n + 7);
    memcpy(a, "Remote", 6);
    memcpy(a + 6, p->name, n);
    return a;
}

emit_spec *emit_spec_parse(const char *name, const char *text, size_t len, buf *errors)
{
    emit_spec *s = calloc(1, sizeof *s);
    if (!s) abort();
    arena_init(&s->mem);
    s->file = arena_strndup(&s->mem, name, strlen(name));
    s->text = arena_strndup(&s->mem, text, len);
    s->len = len;
    checker c = {s, errors, 0};
    json_error_t jerr;
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!root) {
        buf_printf(errors, "%s:%d:%d: invalid JSON: %s\n", name, jerr.line, jerr.column, jerr.text);
        emit_spec_free(s);
        return NULL;
    }
    /* a cloud no emitter knows: one error, not the OKE spec's missing members besides */
    const char *cloud = json_string_value(json_object_get(root, "cloud"));
    if (!json_is_object(root)) spec_error(&c, "", "expected a bundle spec (an object), found %s", type_name(root));
    else if (cloud && strcmp(cloud, "oci") != 0) {
        static const char *const all[] = {"oci", "kubernetes", "alibaba"};
        const char *near = diag_suggest(cloud, strlen(cloud), all, 3);
        spec_error(&c, "/cloud", "expected 'oci', 'kubernetes' or 'alibaba', found %s%s%s%s", shown(&c, cloud),
                   near ? " (did you mean '" : "", near ? near : "", near ? "'?)" : "");
    }
    else load_object(&c, root, "", &root_set, s);
    json_decref(root);
    if (c.nerrors == 0) resolve(&c);
    if (c.nerrors) {
        emit_spec_free(s);
        return NULL;
    }
    return s;
}

void emit_spec_free(emit_spec *s)
{
    if (!s) return;
    arena_free(&s->mem);
    free(s);
}
