/* k8s/spec: strict bundle-spec reading, one message per problem with its position and JSON
 * Pointer, in the form of the OKE bundle's (emit/spec.c). */
#include "k8s/spec.h"
#include "base/diag.h"
#include "base/jsonpos.h"
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* The message at byte OFF of the text (none shown when there is no text). */
static void report(k8s_spec *s, size_t off, const char *pointer, const char *fmt, va_list ap)
{
    buf_puts(s->err, s->name);
    if (s->text) {
        unsigned line = 1, col = 1;
        for (size_t i = 0; i < off && i < s->len; i++) {
            if (s->text[i] == '\n') line++, col = 1;
            else col++;
        }
        buf_printf(s->err, ":%u:%u", line, col);
    }
    /* a member name is spec text: shown escaped like any value */
    buf_puts(s->err, ": ");
    if (*pointer) diag_quote(s->err, pointer, strlen(pointer), 200);
    else buf_putc(s->err, '/');
    buf_printf(s->err, ": %s\n", diag_vformat(s->mem, fmt, ap));
    s->errors++;
}

void k8s_spec_error(k8s_spec *s, const char *pointer, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(s, s->text ? jsonpos_find(s->text, s->len, pointer) : 0, pointer, fmt, ap);
    va_end(ap);
}

/* An error about the name of the member at POINTER, shown at the name rather than its value:
 * back from the value over ':' to the name's opening quote (one not escaped). */
static void member_error(k8s_spec *s, const char *pointer, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void member_error(k8s_spec *s, const char *pointer, const char *fmt, ...)
{
    size_t off = 0;
    if (s->text) {
        size_t v = jsonpos_find(s->text, s->len, pointer), i = v;
        /* a name jsonpos cannot match (escapes) leaves it at the object: show that */
        const char *slash = strrchr(pointer, '/');
        char *parent = arena_strndup(s->mem, pointer, slash ? (size_t)(slash - pointer) : 0);
        if (v == jsonpos_find(s->text, s->len, parent)) i = 0;
        while (i > 0 && strchr(" \t\r\n", s->text[i - 1])) i--;
        if (i > 0 && s->text[i - 1] == ':') i--;
        while (i > 0 && strchr(" \t\r\n", s->text[i - 1])) i--;
        if (i > 0 && s->text[i - 1] == '"') {
            for (i--; i > 0; i--) {
                size_t bs = 0;
                while (bs < i - 1 && s->text[i - 2 - bs] == '\\') bs++;
                if (s->text[i - 1] == '"' && bs % 2 == 0) break;
            }
            off = i > 0 ? i - 1 : v;
        } else {
            off = v;
        }
    }
    va_list ap;
    va_start(ap, fmt);
    report(s, off, pointer, fmt, ap);
    va_end(ap);
}

const char *k8s_spec_quote(k8s_spec *s, const char *v)
{
    buf b;
    buf_init(&b);
    buf_putc(&b, '"');
    diag_quote(&b, v, strlen(v), 200);
    buf_putc(&b, '"');
    const char *q = arena_strndup(s->mem, b.data, b.len);
    buf_free(&b);
    return q;
}

/* The JSON Pointer of member KEY of the value at POINTER (RFC 6901 escapes), in S->mem. */
static const char *member(k8s_spec *s, const char *pointer, const char *key)
{
    buf b;
    buf_init(&b);
    buf_printf(&b, "%s/", pointer);
    for (const char *p = key; *p; p++) {
        if (*p == '~') buf_puts(&b, "~0");
        else if (*p == '/') buf_puts(&b, "~1");
        else buf_putc(&b, *p);
    }
    const char *out = arena_strndup(s->mem, b.data, b.len);
    buf_free(&b);
    return out;
}

static const char *element(k8s_spec *s, const char *pointer, size_t i)
{
    char index[24];
    snprintf(index, sizeof index, "%zu", i);
    return member(s, pointer, index);
}

static const char *type_name(const json_t *v)
{
    static const char *const names[] = {"an object", "an array", "a string", "a number", "a number", "true", "false", "null"};
    return names[json_typeof(v)];
}

/* What a value that should be a non-empty string is instead (NULL: it is one). */
static const char *not_a_string(k8s_spec *s, const json_t *v)
{
    if (!json_is_string(v)) return type_name(v);
    if (json_string_length(v) == 0) return "\"\"";
    if (strlen(json_string_value(v)) != json_string_length(v)) {
        buf b;
        buf_init(&b);
        buf_putc(&b, '"');
        diag_quote(&b, json_string_value(v), json_string_length(v), 200);
        buf_puts(&b, "\" (a NUL character)");
        const char *out = arena_strndup(s->mem, b.data, b.len);
        buf_free(&b);
        return out;
    }
    return NULL;
}

void k8s_spec_known(k8s_spec *s, const json_t *obj, const char *pointer, const char *const *fields)
{
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)obj, key, v) {
        const char *near;
        buf list;
        buf_init(&list);
        if (!diag_unknown_name(key, fields, &near, &list)) {
            buf_free(&list);
            continue;
        }
        if (near)
            member_error(s, member(s, pointer, key), "unknown member %s (did you mean \"%s\"?)",
                         k8s_spec_quote(s, key), near);
        else
            member_error(s, member(s, pointer, key), "unknown member %s (expected %s)", k8s_spec_quote(s, key),
                         list.data);
        buf_free(&list);
    }
}

