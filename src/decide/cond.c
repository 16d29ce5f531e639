/* decide/cond: OCI conditions.  Values compare case-insensitively; a variable the request
 * does not carry makes its predicate false (for != and not in too); multi-valued variables
 * match when any value does (=, in) or when none does (!=, not in). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include "decide/decide.h"

/* Quoted values are literal except where the docs show a star as a wildcard: object names
 * (prod/ followed by a star) and tag values (a lone star = any value); docs/requests.md. */
static int quoted_glob_allowed(const char *var, size_t n)
{
    if (n == 18 && strncasecmp(var, "target.object.name", 18) == 0) return 1;
    for (size_t i = 0; i + 5 <= n; i++)
        if (strncasecmp(var + i, ".tag.", 5) == 0) return 1;
    return 0;
}

static char fold(char c) { return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c; }

int dec_glob(const char *p, size_t pn, const char *s, size_t sn)
{
    size_t pi = 0, si = 0, star = (size_t)-1, mark = 0;
    while (si < sn) {
        if (pi < pn && p[pi] == '*') {
            star = pi++;
            mark = si;
        } else if (pi < pn && fold(p[pi]) == fold(s[si])) {
            pi++, si++;
        } else if (star != (size_t)-1) {
            pi = star + 1;
            si = ++mark;
        } else {
            return 0;
        }
    }
    while (pi < pn && p[pi] == '*') pi++;
    return pi == pn;
}

static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

static int digits(const char *s, size_t n, size_t at, size_t count, int *out)
{
    if (at + count > n) return 0;
    int v = 0;
    for (size_t i = 0; i < count; i++) {
        if (s[at + i] < '0' || s[at + i] > '9') return 0;
        v = v * 10 + (s[at + i] - '0');
    }
    *out = v;
    return 1;
}

/* ISO 8601 as the time-based policy page writes it: 2020-04-01T15:00:00Z, 2020-04-01T05:00Z,
 * 2020-04-01Z, 2020-04-01; or a time of day 17:00:00Z / 05:00 (seconds since midnight,
 * *ok = 2). */
int64_t dec_parse_time(const char *s, size_t n, int *ok)
{
    int y, mo, d, h = 0, mi = 0, se = 0;
    *ok = 0;
    if (n >= 5 && s[2] == ':') {
        if (!digits(s, n, 0, 2, &h) || !digits(s, n, 3, 2, &mi)) return 0;
        size_t at = 5;
        if (at < n && s[at] == ':') {
            if (!digits(s, n, at + 1, 2, &se)) return 0;
            at += 3;
        }
        if (at < n && (s[at] == 'Z' || s[at] == 'z')) at++;
        if (at != n || h > 23 || mi > 59 || se > 60) return 0;
        *ok = 2;
        return h * 3600 + mi * 60 + se;
    }
    if (!digits(s, n, 0, 4, &y) || n < 10 || s[4] != '-' || !digits(s, n, 5, 2, &mo) || s[7] != '-' ||
        !digits(s, n, 8, 2, &d) || mo < 1 || mo > 12 || d < 1 || d > 31)
        return 0;
    size_t at = 10;
    if (at < n && (s[at] == 'T' || s[at] == 't')) {
        if (!digits(s, n, at + 1, 2, &h) || at + 3 >= n || s[at + 3] != ':' || !digits(s, n, at + 4, 2, &mi)) return 0;
        at += 6;
        if (at < n && s[at] == ':') {
            if (!digits(s, n, at + 1, 2, &se)) return 0;
            at += 3;
            if (at < n && s[at] == '.') {   /* fractions of a second are ignored */
                at++;
                while (at < n && s[at] >= '0' && s[at] <= '9') at++;
            }
        }
    }
    if (at < n && (s[at] == 'Z' || s[at] == 'z')) at++;
    if (at != n) return 0;
    *ok = 1;
    return days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 + mi * 60 + se;
}

static void compile_value(dec_world *dw, const oci_doc *d, const oci_value *v, dec_value *out, const char *var, size_t vn)
{
    const char *t = oci_text(d, v->tok);
    size_t n = v->tok.len;
    out->kind = v->kind;
    if (v->kind == OCI_VAL_STRING || v->kind == OCI_VAL_PATTERN) {
        t++;
        n -= 2;
    }
    out->text = arena_strndup(&dw->mem, t, n);
    out->len = (uint32_t)n;
    out->glob = v->kind == OCI_VAL_PATTERN || (v->kind == OCI_VAL_STRING && memchr(t, '*', n) && quoted_glob_allowed(var, vn));
    if (v->kind == OCI_VAL_VARIABLE) out->var = intern_get(&dw->names, t, n);
    int ok;
    int64_t tm = dec_parse_time(t, n, &ok);
    out->time = ok ? tm : INT64_MIN;
}

