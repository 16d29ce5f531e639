/* decide: the OCI decision engine.  A world is compiled once into rules and an index
 * keyed by (tenancy, rule class, permission, principal); after that every decision reads
 * only immutable data: no locks, no allocation (docs/requests.md). */
#ifndef IAMC_DECIDE_DECIDE_H
#define IAMC_DECIDE_DECIDE_H
#include <stdint.h>
#include "base/intern.h"
#include "iamc.h"
#include "world/world.h"

enum { RULE_ALLOW, RULE_DENY, RULE_ENDORSE, RULE_DENY_ENDORSE, RULE_ADMIT, RULE_DENY_ADMIT, RULE_CLASSES };
enum { LOC_TENANCY_WIDE = -2, LOC_UNRESOLVED = -3 };
enum { KEY_ANY_USER = 1, KEY_ANY_GROUP = 2 };      /* reserved principal keys */
enum { PERM_ANY = 0 };                            /* all-resources */
/* The parts of a statement an explanation checks, in order: how far a near miss got. */
enum { PART_SUBJECT, PART_PERMISSION, PART_LOCATION, PART_TENANCY, PART_CONDITION, PART_NONE };

typedef struct dec_value {
    uint8_t kind;            /* oci_value_kind */
    uint8_t glob;            /* compare as a pattern: /…/, or '…*…' where the variable allows it */
    uint32_t var;            /* OCI_VAL_VARIABLE: the variable id */
    const char *text;        /* NUL-terminated, quotes and slashes removed */
    uint32_t len;
    int64_t time;            /* before/after/between: the parsed time (seconds) */
} dec_value;

typedef struct dec_cond {
    uint8_t kind, op;        /* oci_cond_kind, oci_op */
    uint32_t var;            /* predicate variable id */
    uint32_t nvalues, nkids;
    dec_value *values;
    struct dec_cond *kids;
    const oci_cond *src;     /* for explanations */
} dec_cond;

typedef struct dec_rule {
    const oci_stmt *st;
    const world_tenancy *tenancy;   /* where the policy is */
    const world_policy *policy;
    const oci_doc *doc;
    uint8_t cls;             /* RULE_* */
    uint8_t subject;         /* oci_subject_kind */
    uint8_t grants_all;      /* all-resources: what all_verb grants on every type */
    uint8_t all_verb;        /* oci_model_verb of an all-resources statement */
    uint8_t unresolved;      /* a name or alias that resolves to nothing: never matches */
    uint8_t unresolved_part; /* PART_*: where (with why_unresolved) */
    const char *why_unresolved;
    uint32_t *subjects;      /* principal keys */
    uint32_t nsubjects;
    uint32_t *perms;         /* permission ids it grants (sorted), unless grants_all */
    uint32_t nperms;
    uint64_t pin;            /* 0 or dec_pin of the rule's pinned equality */
    int location;            /* compartment index in the tenancy it applies to, or LOC_* */
    const world_tenancy *applies_in;  /* the tenancy the location is in (Endorse: the other one) */
    uint32_t xt_tenancy;     /* Endorse: target tenancy key; Admit: source tenancy key; 0 = any */
    dec_cond *cond;
    uint32_t line, col;      /* of the statement */
} dec_rule;

typedef struct dec_bucket {
    uint64_t key;            /* tenancy, class, permission, principal */
    uint64_t pin;            /* 0, or (variable << 32 | hash of value): see dec_pin */
    uint32_t first, count;   /* range in dec_world.postings */
} dec_bucket;

/* A rule whose condition requires VAR = 'literal' (at the top, or inside all {…}) for an
 * OCID-valued variable (…id) is also keyed by that value, so that 10 000 statements each
 * pinned to one key cost one lookup, not 10 000 condition checks. */
enum { DEC_MAX_PIN_VARS = 8 };
uint64_t dec_pin(uint32_t var, const char *value, size_t len);
static inline size_t dec_bucket_hash(uint64_t key, uint64_t pin)
{
    return (size_t)(((key ^ (pin * 0xC2B2AE3D27D4EB4Full)) * 0x9E3779B97F4A7C15ull) >> 32);
}