const char *k8s_spec_string(k8s_spec *s, const json_t *obj, const char *pointer, const char *key, const char *def,
                            int required)
{
    json_t *v = json_object_get(obj, key);
    if (!v) {
        if (required) k8s_spec_error(s, pointer, "missing \"%s\"", key);
        return def;
    }
    const char *found = not_a_string(s, v);
    if (found) {
        k8s_spec_error(s, member(s, pointer, key), "expected a non-empty string, found %s", found);
        return def;
    }
    return json_string_value(v);
}

int k8s_spec_bool(k8s_spec *s, const json_t *obj, const char *pointer, const char *key, int def)
{
    json_t *v = json_object_get(obj, key);
    if (!v) return def;
    if (!json_is_boolean(v)) {
        k8s_spec_error(s, member(s, pointer, key), "expected true or false, found %s", type_name(v));
        return def;
    }
    return json_is_true(v);
}

const char **k8s_spec_strings(k8s_spec *s, const json_t *obj, const char *pointer, const char *key, size_t *n)
{
    json_t *v = json_object_get(obj, key);
    *n = 0;
    if (!v) return NULL;
    const char *at = member(s, pointer, key);
    if (!json_is_array(v)) {
        k8s_spec_error(s, at, "expected an array of strings, found %s", type_name(v));
        return NULL;
    }
    size_t count = json_array_size(v);
    const char **out = arena_alloc(s->mem, (count + 1) * sizeof *out);
    int bad = 0;
    for (size_t i = 0; i < count; i++) {
        json_t *e = json_array_get(v, i);
        const char *found = not_a_string(s, e);
        if (found) k8s_spec_error(s, element(s, at, i), "expected a non-empty string, found %s", found);
        bad |= found != NULL;
        out[i] = json_string_value(e);
    }
    if (bad) return NULL;   /* so that out[i] is always element i */
    *n = count;
    return out;
}

const json_t *k8s_spec_object(k8s_spec *s, const json_t *obj, const char *pointer, const char *key)
{
    json_t *v = json_object_get(obj, key);
    if (v && !json_is_object(v)) {
        k8s_spec_error(s, member(s, pointer, key), "expected an object, found %s", type_name(v));
        return NULL;
    }
    return v;
}

int k8s_spec_enum(k8s_spec *s, const char *pointer, const char *v, const char *const *words)
{
    size_t n = 0;
    int found = 0;
    for (; words[n]; n++) found |= strcmp(v, words[n]) == 0;
    if (found) return 1;
    buf list;
    buf_init(&list);
    for (size_t i = 0; i < n; i++) buf_printf(&list, "%s\"%s\"", i ? (i + 1 < n ? ", " : " or ") : "", words[i]);
    const char *near = diag_suggest(v, strlen(v), words, n);
    if (near) k8s_spec_error(s, pointer, "expected %s, found %s (did you mean \"%s\"?)", list.data, k8s_spec_quote(s, v), near);
    else k8s_spec_error(s, pointer, "expected %s, found %s", list.data, k8s_spec_quote(s, v));
    buf_free(&list);
    return 0;
}

/* Does resource R (as the configuration writes it) cover Secrets? */
static int covers_secrets(const char *r)
{
    static const char *const names[] = {"secrets", "secrets.", "*.", "*.*"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcmp(r, names[i]) == 0) return 1;
    return 0;
}

const char **k8s_spec_exempt(k8s_spec *s, const json_t *obj, size_t *n)
{
    const char **v = k8s_spec_strings(s, obj, "", "exempt", n);
    for (size_t i = 0; i < *n; i++)
        if (covers_secrets(v[i]))
            k8s_spec_error(s, element(s, "/exempt", i),
                           "%s would leave Secrets in plaintext: the exemption list comes first in the "
                           "configuration, so it wins over \"resources\"; exempt other resources only",
                           k8s_spec_quote(s, v[i]));
    return v;
}

int k8s_spec_name_ok(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n > 63 || !isalnum((unsigned char)name[0])) return 0;
    for (const char *p = name; *p; p++)
        if (!isalnum((unsigned char)*p) && !strchr("._-", *p)) return 0;
    return 1;
}
