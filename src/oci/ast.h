/* oci/ast: the OCI policy AST.  Nodes live in the document's arena; text is not copied:
 * every node keeps the byte range of its source text (oci_span), and line:column are
 * computed through the document's line index when a diagnostic or printer needs them.
 * Keeping spans at 8 bytes is what keeps a statement near 200 arena bytes. */
#ifndef IAMC_OCI_AST_H
#define IAMC_OCI_AST_H
#include <stddef.h>
#include <stdint.h>
#include "base/arena.h"
#include "base/diag.h"
#include "base/source.h"

typedef struct oci_span {
    uint32_t off, len;     /* byte range in the document text (doc->text) */
} oci_span;

/* A token in a list: a compartment path element, a permission, a service name, an alias. */
typedef struct oci_list {
    oci_span tok;
    struct oci_list *next;
} oci_list;

typedef enum { OCI_PRINCIPAL_NAME, OCI_PRINCIPAL_ID } oci_principal_kind;

typedef struct oci_principal {
    oci_span domain;       /* identity domain; len 0 when absent (means 'Default') */
    oci_span name;         /* name, quoted name, or OCID after 'id' */
    uint8_t kind;          /* oci_principal_kind */
    uint8_t repeated;      /* written 'group id X' inside the list (PCA form) */
    struct oci_principal *next;
} oci_principal;

typedef enum {
    OCI_LOC_NONE,            /* lenient: no location was written */
    OCI_LOC_TENANCY,         /* in tenancy */
    OCI_LOC_COMPARTMENT,     /* in compartment A:B:C (path) */
    OCI_LOC_COMPARTMENT_ID,  /* in compartment id OCID */
    OCI_LOC_TENANCY_ALIAS,   /* Endorse: in tenancy ALIAS;  Admit: of tenancy ALIAS */
    OCI_LOC_ANY_TENANCY      /* in any-tenancy / of any-tenancy */
} oci_location_kind;

typedef struct oci_location {
    uint8_t kind;          /* oci_location_kind */
    uint8_t bare;          /* lenient: compartment path without the 'compartment' keyword */
    oci_span span;         /* from the first keyword to the last path element */
    oci_list *path;        /* path elements, the OCID, or the tenancy alias */
} oci_location;

typedef enum { OCI_COND_PRED, OCI_COND_ANY, OCI_COND_ALL } oci_cond_kind;
typedef enum {
    OCI_OP_EQ, OCI_OP_NE, OCI_OP_IN, OCI_OP_NOT_IN, OCI_OP_BEFORE, OCI_OP_AFTER,
    OCI_OP_BETWEEN, OCI_OP_SETS_INTERSECT, OCI_OP_PRESENT
} oci_op;
typedef enum {
    OCI_VAL_STRING,        /* 'text' */
    OCI_VAL_PATTERN,       /* /glob-with-stars/ */
    OCI_VAL_VARIABLE,      /* request.principal.id */
    OCI_VAL_OCID           /* lenient: an OCID without quotes */
} oci_value_kind;

typedef struct oci_value {
    oci_span tok;
    uint8_t kind;          /* oci_value_kind */
    struct oci_value *next;
} oci_value;

typedef struct oci_cond {
    oci_span span;
    uint8_t kind;          /* oci_cond_kind */
    uint8_t op;            /* oci_op, for predicates */
    oci_span var;          /* predicate variable */
    union {
        struct oci_cond *children;   /* any / all */
        oci_value *values;           /* predicate operands, in order */
    } u;
    struct oci_cond *next;
} oci_cond;

typedef enum { OCI_STMT_ALLOW, OCI_STMT_DEFINE, OCI_STMT_ENDORSE, OCI_STMT_ADMIT } oci_stmt_kind;
typedef enum {
    OCI_SUBJ_NONE, OCI_SUBJ_GROUP, OCI_SUBJ_DYNAMIC_GROUP, OCI_SUBJ_SERVICE,
    OCI_SUBJ_ANY_USER, OCI_SUBJ_ANY_GROUP
} oci_subject_kind;
typedef enum {
    OCI_VERB_NONE,          /* a permission list */
    OCI_VERB_INSPECT, OCI_VERB_READ, OCI_VERB_USE, OCI_VERB_MANAGE,
    OCI_VERB_ASSOCIATE      /* the cross-tenancy 'associate … with …' forms */
} oci_verb;
typedef enum {
    OCI_DEFINE_TENANCY, OCI_DEFINE_GROUP, OCI_DEFINE_DYNAMIC_GROUP, OCI_DEFINE_COMPARTMENT
} oci_define_kind;

