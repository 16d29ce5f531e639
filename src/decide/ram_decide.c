/* decide/ram_decide: decisions for RAM and AWS IAM JSON policies (docs/requests.md, "JSON
 * policies").  A statement applies when its Action (or NotAction), Resource (or NotResource),
 * Principal (or NotPrincipal) and every Condition block match; over all documents an
 * applicable Deny wins, else an applicable Allow allows, else the request is implicitly
 * denied.  Condition semantics are the AWS rules the reference cites, applied to both
 * dialects (RAM leaves them undocumented): blocks and keys AND, values OR; negated operators
 * NOR and are true for an absent key; IfExists is true for an absent key; ForAnyValue and
 * ForAllValues compare sets. */
#include <arpa/inet.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "base/buf.h"
#include "base/diag.h"
#include "base/jsonpos.h"
#include "decide/decide.h"
#include "iamc.h"
#include "ram/ast.h"
#include "ram/pattern.h"

struct iamc_policy_set {
    ram_doc **docs;
    size_t ndocs;
};

struct iamc_action_request {
    arena mem;
    const char *action, *resource, *principal, *service;
    uint32_t nctx;
    const char **keys;          /* context keys */
    const char ***values;       /* per key: its values */
    uint32_t *nvalues;
};

/* ---- loading -------------------------------------------------------------------------- */

static iamc_policy_set *policy_set_new(size_t n)
{
    iamc_policy_set *ps = calloc(1, sizeof *ps);
    if (!ps) abort();
    ps->docs = calloc(n ? n : 1, sizeof *ps->docs);
    if (!ps->docs) abort();
    return ps;
}

static ram_dialect dialect_of(iamc_lang lang)
{
    return lang == IAMC_LANG_RAM ? RAM_DIALECT_RAM : lang == IAMC_LANG_AWS ? RAM_DIALECT_AWS : RAM_DIALECT_AUTO;
}

/* Deciding reads line:column of the deciding statements; the line index is built here so
 * that iamc_policy_decide neither allocates nor writes, whatever thread calls it. */
static void add_doc(iamc_policy_set *ps, source *src, iamc_lang lang)
{
    ram_doc *d = ram_parse(src, dialect_of(lang));
    source_index(&d->src);
    ps->docs[ps->ndocs++] = d;
}

iamc_policy_set *iamc_policy_set_load(const char *const *paths, size_t n, iamc_lang lang, char *err, size_t errlen)
{
    iamc_policy_set *ps = policy_set_new(n);
    for (size_t i = 0; i < n; i++) {
        source src;
        if (source_load(&src, paths[i], err, errlen)) {
            iamc_policy_set_free(ps);
            return NULL;
        }
        add_doc(ps, &src, lang);
    }
    return ps;
}

iamc_policy_set *iamc_policy_set_parse(const char *const *names, const char *const *texts, const size_t *lens, size_t n,
                                       iamc_lang lang)
{
    iamc_policy_set *ps = policy_set_new(n);
    for (size_t i = 0; i < n; i++) {
        source src;
        source_init_copy(&src, names[i], texts[i], lens[i]);
        add_doc(ps, &src, lang);
    }
    return ps;
}

size_t iamc_policy_set_error_count(const iamc_policy_set *ps)
{
    size_t n = 0;
    for (size_t i = 0; i < ps->ndocs; i++) n += ps->docs[i]->diags.errors;
    return n;
}

char *iamc_policy_set_render_diagnostics(const iamc_policy_set *ps)
{
    buf out;
    buf_init(&out);
    for (size_t i = 0; i < ps->ndocs; i++)
        for (const diag *d = ps->docs[i]->diags.head; d; d = d->next) diag_render(d, &out);
    return buf_take(&out);
}

struct ram_doc *const *dec_policy_set_docs(const iamc_policy_set *ps, size_t *n)
{
    *n = ps->ndocs;
    return ps->docs;
}

void iamc_policy_set_free(iamc_policy_set *ps)
{
    if (!ps) return;
    for (size_t i = 0; i < ps->ndocs; i++) ram_doc_free(ps->docs[i]);
    free(ps->docs);
    free(ps);
}

/* ---- requests ------------------------------------------------------------------------- */

/* The members of a request (docs/requests.md): a misspelt member such as "contxt" must not
 * silently leave the conditions without their keys. */
static const char *const request_members[] = {"action", "resource", "principal", "service", "context", NULL};

