#include "intern.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static uint32_t fold_hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u;   /* FNV-1a over ASCII-folded bytes */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z') c = (unsigned char)(c + 32);
        h = (h ^ c) * 16777619u;
    }
    return h ? h : 1;
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n);
    if (!p) {
        fputs("iamc: out of memory\n", stderr);
        abort();
    }
    return p;
}

void intern_init(intern_table *t, arena *mem)
{
    memset(t, 0, sizeof *t);
    t->mem = mem;
    t->cap = 64;
    t->slots = xrealloc(NULL, t->cap * sizeof *t->slots);
    memset(t->slots, 0, t->cap * sizeof *t->slots);
    t->strs = xrealloc(NULL, sizeof *t->strs);
    t->lens = xrealloc(NULL, sizeof *t->lens);
    t->hashes = xrealloc(NULL, sizeof *t->hashes);
    t->strs[0] = "";
    t->lens[0] = 0;
    t->hashes[0] = 0;
}

void intern_free(intern_table *t)
{
    free(t->slots);
    free(t->strs);
    free(t->lens);
    free(t->hashes);
    memset(t, 0, sizeof *t);
}

static int same(const intern_table *t, uint32_t id, const char *s, size_t n)
{
    return t->lens[id] == n && strncasecmp(t->strs[id], s, n) == 0;
}

uint32_t intern_find(const intern_table *t, const char *s, size_t n)
{
    uint32_t h = fold_hash(s, n);
    for (uint32_t i = h & (t->cap - 1);; i = (i + 1) & (t->cap - 1)) {
        uint32_t id = t->slots[i];
        if (!id) return 0;
        if (t->hashes[id] == h && same(t, id, s, n)) return id;
    }
}

static void grow(intern_table *t)
{
    uint32_t cap = t->cap * 2;
    uint32_t *slots = xrealloc(NULL, cap * sizeof *slots);
    memset(slots, 0, cap * sizeof *slots);
    for (uint32_t id = 1; id <= t->count; id++) {
        uint32_t i = t->hashes[id] & (cap - 1);
        while (slots[i]) i = (i + 1) & (cap - 1);
        slots[i] = id;
    }
    free(t->slots);
    t->slots = slots;
    t->cap = cap;
}

uint32_t intern_get(intern_table *t, const char *s, size_t n)
{
    uint32_t id = intern_find(t, s, n);
    if (id) return id;
    if ((t->count + 1) * 2 > t->cap) grow(t);
    id = ++t->count;
    if (id >= t->strcap) {   /* the per-id arrays grow geometrically */
        t->strcap = t->strcap ? t->strcap * 2 : 64;
        t->strs = xrealloc(t->strs, t->strcap * sizeof *t->strs);
        t->lens = xrealloc(t->lens, t->strcap * sizeof *t->lens);
        t->hashes = xrealloc(t->hashes, t->strcap * sizeof *t->hashes);
    }
    t->strs[id] = arena_strndup(t->mem, s, n);
    t->lens[id] = (uint32_t)n;
    uint32_t h = fold_hash(s, n);
    t->hashes[id] = h;
    uint32_t i = h & (t->cap - 1);
    while (t->slots[i]) i = (i + 1) & (t->cap - 1);
    t->slots[i] = id;
    return id;
}
