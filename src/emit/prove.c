/* emit/prove: the bundle's policies, parsed back, loaded into a world of the spec's
 * tenancies (plus one other tenancy that endorses everything), and asked the questions
 * whose answers make the bundle right: the cluster may encrypt and decrypt with the key;
 * another key, another cluster, another tenancy's cluster, a node pool and a user may not. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "decide/decide.h"
#include "emit/internal.h"

/* Stand-ins for what the spec does not name: they only have to differ from the real ones. */
#define OTHER_TENANCY "iamc-proof-other-tenancy"
#define OTHER_TENANCY_ID "ocid1.tenancy.oc1..iamcproofothertenancy"
#define OTHER_COMPARTMENT_ID "ocid1.compartment.oc1..iamcproofothercompartment"
#define OTHER_TENANCY_COMPARTMENT_ID "ocid1.compartment.oc1..iamcproofothertenancyclusters"
#define CLUSTER_COMPARTMENT "iamc-proof-cluster-compartment"
#define PROOF_DG_ID "ocid1.dynamicgroup.oc1..iamcproofdynamicgroup"

static json_t *compartment(const char *name, const char *id)
{
    return json_pack("{s:s, s:s}", "name", name, "id", id);
}

/* The key's compartment path A:B as nested compartments (ids made up: statements name it). */
static json_t *key_compartments(const char *path)
{
    json_t *top = json_array(), *list = top;
    int depth = 0;
    for (const char *p = path;; depth++) {
        const char *colon = strchr(p, ':');
        char name[128], id[96];
        snprintf(name, sizeof name, "%.*s", (int)(colon ? colon - p : (long)strlen(p)), p);
        snprintf(id, sizeof id, "ocid1.compartment.oc1..iamcproofkeycompartment%d", depth);
        json_t *c = compartment(name, id);
        json_array_append_new(list, c);
        if (!colon) break;
        list = json_array();
        json_object_set_new(c, "compartments", list);
        p = colon + 1;
    }
    return top;
}

static json_t *statements_of(const char *text)
{
    json_t *arr = json_array();
    for (const char *p = text; *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        json_array_append_new(arr, json_stringn(p, n));
        p += n + (nl != NULL);
    }
    return arr;
}

static json_t *world_json(const emit_spec *s, const emit_iam *iam)
{
    json_t *tenancies = json_array();
    for (size_t i = 0; i < s->ntenancies; i++) {
        const emit_tenancy *t = &s->tenancies[i];
        json_t *comps = t == s->key_tenancy ? key_compartments(s->key.compartment) : json_array();
        if (t == s->cluster_tenancy) {
            if (strcmp(s->cluster.compartment_id, t->id) != 0)
                json_array_append_new(comps, compartment(CLUSTER_COMPARTMENT, s->cluster.compartment_id));
            json_array_append_new(comps, compartment("iamc-proof-other-compartment", OTHER_COMPARTMENT_ID));
        }
        json_t *groups = json_array(), *dgs = json_array(), *policies = json_array();
        if (t->admin_group.name)
            json_array_append_new(groups, json_pack("{s:s, s:s}", "name", t->admin_group.name, "id", t->admin_group.id));
        if (iam->rule.text && iam->rule.tenancy == t)
            json_array_append_new(dgs, json_pack("{s:s, s:s, s:s}", "name", iam->rule.group->name, "id",
                                                 iam->rule.group->id ? iam->rule.group->id : PROOF_DG_ID, "rule", iam->rule.text));
        for (size_t k = 0; k < iam->npolicies; k++)
            if (iam->policies[k].tenancy == t)
                json_array_append_new(policies, json_pack("{s:s, s:o}", "name", iam->policies[k].name, "statements",
                                                          statements_of(iam->policies[k].text)));
        json_array_append_new(tenancies, json_pack("{s:s, s:s, s:o, s:o, s:o, s:o}", "name", t->key, "id", t->id,
                                                   "compartments", comps, "groups", groups, "dynamic_groups", dgs,
                                                   "policies", policies));
    }
    /* another tenancy whose every principal is endorsed for every key anywhere: what keeps
     * its clusters out must be the key tenancy's Admit */
    json_array_append_new(tenancies, json_pack("{s:s, s:s, s:[o], s:[{s:s, s:[s]}]}", "name", OTHER_TENANCY, "id", OTHER_TENANCY_ID,
                                               "compartments", compartment("clusters", OTHER_TENANCY_COMPARTMENT_ID), "policies",
                                               "name", "endorse-all", "statements", "Endorse any-user to use keys in any-tenancy"));
    return json_pack("{s:o}", "tenancies", tenancies);
}

/* ---- the questions ------------------------------------------------------------------------- */

typedef struct question {
    const char *name;
    int expect_allow;
    const char *permission;
    const char *principal_type;    /* "cluster", "nodepool", "user" */
    int other_key, other_cluster, other_compartment, other_tenancy, admin;
} question;

