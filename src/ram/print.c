/* ram/print: the canonical JSON of a policy (what `iamc fmt` prints).  Members in a fixed
 * order (Version, Id, Statement; Sid, Effect, Principal, Action, Resource, Condition), two
 * spaces of indent, one array item per line; values, their order, and their form (a string
 * or an array) as written, so that formatting never changes the AST. */
#include "base/buf.h"
#include "ram/ast.h"

static void indent(buf *out, int depth)
{
    buf_putc(out, '\n');
    for (int i = 0; i < depth; i++) buf_puts(out, "  ");
}

/* A JSON string: RFC 8259 escapes for '"', '\\' and control characters; UTF-8 as is. */
static void put_string(buf *out, const char *s, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    buf_putc(out, '"');
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        buf_put(out, s + run, i - run);
        run = i + 1;
        switch (c) {
        case '"': buf_puts(out, "\\\""); break;
        case '\\': buf_puts(out, "\\\\"); break;
        case '\n': buf_puts(out, "\\n"); break;
        case '\t': buf_puts(out, "\\t"); break;
        case '\r': buf_puts(out, "\\r"); break;
        case '\b': buf_puts(out, "\\b"); break;
        case '\f': buf_puts(out, "\\f"); break;
        default: {
            char e[7] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15], 0};
            buf_puts(out, e);
        }
        }
    }
    buf_put(out, s + run, len - run);
    buf_putc(out, '"');
}

static void put_scalar(buf *out, const ram_str *s)
{
    if (s->type == RAM_JSON_STRING) put_string(out, s->text, s->len);
    else buf_put(out, s->text, s->len);
}

/* "KEY": at DEPTH, preceded by a comma unless FIRST. */
static void put_key(buf *out, int depth, int *first, const char *key, size_t len)
{
    if (!*first) buf_putc(out, ',');
    *first = 0;
    indent(out, depth);
    put_string(out, key, len);
    buf_puts(out, ": ");
}

static void put_list(buf *out, int depth, const ram_list *l)
{
    if (!l->array) {
        put_scalar(out, &l->items[0]);
        return;
    }
    if (l->n == 0) {
        buf_puts(out, "[]");
        return;
    }
    buf_putc(out, '[');
    for (uint32_t i = 0; i < l->n; i++) {
        indent(out, depth + 1);
        put_scalar(out, &l->items[i]);
        if (i + 1 < l->n) buf_putc(out, ',');
    }
    indent(out, depth);
    buf_putc(out, ']');
}

static void put_principal(buf *out, int depth, const ram_principal *pr)
{
    if (pr->wildcard) {
        put_scalar(out, &pr->star);
        return;
    }
    buf_putc(out, '{');
    int first = 1;
    for (uint32_t i = 0; i < pr->n; i++) {
        put_key(out, depth + 1, &first, pr->entries[i].key.text, pr->entries[i].key.len);
        put_list(out, depth + 1, &pr->entries[i].ids);
    }
    indent(out, depth);
    buf_putc(out, '}');
}

static void put_condition(buf *out, int depth, const ram_stmt *s)
{
    if (s->ncond == 0) {
        buf_puts(out, "{}");
        return;
    }
    buf_putc(out, '{');
    int first = 1;
    for (uint32_t i = 0; i < s->ncond; i++) {
        const ram_cond *c = &s->conds[i];
        put_key(out, depth + 1, &first, c->name.text, c->name.len);
        if (c->n == 0) {
            buf_puts(out, "{}");
            continue;
        }
        buf_putc(out, '{');
        int kfirst = 1;
        for (uint32_t k = 0; k < c->n; k++) {
            put_key(out, depth + 2, &kfirst, c->keys[k].key.text, c->keys[k].key.len);
            put_list(out, depth + 2, &c->keys[k].values);
        }
        indent(out, depth + 1);
        buf_putc(out, '}');
    }
    indent(out, depth);
    buf_putc(out, '}');
}

#define KEY(out, depth, first, lit) put_key((out), (depth), (first), (lit), sizeof(lit) - 1)

static void put_stmt(buf *out, int depth, const ram_stmt *s)
{
    buf_putc(out, '{');
    int first = 1;
    if (s->sid) {
        KEY(out, depth + 1, &first, "Sid");
        put_scalar(out, s->sid);
    }
    KEY(out, depth + 1, &first, "Effect");
    put_scalar(out, &s->effect_text);
    if (s->principal) {
        if (s->not_principal) KEY(out, depth + 1, &first, "NotPrincipal");
        else KEY(out, depth + 1, &first, "Principal");
        put_principal(out, depth + 1, s->principal);
    }
    if (s->not_action) KEY(out, depth + 1, &first, "NotAction");
    else KEY(out, depth + 1, &first, "Action");
    put_list(out, depth + 1, s->action);
    if (s->resource) {
        if (s->not_resource) KEY(out, depth + 1, &first, "NotResource");
        else KEY(out, depth + 1, &first, "Resource");
        put_list(out, depth + 1, s->resource);
    }
    if (s->has_condition) {
        KEY(out, depth + 1, &first, "Condition");
        put_condition(out, depth + 1, s);
    }
    indent(out, depth);
    buf_putc(out, '}');
}

void ram_format_doc(const ram_doc *d, buf *out)
{
    buf_putc(out, '{');
    int first = 1;
    if (d->version) {
        KEY(out, 1, &first, "Version");
        put_scalar(out, d->version);
    }
    if (d->id) {
        KEY(out, 1, &first, "Id");
        put_scalar(out, d->id);
    }
    KEY(out, 1, &first, "Statement");
    if (!d->statement_array) {
        put_stmt(out, 1, &d->stmts[0]);
    } else {
        buf_putc(out, '[');
        for (uint32_t i = 0; i < d->nstmts; i++) {
            indent(out, 2);
            put_stmt(out, 2, &d->stmts[i]);
            if (i + 1 < d->nstmts) buf_putc(out, ',');
        }
        indent(out, 1);
        buf_putc(out, ']');
    }
    indent(out, 0);
    buf_putc(out, '}');
    buf_putc(out, '\n');
}
