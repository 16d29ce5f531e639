/* ram/pointer: where each JSON value is in the source.  jansson keeps no positions, so a light
 * second scan of the (already validated) text records the byte range of every value and member
 * key, in document order; JSON Pointers (RFC 6901) index into that record. */
#ifndef IAMC_RAM_POINTER_H
#define IAMC_RAM_POINTER_H
#include <stddef.h>
#include <stdint.h>

#define RAM_JNONE UINT32_MAX

typedef struct ram_jnode {
    uint32_t off, end;       /* the value: first byte, one past the last */
    uint32_t key, key_end;   /* an object member's key token (with quotes); RAM_JNONE otherwise */
    uint32_t size;           /* nodes in this subtree, itself included: the next sibling is at +size */
} ram_jnode;

typedef struct ram_jindex {
    ram_jnode *nodes;        /* pre-order; node 0 is the root value */
    uint32_t n, cap;
} ram_jindex;

/* Scan LEN bytes of JSON TEXT.  0 on success; -1 when the text is not one JSON value. */
int ram_jindex_build(ram_jindex *ix, const char *text, size_t len);
void ram_jindex_free(ram_jindex *ix);

/* Children of NODE (object members or array items), in document order.  RAM_JNONE when none. */
uint32_t ram_jindex_first(const ram_jindex *ix, uint32_t node);
uint32_t ram_jindex_next(const ram_jindex *ix, uint32_t parent, uint32_t child);
/* The member of object NODE whose key decodes to KEY (KLEN bytes), or RAM_JNONE.  HINT, a child
 * that is likely the one (the next in document order), is tried first. */
uint32_t ram_jindex_member(const ram_jindex *ix, const char *text, uint32_t node, const char *key,
                           size_t klen, uint32_t hint);
/* The value a JSON Pointer ("" is the root, "/Statement/0/Action") designates, or RAM_JNONE. */
uint32_t ram_jindex_find(const ram_jindex *ix, const char *text, const char *pointer, size_t len);

/* Whether the raw JSON string body RAW (between the quotes, escapes not decoded) decodes to KEY. */
int ram_json_string_equals(const char *raw, size_t rawlen, const char *key, size_t klen);

struct buf;
/* Append "/TOKEN" with '~' and '/' escaped as "~0" and "~1". */
void ram_pointer_push(struct buf *b, const char *tok, size_t len);
void ram_pointer_push_index(struct buf *b, size_t i);

/* Characters (UTF-8 code points) of TEXT, not counting whitespace between JSON tokens. */
size_t ram_compact_length(const char *text, size_t len);

#endif
