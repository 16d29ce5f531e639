/* emit/artifacts: setup.sh, rotate.sh, terraform/main.tf and the bundle's README, written
 * from the spec and the proved statements.  Scripts pass statements and rules by file,
 * never inside quotes; every other value goes through emit_printf's %Q and %H. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include "emit/internal.h"

/* TENANCY in the case and alphabet of an environment variable or an HCL identifier. */
static const char *ident(char *out, size_t n, const char *s, int upper)
{
    size_t i = 0;
    for (; s[i] && i + 1 < n; i++) out[i] = (char)(upper ? toupper((unsigned char)s[i]) : tolower((unsigned char)s[i]));
    out[i] = '\0';
    return out;
}

/* NAME as a Terraform resource name: lower case, '.' and '-' as '_', and a '_' before a
 * leading digit (a name must start with a letter or '_'; OCI names may start with a digit). */
static const char *hcl_label(char *out, size_t n, const char *name)
{
    size_t i = 0;
    if (isdigit((unsigned char)name[0]) && n > 1) out[i++] = '_';
    for (; *name && i + 1 < n; name++) out[i++] = *name == '.' || *name == '-' ? '_' : (char)tolower((unsigned char)*name);
    out[i] = '\0';
    return out;
}

static const char *profile_var(char *out, size_t n, const emit_tenancy *t)
{
    char up[64];
    snprintf(out, n, "OCI_PROFILE_%s", ident(up, sizeof up, t->key, 1));
    return out;
}

/* The subnets as the JSON list `--service-lb-subnet-ids` takes (OCIDs need no escaping). */
static void subnet_list(buf *out, const emit_spec *s, const char *open, const char *sep, const char *close)
{
    buf_puts(out, open);
    for (size_t i = 0; i < s->cluster.service_lb_subnet_ids.n; i++)
        buf_printf(out, "%s\"%s\"", i ? sep : "", s->cluster.service_lb_subnet_ids.v[i]);
    buf_puts(out, close);
}

/* ---- setup.sh ---------------------------------------------------------------------------- */

static const char setup_helpers[] =
    "# Create the dynamic group, or set its rule when it exists; it must have the OCID the\n"
    "# policies were made with, when they name it.\n"
    "apply_dynamic_group() { # PROFILE TENANCY_OCID NAME DESCRIPTION RULE_FILE [EXPECTED_OCID]\n"
    "  local id\n"
    "  id=$(oci --profile \"$1\" iam dynamic-group list --compartment-id \"$2\" --name \"$3\" --all \\\n"
    "         --query 'data[0].id' --raw-output 2>/dev/null || true)\n"
    "  if [ -z \"$id\" ] || [ \"$id\" = null ]; then\n"
    "    echo \"creating dynamic group $3\"\n"
    "    id=$(oci --profile \"$1\" iam dynamic-group create --compartment-id \"$2\" --name \"$3\" \\\n"
    "           --description \"$4\" --matching-rule \"$(cat \"$5\")\" --wait-for-state ACTIVE \\\n"
    "           --query 'data.id' --raw-output)\n"
    "  else\n"
    "    echo \"setting the matching rule of dynamic group $3 ($id)\"\n"
    "    oci --profile \"$1\" iam dynamic-group update --dynamic-group-id \"$id\" \\\n"
    "      --description \"$4\" --matching-rule \"$(cat \"$5\")\" --force >/dev/null\n"
    "  fi\n"
    "  if [ -n \"${6:-}\" ] && [ \"$id\" != \"$6\" ]; then\n"
    "    echo \"setup.sh: dynamic group $3 is $id; the policies were made for $6.\" >&2\n"
    "    echo \"  Put \\\"id\\\": \\\"$id\\\" in the spec's dynamic_group, run iamc emit again, then this script.\" >&2\n"
    "    exit 1\n"
    "  fi\n"
    "}\n"
    "\n"
    "# Create the policy, or replace its statements when it exists (attached where it is).\n"
    "apply_policy() { # PROFILE COMPARTMENT_OCID NAME DESCRIPTION STATEMENTS_FILE\n"
    "  local id\n"
    "  id=$(oci --profile \"$1\" iam policy list --compartment-id \"$2\" --name \"$3\" --all \\\n"
    "         --query 'data[0].id' --raw-output 2>/dev/null || true)\n"
    "  if [ -z \"$id\" ] || [ \"$id\" = null ]; then\n"
    "    echo \"creating policy $3\"\n"
    "    oci --profile \"$1\" iam policy create --compartment-id \"$2\" --name \"$3\" \\\n"
    "      --description \"$4\" --statements \"file://$5\" --wait-for-state ACTIVE >/dev/null\n"
    "  else\n"
    "    echo \"replacing the statements of policy $3 ($id)\"\n"
    "    oci --profile \"$1\" iam policy update --policy-id \"$id\" --description \"$4\" \\\n"
    "      --statements \"file://$5\" --version-date \"\" --force >/dev/null\n"
    "  fi\n"
    "}\n";

