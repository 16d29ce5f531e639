/* ram/ast: the AST of a JSON access policy, Alibaba Cloud RAM or AWS IAM.  Nodes live in the
 * document's arena.  Every string keeps its decoded text and the byte range of its JSON token
 * in the source; line:column come from the source's line index, and JSON Pointers from the
 * node's place in the tree (ram_pointer_* in ram/pointer.h). */
#ifndef IAMC_RAM_AST_H
#define IAMC_RAM_AST_H
#include <stddef.h>
#include <stdint.h>
#include "base/arena.h"
#include "base/diag.h"
#include "base/source.h"
#include "ram/pointer.h"
#include "ram/tables.h"

typedef struct ram_span {
    uint32_t off, len;       /* byte range of a JSON token or value in the source */
} ram_span;

typedef enum { RAM_JSON_STRING, RAM_JSON_NUMBER, RAM_JSON_BOOL } ram_json_type;

/* A scalar: an element value, an object key, or a condition value. */
typedef struct ram_str {
    const char *text;        /* decoded UTF-8, NUL-terminated; numbers and booleans as written */
    uint32_t len;
    uint8_t type;            /* ram_json_type */
    ram_span span;           /* the JSON token (with its quotes) */
} ram_str;

/* An element the cloud takes as a string or as an array of strings; both mean the same. */
typedef struct ram_list {
    ram_span span;           /* the whole JSON value */
    uint8_t array;           /* written as an array (kept so that fmt keeps the form) */
    uint32_t n;
    ram_str *items;
} ram_list;

typedef struct ram_principal_entry {
    ram_str key;             /* "RAM", "Service", "Federated", "AWS", "CanonicalUser" */
    uint8_t kind;            /* ram_principal_kind */
    ram_list ids;
} ram_principal_entry;

typedef struct ram_principal {
    ram_span span;
    uint8_t wildcard;        /* written as the string "*" */
    ram_str star;            /* that string, when wildcard */
    uint32_t n;
    ram_principal_entry *entries;
} ram_principal;

typedef struct ram_cond_key {
    ram_str key;             /* "acs:SourceIp" */
    ram_list values;
} ram_cond_key;

/* One operator block of a Condition: {"StringEquals": {"key": values, ...}}. */
typedef struct ram_cond {
    ram_str name;            /* as written: "ForAnyValue:StringLikeIfExists" */
    const ram_operator *op;  /* the base operator's table row; NULL only in documents with errors */
    uint8_t set;             /* ram_set_qualifier */
    uint8_t if_exists;
    ram_span span;           /* the operator's object value */
    uint32_t n;
    ram_cond_key *keys;
} ram_cond;

typedef enum { RAM_ALLOW, RAM_DENY } ram_effect;

typedef struct ram_stmt {
    ram_span span;
    uint8_t effect;          /* ram_effect */
    uint8_t not_principal, not_action, not_resource;
    ram_str *sid;            /* NULL when absent */
    ram_str effect_text;
    ram_principal *principal;     /* Principal or NotPrincipal; NULL when absent */
    ram_list *action;             /* Action or NotAction; NULL only in documents with errors */
    ram_list *resource;           /* Resource or NotResource; NULL in trust policies */
    int has_condition;
    ram_span cond_span;
    uint32_t ncond;
    ram_cond *conds;
} ram_stmt;

typedef struct ram_doc {
    arena mem;
    source src;
    diag_list diags;
    ram_jindex index;        /* byte offsets of every JSON value (ram/pointer.c) */
    uint8_t dialect;         /* ram_dialect: RAM_DIALECT_RAM or RAM_DIALECT_AWS */
    uint8_t statement_array; /* "Statement" written as an array (else a single object) */
    ram_str *version;        /* NULL when absent */
    ram_str *id;             /* AWS "Id"; NULL when absent */
    ram_span stmt_span;      /* the Statement value */
    uint32_t nstmts;
    ram_stmt *stmts;
} ram_doc;

/* Parse SRC (ownership moves into the document).  DIALECT is RAM_DIALECT_RAM, _AWS, or _AUTO
 * (from Version, then acs: vs arn:).  Never fails: errors are in doc->diags. */
ram_doc *ram_parse(source *src, ram_dialect dialect);
void ram_doc_free(ram_doc *d);

struct buf;
/* The canonical JSON (what `iamc fmt` prints): fixed key order, 2-space indent, values and
 * their forms (string or array) as written. */
void ram_format_doc(const ram_doc *d, struct buf *out);

#endif
