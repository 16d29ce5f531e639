#include "diag.h"
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void diag_list_init(diag_list *l, arena *mem)
{
    memset(l, 0, sizeof *l);
    l->mem = mem;
}

const char *diag_vformat(arena *mem, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0) return "";
    char *p = arena_alloc(mem, (size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

diag *diag_add(diag_list *l, diag_severity sev, source *src, uint32_t off, uint32_t end,
               const char *fmt, ...)
{
    diag *d = arena_alloc(l->mem, sizeof *d);
    d->severity = sev;
    d->src = src;
    d->off = off;
    d->end = end < off ? off : end;
    source_position(src, off, &d->line, &d->col);
    va_list ap;
    va_start(ap, fmt);
    d->message = diag_vformat(l->mem, fmt, ap);
    va_end(ap);
    if (l->tail) l->tail->next = d; else l->head = d;
    l->tail = d;
    l->count++;
    if (sev == DIAG_ERROR) l->errors++;
    return d;
}

void diag_set_hint(diag_list *l, diag *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    d->hint = diag_vformat(l->mem, fmt, ap);
    va_end(ap);
}

const char *diag_severity_name(diag_severity s)
{
    static const char *const names[] = {"error", "warning", "note"};
    return names[s];
}

/* Length of the valid UTF-8 sequence at P (at most N bytes), or 0: no overlong forms, no
 * surrogates, nothing above U+10FFFF. */
static size_t utf8_len(const unsigned char *p, size_t n)
{
    size_t len = p[0] < 0x80 ? 1 : p[0] >= 0xC2 && p[0] <= 0xDF ? 2 : p[0] >= 0xE0 && p[0] <= 0xEF ? 3
               : p[0] >= 0xF0 && p[0] <= 0xF4 ? 4 : 0;
    if (len == 0 || len > n) return 0;
    for (size_t i = 1; i < len; i++)
        if ((p[i] & 0xC0) != 0x80) return 0;
    if ((p[0] == 0xE0 && p[1] < 0xA0) || (p[0] == 0xED && p[1] > 0x9F) || (p[0] == 0xF0 && p[1] < 0x90) ||
        (p[0] == 0xF4 && p[1] > 0x8F))
        return 0;
    return len;
}

/* Is the character at P (LEN bytes of valid UTF-8) one a message shows escaped: C1 controls,
 * the line and paragraph separators, and the bidirectional controls that reorder the text
 * around them (U+200E-F, U+202A-E, U+2066-9)? */
static int hidden_char(const unsigned char *p, size_t len)
{
    if (len == 2) return p[0] == 0xC2 && p[1] < 0xA0;
    if (len != 3 || p[0] != 0xE2) return 0;
    unsigned c = ((unsigned)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);   /* U+2000 + c */
    return c == 0x0E || c == 0x0F || (c >= 0x28 && c <= 0x2E) || (c >= 0x66 && c <= 0x69);
}

void diag_quote(buf *out, const char *s, size_t len, size_t max)
{
    size_t n = len < max ? len : max;
    for (size_t i = 0; i < n;) {
        const unsigned char *p = (const unsigned char *)s + i;
        size_t k = utf8_len(p, len - i);
        if (k == 1 && p[0] >= 0x20 && p[0] < 0x7f) {
            buf_putc(out, (char)p[0]);
            i++;
        } else if (k > 1 && i + k > n) {
            break;   /* MAX falls inside the character: leave it out whole */
        } else if (k > 1 && !hidden_char(p, k)) {
            buf_put(out, (const char *)p, k);
            i += k;
        } else {
            for (size_t e = i + (k ? k : 1); i < e; i++) buf_printf(out, "\\x%02X", s[i] & 0xFF);
        }
    }
    if (len > max) buf_puts(out, "...");
}

/* A terminal cannot show a 1 MB line: longer lines are shown as a window around the column. */
enum { RENDER_WINDOW = 120 };

void diag_render(const diag *d, buf *out)
{
    char label[64];
    if (d->code) snprintf(label, sizeof label, "%s[%s]", diag_severity_name(d->severity), d->code);
    else snprintf(label, sizeof label, "%s", diag_severity_name(d->severity));
    diag_render_label(d, label, out);
}

void diag_render_label(const diag *d, const char *label, buf *out)
{
    buf_printf(out, "%s:%u:%u: %s: %s\n", d->src->name, d->line, d->col, label, d->message);
    size_t len;
    const unsigned char *line = (const unsigned char *)source_line(d->src, d->line, &len);
    size_t col = d->col - 1, first = 0, last = len;
    if (col > len) col = len;
    if (len > RENDER_WINDOW) {
        first = col > RENDER_WINDOW / 2 ? col - RENDER_WINDOW / 2 : 0;
        while (first > 0 && first < len && (line[first] & 0xC0) == 0x80) first--;
        last = first + RENDER_WINDOW < len ? first + RENDER_WINDOW : len;
    }
    /* The source line: valid UTF-8 as is; control characters, bidirectional controls and
     * broken sequences as '?'.
     * The caret line below counts one column per character, so it stays aligned. */
    buf caret;
    buf_init(&caret);
    buf_puts(out, first ? " ..." : " ");
    buf_puts(&caret, first ? "    " : " ");
    size_t end = d->end > d->off ? d->col - 1 + (d->end - d->off) : col + 1;
    for (size_t i = first; i < last;) {
        size_t n = utf8_len(line + i, last - i);
        int printable = (n > 1 && !hidden_char(line + i, n)) || (n == 1 && (line[i] == '\t' || (line[i] >= 0x20 && line[i] < 0x7f)));
        if (printable) buf_put(out, (const char *)line + i, n);
        else buf_putc(out, '?'), n = n ? n : 1;   /* one '?' per character */
        if (i < col) buf_putc(&caret, line[i] == '\t' ? '\t' : ' ');
        else if (i == col) buf_putc(&caret, '^');
        else if (i < end) buf_putc(&caret, '~');
        i += n;
    }
    if (col >= last) buf_putc(&caret, '^');
    if (last < len) buf_puts(out, "...");
    buf_putc(out, '\n');
    buf_put(out, caret.data, caret.len);
    buf_putc(out, '\n');
    buf_free(&caret);
    if (d->hint) buf_printf(out, " hint: %s\n", d->hint);
}

size_t diag_edit_distance(const char *a, size_t alen, const char *b, size_t blen, size_t limit)
{
    enum { MAXW = 64 };
    if (alen > MAXW || blen > MAXW) return limit + 1;
    size_t diff = alen > blen ? alen - blen : blen - alen;
    if (diff > limit) return limit + 1;
    size_t prev2[MAXW + 1], prev[MAXW + 1], cur[MAXW + 1];
    for (size_t j = 0; j <= blen; j++) prev[j] = j;
    for (size_t i = 1; i <= alen; i++) {
        cur[0] = i;
        size_t rowmin = cur[0];
        for (size_t j = 1; j <= blen; j++) {
            int ai = tolower((unsigned char)a[i - 1]), bj = tolower((unsigned char)b[j - 1]);
            size_t v = prev[j - 1] + (ai != bj);
            if (prev[j] + 1 < v) v = prev[j] + 1;
            if (cur[j - 1] + 1 < v) v = cur[j - 1] + 1;
            /* two swapped letters ('raed', 'Deyn') are one typo, not two */
            if (i > 1 && j > 1 && ai == tolower((unsigned char)b[j - 2]) && tolower((unsigned char)a[i - 2]) == bj &&
                prev2[j - 2] + 1 < v)
                v = prev2[j - 2] + 1;
            cur[j] = v;
            if (v < rowmin) rowmin = v;
        }
        if (rowmin > limit) return limit + 1;
        memcpy(prev2, prev, (blen + 1) * sizeof *prev);
        memcpy(prev, cur, (blen + 1) * sizeof *cur);
    }
    return prev[blen];
}

int diag_unknown_name(const char *name, const char *const *known, const char **near, buf *list)
{
    size_t k = 0;
    for (; known[k]; k++)
        if (strcmp(name, known[k]) == 0) return 0;
    *near = diag_suggest(name, strlen(name), known, k);
    for (size_t j = 0; list && j < k; j++) buf_printf(list, "%s%s", j ? ", " : "", known[j]);
    return 1;
}

const char *diag_suggest(const char *word, size_t len, const char *const *cands, size_t ncands)
{
    /* One edit for short words, up to a third of the word for longer ones. */
    size_t limit = len <= 4 ? 1 : len / 3;
    const char *best = NULL;
    size_t best_d = limit + 1;
    for (size_t i = 0; i < ncands; i++) {
        size_t d = diag_edit_distance(word, len, cands[i], strlen(cands[i]), limit);
        if (d < best_d) {
            best_d = d;
            best = cands[i];
        }
    }
    return best_d == 0 ? NULL : best;
}
