/* oci/json: AST → jansson values. */
#ifndef IAMC_OCI_JSON_H
#define IAMC_OCI_JSON_H
#include <jansson.h>
#include "oci/ast.h"

json_t *oci_doc_json(oci_doc *d, int spans);
json_t *oci_stmt_json(oci_doc *d, const oci_stmt *s, int spans);
json_t *oci_cond_json(oci_doc *d, const oci_cond *c, int spans);

#endif
