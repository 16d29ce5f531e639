/* model: the OCI policy model as data — verbs, resource types, their aggregates
 * ("families"), the permissions each verb grants on each type, and the policy
 * variables.  Every table is static const and every lookup reads only that data,
 * so all functions are thread-safe and allocate nothing.  Names are matched
 * case-insensitively (OCI policy text is case-insensitive); NAME/LEN pairs need
 * not be NUL-terminated.  Where the rows come from: docs/model.md. */
#ifndef IAMC_MODEL_OCI_MODEL_H
#define IAMC_MODEL_OCI_MODEL_H
#include <stddef.h>

/* The verb ladder, least to most; access is cumulative. */
typedef enum {
    OCI_MODEL_INSPECT,
    OCI_MODEL_READ,
    OCI_MODEL_USE,
    OCI_MODEL_MANAGE,
    OCI_MODEL_NVERBS
} oci_model_verb;

typedef struct oci_model_type {
    const char *name;                           /* canonical: "keys" */
    const char *const *aliases;                 /* other spellings seen in Oracle docs/code; NULL-terminated, or NULL */
    const char *const *perms[OCI_MODEL_NVERBS]; /* CUMULATIVE: perms[USE] includes inspect + read; NULL-terminated */
    const char *const *variables;               /* type-specific variables (target.key.id, …); NULL-terminated, or NULL */
    const char *service;                        /* "vault", "oke", "iam", "objectstorage", "network", "compute", "blockstorage" */
    const char *note;                           /* why a row is doubtful or incomplete, or NULL */
    unsigned known_perms : 1;                   /* 0 when the permission rows could not be confirmed */
} oci_model_type;

typedef struct oci_model_family {
    const char *name;                           /* "key-family", "drgs", … (never all-resources) */
    const char *const *members;                 /* type names, NULL-terminated */
    const char *const *extra[OCI_MODEL_NVERBS]; /* CUMULATIVE permissions the aggregate grants beyond
                                                   its members (instance-family); NULL-terminated */
    const char *note;                           /* documentation status, or NULL */
} oci_model_family;

/* Verbs by name ("inspect" … "manage"); -1 / NULL when unknown. */
int oci_model_verb_find(const char *name, size_t len, oci_model_verb *verb);
const char *oci_model_verb_name(oci_model_verb verb);

/* Types by canonical name or alias; families by name.  NULL when unknown. */
const oci_model_type *oci_model_type_find(const char *name, size_t len);
const oci_model_family *oci_model_family_find(const char *name, size_t len);
size_t oci_model_type_count(void);
const oci_model_type *oci_model_type_at(size_t i);
size_t oci_model_family_count(void);
const oci_model_family *oci_model_family_at(size_t i);

/* 1 when NAME is "all-resources". */
int oci_model_is_all_resources(const char *name, size_t len);

/* Does VERB on RESOURCE (a type, an alias, a family, or "all-resources") grant
 * PERMISSION?  1 yes, 0 no, -1 unknown: RESOURCE is not a known name, or is a type
 * whose rows are unconfirmed (known_perms == 0), or is a family none of whose
 * confirmed members grants it while some member is unconfirmed.  all-resources
 * grants every permission; a family grants what any member (or its extra row) grants. */
int oci_model_grants(oci_model_verb verb, const char *resource, size_t rlen,
                     const char *permission, size_t plen);

/* The resource type a permission belongs to and the least verb that grants it
 * (the first type in table order when several list it); 0 found, -1 not. */
int oci_model_permission_find(const char *permission, size_t len,
                              const oci_model_type **type, oci_model_verb *least);

/* 1 when some row of some type (confirmed or not) lists PERMISSION. */
int oci_model_permission_known(const char *permission, size_t len);

/* The known permission closest to NAME when close enough to be a typo of it, else NULL
 * (also NULL when NAME is itself known). */
const char *oci_model_permission_suggest(const char *name, size_t len);

/* Every permission VERB grants on RESOURCE (type, family, or all-resources: then
 * the union over every confirmed type, i.e. only the permissions the model knows),
 * each once, calling FN (may be NULL) for each.  Returns the count, -1 when unknown. */
int oci_model_each_permission(oci_model_verb verb, const char *resource, size_t rlen,
                              void (*fn)(const char *perm, void *ctx), void *ctx);

/* Known policy variables: the general ones (every request) and the type-specific ones. */
typedef enum {
    OCI_VAR_STRING,
    OCI_VAR_OCID,
    OCI_VAR_LIST,   /* list of OCIDs (request.groups.id): =, != match any / none */
    OCI_VAR_TIME,   /* ISO 8601 UTC time: before/after, between */
    OCI_VAR_BOOL,   /* quoted 'true' / 'false' */
    OCI_VAR_TAG     /* BASE.tag.NAMESPACE.KEY; the table holds BASE.tag */
} oci_var_type;

typedef struct oci_model_variable {
    const char *name;
    oci_var_type type;
    const char *applies_to;  /* NULL = every request, else the type it belongs to; other types
                                that accept it list it in their own `variables` */
} oci_model_variable;

/* Exact name, or for tag variables BASE.tag.NS.KEY by the BASE.tag prefix.  NULL when unknown. */
const oci_model_variable *oci_model_variable_find(const char *name, size_t len);
size_t oci_model_variable_count(void);
const oci_model_variable *oci_model_variable_at(size_t i);

/* Does TYPE accept variable NAME (a general variable, or one in its `variables`)? 1 / 0. */
int oci_model_type_has_variable(const oci_model_type *type, const char *name, size_t len);

/* Resource principal types, the values of resource.type in dynamic-group matching rules
 * (cluster, fnfunc, …): the ones Oracle's pages show, not every one OCI has. */
size_t oci_model_principal_type_count(void);
const char *oci_model_principal_type_at(size_t i);

#endif