static void setup_cluster(buf *o, const emit_spec *s, const char *step)
{
    if (s->cluster.id) {
        emit_printf(o,
                    "# %s. The cluster exists (the policies name it); a key is set only when a cluster is\n"
                    "#    created, so check that it has this one.\n"
                    "kms=$(oci --profile \"$profile_cluster\" ce cluster get --cluster-id %Q \\\n"
                    "        --query 'data.\"kms-key-id\"' --raw-output)\n"
                    "if [ \"$kms\" != %Q ]; then\n"
                    "  echo \"setup.sh: cluster \"%Q\" uses key '$kms', not this bundle's key\" >&2\n"
                    "  exit 1\n"
                    "fi\n"
                    "echo \"cluster \"%Q\" uses the key: done\"\n",
                    step, s->cluster.id, s->key.id, s->cluster.id, s->cluster.id);
        return;
    }
    /* --name=VALUE: the name is free text and may start with '-' */
    emit_printf(o,
                "# %s. The cluster, its Secrets encrypted with the key.  IAM changes take effect within\n"
                "#    about ten seconds; the key cannot be added or changed after creation.\n"
                "sleep 10\n"
                "echo \"creating OKE cluster \"%Q\n"
                "oci --profile \"$profile_cluster\" ce cluster create \\\n"
                "  --name=%Q \\\n"
                "  --compartment-id %Q \\\n"
                "  --kubernetes-version %Q \\\n"
                "  --vcn-id %Q \\\n",
                step, s->cluster.name, s->cluster.name, s->cluster.compartment_id, s->cluster.kubernetes_version, s->cluster.vcn_id);
    if (s->cluster.service_lb_subnet_ids.n) {
        buf list;
        buf_init(&list);
        subnet_list(&list, s, "[", ",", "]");
        emit_printf(o, "  --service-lb-subnet-ids %Q \\\n", list.data);
        buf_free(&list);
    }
    emit_printf(o, "  --kms-key-id %Q\n", s->key.id);
}

char *emit_setup_sh(const emit_spec *s, const emit_iam *iam)
{
    buf o;
    buf_init(&o);
    char var[96], low[64];
    emit_printf(&o,
                "#!/usr/bin/env bash\n"
                "# shellcheck disable=SC2016 # values are single-quoted on purpose: a $ in one is text\n"
                "# setup.sh: bundle %s, generated by iamc emit (docs/bundle.md); see README.md.\n"
                "# Applies the IAM objects, then creates the OKE cluster with its Secrets encrypted by\n"
                "# the Vault key.  Safe to run again: existing dynamic groups and policies are updated.\n"
                "# Each tenancy's commands use a profile of the oci CLI config whose region is the\n"
                "# tenancy's home region (IAM is written there); the cluster's, one in region %s.\n",
                s->name, s->region);
    for (size_t i = 0; i < iam->npolicies; i++)
        emit_printf(&o, "#   %s: tenancy %s (default DEFAULT)\n", profile_var(var, sizeof var, iam->policies[i].tenancy),
                    iam->policies[i].tenancy->key);
    emit_printf(&o, "#   OCI_PROFILE_CLUSTER: the cluster (default: that of tenancy %s)\n", s->cluster_tenancy->key);
    buf_puts(&o, "set -euo pipefail\ncd \"$(dirname \"$0\")\"\n\n");
    for (size_t i = 0; i < iam->npolicies; i++)
        emit_printf(&o, "profile_%s=${%s:-DEFAULT}\n", ident(low, sizeof low, iam->policies[i].tenancy->key, 0),
                    profile_var(var, sizeof var, iam->policies[i].tenancy));
    emit_printf(&o, "profile_cluster=${OCI_PROFILE_CLUSTER:-$profile_%s}\n\n", ident(low, sizeof low, s->cluster_tenancy->key, 0));
    buf_puts(&o, setup_helpers);
    int n = 0;
    char step[16];
    if (iam->rule.text) {
        const emit_rule *r = &iam->rule;
        snprintf(step, sizeof step, "%d", ++n);
        emit_printf(&o, "\n# %s. Tenancy %s: the dynamic group of the cluster.\n"
                        "apply_dynamic_group \"$profile_%s\" %Q %Q %Q dynamic-groups/%s.rule",
                    step, r->tenancy->key, ident(low, sizeof low, r->tenancy->key, 0), r->tenancy->id, r->group->name,
                    r->description, r->group->name);
        if (r->group->id) emit_printf(&o, " %Q", r->group->id);
        buf_putc(&o, '\n');
    }
    for (size_t i = 0; i < iam->npolicies; i++) {
        const emit_policy *p = &iam->policies[i];
        snprintf(step, sizeof step, "%d", ++n);
        emit_printf(&o, "\n# %s. Tenancy %s: its policy, attached to the root compartment%s.\n"
                        "apply_policy \"$profile_%s\" %Q %Q %Q policies/%s.json\n",
                    step, p->tenancy->key,
                    s->cross ? " (cross-tenancy statements must be there)" : "", ident(low, sizeof low, p->tenancy->key, 0),
                    p->tenancy->id, p->name, p->description, p->tenancy->key);
    }
    buf_putc(&o, '\n');
    snprintf(step, sizeof step, "%d", ++n);
    setup_cluster(&o, s, step);
    return buf_take(&o);
}

