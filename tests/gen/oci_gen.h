/* oci_gen: random but realistic OCI statements, for property tests and the benchmark. */
#ifndef IAMC_TESTS_OCI_GEN_H
#define IAMC_TESTS_OCI_GEN_H
#include <stdint.h>
#include "base/buf.h"

typedef struct gen_rng { uint64_t s; } gen_rng;

uint64_t gen_next(gen_rng *r);
/* One statement (no trailing newline).  MESSY: random keyword case, extra spaces and
 * line breaks inside, as people write them; otherwise the canonical spelling. */
void gen_oci_statement(gen_rng *r, buf *out, int messy);
/* One dynamic-group matching rule. */
void gen_oci_rule(gen_rng *r, buf *out, int messy);

#endif
