/* intern: strings to small integer ids (1, 2, …), compared case-insensitively (ASCII),
 * as OCI compares names and OCIDs.  Lookups on a finished table are read-only, so any
 * number of threads may call intern_find at once. */
#ifndef IAMC_BASE_INTERN_H
#define IAMC_BASE_INTERN_H
#include <stddef.h>
#include <stdint.h>
#include "arena.h"

typedef struct intern_table {
    arena *mem;
    uint32_t *slots;          /* open addressing: id or 0 */
    uint32_t cap, count, strcap;
    const char **strs;        /* id -> string (NUL-terminated copy) */
    uint32_t *lens;
    uint32_t *hashes;
} intern_table;

void intern_init(intern_table *t, arena *mem);
void intern_free(intern_table *t);
uint32_t intern_get(intern_table *t, const char *s, size_t n);          /* adds when missing */
uint32_t intern_find(const intern_table *t, const char *s, size_t n);   /* 0 when missing */
static inline const char *intern_str(const intern_table *t, uint32_t id) { return t->strs[id]; }

#endif
