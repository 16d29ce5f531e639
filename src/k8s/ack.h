/* k8s/ack: the parts of the ACK bundle ("cloud": "alibaba") that prove its RAM document. */
#ifndef IAMC_K8S_ACK_H
#define IAMC_K8S_ACK_H
#include "base/buf.h"
#include "emit/emit.h"

/* The file names the proofs give the documents (MANIFEST.json's statements name them). */
#define ACK_POLICY_FILE "ram-policy.json"
#define ACK_OTHER_ALLOW_FILE "another-allow.json"

/* What the proofs stand for an administrator's other grants: Allow cs:* on everything. */
extern const char ack_other_allow[];

typedef struct ack_target {
    const char *cluster, *region;
    const char *account;       /* "*" when the spec names none: the proofs use a stand-in */
    int all_clusters;          /* deny_scope "all": Resource "*" */
} ack_target;

/* Parse DOCUMENT (the generated RAM policy) with the RAM front end, which must report
 * nothing, and print it as `iamc fmt` does into CANON.  Then load CANON with ack_other_allow
 * and decide: a principal under both may not cs:UpdateKMSEncryption on the cluster (explicit
 * deny), may still cs:DescribeClusterDetail on it, and on another cluster may (one-cluster
 * scope) or may not (all clusters) cs:UpdateKMSEncryption.  0 when every answer is the
 * expected one, with the proofs in OUT; else -1 with the failing request and the decision
 * in ERR. */
int ack_prove(const char *document, const ack_target *t, buf *canon, emit_proofs *out, buf *err);

#endif
