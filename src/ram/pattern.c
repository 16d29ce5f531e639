/* ram/pattern: wildcard matching and pattern subsumption (ram/pattern.h). */
#include "ram/pattern.h"
#include <stdlib.h>
#include <string.h>

static char fold_char(char c, int fold) { return fold && c >= 'A' && c <= 'Z' ? (char)(c + 32) : c; }

int ram_glob(const char *p, const char *s, int fold)
{
    const char *star = NULL, *mark = NULL;
    while (*s) {
        if (*p == '*') {
            star = p++;
            mark = s;
        } else if (*p && (*p == '?' || fold_char(*p, fold) == fold_char(*s, fold))) {
            p++, s++;
        } else if (star) {
            p = star + 1;
            s = ++mark;
        } else {
            return 0;
        }
    }
    while (*p == '*') p++;
    return *p == '\0';
}

/* Dynamic programming over (position in P, position in Q), row by row from the ends. */
int ram_pattern_covers(const char *p, const char *q, int fold)
{
    size_t n = strlen(p), m = strlen(q);
    unsigned char *next = calloc(m + 2, 1), *cur = calloc(m + 2, 1);
    if (!next || !cur) abort();
    /* row i = n: only the empty rest of Q is covered */
    for (size_t j = 0; j <= m; j++) next[j] = j == m;
    for (size_t i = n; i-- > 0;) {
        for (size_t j = m + 1; j-- > 0;) {
            unsigned char ok;
            if (p[i] == '*') ok = next[j] || (j < m && cur[j + 1]);
            else if (j == m || q[j] == '*') ok = 0;
            else if (p[i] == '?') ok = next[j + 1];
            else ok = q[j] != '?' && fold_char(p[i], fold) == fold_char(q[j], fold) && next[j + 1];
            cur[j] = ok;
        }
        unsigned char *t = next;
        next = cur;
        cur = t;
    }
    int r = next[0];
    free(next), free(cur);
    return r;
}