dec_cond *dec_cond_compile(dec_world *dw, const oci_doc *d, const oci_cond *c)
{
    dec_cond *dc = arena_alloc(&dw->mem, sizeof *dc);
    dc->kind = c->kind;
    dc->op = c->op;
    dc->src = c;
    if (c->kind != OCI_COND_PRED) {
        for (const oci_cond *k = c->u.children; k; k = k->next) dc->nkids++;
        dc->kids = arena_alloc(&dw->mem, dc->nkids * sizeof *dc->kids);
        uint32_t i = 0;
        for (const oci_cond *k = c->u.children; k; k = k->next) dc->kids[i++] = *dec_cond_compile(dw, d, k);
        return dc;
    }
    const char *var = oci_text(d, c->var);
    dc->var = intern_get(&dw->names, var, c->var.len);
    for (const oci_value *v = c->u.values; v; v = v->next) dc->nvalues++;
    dc->values = arena_alloc(&dw->mem, (dc->nvalues + 1) * sizeof *dc->values);
    uint32_t i = 0;
    for (const oci_value *v = c->u.values; v; v = v->next) compile_value(dw, d, v, &dc->values[i++], var, c->var.len);
    return dc;
}

/* The values of a variable in this request; request.permission is the one being decided. */
typedef struct vals {
    const char *const *v;
    const uint32_t *len;
    uint32_t n;
    const char *one;
    uint32_t one_len;
    int64_t time;
} vals;

static int get_var(const dec_world *dw, const dec_request *r, uint32_t var, const char *perm, vals *out)
{
    memset(out, 0, sizeof *out);
    if (var == dw->var_permission && perm) {
        out->one = perm;
        out->one_len = (uint32_t)strlen(perm);
        out->v = &out->one;
        out->len = &out->one_len;
        out->n = 1;
        return 1;
    }
    if (var >= r->nvars || r->vars[var].n == 0) return 0;
    out->v = r->vars[var].values;
    out->len = r->vars[var].lens;
    out->n = r->vars[var].n;
    out->time = r->vars[var].time;
    return 1;
}

static int value_matches(const dec_value *want, const char *s, uint32_t n)
{
    if (want->glob) return dec_glob(want->text, want->len, s, n);
    return want->len == n && strncasecmp(want->text, s, n) == 0;
}

static int any_common(const vals *a, const vals *b)
{
    for (uint32_t i = 0; i < a->n; i++)
        for (uint32_t k = 0; k < b->n; k++)
            if (a->len[i] == b->len[k] && strncasecmp(a->v[i], b->v[k], a->len[i]) == 0) return 1;
    return 0;
}

static int subset(const vals *a, const vals *b)
{
    for (uint32_t i = 0; i < a->n; i++) {
        vals one = {&a->v[i], &a->len[i], 1, NULL, 0, 0};
        if (!any_common(&one, b)) return 0;
    }
    return 1;
}

/* Does any request value match any listed value? */
static int matches_any(const dec_world *dw, const dec_request *r, const char *perm, const vals *have,
                       const dec_value *list, uint32_t nlist)
{
    for (uint32_t k = 0; k < nlist; k++) {
        if (list[k].kind == OCI_VAL_VARIABLE) {
            vals other;
            if (get_var(dw, r, list[k].var, perm, &other) && any_common(have, &other)) return 1;
            continue;
        }
        for (uint32_t i = 0; i < have->n; i++)
            if (value_matches(&list[k], have->v[i], have->len[i])) return 1;
    }
    return 0;
}

int dec_cond_eval(const dec_world *dw, const dec_cond *c, const dec_request *r, const char *perm)
{
    if (c->kind == OCI_COND_ALL) {
        for (uint32_t i = 0; i < c->nkids; i++)
            if (!dec_cond_eval(dw, &c->kids[i], r, perm)) return 0;
        return 1;
    }
    if (c->kind == OCI_COND_ANY) {
        for (uint32_t i = 0; i < c->nkids; i++)
            if (dec_cond_eval(dw, &c->kids[i], r, perm)) return 1;
        return 0;
    }
    vals have;
    if (!get_var(dw, r, c->var, perm, &have)) return 0;   /* absent: false, whatever the operator */
    const dec_value *v = c->values;
    switch (c->op) {
    case OCI_OP_EQ:
        if (v->kind == OCI_VAL_VARIABLE) {
            vals other;
            return get_var(dw, r, v->var, perm, &other) && any_common(&have, &other);
        }
        return matches_any(dw, r, perm, &have, v, 1);
    case OCI_OP_NE:
        if (v->kind == OCI_VAL_VARIABLE) {
            vals other;
            /* "true if neither side is a subset of the other" (tag-based access page) */
            return get_var(dw, r, v->var, perm, &other) && !subset(&have, &other) && !subset(&other, &have);
        }
        return !matches_any(dw, r, perm, &have, v, 1);
    case OCI_OP_IN:
    case OCI_OP_SETS_INTERSECT:
        return matches_any(dw, r, perm, &have, v, c->nvalues);
    case OCI_OP_NOT_IN:
        return !matches_any(dw, r, perm, &have, v, c->nvalues);
    case OCI_OP_BEFORE:
        return have.time != INT64_MIN && v->time != INT64_MIN && have.time < v->time;
    case OCI_OP_AFTER:
        return have.time != INT64_MIN && v->time != INT64_MIN && have.time > v->time;
    case OCI_OP_BETWEEN: {
        /* time of day; wraps past midnight ('17:00:00Z' and '01:00:00Z') */
        int ok;
        int64_t now = dec_parse_time(have.v[0], have.len[0], &ok);
        if (ok != 2 || v[0].time == INT64_MIN || v[1].time == INT64_MIN) return 0;
        int64_t lo = v[0].time, hi = v[1].time;
        return lo <= hi ? now >= lo && now <= hi : now >= lo || now <= hi;
    }
    default:
        return 0;
    }
}
