/* model: OCI policy variables and their value types.  General variables apply to every
 * request (applies_to NULL); the others name the type whose reference page lists them
 * (other types that accept one list it in their own `variables`).  Tag variables are
 * stored as their BASE.tag prefix; BASE.tag.NAMESPACE.KEY matches it.  Sources:
 * docs/model.md. */
#include "model/oci_tables.h"

const oci_model_variable oci_model_variables[] = {
    /* General Variables for All Requests */
    {"request.user.id", OCI_VAR_OCID, NULL},
    {"request.user.name", OCI_VAR_STRING, NULL},
    {"request.user.mfaTotpVerified", OCI_VAR_BOOL, NULL},
    {"request.groups.id", OCI_VAR_LIST, NULL},
    {"request.permission", OCI_VAR_STRING, NULL},
    {"request.operation", OCI_VAR_STRING, NULL},
    {"request.networkSource.name", OCI_VAR_STRING, NULL},
    /* Oracle types the time variables String; TIME marks the ones that take
     * before/after (the timestamp) and between (time of day). */
    {"request.utc-timestamp", OCI_VAR_TIME, NULL},
    {"request.utc-timestamp.month-of-year", OCI_VAR_STRING, NULL},
    {"request.utc-timestamp.day-of-month", OCI_VAR_STRING, NULL},
    {"request.utc-timestamp.day-of-week", OCI_VAR_STRING, NULL},
    {"request.utc-timestamp.time-of-day", OCI_VAR_TIME, NULL},
    {"request.region", OCI_VAR_STRING, NULL},
    {"request.ad", OCI_VAR_STRING, NULL},
    {"request.principal.compartment.tag", OCI_VAR_TAG, NULL},
    {"request.principal.group.tag", OCI_VAR_TAG, NULL},
    {"request.principal.type", OCI_VAR_STRING, NULL},
    {"target.compartment.name", OCI_VAR_STRING, NULL},
    {"target.compartment.id", OCI_VAR_OCID, NULL},
    {"target.resource.compartment.tag", OCI_VAR_TAG, NULL},
    {"target.resource.tag", OCI_VAR_TAG, NULL},
    {"target.workrequest.type", OCI_VAR_STRING, NULL},
    /* Principal variables from the Kubernetes Engine and Common Policies pages */
    {"request.principal.id", OCI_VAR_OCID, NULL},
    {"request.principal.namespace", OCI_VAR_STRING, NULL},
    {"request.principal.service_account", OCI_VAR_STRING, NULL},
    {"request.principal.cluster_id", OCI_VAR_OCID, NULL},
    {"request.service.name", OCI_VAR_STRING, NULL},

    /* Vault */
    {"request.includePlainTextKey", OCI_VAR_STRING, "keys"},
    {"request.kms-key.id", OCI_VAR_STRING, "volumes"},
    {"target.boot-volume.kms-key.id", OCI_VAR_STRING, "instances"},
    {"target.key.id", OCI_VAR_OCID, "keys"},
    {"target.vault.id", OCI_VAR_OCID, "vaults"},
    {"target.secret.name", OCI_VAR_STRING, "secrets"},
    {"target.secret.id", OCI_VAR_OCID, "secrets"},

    /* Kubernetes Engine */
    {"target.cluster.id", OCI_VAR_OCID, "clusters"},
    {"target.nodepool.id", OCI_VAR_OCID, "cluster-node-pools"},
    {"target.virtualnodepool.id", OCI_VAR_OCID, "cluster-virtualnode-pools"},
    {"target.clusterworkloadmapping.id", OCI_VAR_OCID, "cluster-workload-mappings"},
    {"target.mapping.cluster_id", OCI_VAR_OCID, "cluster-workload-mappings"},

    /* IAM with identity domains */
    {"target.user.id", OCI_VAR_OCID, "users"},
    {"target.user.name", OCI_VAR_STRING, "users"},
    {"target.group.id", OCI_VAR_OCID, "groups"},
    {"target.group.name", OCI_VAR_STRING, "groups"},
    {"target.group.member", OCI_VAR_BOOL, "groups"},
    {"target.dynamicgroup.id", OCI_VAR_OCID, "dynamic-groups"},
    {"target.dynamicgroup.name", OCI_VAR_STRING, "dynamic-groups"},
    {"target.policy.id", OCI_VAR_OCID, "policies"},
    {"target.policy.name", OCI_VAR_STRING, "policies"},
    {"target.policy.autoupdate", OCI_VAR_BOOL, "policies"},
    {"target.policy.type", OCI_VAR_STRING, "policies"},
    {"target.credential.type", OCI_VAR_STRING, "credentials"},
    {"target.domain.id", OCI_VAR_OCID, "domains"},
    {"target.domain.name", OCI_VAR_STRING, "domains"},
    {"target.tag-namespace.id", OCI_VAR_OCID, "tag-namespaces"},
    {"target.tag-namespace.name", OCI_VAR_STRING, "tag-namespaces"},
    {"target.resource.domain.id", OCI_VAR_OCID, "users"},
    {"target.resource.domain.name", OCI_VAR_STRING, "users"},

    /* Object Storage */
    {"target.bucket.name", OCI_VAR_STRING, "buckets"},
    {"target.bucket.tag", OCI_VAR_TAG, "buckets"},
    {"target.object.name", OCI_VAR_STRING, "objects"},

    /* Core services */
    {"target.image.id", OCI_VAR_STRING, "instances"},
};
const size_t oci_model_nvariables = sizeof oci_model_variables / sizeof *oci_model_variables;

/* resource.type in dynamic-group matching rules: the resource-type token of the principal's
 * OCID (the reference's section 8).  The values Oracle's pages show in matching rules; the
 * list is not complete, so lint flags only near misses of these (docs/model.md). */
const char *const oci_model_principal_types[] = {
    "cluster",                                  /* Kubernetes Engine: encrypting data, workloads */
    "fnfunc", "fnfunction",                     /* Functions (both spellings appear) */
    "apigateway", "domain", "vault", "vaults",  /* matching-rules page; 'vaults' as written there */
    "filesystem",                               /* Kubernetes Engine: File Storage in-transit encryption */
    "datasciencenotebooksession", "datasciencemodeldeployment", "datasciencejobrun", "datasciencepipelinerun",
    "devopsbuildpipeline", "devopsdeploypipeline", "devopsrepository", "devopsconnection",
    "disworkspace", "managementagent", "autonomousdatabase", "computecontainerinstance",
};
const size_t oci_model_nprincipal_types = sizeof oci_model_principal_types / sizeof *oci_model_principal_types;
