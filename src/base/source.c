#include "source.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fputs("iamc: out of memory\n", stderr);
        abort();
    }
    return p;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(xmalloc(n), s, n);
}

void source_init_copy(source *s, const char *name, const char *text, size_t len)
{
    memset(s, 0, sizeof *s);
    s->name = xstrdup(name);
    s->text = xmalloc(len + 1);
    memcpy(s->text, text, len);
    s->text[len] = '\0';
    s->len = len;
}

int source_load(source *s, const char *path, char *err, size_t errlen)
{
    memset(s, 0, sizeof *s);
    int is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        return -1;
    }
    /* A regular file is read in one go into a buffer of its size (+1 for the sentinel). */
    size_t cap = 1 << 16, len = 0;
    struct stat st;
    if (!is_stdin && fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && (uint64_t)st.st_size < SOURCE_MAX_BYTES)
        cap = (size_t)st.st_size + 2;
    char *text = xmalloc(cap);
    for (;;) {
        if (cap - len < 2) {
            if (cap > SOURCE_MAX_BYTES) break;
            cap *= 2;
            char *p = realloc(text, cap);
            if (!p) {
                free(text);
                if (!is_stdin) fclose(f);
                snprintf(err, errlen, "%s: out of memory", path);
                return -1;
            }
            text = p;
        }
        errno = 0;
        size_t n = fread(text + len, 1, cap - len - 1, f);
        len += n;
        if (n == 0) break;
    }
    int failed = ferror(f), why = errno;   /* EISDIR for a directory */
    if (!is_stdin) fclose(f);
    if (failed) {
        free(text);
        snprintf(err, errlen, "%s: read error: %s", path, strerror(why ? why : EIO));
        return -1;
    }
    if (len > SOURCE_MAX_BYTES) {
        free(text);
        snprintf(err, errlen, "%s: input larger than 4 GiB is not supported", path);
        return -1;
    }
    text[len] = '\0';
    s->name = xstrdup(is_stdin ? "<stdin>" : path);
    s->text = text;
    s->len = len;
    return 0;
}

void source_free(source *s)
{
    free(s->name);
    free(s->text);
    free(s->lines);
    memset(s, 0, sizeof *s);
}

void source_blank_bom(source *s)
{
    if (s->len >= 3 && memcmp(s->text, "\xEF\xBB\xBF", 3) == 0) memset(s->text, ' ', 3);
}

void source_index(source *s)
{
    if (s->lines) return;
    size_t n = 1;
    for (const char *p = s->text, *e = s->text + s->len; (p = memchr(p, '\n', (size_t)(e - p))); p++) n++;
    s->lines = xmalloc(n * sizeof *s->lines);
    s->nlines = 0;
    s->lines[s->nlines++] = 0;
    for (const char *p = s->text, *e = s->text + s->len; (p = memchr(p, '\n', (size_t)(e - p))); p++)
        s->lines[s->nlines++] = (uint32_t)(p - s->text + 1);
}

void source_position(source *s, size_t off, uint32_t *line, uint32_t *col)
{
    source_index(s);
    if (off > s->len) off = s->len;
    size_t lo = 0, hi = s->nlines; /* last line start <= off */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->lines[mid] <= off) lo = mid; else hi = mid;
    }
    *line = (uint32_t)lo + 1;
    *col = (uint32_t)(off - s->lines[lo]) + 1;
}

const char *source_line(source *s, uint32_t line, size_t *len)
{
    source_index(s);
    if (line == 0 || line > s->nlines) {
        *len = 0;
        return "";
    }
    size_t start = s->lines[line - 1];
    size_t end = line < s->nlines ? s->lines[line] - 1 : s->len;
    if (end > start && s->text[end - 1] == '\r') end--;
    *len = end - start;
    return s->text + start;
}
