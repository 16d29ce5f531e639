/* model: the OCI policy model tables — what verbs grant, families, aliases, variables,
 * and the invariants every row must keep (cumulative verbs, no duplicate names). */
#include <check.h>
#include <ctype.h>
#include <string.h>
#include <strings.h>
#include "model/oci_model.h"

Suite *model_suite(void);

static int grants(oci_model_verb v, const char *res, const char *perm)
{
    return oci_model_grants(v, res, strlen(res), perm, strlen(perm));
}

static int in_list(const char *const *list, const char *s)
{
    for (; list && *list; list++)
        if (strcmp(*list, s) == 0) return 1;
    return 0;
}

static size_t list_len(const char *const *list)
{
    size_t n = 0;
    while (list && list[n]) n++;
    return n;
}

typedef struct collected {
    const char *perm[512];
    size_t n;
} collected;

static void collect(const char *perm, void *ctx)
{
    collected *c = ctx;
    if (c->n < sizeof c->perm / sizeof *c->perm) c->perm[c->n++] = perm;
}

static int collected_has(const collected *c, const char *perm)
{
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->perm[i], perm) == 0) return 1;
    return 0;
}

static int each(oci_model_verb v, const char *res, collected *c)
{
    memset(c, 0, sizeof *c);
    return oci_model_each_permission(v, res, strlen(res), collect, c);
}

START_TEST(keys_verbs)
{
    ck_assert_int_eq(grants(OCI_MODEL_USE, "keys", "KEY_DECRYPT"), 1);
    ck_assert_int_eq(grants(OCI_MODEL_USE, "keys", "KEY_ENCRYPT"), 1);
    ck_assert_int_eq(grants(OCI_MODEL_USE, "keys", "KEY_READ"), 1);
    ck_assert_int_eq(grants(OCI_MODEL_READ, "keys", "KEY_DECRYPT"), 0);
    ck_assert_int_eq(grants(OCI_MODEL_INSPECT, "keys", "KEY_READ"), 0);
    ck_assert_int_eq(grants(OCI_MODEL_USE, "keys", "KEY_DELETE"), 0);
    ck_assert_int_eq(grants(OCI_MODEL_MANAGE, "keys", "KEY_DELETE"), 1);
    collected use;
    int n = each(OCI_MODEL_USE, "keys", &use);
    ck_assert_int_eq(n, 7);
    for (size_t i = 0; i < use.n; i++) ck_assert_int_eq(grants(OCI_MODEL_MANAGE, "keys", use.perm[i]), 1);
    /* keys grant nothing of vaults: CreateKey also needs `use vaults` */
    ck_assert_int_eq(grants(OCI_MODEL_MANAGE, "keys", "VAULT_CREATE_KEY"), 0);
    ck_assert_int_eq(grants(OCI_MODEL_USE, "vaults", "VAULT_CREATE_KEY"), 1);
}
END_TEST

START_TEST(key_delegate_and_key_family)
{
    ck_assert_int_eq(grants(OCI_MODEL_USE, "key-delegate", "KEY_ASSOCIATE"), 1);
    ck_assert_int_eq(grants(OCI_MODEL_USE, "key-delegates", "KEY_DISASSOCIATE"), 1);
    ck_assert_int_eq(grants(OCI_MODEL_READ, "key-delegate", "KEY_ASSOCIATE"), 0);
    ck_assert_int_eq(grants(OCI_MODEL_MANAGE, "key-delegate", "KEY_ASSOCIATE"), 1);
    /* the delegate grants no key use by itself: the service still needs `use keys` */
    ck_assert_int_eq(grants(OCI_MODEL_USE, "key-delegate", "KEY_DECRYPT"), 0);
    ck_assert_int_eq(grants(OCI_MODEL_USE, "key-family", "KEY_DECRYPT"), 1);
    ck_assert_int_eq(grants(OCI_MODEL_USE, "key-family", "KEY_ASSOCIATE"), 1);
    ck_assert_int_eq(grants(OCI_MODEL_USE, "key-family", "VAULT_CREATE_SECRET"), 1);
    ck_assert_int_eq(grants(OCI_MODEL_READ, "key-family", "KEY_DECRYPT"), 0);
    ck_assert_int_eq(grants(OCI_MODEL_MANAGE, "key-family", "SECRET_CREATE"), 0);
    const oci_model_family *kf = oci_model_family_find("key-family", 10);
    ck_assert_ptr_nonnull(kf);
    ck_assert_ptr_nonnull(kf->note);   /* its documentation status is recorded */
}
END_TEST