/* An error about the value at POINTER: ERR is "LINE:COL: message". */
static int req_fail(const char *json, size_t len, const char *pointer, char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
static int req_fail(const char *json, size_t len, const char *pointer, char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    dec_error_at(json, len, jsonpos_find(json, len, pointer), err, errlen);
    return -1;
}

/* "/NAME" (RFC 6901 escapes) in OUT. */
static const char *member_ptr(char *out, size_t n, const char *name)
{
    size_t k = 0;
    out[k++] = '/';
    for (const char *p = name; *p && k + 3 < n; p++) {
        if (*p == '~' || *p == '/') out[k++] = '~', out[k++] = *p == '~' ? '0' : '1';
        else out[k++] = *p;
    }
    out[k] = '\0';
    return out;
}

static int req_check_members(const char *json, size_t len, json_t *root, char *err, size_t errlen)
{
    const char *name;
    json_t *v;
    json_object_foreach(root, name, v) {
        /* extra members are allowed; one close to a member iamc reads is a typo */
        const char *near;
        if (!diag_unknown_name(name, request_members, &near, NULL) || !near) continue;
        char ptr[300];
        buf shown;
        buf_init(&shown);
        diag_quote(&shown, name, strlen(name), 100);
        snprintf(err, errlen, "request: unknown member \"%s\" (did you mean \"%s\"?)", shown.data ? shown.data : "", near);
        dec_error_at(json, len, jsonpos_find_name(json, len, member_ptr(ptr, sizeof ptr, name)), err, errlen);
        buf_free(&shown);
        return -1;
    }
    return 0;
}

iamc_action_request *iamc_action_request_parse(const char *json, size_t len, char *err, size_t errlen)
{
    json_error_t jerr;
    json_t *root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!root) {
        snprintf(err, errlen, "invalid JSON: %s", jerr.text);
        dec_error_at(json, len, dec_json_error_offset(&jerr, len), err, errlen);
        return NULL;
    }
    iamc_action_request *r = calloc(1, sizeof *r);
    if (!r) abort();
    arena_init(&r->mem);
    int bad = 0;
    static const char *const members[] = {"action", "resource", "principal", "service"};
    const char **slots[] = {&r->action, &r->resource, &r->principal, &r->service};
    if (!json_is_object(root)) bad = req_fail(json, len, "", err, errlen, "a request is a JSON object");
    if (!bad) bad = req_check_members(json, len, root, err, errlen);
    for (size_t i = 0; !bad && i < 4; i++) {
        json_t *v = json_object_get(root, members[i]);
        char ptr[32];
        if (v && !json_is_null(v) && !json_is_string(v)) {
            snprintf(ptr, sizeof ptr, "/%s", members[i]);
            bad = req_fail(json, len, ptr, err, errlen, "\"%s\" must be a string", members[i]);
        } else if (v && json_is_string(v)) {
            *slots[i] = arena_strndup(&r->mem, json_string_value(v), json_string_length(v));
        }
    }
    if (!bad && !r->action) bad = req_fail(json, len, "", err, errlen, "a request needs \"action\", such as \"kms:Decrypt\"");
    json_t *ctx = bad ? NULL : json_object_get(root, "context");
    if (ctx && !json_is_object(ctx))
        bad = req_fail(json, len, "/context", err, errlen, "\"context\" must be an object of condition keys");
    if (!bad && ctx) {
        size_t n = json_object_size(ctx), i = 0;
        r->keys = arena_alloc(&r->mem, (n + 1) * sizeof *r->keys);
        r->values = arena_alloc(&r->mem, (n + 1) * sizeof *r->values);
        r->nvalues = arena_alloc(&r->mem, (n + 1) * sizeof *r->nvalues);
        const char *key;
        json_t *v;
        json_object_foreach(ctx, key, v) {
            size_t nv = json_is_array(v) ? json_array_size(v) : 1;
            r->keys[i] = arena_strndup(&r->mem, key, strlen(key));
            r->values[i] = arena_alloc(&r->mem, (nv + 1) * sizeof **r->values);
            for (size_t k = 0; k < nv && !bad; k++) {
                json_t *e = json_is_array(v) ? json_array_get(v, k) : v;
                char num[64];
                const char *s = NULL;
                if (json_is_string(e)) s = json_string_value(e);
                else if (json_is_true(e)) s = "true";
                else if (json_is_false(e)) s = "false";
                else if (json_is_integer(e)) snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(e)), s = num;
                else if (json_is_real(e)) snprintf(num, sizeof num, "%.17g", json_real_value(e)), s = num;
                if (!s) {
                    char ptr[300], eptr[360];
                    member_ptr(ptr, sizeof ptr, key);
                    if (json_is_array(v)) snprintf(eptr, sizeof eptr, "/context%s/%zu", ptr, k);
                    else snprintf(eptr, sizeof eptr, "/context%s", ptr);
                    bad = req_fail(json, len, eptr, err, errlen,
                                   "context: \"%s\" must be a string, number, boolean or an array of them", key);
                    break;
                }
                r->values[i][r->nvalues[i]++] = arena_strndup(&r->mem, s, strlen(s));
            }
            i++;
        }
        r->nctx = (uint32_t)i;
    }
    json_decref(root);
    if (bad) {
        iamc_action_request_free(r);
        return NULL;
    }
    return r;
}

