#include "oci_gen.h"
#include <ctype.h>
#include <string.h>

uint64_t gen_next(gen_rng *r)
{
    /* splitmix64: deterministic across platforms, so runs are comparable */
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static unsigned pick(gen_rng *r, unsigned n) { return (unsigned)(gen_next(r) % n); }
#define PICK(r, arr) (arr)[pick((r), sizeof(arr) / sizeof *(arr))]

static const char *const groups[] = {"OKEAdminGroup", "SecurityAdmins", "NetworkAdmins", "A-Admins",
    "B-Admins", "Finance_1.2-archive", "ObjectWriters", "KeyUsers", "Auditors", "dev-team-pool-admins"};
static const char *const dyn_groups[] = {"OKEAdminDynGroup", "InstancesA", "FrontEnd", "acme-oke-kms-dyn-grp"};
static const char *const services[] = {"oke", "blockstorage", "objectstorage-us-ashburn-1", "streaming", "faas"};
static const char *const resources[] = {"keys", "vaults", "key-delegate", "secret-family", "secrets",
    "cluster-family", "clusters", "cluster-node-pools", "all-resources", "instance-family",
    "virtual-network-family", "object-family", "buckets", "groups", "policies", "key-family"};
static const char *const verbs[] = {"inspect", "read", "use", "manage"};
static const char *const perms[] = {"KEY_READ", "KEY_DECRYPT", "KEY_ENCRYPT", "KEY_INSPECT",
    "VAULT_READ", "CLUSTER_USE", "SECRET_BUNDLE_READ", "INSTANCE_IMAGE_READ"};
static const char *const compartments[] = {"acme-kms-key-compartment", "Project-A", "ProjectA", "HR",
    "CompartmentA", "Shared_Keys", "prod", "SharedBuckets"};
static const char *const str_vars[] = {"request.principal.type", "target.key.id", "request.principal.id",
    "target.vault.id", "request.permission", "request.operation", "target.compartment.name",
    "request.region", "target.bucket.name", "target.resource.tag.Operations.Project"};
static const char *const values[] = {"'cluster'", "'nodepool'", "'ocid1.key.oc1.iad.annrlxyzabc123'",
    "'ocid1.cluster.oc1.iad.aaaaaaaaf123'", "'KEY_DECRYPT'", "'GetKeyVersion'", "'phx'", "'Prod'",
    "'ocid1.vault.oc1.iad.bbbbbbbbvault'", "'BucketA'"};
static const char *const patterns[] = {"/A-*/", "/*HR/", "/objectstorage-*/", "/*prod*/"};
static const char *const aliases[] = {"KeyTenancy", "ClusterTenancy", "SourceTenancy", "Acceptor"};

/* Keyword spelling: canonical, or randomly cased when messy. */
static void kw(gen_rng *r, buf *out, const char *word, int messy)
{
    if (!messy) {
        buf_puts(out, word);
        return;
    }
    unsigned mode = pick(r, 3);
    for (const char *p = word; *p; p++)
        buf_putc(out, (char)(mode == 0 ? *p : mode == 1 ? toupper((unsigned char)*p) : tolower((unsigned char)*p)));
}

static void sp(gen_rng *r, buf *out, int messy)
{
    if (!messy) {
        buf_putc(out, ' ');
        return;
    }
    static const char *const ws[] = {" ", " ", " ", "  ", "\t", "\n  ", " \n"};
    buf_puts(out, PICK(r, ws));
}

static void ocid(gen_rng *r, buf *out, const char *type)
{
    buf_printf(out, "ocid1.%s.oc1..aaaaaaaa%08x", type, (unsigned)(gen_next(r) & 0xffffffffu));
}

static void gen_cond(gen_rng *r, buf *out, int depth, int messy)
{
    unsigned k = depth < 3 ? pick(r, 10) : 9;
    if (k < 2) {
        kw(r, out, k ? "all" : "any", messy);
        buf_puts(out, " {");
        unsigned n = 2 + pick(r, 2);
        for (unsigned i = 0; i < n; i++) {
            if (i) buf_puts(out, messy && pick(r, 2) ? "," : ", ");
            gen_cond(r, out, depth + 1, messy);
        }
        buf_putc(out, '}');
        return;
    }
    buf_puts(out, PICK(r, str_vars));
    switch (pick(r, 8)) {
    case 0: buf_puts(out, " != "); buf_puts(out, PICK(r, values)); break;
    case 1: buf_puts(out, " = "); buf_puts(out, PICK(r, patterns)); break;
    case 2:
        buf_puts(out, " in (");
        buf_puts(out, PICK(r, values));
        buf_puts(out, ", ");
        buf_puts(out, PICK(r, values));
        buf_putc(out, ')');
        break;
    default: buf_puts(out, messy && pick(r, 2) ? "=" : " = "); buf_puts(out, PICK(r, values)); break;
    }
}

static void gen_subject(gen_rng *r, buf *out, int messy)
{
    switch (pick(r, 8)) {
    case 0: kw(r, out, "any-user", messy); break;
    case 1: kw(r, out, "any-group", messy); break;
    case 2: kw(r, out, "service", messy); buf_printf(out, " %s, %s", PICK(r, services), PICK(r, services)); break;
    case 3: kw(r, out, "dynamic-group", messy); buf_printf(out, " %s", PICK(r, dyn_groups)); break;
    case 4: kw(r, out, "group", messy); buf_puts(out, " id "); ocid(r, out, "group"); break;
    case 5: kw(r, out, "group", messy); buf_printf(out, " 'Default'/'%s'", PICK(r, groups)); break;
    default:
        kw(r, out, "group", messy);
        buf_printf(out, " %s", PICK(r, groups));
        if (pick(r, 3) == 0) buf_printf(out, ", %s", PICK(r, groups));
        break;
    }
}

static void gen_action(gen_rng *r, buf *out, int messy)
{
    if (pick(r, 6) == 0) {
        buf_printf(out, "{%s, %s}", PICK(r, perms), PICK(r, perms));
        return;
    }
    kw(r, out, PICK(r, verbs), messy);
    buf_printf(out, " %s", PICK(r, resources));
}

static void gen_location(gen_rng *r, buf *out, int messy)
{
    switch (pick(r, 5)) {
    case 0: kw(r, out, "tenancy", messy); break;
    case 1: kw(r, out, "compartment", messy); buf_puts(out, " id "); ocid(r, out, "compartment"); break;
    case 2:
        kw(r, out, "compartment", messy);
        buf_printf(out, " %s:%s:%s", PICK(r, compartments), PICK(r, compartments), PICK(r, compartments));
        break;
    default: kw(r, out, "compartment", messy); buf_printf(out, " %s", PICK(r, compartments)); break;
    }
}

void gen_oci_statement(gen_rng *r, buf *out, int messy)
{
    unsigned k = pick(r, 20);
    if (k == 0) {
        kw(r, out, "Define", messy);
        buf_puts(out, " tenancy ");
        buf_puts(out, PICK(r, aliases));
        buf_puts(out, " as ");
        ocid(r, out, "tenancy");
        return;
    }
    if (k == 1) {
        kw(r, out, "Endorse", messy);
        sp(r, out, messy);
        gen_subject(r, out, messy);
        buf_puts(out, " to ");
        gen_action(r, out, messy);
        buf_printf(out, " in tenancy %s", PICK(r, aliases));
        return;
    }
    if (k == 2) {
        kw(r, out, "Admit", messy);
        buf_printf(out, " group %s of tenancy %s to ", PICK(r, groups), PICK(r, aliases));
        gen_action(r, out, messy);
        buf_puts(out, " in ");
        gen_location(r, out, messy);
        return;
    }
    kw(r, out, k == 3 ? "Deny" : "Allow", messy);
    sp(r, out, messy);
    gen_subject(r, out, messy);
    sp(r, out, messy);
    kw(r, out, "to", messy);
    sp(r, out, messy);
    gen_action(r, out, messy);
    sp(r, out, messy);
    kw(r, out, "in", messy);
    sp(r, out, messy);
    gen_location(r, out, messy);
    if (pick(r, 2)) {
        sp(r, out, messy);
        kw(r, out, "where", messy);
        sp(r, out, messy);
        gen_cond(r, out, 0, messy);
    }
}

void gen_oci_rule(gen_rng *r, buf *out, int messy)
{
    static const char *const vars[] = {"resource.type", "resource.compartment.id", "resource.id",
                                       "instance.compartment.id", "instance.id"};
    unsigned n = 1 + pick(r, 3);
    kw(r, out, pick(r, 2) ? "All" : "Any", messy);
    buf_puts(out, " {");
    for (unsigned i = 0; i < n; i++) {
        if (i) buf_puts(out, ", ");
        buf_printf(out, "%s %s '", PICK(r, vars), pick(r, 4) ? "=" : "!=");
        ocid(r, out, "compartment");
        buf_putc(out, '\'');
    }
    buf_putc(out, '}');
}
