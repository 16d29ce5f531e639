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

/* The most condition scenarios (OCI) or contexts (JSON) a comparison tries.  Beyond it the
 * combinations left out are not compared and the result says so (incomplete): the rows
 * found hold, but a change may be missing (docs/diff.md). */
#define DIFF_MAX_SCENARIOS 4096

typedef struct diff_result {
    diff_row *rows;
    size_t nrows, widened, narrowed;
    size_t principals, permissions, locations, scenarios, decisions;
    int incomplete;        /* DIFF_MAX_SCENARIOS was reached: some combinations were not tried */
} diff_result;

/* Compare the Allow/Deny statements of OLD and NEW (each a set of parsed policies, all
 * taken as attached to the root compartment of one tenancy).  ERR on failure (-1). */
int diff_compare(oci_doc *const *old, size_t nold, oci_doc *const *new_docs, size_t nnew, diff_result *out, char *err,
                 size_t errlen);
void diff_result_free(diff_result *r);

void diff_print_text(const diff_result *r, buf *out);
void diff_print_json(const diff_result *r, buf *out);
void diff_print_sarif(const diff_result *r, buf *out);

/* ---- JSON policies (RAM, AWS IAM): diff/ram_diff.c ----------------------------------------
 * Candidate requests: every action and resource pattern the two versions mention (a pattern
 * is its own request value, so "kms:*" stands for a kms action no narrower pattern names),
 * the principals of trust policies, and condition contexts: every combination of the values
 * worth trying for each condition key.  Both policy sets decide each one (iamc_policy_decide). */
struct iamc_policy_set;

typedef struct diff_ram_row {
    diff_change change;
    char *action;
    char *resource;        /* NULL: a request without a resource (trust policies) */
    char *principal;       /* NULL: none (identity policies) */
    char **keys, **values; /* the request's condition context; values NULL-free */
    size_t nctx;
    char *file;            /* the deciding statement: NEW's Allow when widened, NEW's Deny or OLD's Allow when narrowed */
    unsigned line, col;
    int by_deny;           /* narrowed by an explicit Deny of NEW */
} diff_ram_row;

typedef struct diff_ram_result {
    diff_ram_row *rows;
    size_t nrows, widened, narrowed;
    size_t actions, resources, principals, contexts, decisions;
    int incomplete;        /* DIFF_MAX_SCENARIOS was reached: some combinations were not tried */
} diff_ram_result;

int diff_ram_compare(const struct iamc_policy_set *old, const struct iamc_policy_set *new_set, diff_ram_result *out,
                     char *err, size_t errlen);
void diff_ram_result_free(diff_ram_result *r);
void diff_ram_print_text(const diff_ram_result *r, buf *out);
void diff_ram_print_json(const diff_ram_result *r, buf *out);
void diff_ram_print_sarif(const diff_ram_result *r, buf *out);

/* SARIF with the rules DIFF001 (widened) and DIFF002 (narrowed): one result per row. */
typedef struct diff_sarif_row { int widened; const char *message, *file; unsigned line, col; } diff_sarif_row;
void diff_print_sarif_rows(const diff_sarif_row *rows, size_t n, buf *out);

#endif