void iamc_action_request_free(iamc_action_request *r)
{
    if (!r) return;
    arena_free(&r->mem);
    free(r);
}

/* ---- matching ------------------------------------------------------------------------- */

static int glob(const char *p, const char *s, int fold) { return ram_glob(p, s, fold); }

static int list_matches(const ram_list *l, const char *value, int fold)
{
    for (uint32_t i = 0; i < l->n; i++)
        if (glob(l->items[i].text, value, fold)) return 1;
    return 0;
}

/* A principal value: an account root ("acs:ram::UID:root", "arn:aws:iam::ACCT:root") stands
 * for every user and role of that account. */
static int principal_value_matches(const char *want, const char *have)
{
    size_t n = strlen(want);
    if (n > 5 && strcmp(want + n - 5, ":root") == 0 && strncmp(have, want, n - 4) == 0) return 1;
    if (strspn(want, "0123456789") == n && n) {   /* a bare account id: the account's root */
        char ram[64], aws[64];
        snprintf(ram, sizeof ram, "acs:ram::%s:", want);
        snprintf(aws, sizeof aws, "arn:aws:iam::%s:", want);
        return strncmp(have, ram, strlen(ram)) == 0 || strncmp(have, aws, strlen(aws)) == 0;
    }
    return glob(want, have, 0);
}

static int principal_matches(const ram_principal *p, const iamc_action_request *r)
{
    if (p->wildcard) return 1;
    for (uint32_t i = 0; i < p->n; i++) {
        const ram_principal_entry *e = &p->entries[i];
        /* a Service entry names services only; the other kinds name users, roles, accounts */
        const char *have = e->kind == RAM_PRINCIPAL_SERVICE ? r->service : r->principal;
        if (!have) continue;
        for (uint32_t k = 0; k < e->ids.n; k++)
            if (strcmp(e->ids.items[k].text, "*") == 0 || principal_value_matches(e->ids.items[k].text, have)) return 1;
    }
    return 0;
}

static int context_values(const iamc_action_request *r, const char *key, const char *const **vals)
{
    for (uint32_t i = 0; i < r->nctx; i++)
        if (strcasecmp(r->keys[i], key) == 0) {
            *vals = r->values[i];
            return (int)r->nvalues[i];
        }
    return -1;
}

/* A decimal number as JSON writes it: no hex, no inf/nan, no blanks (strtod takes those). */
static int parse_number(const char *s, double *out)
{
    const char *p = s;
    if (*p == '-' || *p == '+') p++;
    if (!(*p >= '0' && *p <= '9')) return 0;
    while (*p >= '0' && *p <= '9') p++;
    if (*p == '.') {
        p++;
        if (!(*p >= '0' && *p <= '9')) return 0;
        while (*p >= '0' && *p <= '9') p++;
    }
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '-' || *p == '+') p++;
        if (!(*p >= '0' && *p <= '9')) return 0;
        while (*p >= '0' && *p <= '9') p++;
    }
    if (*p) return 0;
    *out = strtod(s, NULL);
    return 1;
}

/* ARN patterns match field by field: a '*' never crosses a ':' between the first fields
 * (AWS: "each of the six colon-delimited components is checked separately"). */
static int arn_like(const char *pat, const char *arn)
{
    int fields = strncmp(arn, "acs:", 4) == 0 ? 5 : 6;
    for (int f = 0; f < fields - 1; f++) {
        const char *pc = strchr(pat, ':'), *ac = strchr(arn, ':');
        if (!pc || !ac) return 0;
        char pbuf[256], abuf[256];
        snprintf(pbuf, sizeof pbuf, "%.*s", (int)(pc - pat), pat);
        snprintf(abuf, sizeof abuf, "%.*s", (int)(ac - arn), arn);
        if (!glob(pbuf, abuf, 0)) return 0;
        pat = pc + 1;
        arn = ac + 1;
    }
    return glob(pat, arn, 0);
}

