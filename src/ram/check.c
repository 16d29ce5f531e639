/* ram/check: value shapes (ram/check.h).  Hand-written scanners: no regex, no allocation. */
#include "ram/check.h"
#include <arpa/inet.h>
#include <string.h>
#include "base/diag.h"

enum { QUOTE_MAX = 80 };

void ram_quote(buf *out, const char *s, size_t len)
{
    buf_putc(out, '"');
    diag_quote(out, s, len, QUOTE_MAX);
    buf_putc(out, '"');
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_alnum(char c) { return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static int is_wild(char c) { return c == '*' || c == '?'; }

static int fail(buf *why, const char *what, const char *s, size_t len, const char *reason)
{
    buf_printf(why, "%s ", what);
    ram_quote(why, s, len);
    buf_printf(why, ": %s", reason);
    return -1;
}

int ram_check_action(const ram_dialect_info *di, const char *s, size_t len, buf *why)
{
    if (len == 1 && s[0] == '*') return 0;
    const char *colon = memchr(s, ':', len);
    if (!colon) return fail(why, "invalid action", s, len, "expected SERVICE:ACTION (e.g. \"ecs:DescribeInstances\") or \"*\"");
    size_t slen = (size_t)(colon - s), nlen = len - slen - 1;
    const char *name = colon + 1;
    if (slen == 0) return fail(why, "invalid action", s, len, "the service code is empty");
    if (nlen == 0) return fail(why, "invalid action", s, len, "the action name is empty");
    for (size_t i = 0; i < slen; i++) {
        if (is_wild(s[i]) && !di->service_wildcards)
            return fail(why, "invalid action", s, len, "the service code cannot contain wildcards");
        if (!is_alnum(s[i]) && s[i] != '-' && s[i] != '_' && !is_wild(s[i]))
            return fail(why, "invalid action", s, len, "the service code may contain only letters, digits, '-' and '_'");
    }
    for (size_t i = 0; i < nlen; i++)
        if (!is_alnum(name[i]) && name[i] != '-' && name[i] != '_' && !is_wild(name[i]))
            return fail(why, "invalid action", s, len,
                        "the action name may contain only letters, digits, '-', '_' and the wildcards '*' and '?'");
    return 0;
}

/* FIELD [A, B) of an ARN: the account may be empty, '*', or digits with wildcards
 * (documentation masks account IDs as 123456789012****). */
static int account_ok(const char *a, const char *b)
{
    for (; a < b; a++)
        if (!is_digit(*a) && !is_wild(*a)) return 0;
    return 1;
}

int ram_check_arn(const ram_dialect_info *di, const char *s, size_t len, buf *why)
{
    if (len == 1 && s[0] == '*') return 0;
    size_t plen = strlen(di->arn_prefix);
    if (len < plen || memcmp(s, di->arn_prefix, plen) != 0) {
        fail(why, "invalid ARN prefix in", s, len, "");
        buf_printf(why, "%s resource names start with \"%s\" (or are \"*\")", di->title, di->arn_prefix);
        return -1;
    }
    const char *field[8];
    unsigned n = 0;
    field[n++] = s;
    for (size_t i = 0; i < len && n < di->arn_fields; i++)
        if (s[i] == ':') field[n++] = s + i + 1;
    if (n < di->arn_fields) {
        fail(why, "missing ARN field in", s, len, "expected ");
        buf_puts(why, di->arn_shape);
        return -1;
    }
    /* acs: service is field 1; arn: has the partition in field 1 and the service in field 2. */
    unsigned svc = di->arn_fields - 4;
    const char *end = s + len;
    if (field[svc + 1] - field[svc] == 1) return fail(why, "invalid ARN", s, len, "the service field is empty");
    if (svc == 2 && field[2] - field[1] == 1) return fail(why, "invalid ARN", s, len, "the partition field is empty");
    if (!account_ok(field[svc + 2], field[svc + 3] - 1))
        return fail(why, "invalid ARN", s, len, "the account field must be digits, \"*\" or empty");
    if (field[svc + 3] == end) return fail(why, "invalid ARN", s, len, "the resource field is empty");
    return 0;
}

int ram_check_condition_key(const char *s, size_t len, buf *why)
{
    const char *colon = memchr(s, ':', len);
    size_t plen = colon ? (size_t)(colon - s) : 0;
    int ok = colon && plen > 0 && plen + 1 < len;
    for (size_t i = 0; ok && i < plen; i++)
        if (!is_alnum(s[i]) && s[i] != '-' && s[i] != '_' && s[i] != '.') ok = 0;
    if (ok) return 0;
    return fail(why, "invalid condition key format", s, len, "expected SERVICE:KEY (e.g. \"acs:SourceIp\")");
}

/* Digits [*P, *P+N): exactly N of them, into *V. */
static int digits(const char **p, const char *e, int n, int *v)
{
    *v = 0;
    for (int i = 0; i < n; i++, (*p)++) {
        if (*p >= e || !is_digit(**p)) return 0;
        *v = *v * 10 + (**p - '0');
    }
    return 1;
}

static int days_in_month(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

/* ISO 8601 as the clouds write it: a date, or a date and time with a zone (Z or +hh:mm), or
 * epoch seconds (AWS accepts those; we accept them in both dialects). */
static int is_date(const char *s, size_t len)
{
    const char *p = s, *e = s + len;
    size_t i = 0;
    while (i < len && is_digit(s[i])) i++;
    if (i == len && len > 0 && len <= 12) return 1;
    int y, mo, d, h, mi, sec = 0, zh, zm;
    if (!digits(&p, e, 4, &y) || p == e || *p++ != '-' || !digits(&p, e, 2, &mo) || p == e || *p++ != '-' ||
        !digits(&p, e, 2, &d))
        return 0;
    if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo)) return 0;
    if (p == e) return 1;
    if (*p++ != 'T' || !digits(&p, e, 2, &h) || p == e || *p++ != ':' || !digits(&p, e, 2, &mi)) return 0;
    if (p < e && *p == ':') {
        p++;
        if (!digits(&p, e, 2, &sec)) return 0;
        if (p < e && *p == '.') {
            const char *f = ++p;
            while (p < e && is_digit(*p)) p++;
            if (p == f) return 0;
        }
    }
    if (h > 23 || mi > 59 || sec > 60 || p == e) return 0;
    if (*p == 'Z') return p + 1 == e;
    if (*p != '+' && *p != '-') return 0;
    p++;
    if (!digits(&p, e, 2, &zh)) return 0;
    if (p < e && *p == ':') p++;
    if (!digits(&p, e, 2, &zm)) return 0;
    return p == e && zh <= 14 && zm <= 59;
}

static int is_number(const char *s, size_t len)
{
    size_t i = 0, d = 0;
    if (i < len && (s[i] == '+' || s[i] == '-')) i++;
    for (; i < len && is_digit(s[i]); i++) d++;
    if (i < len && s[i] == '.')
        for (i++; i < len && is_digit(s[i]); i++) d++;
    if (d == 0) return 0;
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < len && (s[i] == '+' || s[i] == '-')) i++;
        size_t x = i;
        while (i < len && is_digit(s[i])) i++;
        if (i == x) return 0;
    }
    return i == len;
}

