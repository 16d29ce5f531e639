/* diff: the access two versions of a policy set grant differently, decided by the decision
 * engine over the finite universe the two versions mention: their principals, the
 * permissions their statements grant, their locations, and one request per condition that
 * satisfies it (docs/diff.md).  A text-only change (case, spacing, order) gives no row. */
#ifndef IAMC_DIFF_DIFF_H
#define IAMC_DIFF_DIFF_H
#include <stddef.h>
#include "base/buf.h"
#include "oci/ast.h"

typedef enum { DIFF_WIDENED, DIFF_NARROWED } diff_change;

typedef struct diff_row {
    diff_change change;
    char *principal;       /* "group Ops", "dynamic-group X", "service oke", "any-user", "any-group" */
    char *location;        /* "tenancy", "compartment A:B", "compartment id ocid1…" */
    char *condition;       /* the condition the request was built to meet, or NULL: unconditional */
    char **perms;          /* sorted; "*" is any permission (all-resources) */
    size_t nperms;
    char *file;            /* the statement that grants it (NEW when widened, OLD when narrowed) */
    unsigned line, col;
} diff_row;

typedef struct diff_result {
    diff_row *rows;
    size_t nrows, widened, narrowed;
    size_t principals, permissions, locations, scenarios, decisions;
} diff_result;

/* Compare the Allow/Deny statements of OLD and NEW (each a set of parsed policies, all
 * taken as attached to the root compartment of one tenancy).  ERR on failure (-1). */
int diff_compare(oci_doc *const *old, size_t nold, oci_doc *const *new_docs, size_t nnew, diff_result *out, char *err,
                 size_t errlen);
void diff_result_free(diff_result *r);

void diff_print_text(const diff_result *r, buf *out);
void diff_print_json(const diff_result *r, buf *out);
void diff_print_sarif(const diff_result *r, buf *out);

#endif
