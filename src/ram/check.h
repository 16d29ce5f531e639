/* ram/check: the shape of values: actions, resource names, condition keys and values.
 * Each check returns 0 when the value is well formed, else -1 with the whole message in WHY. */
#ifndef IAMC_RAM_CHECK_H
#define IAMC_RAM_CHECK_H
#include <stddef.h>
#include "base/buf.h"
#include "ram/tables.h"

int ram_check_action(const ram_dialect_info *di, const char *s, size_t len, buf *why);
/* A resource name: "*" or an ARN of the dialect. */
int ram_check_arn(const ram_dialect_info *di, const char *s, size_t len, buf *why);
int ram_check_condition_key(const char *s, size_t len, buf *why);
/* Whether S (a JSON string, or a number or boolean as written: IS_STRING 0) fits KIND. */
int ram_check_value(ram_value_kind kind, int is_string, const char *s, size_t len);
/* An IPv4 or IPv6 address or CIDR block: the address bytes, 4 or 6, and the prefix length
 * (32 or 128 without one).  1 when well formed, else 0. */
int ram_parse_cidr(const char *s, size_t len, unsigned char addr[16], int *family, int *bits);
/* "a number", "an ISO 8601 date ...": what a value of KIND must be, for messages. */
const char *ram_value_expectation(ram_value_kind kind);
/* Append S quoted for a message, shortened when long. */
void ram_quote(buf *out, const char *s, size_t len);

#endif