START_TEST(secret_family)
{
    ck_assert_int_eq(grants(OCI_MODEL_MANAGE, "secret-family", "SECRET_BUNDLE_READ"), 1);
    ck_assert_int_eq(grants(OCI_MODEL_READ, "secret-family", "SECRET_BUNDLE_READ"), 1);
    ck_assert_int_eq(grants(OCI_MODEL_INSPECT, "secret-family", "SECRET_BUNDLE_READ"), 0);
    ck_assert_int_eq(grants(OCI_MODEL_USE, "secret-family", "SECRET_ROTATE"), 1);
    ck_assert_int_eq(grants(OCI_MODEL_MANAGE, "secret-family", "KEY_DECRYPT"), 0);
    const oci_model_family *sf = oci_model_family_find("secret-family", 13);
    ck_assert_ptr_nonnull(sf);
    ck_assert(!in_list(sf->members, "secret-replication"));
    ck_assert_uint_eq(list_len(sf->members), 3);
    const oci_model_type *sr = oci_model_type_find("secret-replication", 18);
    ck_assert_ptr_nonnull(sr);
    ck_assert_uint_eq(sr->known_perms, 0);
    ck_assert_int_eq(grants(OCI_MODEL_MANAGE, "secret-replication", "SECRET_READ"), -1);
    collected c;
    ck_assert_int_eq(each(OCI_MODEL_MANAGE, "secret-replication", &c), -1);
}
END_TEST

START_TEST(no_extra_rows)
{
    collected in, rd, us;
    ck_assert_int_eq(each(OCI_MODEL_INSPECT, "volumes", &in), 1);
    ck_assert_int_eq(each(OCI_MODEL_READ, "volumes", &rd), 1);
    ck_assert_str_eq(in.perm[0], "VOLUME_INSPECT");
    ck_assert_str_eq(rd.perm[0], "VOLUME_INSPECT");
    ck_assert_int_eq(grants(OCI_MODEL_USE, "volumes", "VOLUME_WRITE"), 1);
    ck_assert_int_eq(grants(OCI_MODEL_MANAGE, "volumes", "VOLUME_MOVE"), 1);
    /* cluster-node-pools: use adds nothing to read */
    ck_assert_int_eq(each(OCI_MODEL_READ, "cluster-node-pools", &rd), 2);
    ck_assert_int_eq(each(OCI_MODEL_USE, "cluster-node-pools", &us), 2);
    for (size_t i = 0; i < rd.n; i++) ck_assert(collected_has(&us, rd.perm[i]));
    /* policies: inspect already grants POLICY_READ; only manage can update */
    ck_assert_int_eq(grants(OCI_MODEL_INSPECT, "policies", "POLICY_READ"), 1);
    ck_assert_int_eq(grants(OCI_MODEL_USE, "policies", "POLICY_UPDATE"), 0);
    ck_assert_int_eq(grants(OCI_MODEL_MANAGE, "policies", "POLICY_UPDATE"), 1);
    /* public-ips: inspect grants nothing */
    ck_assert_int_eq(each(OCI_MODEL_INSPECT, "public-ips", &in), 0);
}
END_TEST

