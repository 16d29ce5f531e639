/* ram/pointer: the source scan behind every span of a JSON policy (ram/pointer.h). */
#include "ram/pointer.h"
#include <stdlib.h>
#include <string.h>
#include "base/buf.h"

/* jansson refuses nesting deeper than 2048; the scan only sees text jansson accepted. */
enum { MAX_DEPTH = 4096 };

typedef struct scan {
    const char *s, *p, *e;
    ram_jindex *ix;
    int depth;
} scan;

static void skip_ws(scan *sc)
{
    while (sc->p < sc->e && (*sc->p == ' ' || *sc->p == '\t' || *sc->p == '\n' || *sc->p == '\r')) sc->p++;
}

static int scan_string(scan *sc)
{
    if (sc->p >= sc->e || *sc->p != '"') return -1;
    for (sc->p++; sc->p < sc->e; sc->p++) {
        if (*sc->p == '\\') sc->p++;
        else if (*sc->p == '"') {
            sc->p++;
            return 0;
        }
    }
    return -1;
}

static uint32_t add_node(scan *sc, uint32_t key, uint32_t key_end)
{
    ram_jindex *ix = sc->ix;
    if (ix->n == ix->cap) {
        uint32_t cap = ix->cap ? ix->cap * 2 : 64;
        ram_jnode *nodes = realloc(ix->nodes, cap * sizeof *nodes);
        if (!nodes) abort();
        ix->nodes = nodes;
        ix->cap = cap;
    }
    ram_jnode *n = &ix->nodes[ix->n];
    n->off = (uint32_t)(sc->p - sc->s);
    n->key = key;
    n->key_end = key_end;
    return ix->n++;
}

static int scan_value(scan *sc, uint32_t key, uint32_t key_end);

static int scan_members(scan *sc, char close)
{
    skip_ws(sc);
    if (sc->p < sc->e && *sc->p == close) return 0;
    for (;;) {
        uint32_t key = RAM_JNONE, key_end = RAM_JNONE;
        skip_ws(sc);
        if (close == '}') {
            key = (uint32_t)(sc->p - sc->s);
            if (scan_string(sc)) return -1;
            key_end = (uint32_t)(sc->p - sc->s);
            skip_ws(sc);
            if (sc->p >= sc->e || *sc->p++ != ':') return -1;
            skip_ws(sc);
        }
        if (scan_value(sc, key, key_end)) return -1;
        skip_ws(sc);
        if (sc->p < sc->e && *sc->p == ',') {
            sc->p++;
            continue;
        }
        return sc->p < sc->e && *sc->p == close ? 0 : -1;
    }
}

static int scan_value(scan *sc, uint32_t key, uint32_t key_end)
{
    if (sc->p >= sc->e) return -1;
    uint32_t at = add_node(sc, key, key_end);
    char c = *sc->p;
    if (c == '{' || c == '[') {
        if (++sc->depth > MAX_DEPTH) return -1;
        sc->p++;
        if (scan_members(sc, c == '{' ? '}' : ']')) return -1;
        sc->p++;
        sc->depth--;
    } else if (c == '"') {
        if (scan_string(sc)) return -1;
    } else {
        const char *start = sc->p;
        while (sc->p < sc->e && !strchr(",]} \t\r\n", *sc->p)) sc->p++;
        if (sc->p == start) return -1;
    }
    ram_jnode *n = &sc->ix->nodes[at];
    n->end = (uint32_t)(sc->p - sc->s);
    n->size = sc->ix->n - at;
    return 0;
}

int ram_jindex_build(ram_jindex *ix, const char *text, size_t len)
{
    memset(ix, 0, sizeof *ix);
    scan sc = {text, text, text + len, ix, 0};
    skip_ws(&sc);
    if (scan_value(&sc, RAM_JNONE, RAM_JNONE)) return -1;
    skip_ws(&sc);
    return sc.p == sc.e ? 0 : -1;
}

void ram_jindex_free(ram_jindex *ix)
{
    free(ix->nodes);
    memset(ix, 0, sizeof *ix);
}

uint32_t ram_jindex_first(const ram_jindex *ix, uint32_t node)
{
    return node < ix->n && ix->nodes[node].size > 1 ? node + 1 : RAM_JNONE;
}

uint32_t ram_jindex_next(const ram_jindex *ix, uint32_t parent, uint32_t child)
{
    uint32_t next = child + ix->nodes[child].size;
    return next < parent + ix->nodes[parent].size ? next : RAM_JNONE;
}

static int hex4(const char *p, unsigned *out)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f') v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v |= (unsigned)(c - 'A' + 10);
        else return -1;
    }
    *out = v;
    return 0;
}

static size_t utf8_encode(unsigned cp, char out[4])
{
    if (cp < 0x80) { out[0] = (char)cp; return 1; }
    if (cp < 0x800) { out[0] = (char)(0xC0 | cp >> 6); out[1] = (char)(0x80 | (cp & 0x3F)); return 2; }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | cp >> 12); out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | cp >> 18); out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
    out[2] = (char)(0x80 | (cp >> 6 & 0x3F)); out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Decode one character of a JSON string body at RAW[*i] into OUT; its byte count, 0 on error. */