/* ISO 8601 with a zone offset or Z, or epoch seconds, as seconds since the epoch. */
static int parse_date(const char *s, double *out)
{
    if (parse_number(s, out)) return 1;   /* epoch seconds */
    int ok;
    size_t n = strlen(s), base = n;
    long off = 0;
    /* split a trailing +hh:mm / -hh:mm / +hhmm offset */
    size_t z = 0;
    if (n > 6 && (s[n - 6] == '+' || s[n - 6] == '-') && s[n - 3] == ':') z = 6;
    else if (n > 5 && (s[n - 5] == '+' || s[n - 5] == '-') && strspn(s + n - 4, "0123456789") == 4) z = 5;
    if (z) {
        const char *o = s + n - z + 1;
        off = (long)((o[0] - '0') * 10 + (o[1] - '0')) * 3600 + ((o[z == 6 ? 3 : 2] - '0') * 10 + (o[z == 6 ? 4 : 3] - '0')) * 60;
        if (s[n - z] == '-') off = -off;
        base = n - z;
    }
    int64_t t = dec_parse_time(s, base, &ok);
    if (ok != 1) return 0;
    *out = (double)(t - off);
    return 1;
}

static int parse_ip(const char *s, unsigned char addr[16], int *family)
{
    if (inet_pton(AF_INET, s, addr) == 1) return *family = 4, 1;
    if (inet_pton(AF_INET6, s, addr) == 1) return *family = 6, 1;
    return 0;
}

static int ip_in(const char *cidr, const char *ip)
{
    char net[64];
    snprintf(net, sizeof net, "%s", cidr);
    char *slash = strchr(net, '/');
    int bits = -1;
    if (slash) *slash = '\0', bits = atoi(slash + 1);
    unsigned char a[16], b[16];
    int fa, fb;
    if (!parse_ip(net, a, &fa) || !parse_ip(ip, b, &fb) || fa != fb) return 0;
    int total = fa == 4 ? 32 : 128;
    if (bits < 0 || bits > total) bits = total;
    for (int i = 0; i < bits; i++)
        if (((a[i / 8] >> (7 - i % 8)) & 1) != ((b[i / 8] >> (7 - i % 8)) & 1)) return 0;
    return 1;
}

typedef enum { CMP_EQ, CMP_EQ_FOLD, CMP_LIKE, CMP_LT, CMP_LE, CMP_GT, CMP_GE } cmp_kind;

/* How each operator compares one request value with one policy value (negation is applied
 * by the caller, from the operator table). */
static const struct { const char *name; uint8_t cmp; } comparators[] = {
    {"StringEquals", CMP_EQ}, {"StringNotEquals", CMP_EQ}, {"StringEqualsIgnoreCase", CMP_EQ_FOLD},
    {"StringNotEqualsIgnoreCase", CMP_EQ_FOLD}, {"StringLike", CMP_LIKE}, {"StringNotLike", CMP_LIKE},
    {"NumericEquals", CMP_EQ}, {"NumericNotEquals", CMP_EQ}, {"NumericLessThan", CMP_LT},
    {"NumericLessThanEquals", CMP_LE}, {"NumericGreaterThan", CMP_GT}, {"NumericGreaterThanEquals", CMP_GE},
    {"DateEquals", CMP_EQ}, {"DateNotEquals", CMP_EQ}, {"DateLessThan", CMP_LT}, {"DateLessThanEquals", CMP_LE},
    {"DateGreaterThan", CMP_GT}, {"DateGreaterThanEquals", CMP_GE}, {"Bool", CMP_EQ_FOLD},
    {"IpAddress", CMP_EQ}, {"NotIpAddress", CMP_EQ}, {"ArnEquals", CMP_LIKE}, {"ArnLike", CMP_LIKE},
    {"ArnNotEquals", CMP_LIKE}, {"ArnNotLike", CMP_LIKE}, {"BinaryEquals", CMP_EQ},
};

static int comparator(const ram_operator *op)
{
    for (size_t i = 0; i < sizeof comparators / sizeof *comparators; i++)
        if (strcmp(comparators[i].name, op->name) == 0) return comparators[i].cmp;
    return CMP_EQ;
}

