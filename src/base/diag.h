/* diag: errors and findings as values, with a source span, rendered like a compiler. */
#ifndef IAMC_BASE_DIAG_H
#define IAMC_BASE_DIAG_H
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include "arena.h"
#include "buf.h"
#include "source.h"

typedef enum { DIAG_ERROR, DIAG_WARNING, DIAG_NOTE } diag_severity;

typedef struct diag {
    diag_severity severity;
    source *src;
    uint32_t off, end;     /* byte range in the source */
    uint32_t line, col;    /* 1-based start */
    const char *message;
    const char *hint;      /* "did you mean 'use'?", or NULL */
    const char *code;      /* a rule ID ("K8S018"), shown as error[K8S018]; or NULL */
    struct diag *next;
} diag;

typedef struct diag_list {
    arena *mem;            /* where messages live: the document's arena */
    diag *head, *tail;
    size_t count, errors;
} diag_list;

void diag_list_init(diag_list *l, arena *mem);
diag *diag_add(diag_list *l, diag_severity sev, source *src, uint32_t off, uint32_t end,
               const char *fmt, ...) __attribute__((format(printf, 6, 7)));
void diag_set_hint(diag_list *l, diag *d, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

const char *diag_severity_name(diag_severity s);
/* FMT formatted into MEM (for messages that live as long as a document or report). */
const char *diag_vformat(arena *mem, const char *fmt, va_list ap);
/* "file:line:col: error: message", the source line, a caret, then the hint. */
void diag_render(const diag *d, buf *out);
/* The same with LABEL in place of the severity ("warning[OCI012]"). */
void diag_render_label(const diag *d, const char *label, buf *out);

/* Edit distance with adjacent transpositions (optimal string alignment), capped at LIMIT+1
 * (case-insensitive ASCII). */
size_t diag_edit_distance(const char *a, size_t alen, const char *b, size_t blen, size_t limit);
/* The candidate closest to WORD when close enough to be a likely typo, else NULL. */
const char *diag_suggest(const char *word, size_t len, const char *const *cands, size_t ncands);
/* A member name checked against the names a reader knows (KNOWN, NULL-terminated): 0 when it
 * is one of them; else 1, with *NEAR the one it is likely a typo of (or NULL) and, when LIST
 * is given, "a, b, c" appended to it for a message that names them all. */
int diag_unknown_name(const char *name, const char *const *known, const char **near, buf *list);
/* Append S quoted for a message, at most MAX bytes (a character is not cut): printable ASCII
 * and valid UTF-8 as is; control characters (C0, DEL, C1), line separators, bidirectional
 * controls and bytes that are not valid UTF-8 as \xNN per byte. */
void diag_quote(buf *out, const char *s, size_t len, size_t max);

#endif