START_TEST(oke_types)
{
    ck_assert_int_eq(grants(OCI_MODEL_USE, "clusters", "CLUSTER_USE"), 1);
    ck_assert_int_eq(grants(OCI_MODEL_READ, "clusters", "CLUSTER_USE"), 0);
    ck_assert_int_eq(grants(OCI_MODEL_MANAGE, "cluster-family", "CLUSTER_WORKLOAD_COMPARTMENT_BIND"), 1);
    ck_assert_int_eq(grants(OCI_MODEL_INSPECT, "cluster-pod-shapes", "CLUSTER_VIRTUAL_NODE_POOL_INSPECT"), 1);
    const oci_model_type *a = oci_model_type_find("cluster-virtual-node-pools", 26);
    const oci_model_type *b = oci_model_type_find("cluster-virtualnode-pools", 25);
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_eq(a, b);
    const oci_model_type *t;
    oci_model_verb v;
    ck_assert_int_eq(oci_model_permission_find("CLUSTER_VIRTUAL_NODE_POOL_INSPECT", 33, &t, &v), 0);
    ck_assert_str_eq(t->name, "cluster-virtualnode-pools");
    ck_assert_int_eq(v, OCI_MODEL_INSPECT);
}
END_TEST

START_TEST(all_resources)
{
    ck_assert_int_eq(grants(OCI_MODEL_INSPECT, "all-resources", "KEY_DECRYPT"), 1);
    ck_assert_int_eq(grants(OCI_MODEL_INSPECT, "ALL-RESOURCES", "SOME_FUTURE_PERMISSION"), 1);
    ck_assert_ptr_null(oci_model_family_find("all-resources", 13));
    ck_assert_ptr_null(oci_model_type_find("all-resources", 13));
    collected c;
    int n = each(OCI_MODEL_MANAGE, "all-resources", &c);
    ck_assert_int_gt(n, 400);
    ck_assert(collected_has(&c, "KEY_DELETE"));
    ck_assert(collected_has(&c, "CLUSTER_JOIN"));
    for (size_t i = 0; i < c.n; i++)   /* each once */
        for (size_t j = i + 1; j < c.n; j++) ck_assert_str_ne(c.perm[i], c.perm[j]);
}
END_TEST

