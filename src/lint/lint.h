/* lint: rules with stable IDs over parsed policies (docs/rules.md).  The catalogue is one
 * table (lint/rules.c); language checkers (lint/oci.c, lint/cross.c, lint/ram.c, lint/k8s.c)
 * add findings by rule; the engine (lint/lint.c) applies the configuration, inline ignore
 * comments and a baseline; lint/output.c prints text, JSON or SARIF 2.1.0.  Kubernetes
 * EncryptionConfiguration findings (k8s/check.c) come in through lint/k8s.c. */
#ifndef IAMC_LINT_LINT_H
#define IAMC_LINT_LINT_H
#include <stddef.h>
#include <stdint.h>
#include "base/arena.h"
#include "base/buf.h"
#include "base/source.h"
#include "oci/ast.h"

struct world;

typedef enum { LINT_ERROR, LINT_WARNING, LINT_INFO, LINT_OFF } lint_severity;
typedef enum { LINT_LANG_OCI, LINT_LANG_RAM, LINT_LANG_K8S } lint_lang;

/* Rule indexes into lint_rules[]; the ID a user sees is lint_rules[i].id. */
typedef enum {
    LINT_OCI_SYNTAX, LINT_OCI_MISSING_LOCATION, LINT_OCI_DYNAMIC_GROUP_SPACE, LINT_OCI_UNQUOTED_OCID,
    LINT_OCI_BARE_COMPARTMENT, LINT_OCI_DEFINE_AS_ID, LINT_OCI_REPEATED_KEYWORD, LINT_OCI_MIXED_PRINCIPALS,
    LINT_OCI_PLACEHOLDER, LINT_OCI_UNKNOWN_VERB, LINT_OCI_UNKNOWN_RESOURCE_TYPE, LINT_OCI_UNKNOWN_VARIABLE,
    LINT_OCI_UNKNOWN_PERMISSION, LINT_OCI_RESOURCE_TYPE_ALIAS, LINT_OCI_MALFORMED_OCID, LINT_OCI_OCID_WRONG_TYPE,
    LINT_OCI_ANY_PRINCIPAL_UNCONDITIONED, LINT_OCI_MANAGE_ALL_RESOURCES, LINT_OCI_KEY_UNPINNED,
    LINT_OCI_OKE_KEY_UNPINNED_CLUSTER, LINT_OCI_UNDEFINED_ALIAS, LINT_OCI_DEFINE_NOT_FIRST,
    LINT_OCI_ENDORSE_WITHOUT_ADMIT, LINT_OCI_ADMIT_WITHOUT_ENDORSE, LINT_OCI_PERMISSION_NE,
    LINT_OCI_VARIABLE_NOT_APPLICABLE, LINT_OCI_DUPLICATE_STATEMENT, LINT_OCI_SUBSUMED_STATEMENT,
    LINT_OCI_PATH_LIMIT, LINT_OCI_PCA_POLICY_LIMIT, LINT_OCI_DUPLICATE_GRANT_ACROSS_FILES,
    LINT_OCI_OPERATOR_FOR_VARIABLE, LINT_OCI_CONTRADICTORY_CONDITION, LINT_OCI_INVALID_TIME,
    LINT_OCI_LITERAL_WILDCARD, LINT_OCI_INVALID_BOOLEAN, LINT_OCI_DUPLICATE_DEFINE, LINT_OCI_UNUSED_DEFINE,
    LINT_OCI_ADMIT_BY_ID, LINT_OCI_PRIVILEGE_ESCALATION, LINT_OCI_DUPLICATE_PRINCIPAL,
    LINT_OCI_DUPLICATE_PERMISSION, LINT_OCI_SINGLE_QUANTIFIER, LINT_OCI_DENY_OPT_IN, LINT_OCI_UNKNOWN_GROUP,
    LINT_OCI_UNKNOWN_COMPARTMENT, LINT_OCI_CROSS_TENANCY_NOT_ROOT, LINT_OCI_EMPTY_POLICY,
    LINT_OCI_ENDORSE_ANY_TENANCY, LINT_OCI_ADMIT_ANY_TENANCY,
    LINT_RAM_INVALID, LINT_RAM_SYNTAX_WARNING, LINT_RAM_FULL_ADMIN, LINT_RAM_ANY_ACTION, LINT_RAM_SERVICE_WILDCARD,
    LINT_RAM_ALLOW_NOT_ACTION, LINT_RAM_ALLOW_NOT_RESOURCE, LINT_RAM_ALLOW_NOT_PRINCIPAL, LINT_RAM_PUBLIC_PRINCIPAL,
    LINT_RAM_DECRYPT_ANY_KEY, LINT_RAM_DUPLICATE_STATEMENT, LINT_RAM_REDUNDANT_STATEMENT, LINT_RAM_NOT_ACTION_NOTHING,
    LINT_RAM_UNKNOWN_GLOBAL_KEY, LINT_RAM_PRIVATE_SOURCE_IP, LINT_RAM_INVALID_BOOL, LINT_RAM_LIKE_WITHOUT_WILDCARD,
    LINT_RAM_WILDCARD_WITHOUT_LIKE, LINT_RAM_MISSING_SID, LINT_RAM_SIZE_NEAR_LIMIT, LINT_RAM_ACK_KMS_UNGUARDED,
    LINT_RAM_IP_HOST_BITS, LINT_RAM_PASS_ROLE_ANY, LINT_RAM_DENY_MFA_FALSE, LINT_RAM_REDUNDANT_PATTERN,
    LINT_K8S_YAML_SYNTAX_ERROR, LINT_K8S_UNREGISTERED_KIND, LINT_K8S_UNKNOWN_FIELD, LINT_K8S_DUPLICATE_FIELD,
    LINT_K8S_WRONG_VALUE_TYPE, LINT_K8S_NO_RESOURCES, LINT_K8S_RESOURCES_LIST_WITHOUT_RESOURCE,
    LINT_K8S_RESOURCES_LIST_WITHOUT_PROVIDER, LINT_K8S_EMPTY_PROVIDER_ELEMENT,
    LINT_K8S_PROVIDER_ELEMENT_WITH_TWO_PROVIDERS, LINT_K8S_PROVIDER_WITHOUT_KEYS, LINT_K8S_KEY_WITHOUT_NAME,
    LINT_K8S_KEY_WITHOUT_SECRET, LINT_K8S_SECRET_NOT_BASE64, LINT_K8S_SECRET_WRONG_LENGTH,
    LINT_K8S_KMS_UNKNOWN_API_VERSION, LINT_K8S_KMS_WITHOUT_NAME, LINT_K8S_KMS_V2_NAME_WITH_COLON,
    LINT_K8S_KMS_DUPLICATE_NAME, LINT_K8S_KMS_WITHOUT_ENDPOINT, LINT_K8S_KMS_ENDPOINT_NOT_UNIX,
    LINT_K8S_KMS_V1_ZERO_CACHESIZE, LINT_K8S_KMS_V2_CACHESIZE, LINT_K8S_KMS_TIMEOUT_NOT_POSITIVE,
    LINT_K8S_RESOURCE_WITH_CAPITALS, LINT_K8S_RESOURCE_BARE_WILDCARD, LINT_K8S_RESOURCE_WITHOUT_REST_API,
    LINT_K8S_RESOURCE_IN_EVENTS_GROUP, LINT_K8S_RESOURCE_IN_EXTENSIONS_GROUP, LINT_K8S_RESOURCE_ACROSS_GROUPS,
    LINT_K8S_DUPLICATE_RESOURCE, LINT_K8S_OVERLAPPING_RESOURCES, LINT_K8S_MASKED_RESOURCE, LINT_K8S_EMPTY_FILE,
    LINT_K8S_INVALID_RESOURCE_NAME,
    LINT_K8S_IDENTITY_FIRST, LINT_K8S_AESGCM_WITHOUT_ROTATION, LINT_K8S_KMS_V1_DEPRECATED,
    LINT_K8S_DUPLICATE_KEY_NAME, LINT_K8S_LEGACY_KIND, LINT_K8S_READABLE_KEY_FILE, LINT_K8S_SECRETS_NOT_ENCRYPTED,
    LINT_K8S_AESCBC_SHORT_KEY, LINT_K8S_MULTIPLE_DOCUMENTS, LINT_K8S_SHARED_SECRET,
    LINT_NRULES
} lint_rule_id;
/* The K8S rules are one contiguous block, in ID order (k8s_rules() is that block). */
#define LINT_K8S_FIRST LINT_K8S_YAML_SYNTAX_ERROR