static size_t decode_char(const char *raw, size_t rawlen, size_t *i, char out[4])
{
    if (raw[*i] != '\\') {
        out[0] = raw[(*i)++];
        return 1;
    }
    if (*i + 1 >= rawlen) return 0;
    static const char esc[] = "\"\"\\\\//b\bf\fn\nr\rt\t";
    char c = raw[*i + 1];
    if (c != 'u') {
        const char *m = strchr(esc, c);
        if (!m || c == '\0' || ((m - esc) & 1)) return 0;
        out[0] = m[1];
        *i += 2;
        return 1;
    }
    unsigned cp, lo;
    if (*i + 6 > rawlen || hex4(raw + *i + 2, &cp)) return 0;
    *i += 6;
    if (cp >= 0xD800 && cp < 0xDC00 && *i + 6 <= rawlen && raw[*i] == '\\' && raw[*i + 1] == 'u' &&
        !hex4(raw + *i + 2, &lo) && lo >= 0xDC00 && lo < 0xE000) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        *i += 6;
    }
    return utf8_encode(cp, out);
}

int ram_json_string_equals(const char *raw, size_t rawlen, const char *key, size_t klen)
{
    if (!memchr(raw, '\\', rawlen)) return rawlen == klen && memcmp(raw, key, klen) == 0;
    size_t i = 0, k = 0;
    while (i < rawlen) {
        char ch[4];
        size_t n = decode_char(raw, rawlen, &i, ch);
        if (n == 0 || k + n > klen || memcmp(key + k, ch, n) != 0) return 0;
        k += n;
    }
    return k == klen;
}

static int key_is(const ram_jindex *ix, const char *text, uint32_t child, const char *key, size_t klen)
{
    const ram_jnode *n = &ix->nodes[child];
    return n->key != RAM_JNONE && ram_json_string_equals(text + n->key + 1, n->key_end - n->key - 2, key, klen);
}

uint32_t ram_jindex_member(const ram_jindex *ix, const char *text, uint32_t node, const char *key,
                           size_t klen, uint32_t hint)
{
    if (hint != RAM_JNONE && hint < ix->n && key_is(ix, text, hint, key, klen)) return hint;
    if (node >= ix->n || text[ix->nodes[node].off] != '{') return RAM_JNONE;
    for (uint32_t c = ram_jindex_first(ix, node); c != RAM_JNONE; c = ram_jindex_next(ix, node, c))
        if (key_is(ix, text, c, key, klen)) return c;
    return RAM_JNONE;
}

/* The array index a pointer token names: digits without a leading zero.  -1 otherwise. */
static long token_index(const char *t, size_t n)
{
    if (n == 0 || n > 9 || (n > 1 && t[0] == '0')) return -1;
    long v = 0;
    for (size_t i = 0; i < n; i++) {
        if (t[i] < '0' || t[i] > '9') return -1;
        v = v * 10 + (t[i] - '0');
    }
    return v;
}

uint32_t ram_jindex_find(const ram_jindex *ix, const char *text, const char *pointer, size_t len)
{
    if (ix->n == 0 || (len && pointer[0] != '/')) return RAM_JNONE;
    uint32_t node = 0;
    char tok[256];
    for (size_t i = 0; i < len;) {
        size_t n = 0;
        for (i++; i < len && pointer[i] != '/'; i++) {
            char c = pointer[i];
            if (c == '~') {
                if (i + 1 >= len || (pointer[i + 1] != '0' && pointer[i + 1] != '1')) return RAM_JNONE;
                c = pointer[++i] == '0' ? '~' : '/';
            }
            if (n == sizeof tok) return RAM_JNONE;
            tok[n++] = c;
        }
        char open = text[ix->nodes[node].off];
        if (open == '{') {
            node = ram_jindex_member(ix, text, node, tok, n, RAM_JNONE);
        } else if (open == '[') {
            long want = token_index(tok, n);
            uint32_t c = want < 0 ? RAM_JNONE : ram_jindex_first(ix, node);
            for (; c != RAM_JNONE && want > 0; want--) c = ram_jindex_next(ix, node, c);
            node = c;
        } else {
            node = RAM_JNONE;
        }
        if (node == RAM_JNONE) return RAM_JNONE;
    }
    return node;
}

void ram_pointer_push(buf *b, const char *tok, size_t len)
{
    buf_putc(b, '/');
    for (size_t i = 0; i < len; i++) {
        if (tok[i] == '~') buf_puts(b, "~0");
        else if (tok[i] == '/') buf_puts(b, "~1");
        else buf_putc(b, tok[i]);
    }
}

void ram_pointer_push_index(buf *b, size_t i) { buf_printf(b, "/%zu", i); }

size_t ram_compact_length(const char *text, size_t len)
{
    size_t n = 0;
    int in_string = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        if (in_string) {
            if (c == '\\') {
                n++;
                i++;
            } else if (c == '"') {
                in_string = 0;
            }
        } else if (c == '"') {
            in_string = 1;
        } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            continue;
        }
        if ((c & 0xC0) != 0x80) n++;
    }
    return n;
}
