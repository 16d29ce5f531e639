/* k8s/value: the value syntaxes the API server accepts, as Go's standard library defines
 * them: base64.StdEncoding (padded, CR/LF ignored), time.ParseDuration and url.Parse; the
 * form of a resource name (what a resource or API group can be called at all); and the
 * values a kms provider can have. */
#include <stdio.h>
#include <string.h>
#include "k8s/config.h"

static int b64_value(unsigned char c)
{
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

long k8s_base64_decode(const char *s, size_t n, unsigned char *out)
{
    int quad[4];
    size_t q = 0, len = 0, pad = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\r' || c == '\n') continue;
        if (pad) {
            /* after padding only more padding may follow, to complete the quantum */
            if (c != '=' || q == 0) return -1;
            quad[q++] = 0;
            pad++;
        } else if (c == '=') {
            if (q < 2) return -1;
            quad[q++] = 0;
            pad = 1;
        } else {
            int v = b64_value(c);
            if (v < 0) return -1;
            quad[q++] = v;
        }
        if (q == 4) {
            unsigned long bits = ((unsigned long)quad[0] << 18) | ((unsigned long)quad[1] << 12) |
                                 ((unsigned long)quad[2] << 6) | (unsigned long)quad[3];
            size_t nbytes = pad ? 3 - pad : 3;
            for (size_t k = 0; k < nbytes; k++)
                if (out) out[len + k] = (unsigned char)(bits >> (16 - 8 * k));
            len += nbytes;
            q = 0;
            if (pad) {
                /* the quantum is complete: anything after it is an error */
                for (size_t j = i + 1; j < n; j++)
                    if (s[j] != '\r' && s[j] != '\n') return -1;
                return (long)len;
            }
        }
    }
    return q == 0 ? (long)len : -1;
}

void k8s_base64_encode(const unsigned char *in, size_t n, buf *out)
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (size_t i = 0; i < n; i += 3) {
        unsigned long bits = (unsigned long)in[i] << 16;
        if (i + 1 < n) bits |= (unsigned long)in[i + 1] << 8;
        if (i + 2 < n) bits |= in[i + 2];
        buf_putc(out, alphabet[(bits >> 18) & 63]);
        buf_putc(out, alphabet[(bits >> 12) & 63]);
        buf_putc(out, i + 1 < n ? alphabet[(bits >> 6) & 63] : '=');
        buf_putc(out, i + 2 < n ? alphabet[bits & 63] : '=');
    }
}

/* time.ParseDuration: [-+]?([0-9]*(\.[0-9]*)?[a-z]+)+, or "0". */
int k8s_parse_duration(const char *s, int64_t *ns)
{
    static const struct { const char *unit; int64_t ns; } units[] = {
        {"ns", 1}, {"us", 1000}, {"\xC2\xB5s", 1000}, {"\xCE\xBCs", 1000}, {"ms", 1000000},
        {"s", 1000000000LL}, {"m", 60LL * 1000000000LL}, {"h", 3600LL * 1000000000LL},
    };
    int neg = 0;
    if (*s == '-' || *s == '+') neg = *s++ == '-';
    if (strcmp(s, "0") == 0) {
        *ns = 0;
        return 0;
    }
    if (!*s) return -1;
    /* unsigned accumulation, as Go does, with its overflow limit 1<<63 */
    unsigned long long total = 0;
    while (*s) {
        unsigned long long whole = 0;
        int digits = 0;
        while (*s >= '0' && *s <= '9') {
            if (whole > (1ULL << 63) / 10) return -1;
            whole = whole * 10 + (unsigned long long)(*s++ - '0');
            if (whole > 1ULL << 63) return -1;
            digits++;
        }
        double frac = 0, scale = 1;
        int fdigits = 0;
        if (*s == '.') {
            s++;
            while (*s >= '0' && *s <= '9') {
                scale /= 10;
                frac += (*s++ - '0') * scale;
                fdigits++;
            }
        }
        if (!digits && !fdigits) return -1;
        size_t best = 0, best_len = 0;
        for (size_t i = 0; i < sizeof units / sizeof *units; i++) {
            size_t n = strlen(units[i].unit);
            if (strncmp(s, units[i].unit, n) == 0 && n > best_len) {
                best = i;
                best_len = n;
            }
        }
        const char *u = s;
        while (*u && (*u < '0' || *u > '9') && *u != '.') u++;
        if (best_len == 0 || (size_t)(u - s) != best_len) return -1;   /* unknown or missing unit */
        s = u;
        unsigned long long unit = (unsigned long long)units[best].ns;
        if (whole > (1ULL << 63) / unit) return -1;
        unsigned long long v = whole * unit + (unsigned long long)(frac * (double)unit);
        total += v;
        if (total > 1ULL << 63) return -1;
    }
    if (!neg && total > (unsigned long long)INT64_MAX) return -1;
    *ns = neg ? (int64_t)(0 - total) : (int64_t)total;
    return 0;
}