typedef struct lint_rule {
    const char *id;          /* stable: "OCI012" */
    const char *name;        /* stable slug: "unknown-variable" */
    lint_lang lang;
    lint_severity severity;  /* the default */
    const char *summary;     /* one line */
    const char *why;         /* why it matters */
    const char *bad, *good;  /* examples */
    const char *fix;         /* the mechanical fix, or NULL */
    int input_error;         /* K8S: the file cannot be read as a configuration (exit 2) */
} lint_rule;

extern const lint_rule lint_rules[LINT_NRULES];
/* A rule by ID or name (case-insensitive); -1 when unknown. */
int lint_rule_find(const char *s, size_t len);
const char *lint_severity_name(lint_severity s);
/* "error", "warning", "info", "off" (also "note" for info); -1 when unknown. */
int lint_severity_parse(const char *s, lint_severity *out);

typedef struct lint_finding {
    lint_rule_id rule;
    lint_severity severity;   /* after the configuration */
    const char *file;
    source *src;              /* for the source line; NULL when there is none */
    uint32_t off, end;        /* byte range in the source */
    uint32_t line, col, end_line, end_col;
    uint32_t stmt_line;       /* first line of the statement it is about, 0 if none */
    const char *message, *hint;
    int has_fix;
    uint32_t fix_off, fix_end;    /* replace this source range ... */
    const char *fix_text;         /* ... by this */
    const char *related_file;     /* the other statement (duplicates, pairs), or NULL */
    uint32_t related_line, related_col;
    const char *anchor;       /* the statement (or token) text the fingerprint is made of */
    uint32_t anchor_len;
    const char *pointer;      /* JSON policies: the JSON Pointer of the value, or NULL */
    const char *fingerprint;  /* stable across unrelated edits: rule, file, statement text, message */
    size_t order;             /* input position, for a stable sort */
} lint_finding;

