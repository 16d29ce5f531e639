/* model: the tables themselves, shared by the lookups in oci_model.c only.
 * oci_types.c holds types and families, oci_vars.c the variables. */
#ifndef IAMC_MODEL_OCI_TABLES_H
#define IAMC_MODEL_OCI_TABLES_H
#include <stddef.h>
#include "model/oci_model.h"

extern const oci_model_type oci_model_types[];
extern const size_t oci_model_ntypes;
extern const oci_model_family oci_model_families[];
extern const size_t oci_model_nfamilies;
extern const oci_model_variable oci_model_variables[];
extern const size_t oci_model_nvariables;
extern const char *const oci_model_principal_types[];
extern const size_t oci_model_nprincipal_types;

/* A NULL-terminated list of strings with static storage (file-scope compound literal). */
#define OCI_MODEL_NAMES(...) ((const char *const[]){__VA_ARGS__, NULL})

/* One verb row per rung, written as on Oracle's pages ("+" rows: only what the rung
 * adds; "no extra": ()), each group with a trailing comma: ("A", "B",).  The macro
 * concatenates the groups, so perms[v] is cumulative by construction. */
#define OCI_MODEL_LIST_(...) ((const char *const[]){__VA_ARGS__ NULL})
#define OCI_MODEL_OPEN_(...) __VA_ARGS__
#define OCI_MODEL_VERBS(i, r, u, m)                                                    \
    {                                                                                  \
        OCI_MODEL_LIST_(OCI_MODEL_OPEN_ i),                                            \
        OCI_MODEL_LIST_(OCI_MODEL_OPEN_ i OCI_MODEL_OPEN_ r),                          \
        OCI_MODEL_LIST_(OCI_MODEL_OPEN_ i OCI_MODEL_OPEN_ r OCI_MODEL_OPEN_ u),        \
        OCI_MODEL_LIST_(OCI_MODEL_OPEN_ i OCI_MODEL_OPEN_ r OCI_MODEL_OPEN_ u          \
                        OCI_MODEL_OPEN_ m)                                             \
    }

#endif
