/* k8s/tree: a YAML or JSON document read by libyaml into a tree of maps, sequences and
 * scalars, every node with its byte span in the source.  The tree knows no schema; the
 * decoder (k8s/decode.c) gives it the EncryptionConfiguration shape. */
#ifndef IAMC_K8S_TREE_H
#define IAMC_K8S_TREE_H
#include <stddef.h>
#include <stdint.h>
#include "base/arena.h"
#include "base/diag.h"
#include "base/source.h"

typedef enum { K8S_NODE_SCALAR, K8S_NODE_MAP, K8S_NODE_SEQ } k8s_node_kind;

/* How YAML would resolve a scalar's type (YAML 1.1 core rules, as sigs.k8s.io/yaml does). */
typedef enum { K8S_SCALAR_STR, K8S_SCALAR_NULL, K8S_SCALAR_BOOL, K8S_SCALAR_INT, K8S_SCALAR_FLOAT } k8s_scalar_type;

typedef struct k8s_node k8s_node;
struct k8s_node {
    k8s_node_kind kind;
    k8s_scalar_type type;      /* scalars only */
    uint32_t off, end;         /* byte span in the source */
    const char *text;          /* scalar value, NUL-terminated */
    size_t len;
    k8s_node *key;             /* for a map's values: the key scalar */
    k8s_node *child, *last;    /* maps: the values (each with ->key); sequences: the items */
    k8s_node *next;
    size_t count;
};

typedef struct k8s_tree {
    k8s_node *root;            /* NULL for an empty document */
    int json;                  /* the text is JSON (starts with '{' or '[') */
    int extra_documents;       /* documents after the first (ignored, as the API server does) */
    uint32_t extra_off;
} k8s_tree;

/* Read SRC into T.  Syntax errors become diagnostics (rule K8S001) in DIAGS; returns 0 on
 * success, -1 when the text is not well-formed YAML/JSON. */
int k8s_tree_read(k8s_tree *t, source *src, arena *mem, diag_list *diags);

/* The type YAML gives the plain scalar S. */
k8s_scalar_type k8s_resolve_plain(const char *s, size_t n);
/* The value of KEY in map M, or NULL. */
k8s_node *k8s_map_get(const k8s_node *m, const char *key);
/* Node kind or scalar type as Go's JSON decoder names it: "string", "number", "bool",
 * "object", "array", "null". */
const char *k8s_node_json_type(const k8s_node *n);

#endif
