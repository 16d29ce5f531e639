/* k8s/config: the EncryptionConfiguration AST (apiserver.config.k8s.io/v1), decoded from a
 * tree with the API server's strict rules, or built by the generators.  Every node keeps
 * the tree node it came from (NULL when generated), hence its span. */
#ifndef IAMC_K8S_CONFIG_H
#define IAMC_K8S_CONFIG_H
#include <stddef.h>
#include <stdint.h>
#include "base/arena.h"
#include "base/buf.h"
#include "k8s/tree.h"

typedef enum {
    K8S_PROVIDER_NONE = 0,
    K8S_PROVIDER_KMS,          /* in the order the validator's switch tests them */
    K8S_PROVIDER_AESGCM,
    K8S_PROVIDER_AESCBC,
    K8S_PROVIDER_SECRETBOX,
    K8S_PROVIDER_IDENTITY,
    K8S_PROVIDER_COUNT
} k8s_provider_type;

typedef struct k8s_key {
    const char *name;          /* "" when absent */
    const char *secret;        /* base64 text; "" when absent */
    k8s_node *node, *name_node, *secret_node;
    struct k8s_key *next;
} k8s_key;

typedef struct k8s_kms {
    const char *api_version;   /* as written; "" when absent (defaults to v1) */
    const char *name, *endpoint;
    int has_cachesize;
    int64_t cachesize;
    int has_timeout;
    int64_t timeout_ns;
    const char *timeout_text;
    k8s_node *api_version_node, *name_node, *endpoint_node, *cachesize_node, *timeout_node;
} k8s_kms;

typedef struct k8s_provider {
    k8s_provider_type type;    /* the first set, in validator order */
    unsigned present;          /* bit per k8s_provider_type set in this element */
    k8s_key *keys;             /* aescbc, aesgcm, secretbox */
    size_t nkeys;
    k8s_kms kms;
    k8s_node *node, *type_node;
    struct k8s_provider *next;
} k8s_provider;

typedef struct k8s_rlist {
    const char **resources;
    k8s_node **resource_nodes;
    size_t nresources;
    k8s_provider *providers, *last_provider;
    size_t nproviders;
    k8s_node *node, *resources_node, *providers_node;
    struct k8s_rlist *next;
} k8s_rlist;

typedef struct k8s_config {
    const char *api_version, *kind;
    k8s_node *api_version_node, *kind_node;
    k8s_rlist *lists, *last_list;
    size_t nlists;
    k8s_node *root, *lists_node;
    int legacy;                /* kind EncryptionConfig, apiVersion v1 */
} k8s_config;

extern const char *const k8s_provider_names[K8S_PROVIDER_COUNT];  /* "kms", "aesgcm", … */

/* Decoding findings are reported through this callback (rule id, node, message). */
typedef void (*k8s_report_fn)(void *ctx, const char *rule, const k8s_node *at, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Decode TREE into CFG with strict field checks; findings go to REPORT. */
void k8s_decode(k8s_config *cfg, const k8s_tree *tree, arena *mem, k8s_report_fn report, void *ctx);

/* Builders for generators. */
void k8s_config_init(k8s_config *cfg);
k8s_rlist *k8s_config_add_list(k8s_config *cfg, arena *mem, const char *const *resources, size_t n);
k8s_provider *k8s_list_add_provider(k8s_rlist *l, arena *mem, k8s_provider_type type);
k8s_key *k8s_provider_add_key(k8s_provider *p, arena *mem, const char *name, const char *secret);
/* A deep copy into MEM, without source nodes. */
k8s_config *k8s_config_clone(const k8s_config *cfg, arena *mem);
k8s_provider *k8s_provider_clone(const k8s_provider *p, arena *mem);

/* The canonical YAML of CFG (what the generators write). */
void k8s_config_print(const k8s_config *cfg, buf *out);

/* Go's time.ParseDuration; 0 on success. */
int k8s_parse_duration(const char *s, int64_t *ns);
/* Standard base64 (padded) as Go's base64.StdEncoding.DecodeString accepts it; the
 * decoded length, or -1.  OUT may be NULL. */
long k8s_base64_decode(const char *s, size_t n, unsigned char *out);
void k8s_base64_encode(const unsigned char *in, size_t n, buf *out);
/* Is R a resource as an EncryptionConfiguration can name one: a lowercase plural (DNS label),
 * optionally '.' and an API group (DNS subdomain, '' for core), or a wildcard '*.', '*.GROUP',
 * '*.*'?  Anything else names no resource (and must never reach a shell). */
int k8s_resource_name_ok(const char *r);

/* Go's url.Parse on a kms endpoint, as far as it can fail: NULL, with the scheme lowercased
 * in SCHEME (N bytes; "" when there is none), or the error in Go's words (made in MSG when it
 * quotes EP). */
const char *k8s_endpoint_parse(const char *ep, char *scheme, size_t n, char *msg, size_t msglen);
/* The checker's rules for the values of a kms v2 provider, for values that do not come from a
 * configuration (a spec, iamc rotate's options): why VALUE cannot be, to follow it in a
 * message ("is empty: …"), or NULL.  The endpoint's reason may be made in MSG (N bytes). */
const char *k8s_kms_name_problem(const char *name);
const char *k8s_kms_endpoint_problem(const char *endpoint, char *msg, size_t n);
const char *k8s_kms_timeout_problem(const char *timeout);

#endif