typedef struct lint_report {
    arena mem;
    lint_finding *v;
    size_t n, cap;
} lint_report;

void lint_report_init(lint_report *r);
void lint_report_free(lint_report *r);

/* One policy to lint, with what a world knows about it (tenancy < 0: unknown). */
typedef struct lint_input {
    const char *path;
    oci_doc *doc;             /* an OCI policy, or NULL for a JSON policy (ram) */
    int tenancy;              /* index in the world, or an inferred tenancy group, or -1 */
    const char *tenancy_id;   /* its OCID when known */
    int compartment;          /* where it is attached in the world, -1 when unknown */
    int attached_below_root;
    struct ram_doc *ram;      /* a RAM / AWS JSON policy (doc is then NULL) */
    struct k8s_doc *k8s;      /* a Kubernetes EncryptionConfiguration, checked (doc is then NULL) */
} lint_input;

typedef struct lint_ctx {
    lint_report *report;
    const struct world *w;    /* NULL without --world */
    lint_input *inputs;
    size_t ninputs;
    size_t cur;               /* the input being checked */
    const char **perm_names;  /* every permission of the model, built on first use */
    size_t nperm_names;
} lint_ctx;

/* Add a finding at SPAN of document D (text offsets); returns it for hints and fixes. */
lint_finding *lint_add(lint_ctx *cx, lint_rule_id rule, const oci_doc *d, oci_span at, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* At a source byte range (for findings that are not about a token). */
lint_finding *lint_add_at(lint_ctx *cx, lint_rule_id rule, const char *file, source *src, uint32_t off,
                          uint32_t end, const char *fmt, ...) __attribute__((format(printf, 7, 8)));
void lint_hint(lint_ctx *cx, lint_finding *f, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Replace SPAN (text offsets) by TEXT; skipped for JSON-array input, where text is decoded. */
void lint_fix(lint_ctx *cx, lint_finding *f, const oci_doc *d, oci_span span, const char *text);
void lint_related(lint_ctx *cx, lint_finding *f, const oci_doc *d, oci_span at);
void lint_about(lint_ctx *cx, lint_finding *f, const oci_doc *d, const oci_stmt *st);

/* Checkers */
void lint_oci_doc(lint_ctx *cx, lint_input *in);
void lint_oci_cross(lint_ctx *cx);
void lint_ram_doc(lint_ctx *cx, lint_input *in);
/* The findings of a checked EncryptionConfiguration (k8s_doc_check), secrets REDACTED. */
void lint_k8s_doc(lint_ctx *cx, lint_input *in);

/* Configuration (.iamc.json, docs/rules.md "Configuration") */
typedef struct lint_ignore {
    char *path;               /* fnmatch pattern */
    int rules[LINT_NRULES];   /* 1 = ignored; all when any_rule */
    int any_rule;
} lint_ignore;

typedef struct lint_config {
    lint_severity severity[LINT_NRULES];
    lint_ignore *ignores;
    size_t nignores;
    lint_severity fail_on;   /* LINT_OFF: never */
    int fail_on_set;
    char **baseline;          /* fingerprints, sorted; each matches one finding */
    size_t nbaseline;
    unsigned char *baseline_used;
} lint_config;

void lint_config_init(lint_config *c);
void lint_config_free(lint_config *c);
/* Read a configuration file; -1 with ERR on failure. */
int lint_config_load(lint_config *c, const char *path, char *err, size_t errlen);
/* Read fingerprints from a baseline (the JSON output of an earlier run); -1 with ERR. */
int lint_baseline_load(lint_config *c, const char *path, char *err, size_t errlen);

/* Apply severities, path ignores, inline '# iamc:ignore' comments and the baseline; drop
 * what is off; sort by input order and position.  Returns the findings at or above FAIL_ON. */
size_t lint_finish(lint_ctx *cx, const lint_config *cfg);

/* Output (lint/output.c) */
typedef enum { LINT_FORMAT_TEXT, LINT_FORMAT_JSON, LINT_FORMAT_SARIF } lint_format;
void lint_print_text(const lint_report *r, buf *out);
void lint_print_json(const lint_report *r, buf *out);
void lint_print_sarif(const lint_report *r, buf *out);
/* The catalogue as Markdown (docs/rules.md) or as text. */
void lint_print_rules(int markdown, buf *out);
void lint_print_rules_json(buf *out);

#endif
