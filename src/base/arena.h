/* arena: bump allocation for one document; freeing the arena frees every node. */
#ifndef IAMC_BASE_ARENA_H
#define IAMC_BASE_ARENA_H
#include <stddef.h>

typedef struct arena_chunk arena_chunk;
typedef struct arena {
    arena_chunk *head;    /* newest chunk first */
    char *cur, *end;      /* free space in the head chunk */
    size_t used;          /* bytes handed out, for statistics */
    size_t reserved;      /* bytes obtained from malloc */
} arena;

void arena_init(arena *a);
void arena_free(arena *a);
/* Zeroed, aligned to max_align_t.  Aborts on out-of-memory: a policy parser cannot go on. */
void *arena_alloc(arena *a, size_t size);
char *arena_strndup(arena *a, const char *s, size_t n);

#endif
