/* k8s/spec: strict bundle-spec reading, one message per problem with its JSON Pointer. */
#include "k8s/spec.h"
#include "base/diag.h"
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void k8s_spec_error(k8s_spec *s, const char *pointer, const char *fmt, ...)
{
    va_list ap;
    buf_printf(s->err, "%s: %s: ", s->name, *pointer ? pointer : "/");
    char msg[1024];
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    buf_printf(s->err, "%s\n", msg);
    s->errors++;
}

const char *k8s_spec_quote(k8s_spec *s, const char *v)
{
    buf b;
    buf_init(&b);
    buf_putc(&b, '"');
    diag_quote(&b, v, strlen(v), 200);
    if (strlen(v) > 200) buf_puts(&b, "...");
    buf_putc(&b, '"');
    const char *q = arena_strndup(s->mem, b.data, b.len);
    buf_free(&b);
    return q;
}

void k8s_spec_known(k8s_spec *s, const json_t *obj, const char *pointer, const char *const *fields)
{
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)obj, key, v) {
        int known = 0;
        for (const char *const *f = fields; *f && !known; f++) known = strcmp(*f, key) == 0;
        if (!known) k8s_spec_error(s, pointer, "unknown field %s", k8s_spec_quote(s, key));
    }
}

const char *k8s_spec_string(k8s_spec *s, const json_t *obj, const char *pointer, const char *key, const char *def,
                            int required)
{
    json_t *v = json_object_get(obj, key);
    if (!v) {
        if (required) k8s_spec_error(s, pointer, "\"%s\" is required", key);
        return def;
    }
    if (!json_is_string(v) || json_string_length(v) == 0 || strlen(json_string_value(v)) != json_string_length(v)) {
        k8s_spec_error(s, pointer, "\"%s\" must be a non-empty string", key);
        return def;
    }
    return json_string_value(v);
}

int k8s_spec_bool(k8s_spec *s, const json_t *obj, const char *pointer, const char *key, int def)
{
    json_t *v = json_object_get(obj, key);
    if (!v) return def;
    if (!json_is_boolean(v)) {
        k8s_spec_error(s, pointer, "\"%s\" must be true or false", key);
        return def;
    }
    return json_is_true(v);
}

const char **k8s_spec_strings(k8s_spec *s, const json_t *obj, const char *pointer, const char *key, size_t *n)
{
    json_t *v = json_object_get(obj, key);
    *n = 0;
    if (!v) return NULL;
    if (!json_is_array(v)) {
        k8s_spec_error(s, pointer, "\"%s\" must be an array of strings", key);
        return NULL;
    }
    size_t count = json_array_size(v);
    const char **out = arena_alloc(s->mem, (count + 1) * sizeof *out);
    for (size_t i = 0; i < count; i++) {
        json_t *e = json_array_get(v, i);
        if (!json_is_string(e) || json_string_length(e) == 0) {
            k8s_spec_error(s, pointer, "\"%s\"[%zu] must be a non-empty string", key, i);
            continue;
        }
        out[(*n)++] = json_string_value(e);
    }
    return out;
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
        if (covers_secrets(v[i])) {
            char pointer[32];
            snprintf(pointer, sizeof pointer, "/exempt/%zu", i);
            k8s_spec_error(s, pointer,
                           "%s would leave Secrets in plaintext: the exemption list comes first in the "
                           "configuration, so it wins over \"resources\"; exempt other resources only",
                           k8s_spec_quote(s, v[i]));
        }
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
