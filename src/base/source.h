/* source: one input file held in memory, NUL-terminated, with a line index for positions. */
#ifndef IAMC_BASE_SOURCE_H
#define IAMC_BASE_SOURCE_H
#include <stddef.h>
#include <stdint.h>

/* Offsets are 32-bit to keep AST nodes small; larger inputs are refused. */
#define SOURCE_MAX_BYTES ((size_t)UINT32_MAX - 1)

typedef struct source {
    char *name;        /* as shown in diagnostics; "<stdin>" for "-" */
    char *text;        /* owned; text[len] == '\0' (the lexer's sentinel) */
    size_t len;
    uint32_t *lines;   /* start offset of each line, built on first use */
    size_t nlines;
} source;

/* Read PATH ("-" is stdin).  On failure returns -1 and writes a message into ERR. */
int source_load(source *s, const char *path, char *err, size_t errlen);
/* Copy LEN bytes of TEXT. */
void source_init_copy(source *s, const char *name, const char *text, size_t len);
void source_free(source *s);

/* Replace a UTF-8 byte order mark at the start with three spaces: the policy languages
 * treat it as whitespace, and every byte offset stays what it was in the file. */
void source_blank_bom(source *s);
/* Build the line index now.  source_position and source_line build it on first use; code
 * that later reads positions from several threads (the decision paths) builds it up front. */
void source_index(source *s);
/* 1-based line and byte column of byte offset OFF. */
void source_position(source *s, size_t off, uint32_t *line, uint32_t *col);
/* The text of 1-based LINE without its newline. */
const char *source_line(source *s, uint32_t line, size_t *len);

#endif
