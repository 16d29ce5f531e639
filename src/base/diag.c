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

static const char *vformat(arena *mem, const char *fmt, va_list ap)
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
    d->message = vformat(l->mem, fmt, ap);
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
    d->hint = vformat(l->mem, fmt, ap);
    va_end(ap);
}

const char *diag_severity_name(diag_severity s)
{
    static const char *const names[] = {"error", "warning", "note"};
    return names[s];
}

void diag_quote(buf *out, const char *s, size_t len, size_t max)
{
    size_t n = len < max ? len : max;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x7f) buf_putc(out, (char)c);
        else buf_printf(out, "\\x%02X", c);
    }
    if (len > max) buf_puts(out, "...");
}

/* A terminal line cannot show a 1 MB line: show a window of it around the column. */
enum { RENDER_WINDOW = 100 };

void diag_render(const diag *d, buf *out)
{
    buf_printf(out, "%s:%u:%u: %s: %s\n", d->src->name, d->line, d->col,
               diag_severity_name(d->severity), d->message);
    size_t len;
    const char *line = source_line(d->src, d->line, &len);
    size_t col = d->col - 1, first = 0;
    if (col > len) col = len;
    if (col > RENDER_WINDOW / 2) first = col - RENDER_WINDOW / 2;
    size_t last = first + RENDER_WINDOW < len ? first + RENDER_WINDOW : len;
    buf_puts(out, first ? " ..." : " ");
    for (size_t i = first; i < last; i++) {
        unsigned char c = (unsigned char)line[i];
        buf_putc(out, c == '\t' || (c >= 0x20 && c < 0x7f) ? (char)c : '?');
    }
    if (last < len) buf_puts(out, "...");
    buf_puts(out, first ? "\n    " : "\n ");
    for (size_t i = first; i < col; i++) buf_putc(out, line[i] == '\t' ? '\t' : ' ');
    buf_putc(out, '^');
    size_t width = d->end > d->off ? d->end - d->off : 1;
    for (size_t i = 1; i < width && col + i < last; i++) buf_putc(out, '~');
    buf_putc(out, '\n');
    if (d->hint) buf_printf(out, " hint: %s\n", d->hint);
}

size_t diag_edit_distance(const char *a, size_t alen, const char *b, size_t blen, size_t limit)
{
    enum { MAXW = 64 };
    if (alen > MAXW || blen > MAXW) return limit + 1;
    size_t diff = alen > blen ? alen - blen : blen - alen;
    if (diff > limit) return limit + 1;
    size_t prev[MAXW + 1], cur[MAXW + 1];
    for (size_t j = 0; j <= blen; j++) prev[j] = j;
    for (size_t i = 1; i <= alen; i++) {
        cur[0] = i;
        size_t rowmin = cur[0];
        for (size_t j = 1; j <= blen; j++) {
            size_t cost = tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]);
            size_t v = prev[j - 1] + cost;
            if (prev[j] + 1 < v) v = prev[j] + 1;
            if (cur[j - 1] + 1 < v) v = cur[j - 1] + 1;
            cur[j] = v;
            if (v < rowmin) rowmin = v;
        }
        if (rowmin > limit) return limit + 1;
        memcpy(prev, cur, (blen + 1) * sizeof *cur);
    }
    return prev[blen];
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
