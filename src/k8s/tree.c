/* k8s/tree: libyaml events to a node tree with byte spans.  libyaml reports positions as
 * character indexes; a table of checkpoints turns them into byte offsets in O(1) amortized. */
#include "k8s/tree.h"
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

/* Aliases share nodes, so a "billion laughs" document stays small in memory, but a walk
 * could still visit it exponentially often: refuse documents whose expansion is too large,
 * as go-yaml refuses "excessive aliasing". */
enum { CHECKPOINT = 256, MAX_DEPTH = 1000, MAX_EXPANDED = 1000000 };

typedef struct {
    const unsigned char *text;
    size_t len, bom;
    uint32_t *marks;          /* byte offset of every CHECKPOINT-th character */
    size_t nmarks;
} charmap;

static size_t utf8_width(unsigned char c)
{
    return c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

static void charmap_init(charmap *m, const source *src)
{
    m->text = (const unsigned char *)src->text;
    m->len = src->len;
    m->bom = src->len >= 3 && memcmp(src->text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    m->nmarks = src->len / CHECKPOINT + 2;
    m->marks = malloc(m->nmarks * sizeof *m->marks);
    if (!m->marks) abort();
    size_t ch = 0, off = m->bom, k = 0;
    while (k < m->nmarks) {
        if (ch % CHECKPOINT == 0) m->marks[k++] = (uint32_t)off;
        if (off >= m->len) {
            while (k < m->nmarks) m->marks[k++] = (uint32_t)m->len;
            break;
        }
        size_t w = utf8_width(m->text[off]);
        off = off + w > m->len ? m->len : off + w;
        ch++;
    }
}

static uint32_t charmap_offset(const charmap *m, size_t index)
{
    size_t k = index / CHECKPOINT;
    if (k >= m->nmarks) return (uint32_t)m->len;
    size_t off = m->marks[k];
    for (size_t i = k * CHECKPOINT; i < index && off < m->len; i++) off += utf8_width(m->text[off]);
    return (uint32_t)(off > m->len ? m->len : off);
}

typedef struct anchor {
    const char *name;
    k8s_node *node;
    size_t size;
    struct anchor *next;
} anchor;

typedef struct {
    arena *mem;
    source *src;
    diag_list *diags;
    charmap map;
    k8s_node **stack;
    size_t depth, cap;
    k8s_node *pending_key[MAX_DEPTH + 1];   /* a map's key waiting for its value */
    anchor *anchors;
    size_t expanded;
    k8s_tree *tree;
    int documents;
} reader;

k8s_scalar_type k8s_resolve_plain(const char *s, size_t n)
{
    static const char *const nulls[] = {"", "~", "null", "Null", "NULL"};
    static const char *const bools[] = {"true", "True", "TRUE", "false", "False", "FALSE", "yes", "Yes", "YES",
                                        "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF", "y", "Y", "n", "N"};
    for (size_t i = 0; i < sizeof nulls / sizeof *nulls; i++)
        if (strcmp(s, nulls[i]) == 0) return K8S_SCALAR_NULL;
    for (size_t i = 0; i < sizeof bools / sizeof *bools; i++)
        if (strcmp(s, bools[i]) == 0) return K8S_SCALAR_BOOL;
    size_t i = 0;
    if (i < n && (s[i] == '-' || s[i] == '+')) i++;
    if (i == n) return K8S_SCALAR_STR;
    if (n - i > 2 && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'o')) {
        for (size_t j = i + 2; j < n; j++)
            if (!strchr("0123456789abcdefABCDEF_", s[j])) return K8S_SCALAR_STR;
        return K8S_SCALAR_INT;
    }
    int digits = 0, dot = 0, exp = 0;
    for (; i < n; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9') digits++;
        else if (c == '_' && digits) continue;
        else if (c == '.' && !dot && !exp) dot = 1;
        else if ((c == 'e' || c == 'E') && digits && !exp) {
            exp = 1;
            if (i + 1 < n && (s[i + 1] == '-' || s[i + 1] == '+')) i++;
        } else return K8S_SCALAR_STR;
    }
    if (!digits) {
        if (strcmp(s, ".inf") == 0 || strcmp(s, ".nan") == 0 || strcmp(s, "-.inf") == 0) return K8S_SCALAR_FLOAT;
        return K8S_SCALAR_STR;
    }
    return dot || exp ? K8S_SCALAR_FLOAT : K8S_SCALAR_INT;
}

static k8s_node *new_node(reader *r, k8s_node_kind kind, const yaml_mark_t *start, const yaml_mark_t *end)
{
    k8s_node *n = arena_alloc(r->mem, sizeof *n);
    n->kind = kind;
    n->off = charmap_offset(&r->map, start->index);
    n->end = charmap_offset(&r->map, end->index);
    return n;
}

static void syntax_error(reader *r, size_t index, const char *fmt, const char *a, const char *b)
{
    uint32_t off = charmap_offset(&r->map, index);
    diag *d = diag_add(r->diags, DIAG_ERROR, r->src, off, off, fmt, a, b);
    d->code = "K8S001";
}

static size_t subtree_size(const k8s_node *n)
{
    size_t s = 1;
    for (const k8s_node *c = n->child; c; c = c->next) s += subtree_size(c) + (c->key != NULL);
    return s;
}

/* Attach a finished node to its parent (or make it the root). */
static int attach(reader *r, k8s_node *n, const char *anchor_name)
{
    if (anchor_name) {
        anchor *a = arena_alloc(r->mem, sizeof *a);
        a->name = arena_strndup(r->mem, anchor_name, strlen(anchor_name));
        a->node = n;
        a->size = n->kind == K8S_NODE_SCALAR ? 1 : subtree_size(n);
        a->next = r->anchors;
        r->anchors = a;
    }
    if (r->depth == 0) {
        if (!r->tree->root) r->tree->root = n;
        return 0;
    }
    k8s_node *parent = r->stack[r->depth - 1];
    if (parent->kind == K8S_NODE_MAP) {
        k8s_node **pk = &r->pending_key[r->depth - 1];
        if (!*pk) {
            if (n->kind != K8S_NODE_SCALAR) {
                diag *d = diag_add(r->diags, DIAG_ERROR, r->src, n->off, n->end,
                                   "a mapping key must be a scalar, not %s", n->kind == K8S_NODE_MAP ? "a mapping" : "a sequence");
                d->code = "K8S001";
                return -1;
            }
            *pk = n;
            return 0;
        }
        n->key = *pk;
        *pk = NULL;
    }
    if (parent->last) parent->last->next = n; else parent->child = n;
    parent->last = n;
    parent->count++;
    return 0;
}

static int push(reader *r, k8s_node *n)
{
    if (r->depth >= MAX_DEPTH) {
        diag *d = diag_add(r->diags, DIAG_ERROR, r->src, n->off, n->off, "nesting deeper than %d levels", MAX_DEPTH);
        d->code = "K8S001";
        return -1;
    }
    if (r->depth == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 16;
        r->stack = realloc(r->stack, r->cap * sizeof *r->stack);
        if (!r->stack) abort();
    }
    r->stack[r->depth] = n;
    r->pending_key[r->depth] = NULL;
    r->depth++;
    return 0;
}

/* One event; returns 1 at the end of the stream, -1 on error, 0 otherwise. */
static int on_event(reader *r, yaml_event_t *e)
{
    switch (e->type) {
    case YAML_DOCUMENT_START_EVENT:
        if (++r->documents > 1) {
            r->tree->extra_documents++;
            if (r->tree->extra_documents == 1) r->tree->extra_off = charmap_offset(&r->map, e->start_mark.index);
        }
        return 0;
    case YAML_SCALAR_EVENT: {
        if (r->documents > 1) return 0;
        k8s_node *n = new_node(r, K8S_NODE_SCALAR, &e->start_mark, &e->end_mark);
        n->len = e->data.scalar.length;
        n->text = arena_strndup(r->mem, (const char *)e->data.scalar.value, n->len);
        n->type = e->data.scalar.plain_implicit && e->data.scalar.style == YAML_PLAIN_SCALAR_STYLE
                      ? k8s_resolve_plain(n->text, n->len) : K8S_SCALAR_STR;
        return attach(r, n, (const char *)e->data.scalar.anchor);
    }
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT: {
        if (r->documents > 1) return 0;
        k8s_node *n = new_node(r, e->type == YAML_MAPPING_START_EVENT ? K8S_NODE_MAP : K8S_NODE_SEQ,
                               &e->start_mark, &e->end_mark);
        const yaml_char_t *a = e->type == YAML_MAPPING_START_EVENT ? e->data.mapping_start.anchor
                                                                    : e->data.sequence_start.anchor;
        /* The anchor name is kept on the node's text until the node ends. */
        n->text = a ? arena_strndup(r->mem, (const char *)a, strlen((const char *)a)) : NULL;
        return push(r, n);
    }
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT: {
        if (r->documents > 1) return 0;
        k8s_node *n = r->stack[--r->depth];
        n->end = charmap_offset(&r->map, e->end_mark.index);
        const char *a = n->text;
        n->text = NULL;
        return attach(r, n, a);
    }
    case YAML_ALIAS_EVENT: {
        if (r->documents > 1) return 0;
        for (anchor *a = r->anchors; a; a = a->next)
            if (strcmp(a->name, (const char *)e->data.alias.anchor) == 0) {
                r->expanded += a->size;
                if (r->expanded > MAX_EXPANDED) {
                    syntax_error(r, e->start_mark.index, "document contains excessive aliasing%s%s", "", "");
                    return -1;
                }
                if (a->node->kind == K8S_NODE_SCALAR) {
                    /* a scalar alias: a fresh node positioned at the alias */
                    k8s_node *n = new_node(r, K8S_NODE_SCALAR, &e->start_mark, &e->end_mark);
                    n->text = a->node->text;
                    n->len = a->node->len;
                    n->type = a->node->type;
                    return attach(r, n, NULL);
                }
                /* a shallow copy: the children are shared, the links to siblings are not */
                k8s_node *n = arena_alloc(r->mem, sizeof *n);
                *n = *a->node;
                n->key = n->next = NULL;
                return attach(r, n, NULL);
            }
        syntax_error(r, e->start_mark.index, "unknown anchor '%s' referenced%s", (const char *)e->data.alias.anchor, "");
        return -1;
    }
    case YAML_STREAM_END_EVENT:
        return 1;
    default:
        return 0;
    }
}

int k8s_tree_read(k8s_tree *t, source *src, arena *mem, diag_list *diags)
{
    memset(t, 0, sizeof *t);
    size_t i = 0;
    while (i < src->len && strchr(" \t\r\n", src->text[i])) i++;
    t->json = i < src->len && (src->text[i] == '{' || src->text[i] == '[');
    if (src->len >= 2 && ((unsigned char)src->text[0] == 0xFE || (unsigned char)src->text[0] == 0xFF)) {
        diag *d = diag_add(diags, DIAG_ERROR, src, 0, 0, "UTF-16 input is not supported; save the file as UTF-8");
        d->code = "K8S001";
        return -1;
    }
    reader r;
    memset(&r, 0, sizeof r);
    r.mem = mem;
    r.src = src;
    r.diags = diags;
    r.tree = t;
    charmap_init(&r.map, src);
    yaml_parser_t p;
    yaml_parser_initialize(&p);
    yaml_parser_set_input_string(&p, (const unsigned char *)src->text, src->len);
    yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
    int status = 0;
    for (;;) {
        yaml_event_t e;
        if (!yaml_parser_parse(&p, &e)) {
            const char *ctx = p.context ? p.context : NULL;
            size_t index = p.problem_mark.index;
            if (ctx)
                syntax_error(&r, index, "%s %s", ctx, p.problem ? p.problem : "syntax error");
            else
                syntax_error(&r, index, "%s%s", p.problem ? p.problem : "syntax error", "");
            status = -1;
            break;
        }
        int rc = on_event(&r, &e);
        yaml_event_delete(&e);
        if (rc < 0) {
            status = -1;
            break;
        }
        if (rc > 0) break;
    }
    yaml_parser_delete(&p);
    free(r.stack);
    free(r.map.marks);
    return status;
}

k8s_node *k8s_map_get(const k8s_node *m, const char *key)
{
    if (!m || m->kind != K8S_NODE_MAP) return NULL;
    for (k8s_node *c = m->child; c; c = c->next)
        if (strcmp(c->key->text, key) == 0) return c;
    return NULL;
}

const char *k8s_node_json_type(const k8s_node *n)
{
    if (n->kind == K8S_NODE_MAP) return "object";
    if (n->kind == K8S_NODE_SEQ) return "array";
    static const char *const names[] = {"string", "null", "bool", "number", "number"};
    return names[n->type];
}