START_TEST(aliases_and_case)
{
    static const struct { const char *in, *name; } cases[] = {
        {"key-delegates", "key-delegate"}, {"KEYS", "keys"},        {"Keys", "keys"},
        {"bucket", "buckets"},             {"OBJECT", "objects"},   {"tag-namespace", "tag-namespaces"},
        {"domain", "domains"},             {"drg-attachment", "drg-attachments"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const oci_model_type *t = oci_model_type_find(cases[i].in, strlen(cases[i].in));
        ck_assert_msg(t != NULL, "%s", cases[i].in);
        ck_assert_str_eq(t->name, cases[i].name);
    }
    ck_assert_int_eq(grants(OCI_MODEL_USE, "KEYS", "key_decrypt"), 1);
    ck_assert_ptr_nonnull(oci_model_family_find("Virtual-Network-Family", 22));
    /* names need not be NUL-terminated */
    ck_assert_ptr_nonnull(oci_model_type_find("keysXYZ", 4));
    ck_assert_ptr_null(oci_model_type_find("keysXYZ", 5));
    ck_assert_ptr_null(oci_model_type_find("key", 3));
    ck_assert_int_eq(oci_model_grants(OCI_MODEL_USE, "keys;", 4, "KEY_DECRYPT!", 11), 1);
}
END_TEST

START_TEST(unknown_names)
{
    collected c;
    ck_assert_int_eq(grants(OCI_MODEL_MANAGE, "no-such-things", "KEY_DECRYPT"), -1);
    ck_assert_int_eq(grants(OCI_MODEL_MANAGE, "", "KEY_DECRYPT"), -1);
    ck_assert_int_eq(grants(OCI_MODEL_MANAGE, "no-such-family", "KEY_DECRYPT"), -1);
    ck_assert_int_eq(grants(OCI_MODEL_NVERBS, "keys", "KEY_DECRYPT"), -1);
    ck_assert_int_eq(each(OCI_MODEL_READ, "no-such-things", &c), -1);
    ck_assert_int_eq(grants(OCI_MODEL_MANAGE, "keys", "NO_SUCH_PERMISSION"), 0);
    ck_assert_ptr_null(oci_model_type_find("no-such-things", 14));
    ck_assert_ptr_null(oci_model_family_find("keys", 4));
    ck_assert_int_eq(oci_model_permission_find("NO_SUCH_PERMISSION", 18, NULL, NULL), -1);
    ck_assert_int_eq(grants(OCI_MODEL_INSPECT, "iamworkrequest", "IAM_WORKREQUEST_INSPECT"), -1);
    ck_assert_ptr_null(oci_model_variable_find("target.no.such", 14));
}
END_TEST

START_TEST(permission_find)
{
    const oci_model_type *t = NULL;
    oci_model_verb v = OCI_MODEL_NVERBS;
    ck_assert_int_eq(oci_model_permission_find("KEY_DECRYPT", 11, &t, &v), 0);
    ck_assert_str_eq(t->name, "keys");
    ck_assert_int_eq(v, OCI_MODEL_USE);
    ck_assert_int_eq(oci_model_permission_find("key_associate", 13, &t, &v), 0);
    ck_assert_str_eq(t->name, "key-delegate");
    ck_assert_int_eq(v, OCI_MODEL_USE);
    ck_assert_int_eq(oci_model_permission_find("SECRET_BUNDLE_READ", 18, &t, &v), 0);
    ck_assert_str_eq(t->name, "secret-bundles");
    ck_assert_int_eq(v, OCI_MODEL_READ);
    ck_assert_int_eq(oci_model_permission_find("VOLUME_INSPECT", 14, &t, &v), 0);
    ck_assert_int_eq(v, OCI_MODEL_INSPECT);
    ck_assert_int_eq(oci_model_permission_find("LOCAL_PEERING_GATEWAY_READ", 26, &t, &v), 0);
    ck_assert_str_eq(t->name, "local-peering-gateways");
    /* every permission of every row is found, at a verb no higher than its row */
    for (size_t i = 0; i < oci_model_type_count(); i++) {
        const oci_model_type *ty = oci_model_type_at(i);
        for (int vv = 0; vv < OCI_MODEL_NVERBS; vv++)
            for (const char *const *p = ty->perms[vv]; *p; p++) {
                ck_assert_int_eq(oci_model_permission_find(*p, strlen(*p), &t, &v), 0);
                if (t == ty) ck_assert_int_le(v, vv);
            }
    }
}
END_TEST

START_TEST(families)
{
    ck_assert_int_ge(oci_model_family_count(), 8);
    for (size_t i = 0; i < oci_model_family_count(); i++) {
        const oci_model_family *f = oci_model_family_at(i);
        ck_assert_uint_gt(list_len(f->members), 0);
        for (const char *const *m = f->members; *m; m++) {
            const oci_model_type *t = oci_model_type_find(*m, strlen(*m));
            ck_assert_msg(t != NULL, "%s: member %s is not a type", f->name, *m);
            ck_assert_msg(strcmp(t->name, *m) == 0, "%s: member %s is an alias", f->name, *m);
            ck_assert_msg(t->known_perms, "%s: member %s has unconfirmed rows", f->name, *m);
        }
        for (int v = 0; v + 1 < OCI_MODEL_NVERBS; v++)
            for (const char *const *p = f->extra[v]; *p; p++) ck_assert(in_list(f->extra[v + 1], *p));
    }
    ck_assert_ptr_null(oci_model_family_at(oci_model_family_count()));
    static const char *const must[] = {"key-family", "secret-family", "cluster-family", "object-family",
                                       "virtual-network-family", "volume-family", "instance-family"};
    for (size_t i = 0; i < sizeof must / sizeof *must; i++)
        ck_assert_msg(oci_model_family_find(must[i], strlen(must[i])) != NULL, "%s", must[i]);
    const oci_model_family *of = oci_model_family_find("object-family", 13);
    ck_assert(in_list(of->members, "buckets") && in_list(of->members, "objects"));
    /* instance-family grants vnic permissions beyond its members */
    ck_assert_int_eq(grants(OCI_MODEL_INSPECT, "instance-family", "VNIC_READ"), 1);
    ck_assert_int_eq(grants(OCI_MODEL_USE, "instance-family", "VNIC_ATTACH"), 1);
    ck_assert_int_eq(grants(OCI_MODEL_USE, "instance-family", "VNIC_CREATE"), 0);
    ck_assert_int_eq(grants(OCI_MODEL_MANAGE, "instance-family", "VOLUME_ATTACHMENT_CREATE"), 1);
    ck_assert_int_eq(grants(OCI_MODEL_MANAGE, "instance-family", "VOLUME_CREATE"), 0);
    collected c;
    int n = each(OCI_MODEL_MANAGE, "instance-family", &c);
    ck_assert_int_eq((size_t)n, c.n);
    for (size_t i = 0; i < c.n; i++)
        for (size_t j = i + 1; j < c.n; j++) ck_assert_str_ne(c.perm[i], c.perm[j]);
    ck_assert(collected_has(&c, "INSTANCE_CREATE") && collected_has(&c, "VNIC_DETACH"));
    ck_assert_int_eq(grants(OCI_MODEL_MANAGE, "virtual-network-family", "CAPTURE_FILTER_CREATE"), 1);
    ck_assert_int_eq(grants(OCI_MODEL_MANAGE, "drgs", "DRG_ROUTE_TABLE_CREATE"), 1);
    ck_assert_int_eq(grants(OCI_MODEL_MANAGE, "drgs", "VCN_CREATE"), 0);
}
END_TEST

START_TEST(rows_are_cumulative)
{
    for (size_t i = 0; i < oci_model_type_count(); i++) {
        const oci_model_type *t = oci_model_type_at(i);
        for (int v = 0; v + 1 < OCI_MODEL_NVERBS; v++)
            for (const char *const *p = t->perms[v]; *p; p++)
                ck_assert_msg(in_list(t->perms[v + 1], *p), "%s: %s granted by %s but not by %s", t->name, *p,
                              oci_model_verb_name((oci_model_verb)v), oci_model_verb_name((oci_model_verb)(v + 1)));
        if (!t->known_perms)
            for (int v = 0; v < OCI_MODEL_NVERBS; v++) ck_assert_uint_eq(list_len(t->perms[v]), 0);
        else
            ck_assert_msg(list_len(t->perms[OCI_MODEL_MANAGE]) > 0, "%s grants nothing", t->name);
    }
    ck_assert_ptr_null(oci_model_type_at(oci_model_type_count()));
}
END_TEST

START_TEST(rows_are_well_formed)
{
    for (size_t i = 0; i < oci_model_type_count(); i++) {
        const oci_model_type *t = oci_model_type_at(i);
        ck_assert_ptr_nonnull(t->service);
        for (int v = 0; v < OCI_MODEL_NVERBS; v++)
            for (const char *const *p = t->perms[v]; *p; p++) {
                for (const char *c = *p; *c; c++)
                    ck_assert_msg(isupper((unsigned char)*c) || isdigit((unsigned char)*c) || *c == '_', "%s", *p);
                for (const char *const *q = p + 1; *q; q++) ck_assert_msg(strcmp(*p, *q) != 0, "%s: %s twice", t->name, *p);
            }
    }
}
END_TEST

/* Every spelling (type name, alias, family name) resolves to exactly one thing. */
START_TEST(no_duplicate_names)
{
    const char *names[512];
    size_t n = 0;
    for (size_t i = 0; i < oci_model_type_count(); i++) {
        const oci_model_type *t = oci_model_type_at(i);
        names[n++] = t->name;
        for (const char *const *a = t->aliases; a && *a; a++) names[n++] = *a;
    }
    for (size_t i = 0; i < oci_model_family_count(); i++) names[n++] = oci_model_family_at(i)->name;
    ck_assert_uint_lt(n, sizeof names / sizeof *names);
    for (size_t i = 0; i < n; i++) {
        ck_assert_msg(strcmp(names[i], "all-resources") != 0, "all-resources is not a table row");
        for (size_t j = i + 1; j < n; j++) ck_assert_msg(strcasecmp(names[i], names[j]) != 0, "%s twice", names[i]);
    }
}
END_TEST

START_TEST(required_types)
{
    static const char *const must[] = {
        "vaults", "keys", "key-delegate", "hsm-cluster", "secrets", "secret-versions", "secret-bundles",
        "secret-replication", "clusters", "cluster-node-pools", "cluster-virtualnode-pools", "cluster-pod-shapes",
        "cluster-work-requests", "cluster-workload-mappings", "users", "groups", "dynamic-groups", "policies",
        "compartments", "tenancies", "identity-providers", "network-sources", "tag-namespaces", "tag-defaults",
        "domains", "credentials", "authentication-policies", "iamworkrequest", "workrequest", "buckets", "objects",
        "volumes", "instances", "vcns", "subnets", "vnics"};
    for (size_t i = 0; i < sizeof must / sizeof *must; i++)
        ck_assert_msg(oci_model_type_find(must[i], strlen(must[i])) != NULL, "%s", must[i]);
    static const char *const confirmed[] = {"users", "groups", "dynamic-groups", "policies", "compartments",
                                            "tenancies", "domains", "credentials", "tag-namespaces"};
    for (size_t i = 0; i < sizeof confirmed / sizeof *confirmed; i++)
        ck_assert(oci_model_type_find(confirmed[i], strlen(confirmed[i]))->known_perms);
    ck_assert_int_eq(grants(OCI_MODEL_USE, "groups", "GROUP_UPDATE"), 1);
    ck_assert_int_eq(grants(OCI_MODEL_USE, "users", "USER_APIKEY_ADD"), 0);
    ck_assert_int_eq(grants(OCI_MODEL_MANAGE, "users", "USER_APIKEY_ADD"), 1);
}
END_TEST

START_TEST(verbs)
{
    oci_model_verb v;
    ck_assert_int_eq(oci_model_verb_find("MANAGE", 6, &v), 0);
    ck_assert_int_eq(v, OCI_MODEL_MANAGE);
    ck_assert_int_eq(oci_model_verb_find("inspects", 7, &v), 0);
    ck_assert_int_eq(v, OCI_MODEL_INSPECT);
    ck_assert_int_eq(oci_model_verb_find("write", 5, &v), -1);
    ck_assert_str_eq(oci_model_verb_name(OCI_MODEL_USE), "use");
    ck_assert_ptr_null(oci_model_verb_name(OCI_MODEL_NVERBS));
}
END_TEST

START_TEST(variables)
{
    const oci_model_variable *v = oci_model_variable_find("target.key.id", 13);
    ck_assert_ptr_nonnull(v);
    ck_assert_int_eq(v->type, OCI_VAR_OCID);
    ck_assert_str_eq(v->applies_to, "keys");
    v = oci_model_variable_find("REQUEST.GROUPS.ID", 17);
    ck_assert_ptr_nonnull(v);
    ck_assert_int_eq(v->type, OCI_VAR_LIST);
    ck_assert_ptr_null(v->applies_to);
    ck_assert_int_eq(oci_model_variable_find("request.utc-timestamp", 21)->type, OCI_VAR_TIME);
    ck_assert_int_eq(oci_model_variable_find("request.user.mfaTotpVerified", 28)->type, OCI_VAR_BOOL);
    /* tag variables match by prefix, with both NAMESPACE and KEY present */
    v = oci_model_variable_find("target.resource.tag.HR.Project", 30);
    ck_assert_ptr_nonnull(v);
    ck_assert_int_eq(v->type, OCI_VAR_TAG);
    ck_assert_str_eq(v->name, "target.resource.tag");
    v = oci_model_variable_find("target.resource.compartment.tag.Ops.Env", 39);
    ck_assert_str_eq(v->name, "target.resource.compartment.tag");
    v = oci_model_variable_find("target.bucket.tag.ns.key", 24);
    ck_assert_str_eq(v->name, "target.bucket.tag");
    ck_assert_ptr_null(oci_model_variable_find("target.resource.tag.HR", 22));
    ck_assert_ptr_null(oci_model_variable_find("target.resource.tag.HR.", 23));
    ck_assert_ptr_null(oci_model_variable_find("target.resource.tag..K", 22));
    ck_assert_ptr_null(oci_model_variable_find("target.resource.tagX.HR.P", 25));
    ck_assert_ptr_null(oci_model_variable_find("target.key.id.x", 15));
    ck_assert_ptr_nonnull(oci_model_variable_find("target.key.idXX", 13));

    const oci_model_type *keys = oci_model_type_find("keys", 4);
    const oci_model_type *kd = oci_model_type_find("key-delegate", 12);
    const oci_model_type *vaults = oci_model_type_find("vaults", 6);
    ck_assert_int_eq(oci_model_type_has_variable(keys, "target.key.id", 13), 1);
    ck_assert_int_eq(oci_model_type_has_variable(kd, "target.key.id", 13), 1);
    ck_assert_int_eq(oci_model_type_has_variable(vaults, "target.key.id", 13), 0);
    ck_assert_int_eq(oci_model_type_has_variable(vaults, "request.user.id", 15), 1);
    ck_assert_int_eq(oci_model_type_has_variable(vaults, "target.resource.tag.a.b", 23), 1);
    ck_assert_int_eq(oci_model_type_has_variable(vaults, "target.nope", 11), 0);
}
END_TEST

/* The variable table and the per-type lists agree, and no name is listed twice. */
START_TEST(variables_consistent)
{
    size_t n = oci_model_variable_count();
    ck_assert_uint_gt(n, 50);
    for (size_t i = 0; i < n; i++) {
        const oci_model_variable *v = oci_model_variable_at(i);
        ck_assert(strncmp(v->name, "request.", 8) == 0 || strncmp(v->name, "target.", 7) == 0);
        if (v->applies_to) {
            const oci_model_type *t = oci_model_type_find(v->applies_to, strlen(v->applies_to));
            ck_assert_msg(t != NULL && strcmp(t->name, v->applies_to) == 0, "%s: %s", v->name, v->applies_to);
            ck_assert_msg(oci_model_type_has_variable(t, v->name, strlen(v->name)), "%s", v->name);
        }
        for (size_t j = i + 1; j < n; j++) ck_assert_str_ne(v->name, oci_model_variable_at(j)->name);
    }
    ck_assert_ptr_null(oci_model_variable_at(n));
    for (size_t i = 0; i < oci_model_type_count(); i++) {
        const oci_model_type *t = oci_model_type_at(i);
        for (const char *const *p = t->variables; p && *p; p++) {
            const oci_model_variable *v = oci_model_variable_find(*p, strlen(*p));
            ck_assert_msg(v != NULL && strcmp(v->name, *p) == 0, "%s: unknown variable %s", t->name, *p);
        }
    }
}
END_TEST

Suite *model_suite(void)
{
    Suite *s = suite_create("model");
    TCase *tc = tcase_create("oci");
    tcase_add_test(tc, keys_verbs);
    tcase_add_test(tc, key_delegate_and_key_family);
    tcase_add_test(tc, secret_family);
    tcase_add_test(tc, no_extra_rows);
    tcase_add_test(tc, oke_types);
    tcase_add_test(tc, all_resources);
    tcase_add_test(tc, aliases_and_case);
    tcase_add_test(tc, unknown_names);
    tcase_add_test(tc, permission_find);
    tcase_add_test(tc, families);
    tcase_add_test(tc, rows_are_cumulative);
    tcase_add_test(tc, rows_are_well_formed);
    tcase_add_test(tc, no_duplicate_names);
    tcase_add_test(tc, required_types);
    tcase_add_test(tc, verbs);
    tcase_add_test(tc, variables);
    tcase_add_test(tc, variables_consistent);
    suite_add_tcase(s, tc);
    return s;
}