typedef struct iamc_world dec_world;
struct iamc_world {
    world *w;
    arena mem;
    intern_table names;      /* OCIDs, permissions, principal keys, variable names */
    dec_rule *rules;
    size_t nrules;
    dec_bucket *buckets;     /* open addressing, power of two */
    size_t nbuckets;
    uint32_t *postings;      /* rule indexes, grouped by bucket, in statement order */
    uint32_t pin_vars[DEC_MAX_PIN_VARS];
    uint32_t npin_vars;
    uint32_t var_permission, var_principal_type, var_principal_id, var_principal_compartment,
             var_target_compartment_id, var_target_compartment_name, var_groups_id, var_user_id,
             var_timestamp, var_month, var_day_of_month, var_day_of_week, var_time_of_day;
};

/* A request bound to a world: principal keys, permissions and variables resolved. */
typedef struct iamc_request dec_request;
struct iamc_request {
    arena mem;
    const world_tenancy *principal_tenancy, *target_tenancy;
    uint32_t principal_tenancy_key, target_tenancy_key;
    int target_compartment;
    uint32_t *keys;          /* principal keys: groups, dynamic groups, service, any-user, any-group */
    uint32_t nkeys;
    int is_service, is_admin;
    uint64_t *pins;          /* dec_pin of every value of every pin variable the request carries */
    uint32_t npins;
    uint32_t *perms;         /* permission ids needed (0 when the world never mentions it) */
    const char **perm_names;
    uint8_t *perm_least;     /* least verb granting each permission (manage when unknown) */
    uint32_t nperms;
    struct dec_var {
        const char **values;
        uint32_t *lens;
        uint32_t n;
        int64_t time;        /* request.utc-timestamp */
    } *vars;                 /* indexed by variable id; n == 0: absent */
    uint32_t nvars;
};

dec_world *dec_compile(world *w);
void dec_world_free(dec_world *dw);
/* iamc_request_parse: a permission must be one the model knows or the world names. */
dec_request *dec_request_parse_strict(const dec_world *dw, const char *json, size_t len, char *err, size_t errlen);
/* The same, but any well-formed permission name and any variable is taken: for tools that
 * decide a placeholder permission and then substitute the permissions they ask about, and
 * ask one version's world about variables only the other version's policies name (iamc diff). */
dec_request *dec_request_parse(const dec_world *dw, const char *json, size_t len, char *err, size_t errlen);
void dec_request_free(dec_request *r);
/* Request errors start with the position they are about: ERR becomes "LINE:COL: " ERR for
 * byte OFF of the LEN bytes of JSON (jsonpos_find gives OFF for a JSON Pointer, and
 * dec_json_error_offset for a JSON syntax error). */
void dec_error_at(const char *json, size_t len, size_t off, char *err, size_t errlen);
struct json_error_t;
size_t dec_json_error_offset(const struct json_error_t *jerr, size_t len);
int dec_decide(const dec_world *dw, const dec_request *r, iamc_decision *out);
/* The decision as JSON with, for a denial, the statements that almost applied. */
char *dec_explain_json(const dec_world *dw, const dec_request *r);

/* conditions (decide/cond.c) */
dec_cond *dec_cond_compile(dec_world *dw, const oci_doc *d, const oci_cond *c);
/* PERM: the permission being decided, for request.permission. */
int dec_cond_eval(const dec_world *dw, const dec_cond *c, const dec_request *r, const char *perm);
int64_t dec_parse_time(const char *s, size_t n, int *ok);
int dec_glob(const char *pat, size_t plen, const char *s, size_t slen);

/* The documents of a JSON policy set (decide/ram_decide.c), for tools that enumerate what
 * the policies mention (iamc diff). */
struct ram_doc;
struct ram_doc *const *dec_policy_set_docs(const iamc_policy_set *set, size_t *n);

#endif