/* ---- rotate.sh --------------------------------------------------------------------------- */

char *emit_rotate_sh(const emit_spec *s)
{
    buf o;
    buf_init(&o);
    emit_printf(&o,
                "#!/usr/bin/env bash\n"
                "# rotate.sh: bundle %s, generated by iamc emit; see README.md.\n"
                "# Run after rotating the master encryption key in Vault (a new key version; the key\n"
                "# keeps its OCID), e.g.\n"
                "#   oci kms management key rotate --key-id %s --endpoint VAULT_MANAGEMENT_ENDPOINT\n"
                "# Secrets are encrypted when they are written: annotating every Secret rewrites it, so\n"
                "# the cluster encrypts it again with the new key version (the OKE documentation's way).\n"
                "# Uses the current kubectl context, which must be cluster %s.\n"
                "# usage: rotate.sh [TIMESTAMP]   (the annotation's value; default: now, UTC)\n"
                "set -euo pipefail\n"
                "stamp=${1:-$(date -u +%%Y%%m%%d_%%H%%M%%S)}\n"
                "echo \"re-encrypting every Secret in kubectl context $(kubectl config current-context)\"\n"
                "kubectl get secrets --all-namespaces -o json |\n"
                "  kubectl annotate --overwrite -f - encryption-key-rotation-time=\"$stamp\"\n",
                s->name, s->key.id, s->cluster.name);
    return buf_take(&o);
}

/* ---- terraform/main.tf ------------------------------------------------------------------- */

static void tf_variable(buf *o, const char *name, const char *description, const char *dflt)
{
    emit_printf(o, "variable \"%s\" {\n  description = %H\n  type        = string\n", name, description);
    if (dflt) emit_printf(o, "  default     = %H\n", dflt);
    buf_puts(o, "}\n\n");
}

