/* jsonpos: where a JSON Pointer (RFC 6901) points in the text of a JSON document.  jansson
 * keeps no positions for values; errors about a value name its pointer, and this light scan
 * of the source turns the pointer into line:column for the message. */
#ifndef IAMC_BASE_JSONPOS_H
#define IAMC_BASE_JSONPOS_H
#include <stddef.h>

/* Byte offset of the value POINTER names in LEN bytes of TEXT (valid JSON), or of the
 * deepest value on its path that exists (a missing member: its object). */
size_t jsonpos_find(const char *text, size_t len, const char *pointer);
/* The same, but when POINTER ends in a member, the offset of that member's name (its
 * opening quote): where an error about the name itself (an unknown member) points. */
size_t jsonpos_find_name(const char *text, size_t len, const char *pointer);

#endif