/* A DNS-1123 label of N bytes: [a-z0-9]([-a-z0-9]*[a-z0-9])?, at most 63. */
static int dns_label(const char *s, size_t n)
{
    if (n == 0 || n > 63 || s[0] == '-' || s[n - 1] == '-') return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-')) return 0;
    return 1;
}

/* A DNS-1123 subdomain: labels joined by dots, at most 253 bytes. */
static int dns_subdomain(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 253) return 0;
    for (const char *p = s;;) {
        const char *dot = strchr(p, '.');
        size_t len = dot ? (size_t)(dot - p) : strlen(p);
        if (!dns_label(p, len)) return 0;
        if (!dot) return 1;
        p = dot + 1;
    }
}

/* RESOURCE[.GROUP] as schema.ParseGroupResource splits it (at the first dot): RESOURCE a
 * plural name (a DNS label) or '*'; GROUP absent, empty (the core group), '*', or a DNS
 * subdomain.  '*' alone and 'x.*' are well formed here: K8S031 and K8S035 refuse them. */
int k8s_resource_name_ok(const char *r)
{
    const char *dot = strchr(r, '.');
    size_t rlen = dot ? (size_t)(dot - r) : strlen(r);
    int star = rlen == 1 && r[0] == '*';
    if (!star && !dns_label(r, rlen)) return 0;
    if (!dot) return 1;
    const char *group = dot + 1;
    return *group == '\0' || strcmp(group, "*") == 0 || dns_subdomain(group);
}

const char *k8s_endpoint_parse(const char *ep, char *scheme, size_t n, char *msg, size_t msglen)
{
    scheme[0] = '\0';
    for (const unsigned char *p = (const unsigned char *)ep; *p; p++)
        if (*p < 0x20 || *p == 0x7f) return "net/url: invalid control character in URL";
    if (*ep == ':') return "missing protocol scheme";
    for (const char *p = ep; *p; p++)
        if (*p == '%') {
            const char *hex = "0123456789abcdefABCDEF";
            if (!p[1] || !p[2] || !strchr(hex, p[1]) || !strchr(hex, p[2])) {
                snprintf(msg, msglen, "invalid URL escape \"%.3s\"", p);
                return msg;
            }
        }
    /* getScheme: a letter, then letters, digits, '+', '-', '.', up to ':' */
    size_t i = 0;
    if ((ep[0] >= 'a' && ep[0] <= 'z') || (ep[0] >= 'A' && ep[0] <= 'Z')) {
        while (ep[i] && ((ep[i] >= 'a' && ep[i] <= 'z') || (ep[i] >= 'A' && ep[i] <= 'Z') ||
                         (ep[i] >= '0' && ep[i] <= '9') || ep[i] == '+' || ep[i] == '-' || ep[i] == '.'))
            i++;
        if (ep[i] == ':' && i < n) {
            for (size_t k = 0; k < i; k++) scheme[k] = (char)(ep[k] >= 'A' && ep[k] <= 'Z' ? ep[k] + 32 : ep[k]);
            scheme[i] = '\0';
        }
    }
    return NULL;
}

const char *k8s_kms_name_problem(const char *name)
{
    if (!*name) return "is empty: name is a mandatory field for a provider (K8S021)";
    if (strchr(name, ':')) return "has a ':': a kms v2 provider name must not contain ':' (K8S022)";
    return NULL;
}

const char *k8s_kms_endpoint_problem(const char *ep, char *msg, size_t n)
{
    if (!*ep) return "is empty: endpoint is a mandatory field for a kms provider (K8S024)";
    char scheme[64], why[64];
    const char *err = k8s_endpoint_parse(ep, scheme, sizeof scheme, why, sizeof why);
    if (err) snprintf(msg, n, "is not a URL (%s): a unix socket URL such as unix:///var/run/kmsplugin/socket.sock (K8S025)", err);
    else if (strcmp(scheme, "unix") != 0)
        snprintf(msg, n, "is not a unix socket URL such as unix:///var/run/kmsplugin/socket.sock: only unix is "
                 "supported (K8S025)");
    else return NULL;
    return msg;
}

const char *k8s_kms_timeout_problem(const char *text)
{
    int64_t ns;
    if (k8s_parse_duration(text, &ns) != 0) return "is not a duration such as 3s";
    if (ns <= 0) return "is not positive: timeout should be a positive value (K8S028)";
    return NULL;
}