/* Lenient forms: parsed so that lint can report them (docs/language.md, "Lenient forms"). */
enum {
    OCI_LENIENT_NO_LOCATION   = 1 << 0,  /* 'to manage x where …' with no 'in' */
    OCI_LENIENT_DYNAMIC_GROUP = 1 << 1,  /* 'dynamic group' with a space */
    OCI_LENIENT_DEFINE_ID     = 1 << 2,  /* 'Define … as id OCID' (both forms are in the docs) */
};

/* 'associate RT in LOC with RT in LOC': the part after 'with'. */
typedef struct oci_with {
    oci_span resource;
    oci_location in;
} oci_with;

typedef struct oci_stmt {
    oci_span span;
    uint8_t kind;           /* oci_stmt_kind */
    uint8_t deny;           /* Deny, Deny Endorse, Deny Admit */
    uint8_t subject;        /* oci_subject_kind */
    uint8_t verb;           /* oci_verb */
    uint8_t define_kind;    /* oci_define_kind, for Define */
    uint8_t lenient;        /* OCI_LENIENT_* */
    oci_span subject_span;
    oci_principal *principals;  /* groups, dynamic groups or services (name only) */
    oci_span resource;      /* resource type; for Define, the alias */
    oci_list *perms;        /* permission list; for Define, the OCID (one element) */
    oci_location in;        /* where the grant applies */
    oci_location *of;       /* Admit: the principal's tenancy */
    oci_with *with;         /* associate forms */
    oci_cond *where;
    struct oci_stmt *next;
} oci_stmt;

typedef struct oci_rule {    /* a dynamic-group matching rule */
    oci_span span;
    oci_cond *expr;
    struct oci_rule *next;
} oci_rule;

typedef struct oci_comment {
    oci_span span;          /* from '#' to the end of the line */
    struct oci_comment *next;
} oci_comment;

typedef enum { OCI_DOC_POLICY, OCI_DOC_RULES } oci_doc_kind;
typedef enum { OCI_INPUT_TEXT, OCI_INPUT_JSON_ARRAY, OCI_INPUT_RULE, OCI_INPUT_RULE_LINES } oci_input;

typedef struct oci_doc {
    arena mem;
    source src;
    const char *text;       /* what the lexer read: src.text, or the decoded JSON strings */
    size_t text_len;
    uint32_t *map;          /* text offset -> source offset; NULL when text is the source */
    uint8_t kind;           /* oci_doc_kind */
    uint8_t input;          /* oci_input */
    oci_stmt *stmts, *stmts_tail;
    size_t nstmts;
    oci_rule *rules, *rules_tail;
    size_t nrules;
    oci_comment *comments, *comments_tail;
    diag_list diags;
} oci_doc;

/* Source byte offset of a text offset. */
static inline uint32_t oci_doc_source_offset(const oci_doc *d, uint32_t off)
{
    return d->map ? d->map[off] : off;
}
static inline const char *oci_text(const oci_doc *d, oci_span s) { return d->text + s.off; }

/* Parse flags */
enum {
    OCI_PARSE_RULES = 1 << 0,        /* input is matching rules, not statements */
    OCI_PARSE_RULE_LINES = 1 << 1,   /* with RULES: one rule per line (a .rules file) */
};

/* Parse SRC (ownership moves into the document).  Never fails: errors are in doc->diags. */
oci_doc *oci_parse(source *src, unsigned flags);
void oci_doc_free(oci_doc *d);
/* line:col (1-based, source coordinates) of a text offset. */
void oci_doc_position(oci_doc *d, uint32_t off, uint32_t *line, uint32_t *col);

/* Printers (oci/print.c, oci/json.c). */
struct buf;
/* Whether the resource type TOK is a name the model knows (a type, an alias, a family or
 * all-resources): such names are keywords and are written in lower case. */
int oci_resource_is_keyword(const oci_doc *d, oci_span tok);
void oci_print_stmt(const oci_doc *d, const oci_stmt *s, struct buf *out);
void oci_print_cond(const oci_doc *d, const oci_cond *c, int rule_style, struct buf *out);
void oci_format_doc(const oci_doc *d, int as_json, struct buf *out);

#endif
