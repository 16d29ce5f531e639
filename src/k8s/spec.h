/* k8s/spec: reading a bundle spec (JSON) strictly: known members only, typed, each problem
 * reported as FILE:LINE:COL: POINTER: MESSAGE, as the OKE bundle's spec errors are. */
#ifndef IAMC_K8S_SPEC_H
#define IAMC_K8S_SPEC_H
#include <jansson.h>
#include "base/arena.h"
#include "base/buf.h"

typedef struct k8s_spec {
    const char *name;          /* the spec file, for messages */
    const char *text;          /* its bytes, for line:col (jsonpos); NULL: no position shown */
    size_t len;
    buf *err;
    arena *mem;                /* where string arrays, pointers and quoted values live */
    int errors;
} k8s_spec;

/* Report members of OBJ (at POINTER) that are not in FIELDS (NULL-terminated), with the
 * closest field when one is close enough to be a typo. */
void k8s_spec_known(k8s_spec *s, const json_t *obj, const char *pointer, const char *const *fields);
/* A string member; DEF when absent (an error when REQUIRED). */
const char *k8s_spec_string(k8s_spec *s, const json_t *obj, const char *pointer, const char *key, const char *def,
                            int required);
int k8s_spec_bool(k8s_spec *s, const json_t *obj, const char *pointer, const char *key, int def);
/* An array of strings; NULL when absent or when an element is not a non-empty string (an
 * error each), so that element I is always the array's.  *N gets the count. */
const char **k8s_spec_strings(k8s_spec *s, const json_t *obj, const char *pointer, const char *key, size_t *n);
/* The member KEY of OBJ when it is an object; NULL when absent, an error when another type. */
const json_t *k8s_spec_object(k8s_spec *s, const json_t *obj, const char *pointer, const char *key);
/* Is V one of WORDS (NULL-terminated)?  If not, an error at POINTER naming them all, or the
 * one V is a likely typo of. */
int k8s_spec_enum(k8s_spec *s, const char *pointer, const char *v, const char *const *words);
/* The "exempt" array of a Kubernetes spec (resources left in plaintext, listed before the
 * encrypted ones, so they win over "resources"): naming Secrets is an error. */
const char **k8s_spec_exempt(k8s_spec *s, const json_t *obj, size_t *n);
/* V as a message shows it: in double quotes, control characters as \xNN (diag_quote), long
 * values cut; allocated in S->mem. */
const char *k8s_spec_quote(k8s_spec *s, const char *v);
/* A bundle's "name" (it heads the README and the summary printed to the terminal): 1-63
 * letters, digits, '.', '_', '-', beginning with a letter or digit. */
int k8s_spec_name_ok(const char *name);
void k8s_spec_error(k8s_spec *s, const char *pointer, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
