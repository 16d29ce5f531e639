/* ram/tables: the JSON policy languages as data: the two dialects and the condition operators. */
#ifndef IAMC_RAM_TABLES_H
#define IAMC_RAM_TABLES_H
#include <stddef.h>
#include <stdint.h>

typedef enum { RAM_DIALECT_RAM, RAM_DIALECT_AWS, RAM_DIALECT_AUTO } ram_dialect;

/* What a condition value must look like. */
typedef enum {
    RAM_VAL_STRING, RAM_VAL_NUMBER, RAM_VAL_DATE, RAM_VAL_BOOL, RAM_VAL_IP, RAM_VAL_ARN, RAM_VAL_BASE64
} ram_value_kind;

typedef enum {
    RAM_FAM_STRING, RAM_FAM_NUMERIC, RAM_FAM_DATE, RAM_FAM_BOOL, RAM_FAM_IP, RAM_FAM_ARN,
    RAM_FAM_BINARY, RAM_FAM_NULL
} ram_family;

enum { RAM_IN_RAM = 1 << RAM_DIALECT_RAM, RAM_IN_AWS = 1 << RAM_DIALECT_AWS };

typedef enum { RAM_SET_NONE, RAM_SET_ANY, RAM_SET_ALL } ram_set_qualifier;

typedef struct ram_operator {
    const char *name;
    uint8_t family;          /* ram_family */
    uint8_t value;           /* ram_value_kind */
    uint8_t negated;         /* true when the key is absent (AWS rule) */
    uint8_t dialects;        /* RAM_IN_* */
    uint8_t if_exists;       /* takes the IfExists suffix (where the dialect has it) */
    uint8_t single;          /* exactly one value unless a set qualifier is written */
} ram_operator;

typedef enum {
    RAM_PRINCIPAL_RAM, RAM_PRINCIPAL_AWS, RAM_PRINCIPAL_SERVICE, RAM_PRINCIPAL_FEDERATED,
    RAM_PRINCIPAL_CANONICAL_USER
} ram_principal_kind;

typedef struct ram_dialect_info {
    const char *name;             /* "ram", "aws" (the --lang value and the AST's "language") */
    const char *title;            /* "RAM", "AWS IAM", for messages */
    const char *arn_prefix;       /* "acs:", "arn:" */
    unsigned arn_fields;          /* 5 for acs:, 6 for arn: */
    const char *arn_shape;        /* for messages */
    const char *principal_example;     /* "acs:ram::UID:root", for messages */
    const char *service_example;       /* "ecs.aliyuncs.com", for messages */
    const char *const *versions;  /* NULL-terminated */
    const char *const *top_elements;    /* allowed top-level members, NULL-terminated */
    const char *const *stmt_elements;   /* allowed statement members, NULL-terminated */
    unsigned principal_kinds;     /* 1 << ram_principal_kind */
    unsigned size_error;          /* characters without whitespace: over this is an error */
    unsigned size_warning;        /* over this is a warning (0: none) */
    uint8_t qualifiers;           /* has IfExists / ForAnyValue: / ForAllValues: */
    uint8_t version_required;     /* a missing Version is an error (else a warning) */
    uint8_t service_wildcards;    /* '*' and '?' may appear in an action's service code */
    uint8_t unique_sids;          /* duplicate Sids are an error (else a warning) */
} ram_dialect_info;

const ram_dialect_info *ram_dialect_get(ram_dialect d);

/* The operator named exactly NAME (LEN bytes), or NULL. */
const ram_operator *ram_operator_find(const char *name, size_t len);
/* The operator whose name equals NAME ignoring case, or NULL (for "did you mean" hints). */
const ram_operator *ram_operator_find_nocase(const char *name, size_t len);
/* The whole table, for suggestions. */
const ram_operator *ram_operators(size_t *n);
const char *ram_family_name(ram_family f);
const char *ram_value_kind_name(ram_value_kind v);

const char *ram_principal_kind_name(ram_principal_kind k);
/* -1 when NAME is not a principal key of any dialect. */
int ram_principal_kind_find(const char *name, size_t len);

#endif