static json_t *request_json(const emit_spec *s, const question *q)
{
    char cluster[128], key[128];
    /* the principal's OCID has the type of the principal: ocid1.cluster…, ocid1.nodepool… */
    snprintf(cluster, sizeof cluster, "ocid1.%s.oc1.%s.iamcproof%s%s", q->principal_type, s->region,
             q->other_cluster ? "other" : "", q->principal_type);
    snprintf(key, sizeof key, "ocid1.key.oc1.%s.iamcproofotherkey", s->region);
    int is_cluster = strcmp(q->principal_type, "cluster") == 0;
    const char *id = s->cluster.id && is_cluster && !q->other_cluster ? s->cluster.id : cluster;
    const char *compartment = q->other_tenancy ? OTHER_TENANCY_COMPARTMENT_ID
                            : q->other_compartment ? OTHER_COMPARTMENT_ID : s->cluster.compartment_id;
    json_t *principal = json_pack("{s:s, s:s}", "tenancy", q->other_tenancy ? OTHER_TENANCY_ID : s->cluster_tenancy->id,
                                  "type", q->principal_type);
    if (strcmp(q->principal_type, "user") != 0) {
        json_object_set_new(principal, "id", json_string(id));
        json_object_set_new(principal, "compartment", json_string(compartment));
    } else if (q->admin) {
        json_object_set_new(principal, "groups", json_pack("[s]", s->cluster_tenancy->admin_group.name));
    }
    return json_pack("{s:o, s:s, s:{s:s, s:s, s:s}, s:{s:s}}", "principal", principal, "permission", q->permission,
                     "target", "tenancy", s->key_tenancy->id, "compartment", s->key.compartment, "resource_type", "keys",
                     "variables", "target.key.id", q->other_key ? key : s->key.id);
}

/* Which questions this bundle must answer. */
static size_t questions(const emit_spec *s, question *q)
{
    size_t n = 0;
    q[n++] = (question){"the cluster may KEY_ENCRYPT with the key", 1, "KEY_ENCRYPT", "cluster", 0, 0, 0, 0, 0};
    q[n++] = (question){"the cluster may KEY_DECRYPT with the key", 1, "KEY_DECRYPT", "cluster", 0, 0, 0, 0, 0};
    q[n++] = (question){"the cluster may not KEY_DECRYPT with another key", 0, "KEY_DECRYPT", "cluster", 1, 0, 0, 0, 0};
    if (s->cluster.id)
        q[n++] = (question){"another cluster may not KEY_DECRYPT with the key", 0, "KEY_DECRYPT", "cluster", 0, 1, 0, 0, 0};
    if (s->cluster.id || s->grant == EMIT_GRANT_DYNAMIC_GROUP)
        q[n++] = (question){"a cluster in another compartment may not KEY_DECRYPT with the key", 0, "KEY_DECRYPT", "cluster", 0, 1, 1, 0, 0};
    q[n++] = (question){"a cluster of another tenancy may not KEY_DECRYPT with the key", 0, "KEY_DECRYPT", "cluster", 0, 1, 0, 1, 0};
    q[n++] = (question){"a node pool may not KEY_DECRYPT with the key", 0, "KEY_DECRYPT", "nodepool", 0, 0, 0, 0, 0};
    q[n++] = (question){"a user may not KEY_DECRYPT with the key", 0, "KEY_DECRYPT", "user", 0, 0, 0, 0, 0};
    if (s->cross && s->cluster_tenancy->admin_group.name)
        q[n++] = (question){"a member of the admin group may KEY_ENCRYPT with the key", 1, "KEY_ENCRYPT", "user", 0, 0, 0, 0, 1};
    return n;
}

/* The deciding statements as {file, line, text}: world tenancy I is spec tenancy I. */
static json_t *deciding(const emit_spec *s, const iamc_decision *d)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < d->nstatements; i++) {
        const char *at = strstr(d->statements[i].file, "#/tenancies/");
        size_t t = at ? strtoul(at + 12, NULL, 10) : s->ntenancies;
        char file[128];
        snprintf(file, sizeof file, "policies/%s.pol", t < s->ntenancies ? s->tenancies[t].key : OTHER_TENANCY);
        json_array_append_new(arr, json_pack("{s:s, s:i, s:s#}", "file", file, "line", (int)d->statements[i].line, "text",
                                             d->statements[i].text, (int)d->statements[i].text_len));
    }
    return arr;
}

int emit_prove(const emit_spec *s, const emit_iam *iam, emit_proofs *out, buf *errors)
{
    memset(out, 0, sizeof *out);
    json_t *wj = world_json(s, iam);
    char *wtext = json_dumps(wj, JSON_INDENT(1));
    json_decref(wj);
    world *w = world_load_text("iamc-emit-proof", wtext, strlen(wtext));
    dec_world *dw = dec_compile(w);
    int rc = 0;
    if (w->diags.errors) {
        buf_puts(errors, "iamc emit: the proof world does not load:\n");
        for (const diag *g = w->diags.head; g; g = g->next) buf_printf(errors, "  %s\n", g->message);
        rc = -1;
    }
    question q[EMIT_MAX_PROOFS];
    size_t nq = rc ? 0 : questions(s, q);
    for (size_t i = 0; i < nq && rc == 0; i++) {
        json_t *rj = request_json(s, &q[i]);
        char *req = json_dumps(rj, JSON_COMPACT);
        json_decref(rj);
        char err[512];
        dec_request *r = dec_request_parse(dw, req, strlen(req), err, sizeof err);
        if (!r) {
            buf_printf(errors, "iamc emit: proof request refused: %s\nrequest: %s\n", err, req);
            free(req);
            rc = -1;
            break;
        }
        iamc_decision d;
        dec_decide(dw, r, &d);
        json_t *st = deciding(s, &d);
        emit_proof *p = emit_proofs_add(out, q[i].name, req, q[i].expect_allow, &d, json_dumps(st, JSON_COMPACT));
        json_decref(st);
        if (p->allowed != p->expect_allow) {
            char *why = dec_explain_json(dw, r);
            emit_proof_failure(p, p->expect_allow ? "allow" : "deny", why, errors);
            free(why);
            rc = -1;
        }
        dec_request_free(r);
    }
    dec_world_free(dw);
    free(wtext);
    return rc;
}
