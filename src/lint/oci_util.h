/* lint/oci_util: helpers over the OCI AST shared by the per-document rules (lint/oci.c),
 * the cross-file rules (lint/cross.c) and the semantic diff. */
#ifndef IAMC_LINT_OCI_UTIL_H
#define IAMC_LINT_OCI_UTIL_H
#include "lint/lint.h"

/* The value of a token: quotes or pattern slashes removed. */
void lint_oci_value(const oci_doc *d, oci_span s, const char **p, size_t *n);
int lint_span_eq(const oci_doc *d, oci_span s, const char *str);
int lint_spans_eq(const oci_doc *a, oci_span x, const oci_doc *b, oci_span y);
/* Printable, quoted for a message, in the report's arena. */
const char *lint_quote(lint_ctx *cx, const char *p, size_t n);
const char *lint_tok(lint_ctx *cx, const oci_doc *d, oci_span s);
lint_finding *lint_oci_about(lint_ctx *cx, lint_finding *f, const oci_doc *d, const oci_stmt *st);

int lint_has_placeholder(const char *t, size_t n);
/* Is P an OCID (ocid1.TYPE.REALM.[REGION][.FUTURE].UNIQUE)?  TYPE: its type part. */
int lint_ocid_valid(const char *p, size_t n, const char **type, size_t *tlen);
const char *const *lint_model_permissions(lint_ctx *cx, size_t *n);

/* The Define of ALIAS (of kind KIND, or any when KIND < 0) in D, or NULL. */
const oci_stmt *lint_oci_find_define(const oci_doc *d, int kind, const oci_doc *ad, oci_span alias);
int lint_oci_grants_key_use(const oci_doc *d, const oci_stmt *st);
/* Does C hold only when VAR = VALUE (any value when NULL)? */
int lint_cond_requires(const oci_doc *d, const oci_cond *c, const char *var, const char *value);
/* The canonical text of a statement, lower case (malloc'd). */
char *lint_oci_canonical(const oci_doc *d, const oci_stmt *st);
int lint_oci_subject_within(const oci_doc *d, const oci_stmt *s1, const oci_stmt *s2);
int lint_oci_action_within(const oci_doc *d1, const oci_stmt *s1, const oci_doc *d2, const oci_stmt *s2);

#endif
