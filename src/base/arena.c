#include "arena.h"
#include <stdalign.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

struct arena_chunk {
    arena_chunk *next;
    size_t size;
    alignas(max_align_t) char data[];
};

enum { ARENA_CHUNK = 64 * 1024, ARENA_BIG = 8 * 1024 * 1024, ARENA_HUGE = 2 * 1024 * 1024, ARENA_ALIGN = alignof(max_align_t) };

void arena_init(arena *a) { memset(a, 0, sizeof *a); }

void arena_free(arena *a)
{
    arena_chunk *c = a->head;
    while (c) {
        arena_chunk *next = c->next;
        free(c);
        c = next;
    }
    arena_init(a);
}

static void arena_grow(arena *a, size_t need)
{
    /* Chunks double up to 8 MiB so a large document costs few mallocs; chunks of that size
     * are 2 MiB-aligned and offered to transparent huge pages, which cuts the page faults
     * that otherwise cost a large parse a fifth of its time. */
    size_t size = a->head ? a->head->size * 2 : ARENA_CHUNK;
    arena_chunk *c;
    if (size > ARENA_BIG - sizeof *c) size = ARENA_BIG - sizeof *c;
    if (size < need) size = need;
    if (sizeof *c + size >= ARENA_HUGE) {
        size_t total = (sizeof *c + size + ARENA_HUGE - 1) & ~(size_t)(ARENA_HUGE - 1);
        c = aligned_alloc(ARENA_HUGE, total);
        if (c) madvise(c, total, MADV_HUGEPAGE);
        size = total - sizeof *c;
    } else {
        c = malloc(sizeof *c + size);
    }
    if (!c) {
        fputs("iamc: out of memory\n", stderr);
        abort();
    }
    c->next = a->head;
    c->size = size;
    a->head = c;
    a->cur = c->data;
    a->end = c->data + size;
    a->reserved += sizeof *c + size;
}

void *arena_alloc(arena *a, size_t size)
{
    size = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (size == 0) size = ARENA_ALIGN;
    if (!a->head || (size_t)(a->end - a->cur) < size) arena_grow(a, size);
    void *p = a->cur;
    a->cur += size;
    a->used += size;
    memset(p, 0, size);
    return p;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}