char *emit_terraform(const emit_spec *s, const emit_iam *iam)
{
    buf o;
    buf_init(&o);
    char low[64], name[160], desc[256];
    emit_printf(&o,
                "# main.tf: bundle %s, generated by iamc emit (docs/bundle.md); see ../README.md.\n"
                "# IAM objects are written through each tenancy's home-region provider, the cluster\n"
                "# through the provider of its region.  kms_key_id is fixed when the cluster is created\n"
                "# (changing it replaces the cluster).  Statements are those of ../policies/*.json.\n\n"
                "terraform {\n  required_version = \">= 1.5\"\n  required_providers {\n    oci = {\n"
                "      source = \"oracle/oci\"\n    }\n  }\n}\n\n",
                s->name);
    for (size_t i = 0; i < iam->npolicies; i++) {
        const emit_tenancy *t = iam->policies[i].tenancy;
        ident(low, sizeof low, t->key, 0);
        snprintf(name, sizeof name, "%s_home_region", low);
        snprintf(desc, sizeof desc, "Home region of tenancy %s, where its IAM objects are written", t->key);
        tf_variable(&o, name, desc, NULL);
        snprintf(name, sizeof name, "%s_profile", low);
        snprintf(desc, sizeof desc, "Profile of the OCI config file for tenancy %s", t->key);
        tf_variable(&o, name, desc, "DEFAULT");
    }
    snprintf(desc, sizeof desc, "Region of the cluster and its VCN (%s)", s->region);
    tf_variable(&o, "cluster_region", desc, NULL);
    for (size_t i = 0; i < iam->npolicies; i++) {
        ident(low, sizeof low, iam->policies[i].tenancy->key, 0);
        emit_printf(&o, "provider \"oci\" {\n  alias               = \"%s_home\"\n  region              = var.%s_home_region\n"
                        "  config_file_profile = var.%s_profile\n}\n\n", low, low, low);
    }
    ident(low, sizeof low, s->cluster_tenancy->key, 0);
    emit_printf(&o, "provider \"oci\" {\n  alias               = \"cluster\"\n  region              = var.cluster_region\n"
                    "  config_file_profile = var.%s_profile\n}\n\n", low);
    char dg[128] = "";
    if (iam->rule.text) {
        const emit_rule *r = &iam->rule;
        hcl_label(dg, sizeof dg, r->group->name);
        ident(low, sizeof low, r->tenancy->key, 0);
        emit_printf(&o, "resource \"oci_identity_dynamic_group\" \"%s\" {\n  provider       = oci.%s_home\n"
                        "  compartment_id = %H\n  name           = %H\n  description    = %H\n  matching_rule  = %H\n}\n\n",
                    dg, low, r->tenancy->id, r->group->name, r->description, r->text);
        if (r->group->id)
            emit_printf(&o, "# The dynamic group exists: its OCID is in the key tenancy's policy.\n"
                            "import {\n  provider = oci.%s_home\n  to       = oci_identity_dynamic_group.%s\n  id       = %H\n}\n\n",
                        low, dg, r->group->id);
    }
    for (size_t i = 0; i < iam->npolicies; i++) {
        const emit_policy *p = &iam->policies[i];
        ident(low, sizeof low, p->tenancy->key, 0);
        emit_printf(&o, "resource \"oci_identity_policy\" \"%s\" {\n  provider       = oci.%s_home\n"
                        "  compartment_id = %H\n  name           = %H\n  description    = %H\n  statements = [\n",
                    low, low, p->tenancy->id, p->name, p->description);
        for (const char *line = p->text; *line;) {
            const char *nl = strchr(line, '\n');
            char stmt[4096];
            snprintf(stmt, sizeof stmt, "%.*s", (int)(nl - line), line);
            emit_printf(&o, "    %H,\n", stmt);
            line = nl + 1;
        }
        buf_puts(&o, "  ]\n");
        if (dg[0]) emit_printf(&o, "\n  depends_on = [oci_identity_dynamic_group.%s]\n", dg);
        buf_puts(&o, "}\n\n");
    }
    emit_printf(&o, "resource \"oci_containerengine_cluster\" \"cluster\" {\n  provider           = oci.cluster\n"
                    "  compartment_id     = %H\n  kubernetes_version = %H\n  name               = %H\n  vcn_id             = %H\n"
                    "  kms_key_id         = %H\n",
                s->cluster.compartment_id, s->cluster.kubernetes_version, s->cluster.name, s->cluster.vcn_id, s->key.id);
    if (s->cluster.service_lb_subnet_ids.n) {
        buf_puts(&o, "\n  options {\n    service_lb_subnet_ids = ");
        subnet_list(&o, s, "[", ", ", "]\n");
        buf_puts(&o, "  }\n");
    }
    buf_puts(&o, "\n  depends_on = [");
    for (size_t i = 0; i < iam->npolicies; i++)
        emit_printf(&o, "%soci_identity_policy.%s", i ? ", " : "", ident(low, sizeof low, iam->policies[i].tenancy->key, 0));
    buf_puts(&o, "]\n}\n");
    if (s->cluster.id)
        emit_printf(&o, "\n# The cluster exists: the policies name it.\nimport {\n  provider = oci.cluster\n"
                        "  to       = oci_containerengine_cluster.cluster\n  id       = %H\n}\n", s->cluster.id);
    return buf_take(&o);
}