static int order(int cmp, double a, double b)
{
    switch (cmp) {
    case CMP_LT: return a < b;
    case CMP_LE: return a <= b;
    case CMP_GT: return a > b;
    case CMP_GE: return a >= b;
    default: return a == b;
    }
}

/* The positive comparison of request value HAVE with policy value WANT. */
static int compare(const ram_operator *op, int cmp, const char *have, const char *want)
{
    double a, b;
    switch (op->family) {
    case RAM_FAM_NUMERIC: return parse_number(have, &a) && parse_number(want, &b) && order(cmp, a, b);
    case RAM_FAM_DATE: return parse_date(have, &a) && parse_date(want, &b) && order(cmp, a, b);
    case RAM_FAM_IP: return ip_in(want, have);
    case RAM_FAM_BOOL: return strcasecmp(have, want) == 0;
    case RAM_FAM_ARN: return arn_like(want, have);
    default:
        if (cmp == CMP_LIKE) return glob(want, have, 0);
        if (cmp == CMP_EQ_FOLD) return strcasecmp(have, want) == 0;
        return strcmp(have, want) == 0;
    }
}

static int any_policy_value(const ram_operator *op, int cmp, const char *have, const ram_list *want)
{
    for (uint32_t i = 0; i < want->n; i++)
        if (compare(op, cmp, have, want->items[i].text)) return 1;
    return 0;
}

/* One key of one operator block. */
static int key_holds(const ram_cond *c, const ram_cond_key *k, const iamc_action_request *r)
{
    const char *const *have;
    int n = context_values(r, k->key.text, &have);
    const ram_operator *op = c->op;
    if (!op) return 0;
    if (op->family == RAM_FAM_NULL) {
        /* "Null": "true" means the key must be absent */
        int want_absent = k->values.n && strcasecmp(k->values.items[0].text, "true") == 0;
        return want_absent == (n <= 0);
    }
    if (n <= 0) {
        if (c->if_exists) return 1;
        if (c->set == RAM_SET_ALL) return 1;
        if (c->set == RAM_SET_ANY) return 0;
        return op->negated;
    }
    int cmp = comparator(op);
    if (c->set == RAM_SET_ALL) {
        for (int i = 0; i < n; i++)
            if (any_policy_value(op, cmp, have[i], &k->values) == op->negated) return 0;
        return 1;
    }
    if (c->set == RAM_SET_ANY) {
        for (int i = 0; i < n; i++)
            if (any_policy_value(op, cmp, have[i], &k->values) != op->negated) return 1;
        return 0;
    }
    int hit = 0;
    for (int i = 0; i < n && !hit; i++) hit = any_policy_value(op, cmp, have[i], &k->values);
    return op->negated ? !hit : hit;
}

enum { RS_ACTION, RS_RESOURCE, RS_PRINCIPAL, RS_CONDITION, RS_OK };
static const char *const rs_names[] = {"action", "resource", "principal", "condition", "none"};

/* How far a statement gets; FAIL_COND and FAIL_KEY receive the false condition. */
static int stmt_stage(const ram_stmt *s, const iamc_action_request *r, const ram_cond **fail_cond,
                      const ram_cond_key **fail_key)
{
    if (!s->action || list_matches(s->action, r->action, 1) == s->not_action) return RS_ACTION;
    if (s->resource) {
        int m = r->resource ? list_matches(s->resource, r->resource, 0) : (s->resource->n == 1 && !strcmp(s->resource->items[0].text, "*"));
        if (m == s->not_resource) return RS_RESOURCE;
    }
    if (s->principal) {
        if (!r->principal && !r->service) return RS_PRINCIPAL;
        if (principal_matches(s->principal, r) == s->not_principal) return RS_PRINCIPAL;
    }
    for (uint32_t i = 0; i < s->ncond; i++)
        for (uint32_t k = 0; k < s->conds[i].n; k++)
            if (!key_holds(&s->conds[i], &s->conds[i].keys[k], r)) {
                if (fail_cond) *fail_cond = &s->conds[i];
                if (fail_key) *fail_key = &s->conds[i].keys[k];
                return RS_CONDITION;
            }
    return RS_OK;
}

static void stmt_ref(ram_doc *d, const ram_stmt *s, const char *action, iamc_statement_ref *out)
{
    uint32_t line, col;
    source_position(&d->src, s->span.off, &line, &col);
    out->file = d->src.name;
    out->line = line;
    out->col = col;
    out->text = d->src.text + s->span.off;
    out->text_len = s->span.len;
    out->permission = action;
}

