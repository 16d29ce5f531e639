/* jsonpos: a scanner that skips what it does not need; the text was already parsed, so it
 * only has to be right on valid JSON (and merely stop on anything else). */
#include "jsonpos.h"
#include <string.h>

typedef struct scan {
    const char *s;
    size_t i, n;
} scan;

static void ws(scan *c)
{
    while (c->i < c->n && (c->s[c->i] == ' ' || c->s[c->i] == '\t' || c->s[c->i] == '\n' || c->s[c->i] == '\r')) c->i++;
}

/* Skip a string at c->i (on its opening quote). */
static void skip_string(scan *c)
{
    for (c->i++; c->i < c->n && c->s[c->i] != '"'; c->i++)
        if (c->s[c->i] == '\\') c->i++;
    c->i++;
}

static void skip_value(scan *c)
{
    int depth = 0;
    do {
        ws(c);
        if (c->i >= c->n) return;
        char ch = c->s[c->i];
        if (ch == '"') skip_string(c);
        else if (ch == '{' || ch == '[') depth++, c->i++;
        else if (ch == '}' || ch == ']') depth--, c->i++;
        else if (ch == ',' || ch == ':') c->i++;
        else while (c->i < c->n && !strchr(",}] \t\r\n", c->s[c->i])) c->i++;
        if (depth > 0) ws(c);
    } while (depth > 0 && c->i < c->n);
}

/* Does the string at c->i equal the pointer token TOK (~0 ~1 decoded)?  Keys with escapes
 * other than \" and \\ compare unequal: member names in specs are plain words. */
static int key_is(scan *c, const char *tok, size_t toklen)
{
    size_t j = c->i + 1, k = 0;
    while (j < c->n && c->s[j] != '"') {
        char ch = c->s[j++];
        if (ch == '\\') ch = c->s[j++];
        char want;
        if (k >= toklen) return 0;
        if (tok[k] == '~' && k + 1 < toklen) want = tok[k + 1] == '0' ? '~' : '/', k += 2;
        else want = tok[k++];
        if (ch != want) return 0;
    }
    return k == toklen;
}

static size_t find(const char *text, size_t len, const char *pointer, int want_name)
{
    scan c = {text, 0, len};
    ws(&c);
    const char *p = pointer;
    while (*p == '/' && c.i < c.n) {
        const char *tok = p + 1;
        const char *end = strchr(tok, '/');
        size_t toklen = end ? (size_t)(end - tok) : strlen(tok);
        size_t here = c.i, found = 0, name_at = 0;
        if (text[c.i] == '{') {
            for (c.i++, ws(&c); c.i < c.n && text[c.i] == '"';) {
                int match = key_is(&c, tok, toklen);
                name_at = c.i;
                skip_string(&c);
                ws(&c);
                c.i++;  /* ':' */
                ws(&c);
                if (match) { found = 1; break; }
                skip_value(&c);
                ws(&c);
                if (c.i < c.n && text[c.i] == ',') c.i++, ws(&c);
            }
        } else if (text[c.i] == '[') {
            size_t index = 0;
            for (size_t k = 0; k < toklen; k++) index = index * 10 + (size_t)(tok[k] - '0');
            c.i++;
            ws(&c);
            for (size_t k = 0; k < index && c.i < c.n && text[c.i] != ']'; k++) {
                skip_value(&c);
                ws(&c);
                if (c.i < c.n && text[c.i] == ',') c.i++, ws(&c);
            }
            found = c.i < c.n && text[c.i] != ']';
        }
        if (!found) return here;
        p = tok + toklen;
        if (!*p && want_name && name_at) return name_at;
    }
    return c.i < c.n ? c.i : len;
}

size_t jsonpos_find(const char *text, size_t len, const char *pointer) { return find(text, len, pointer, 0); }
size_t jsonpos_find_name(const char *text, size_t len, const char *pointer) { return find(text, len, pointer, 1); }