int ram_parse_cidr(const char *s, size_t len, unsigned char addr[16], int *family, int *bits)
{
    char a[64];
    const char *slash = memchr(s, '/', len);
    size_t alen = slash ? (size_t)(slash - s) : len;
    if (alen == 0 || alen >= sizeof a) return 0;
    memcpy(a, s, alen);
    a[alen] = '\0';
    *family = memchr(a, ':', alen) ? 6 : 4;
    if (inet_pton(*family == 6 ? AF_INET6 : AF_INET, a, addr) != 1) return 0;
    *bits = *family == 6 ? 128 : 32;
    if (!slash) return 1;
    const char *p = slash + 1, *e = s + len;
    if (p == e || e - p > 3) return 0;
    int n = 0;
    for (; p < e; p++) {
        if (!is_digit(*p)) return 0;
        n = n * 10 + (*p - '0');
    }
    if (n > *bits) return 0;
    *bits = n;
    return 1;
}

static int is_ip(const char *s, size_t len)
{
    unsigned char addr[16];
    int family, bits;
    return ram_parse_cidr(s, len, addr, &family, &bits);
}

static int is_base64(const char *s, size_t len)
{
    if (len == 0 || len % 4) return 0;
    size_t pad = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == '=') pad++;
        else if (pad || !(is_alnum(c) || c == '+' || c == '/')) return 0;
    }
    return pad <= 2;
}

int ram_check_value(ram_value_kind kind, int is_string, const char *s, size_t len)
{
    switch (kind) {
    case RAM_VAL_STRING: return 1;
    case RAM_VAL_NUMBER: return is_number(s, len);
    case RAM_VAL_DATE: return is_date(s, len);
    case RAM_VAL_BOOL: return (len == 4 && memcmp(s, "true", 4) == 0) || (len == 5 && memcmp(s, "false", 5) == 0);
    case RAM_VAL_IP: return is_string && is_ip(s, len);
    case RAM_VAL_ARN: return is_string && (len == 1 ? s[0] == '*' : len > 4 && memcmp(s, "arn:", 4) == 0);
    case RAM_VAL_BASE64: return is_string && is_base64(s, len);
    }
    return 0;
}

const char *ram_value_expectation(ram_value_kind kind)
{
    static const char *const text[] = {
        "a string",
        "a number",
        "an ISO 8601 date (\"2019-08-12\" or \"2019-08-12T17:00:00+08:00\") or epoch seconds",
        "\"true\" or \"false\"",
        "an IPv4 or IPv6 address or CIDR block (\"192.0.2.0/24\")",
        "an ARN (\"arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE\")",
        "base64 text",
    };
    return text[kind];
}