int iamc_policy_decide(const iamc_policy_set *ps, const iamc_action_request *r, iamc_decision *out)
{
    memset(out, 0, sizeof *out);
    iamc_statement_ref allow = {0};
    int allowed = 0;
    for (size_t i = 0; i < ps->ndocs; i++) {
        ram_doc *d = ps->docs[i];
        for (uint32_t k = 0; k < d->nstmts; k++) {
            const ram_stmt *s = &d->stmts[k];
            if (stmt_stage(s, r, NULL, NULL) != RS_OK) continue;
            if (s->effect == RAM_DENY) {   /* an explicit Deny overrides any Allow */
                stmt_ref(d, s, r->action, &out->statements[0]);
                out->nstatements = out->nstatements_total = 1;
                out->reason = IAMC_REASON_EXPLICIT_DENY;
                out->permission = r->action;
                return out->allowed = 0;
            }
            if (!allowed) stmt_ref(d, s, r->action, &allow), allowed = 1;
        }
    }
    if (!allowed) {
        out->reason = IAMC_REASON_IMPLICIT_DENY;
        out->permission = r->action;
        return out->allowed = 0;
    }
    out->statements[0] = allow;
    out->nstatements = out->nstatements_total = 1;
    out->reason = IAMC_REASON_ALLOWED;
    return out->allowed = 1;
}

static json_t *ref_json(const iamc_statement_ref *s)
{
    return json_pack("{s:s,s:I,s:I,s:s%}", "file", s->file, "line", (json_int_t)s->line, "col", (json_int_t)s->col,
                     "text", s->text, s->text_len);
}

static void describe_condition(buf *b, const ram_cond *c, const ram_cond_key *k, const iamc_action_request *r)
{
    buf_printf(b, "%s %s [", c->name.text, k->key.text);
    for (uint32_t i = 0; i < k->values.n; i++) buf_printf(b, "%s\"%s\"", i ? ", " : "", k->values.items[i].text);
    buf_puts(b, "] is false: the request has ");
    const char *const *have;
    int n = context_values(r, k->key.text, &have);
    if (n <= 0) {
        buf_printf(b, "no %s", k->key.text);
        return;
    }
    for (int i = 0; i < n; i++) buf_printf(b, "%s\"%s\"", i ? ", " : "", have[i]);
}

char *iamc_policy_explain(const iamc_policy_set *ps, const iamc_action_request *r)
{
    iamc_decision d;
    iamc_policy_decide(ps, r, &d);
    json_t *o = json_pack("{s:s,s:s}", "decision", d.allowed ? "allow" : "deny", "reason", iamc_reason_name(d.reason));
    json_t *stmts = json_array();
    for (size_t i = 0; i < d.nstatements; i++) json_array_append_new(stmts, ref_json(&d.statements[i]));
    json_object_set_new(o, "statements", stmts);
    if (d.reason == IAMC_REASON_IMPLICIT_DENY) {
        /* the Allow statements that got furthest, three at most */
        json_t *near = json_array();
        for (int want = RS_CONDITION; want > RS_ACTION && json_array_size(near) < 3; want--)
            for (size_t i = 0; i < ps->ndocs && json_array_size(near) < 3; i++)
                for (uint32_t k = 0; k < ps->docs[i]->nstmts && json_array_size(near) < 3; k++) {
                    const ram_stmt *s = &ps->docs[i]->stmts[k];
                    const ram_cond *fc = NULL;
                    const ram_cond_key *fk = NULL;
                    if (s->effect != RAM_ALLOW || stmt_stage(s, r, &fc, &fk) != want) continue;
                    iamc_statement_ref ref;
                    stmt_ref(ps->docs[i], s, r->action, &ref);
                    json_t *m = ref_json(&ref);
                    json_object_set_new(m, "failed", json_string(rs_names[want]));
                    buf b;
                    buf_init(&b);
                    if (want == RS_CONDITION) describe_condition(&b, fc, fk, r);
                    else if (want == RS_RESOURCE) buf_printf(&b, "the resource '%s' is not listed", r->resource ? r->resource : "(none)");
                    else buf_puts(&b, "the request's principal is not the statement's");
                    json_object_set_new(m, "detail", json_string(b.data ? b.data : ""));
                    buf_free(&b);
                    json_array_append_new(near, m);
                }
        json_object_set_new(o, "near_misses", near);
    }
    char *s = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(o);
    return s;
}
