/* k8s/ack_prove: the ACK bundle's RAM policy, parsed back and decided before anything is
 * written (design.md, "Verified output").  The document is read by the RAM front end, printed
 * by the printer `iamc fmt` uses, and loaded with an administrator's Allow of cs:* into the
 * JSON policy engine: the Deny must beat that Allow where it should, and only there. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "iamc.h"
#include "k8s/ack.h"

const char ack_other_allow[] =
    "{\n"
    "  \"Version\": \"1\",\n"
    "  \"Statement\": [\n"
    "    {\n"
    "      \"Effect\": \"Allow\",\n"
    "      \"Action\": \"cs:*\",\n"
    "      \"Resource\": \"*\"\n"
    "    }\n"
    "  ]\n"
    "}\n";

/* Stand-ins for what the spec does not name: they only have to differ from the real ones. */
#define PROOF_ACCOUNT "1000000000000001"
#define OTHER_REGION "iamc-proof-other-region"
#define OTHER_CLUSTER "iamcproofothercluster"

typedef struct question {
    const char *name;
    const char *action;
    int other_cluster, other_region;
    int expect_allow;            /* a denial must be the Deny's (explicit-deny) */
} question;

static size_t questions(const ack_target *t, question *q)
{
    size_t n = 0;
    q[n++] = (question){"a user under the policy may not cs:UpdateKMSEncryption on the cluster", "cs:UpdateKMSEncryption", 0, 0, 0};
    q[n++] = (question){"a user under the policy may not cs:UpdateKMSEncryption on the cluster with another region in its name",
                        "cs:UpdateKMSEncryption", 0, 1, 0};
    q[n++] = (question){"the other Allow still grants cs:DescribeClusterDetail on the cluster", "cs:DescribeClusterDetail", 0, 0, 1};
    if (t->all_clusters)
        q[n++] = (question){"a user under the policy may not cs:UpdateKMSEncryption on another cluster", "cs:UpdateKMSEncryption", 1, 0, 0};
    else
        q[n++] = (question){"the other Allow still grants cs:UpdateKMSEncryption on another cluster", "cs:UpdateKMSEncryption", 1, 0, 1};
    return n;
}

static char *request_json(const ack_target *t, const question *q)
{
    const char *other = strcmp(t->cluster, OTHER_CLUSTER) != 0 ? OTHER_CLUSTER : OTHER_CLUSTER "2";
    char resource[512];
    snprintf(resource, sizeof resource, "acs:cs:%s:%s:cluster/%s", q->other_region ? OTHER_REGION : t->region,
             strcmp(t->account, "*") != 0 ? t->account : PROOF_ACCOUNT, q->other_cluster ? other : t->cluster);
    json_t *r = json_pack("{s:s, s:s}", "action", q->action, "resource", resource);
    char *text = json_dumps(r, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(r);
    return text;
}

static char *statements_json(const iamc_decision *d)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < d->nstatements; i++)
        json_array_append_new(arr, json_pack("{s:s, s:i, s:s#}", "file", d->statements[i].file, "line", (int)d->statements[i].line,
                                             "text", d->statements[i].text, (int)d->statements[i].text_len));
    char *text = json_dumps(arr, JSON_COMPACT);
    json_decref(arr);
    return text;
}

/* The front end's diagnostics, if any: a generated document must draw none. */
static int front_end_clean(const char *what, char *rendered, buf *err)
{
    int clean = !rendered || !*rendered;
    if (!clean) buf_printf(err, "iamc emit: %s draws diagnostics from the RAM front end:\n%s", what, rendered);
    free(rendered);
    return clean;
}

/* Decide each question against SET; the first wrong answer stops with it in ERR. */
static int decide_all(const iamc_policy_set *set, const ack_target *t, emit_proofs *out, buf *err)
{
    question q[EMIT_MAX_PROOFS];
    size_t nq = questions(t, q);
    for (size_t i = 0; i < nq; i++) {
        char *req = request_json(t, &q[i]);
        char msg[256];
        iamc_action_request *r = iamc_action_request_parse(req, strlen(req), msg, sizeof msg);
        if (!r) {
            buf_printf(err, "iamc emit: proof request refused: %s\nrequest: %s\n", msg, req);
            free(req);
            return -1;
        }
        iamc_decision d;
        iamc_policy_decide(set, r, &d);
        emit_proof *p = emit_proofs_add(out, q[i].name, req, q[i].expect_allow, &d, statements_json(&d));
        iamc_reason want = q[i].expect_allow ? IAMC_REASON_ALLOWED : IAMC_REASON_EXPLICIT_DENY;
        if (d.reason != want) {
            char *why = iamc_policy_explain(set, r);
            emit_proof_failure(p, iamc_reason_name(want), why, err);
            free(why);
            iamc_action_request_free(r);
            return -1;
        }
        iamc_action_request_free(r);
    }
    return 0;
}

int ack_prove(const char *document, const ack_target *t, buf *canon, emit_proofs *out, buf *err)
{
    memset(out, 0, sizeof *out);
    iamc_doc *doc = iamc_doc_parse(ACK_POLICY_FILE, document, strlen(document), IAMC_LANG_RAM);
    int rc = -1;
    char *text = NULL;
    if (!front_end_clean("the generated " ACK_POLICY_FILE, iamc_doc_render_diagnostics(doc), err)) goto done;
    text = iamc_doc_format(doc, 0);
    if (!text) goto done;
    /* the canonical text is what is written, so it is what is parsed again and decided */
    const char *names[] = {ACK_POLICY_FILE, ACK_OTHER_ALLOW_FILE};
    const char *texts[] = {text, ack_other_allow};
    size_t lens[] = {strlen(text), sizeof ack_other_allow - 1};
    iamc_policy_set *set = iamc_policy_set_parse(names, texts, lens, 2, IAMC_LANG_RAM);
    if (front_end_clean("the printed " ACK_POLICY_FILE " (or " ACK_OTHER_ALLOW_FILE ")", iamc_policy_set_render_diagnostics(set), err) &&
        decide_all(set, t, out, err) == 0) {
        buf_puts(canon, text);
        rc = 0;
    }
    iamc_policy_set_free(set);
done:
    free(text);
    iamc_doc_free(doc);
    return rc;
}
