/* json_util: jansson helpers shared by the JSON printers. */
#ifndef IAMC_BASE_JSON_UTIL_H
#define IAMC_BASE_JSON_UTIL_H
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include "source.h"

/* A JSON string of S; bytes that are not valid UTF-8 become U+FFFD instead of failing
 * (file names and comments are not guaranteed to be UTF-8). */
json_t *json_text(const char *s, size_t len);

/* {"line","col","end_line","end_col","offset","end"} of the byte range [OFF, END) of SRC. */
json_t *json_span(source *src, uint32_t off, uint32_t end);
/* ARR (stolen) printed as '[', one compact element per line, ']': diffable, still one JSON value. */
struct buf;
void json_print_lines(struct buf *out, json_t *arr);

#endif
