/* k8s/ack: "cloud": "alibaba" bundle spec → ACK Secret encryption with KMS: the RAM policy
 * that denies toggling it (cs:UpdateKMSEncryption), its attachment commands, the
 * UpdateKMSEncryption call, Terraform, the re-encryption command, the prerequisites and a
 * MANIFEST.json.  The policy is proved by the decision engine first (k8s/ack_prove.c). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "emit/internal.h"
#include "k8s/ack.h"
#include "k8s/emit.h"
#include "k8s/spec.h"

static const char *const spec_fields[] = {"cloud", "name", "cluster_id", "region", "kms_key_id", "account_id",
                                          "deny_scope", "policy_name", "attach", NULL};
static const char *const attach_fields[] = {"users", "roles", "groups", NULL};

static int all_chars(const char *s, const char *extra)
{
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && !strchr(extra, *s)) return 0;
    return 1;
}

static int lower_digit(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

/* An Alibaba Cloud region ID: [a-z]{2,}(-[a-z0-9]+)+ (cn-hangzhou, ap-southeast-1). */
static int region_ok(const char *s)
{
    size_t i = 0;
    while (s[i] >= 'a' && s[i] <= 'z') i++;
    if (i < 2 || s[i] != '-') return 0;
    for (; s[i]; i++) {
        if (s[i] == '-' && lower_digit(s[i + 1])) continue;
        if (s[i] == '-' || !lower_digit(s[i])) return 0;
    }
    return 1;
}

/* A KMS key ID: key-<letters and digits> (key-hzz6xxxx), or the older UUID form. */
static int kms_key_ok(const char *s)
{
    if (strncmp(s, "key-", 4) == 0 && s[4]) {
        for (s += 4; *s; s++)
            if (!isalnum((unsigned char)*s)) return 0;
        return 1;
    }
    static const char uuid[] = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";
    if (strlen(s) != sizeof uuid - 1) return 0;
    for (size_t i = 0; uuid[i]; i++)
        if (uuid[i] == '-' ? s[i] != '-' : !isxdigit((unsigned char)s[i])) return 0;
    return 1;
}

/* A RAM name of at most MAX characters from letters, digits and EXTRA, beginning with a
 * letter or digit (never an option to the aliyun CLI). */
static int ram_name_ok(const char *s, size_t max, const char *extra)
{
    size_t n = strlen(s);
    return n >= 1 && n <= max && isalnum((unsigned char)s[0]) && all_chars(s, extra);
}

typedef struct { const char *key, *api, *flag, *tf, *tf_arg, *tf_prefix, *form; } attach_kind;
static const attach_kind attach_kinds[] = {
    {"users", "AttachPolicyToUser", "--UserName", "alicloud_ram_user_policy_attachment", "user_name", "user_",
     "1-64 letters, digits, '.', '_', '-', '@'"},
    {"roles", "AttachPolicyToRole", "--RoleName", "alicloud_ram_role_policy_attachment", "role_name", "role_",
     "1-64 letters, digits, '.', '_', '-', '@'"},
    {"groups", "AttachPolicyToGroup", "--GroupName", "alicloud_ram_group_policy_attachment", "group_name", "group_",
     "1-64 letters, digits, '.', '_', '-', '@'"},
};

/* Terraform identifiers for the NAMES of one kind: PREFIX and the name lowercased, other
 * characters as '_' (a.b and a_b both give user_a_b), then _2, _3… until unique. */
static const char **tf_names(const char *prefix, const char **names, size_t n, arena *mem)
{
    const char **out = arena_alloc(mem, (n + 1) * sizeof *out);
    for (size_t j = 0; j < n; j++) {
        buf base;
        buf_init(&base);
        buf_puts(&base, prefix);
        for (const char *c = names[j]; *c; c++) buf_putc(&base, isalnum((unsigned char)*c) ? (char)tolower((unsigned char)*c) : '_');
        char id[400];
        snprintf(id, sizeof id, "%.300s", base.data);
        for (unsigned k = 2;; k++) {
            int taken = 0;
            for (size_t t = 0; t < j && !taken; t++) taken = strcmp(out[t], id) == 0;
            if (!taken) break;
            snprintf(id, sizeof id, "%.300s_%u", base.data, k);
        }
        buf_free(&base);
        out[j] = arena_strndup(mem, id, strlen(id));
    }
    return out;
}

/* The README's account of the proofs (MANIFEST.json has the requests). */
static void proofs_section(const emit_proofs *proofs, buf *out)
{
    buf_puts(out, "\n## What was proved before writing\n\n"
                  "iamc parsed `ram-policy.json` back with its RAM front end (no diagnostic), printed it as `iamc fmt`\n"
                  "does, and decided these requests with it and another Allow, `cs:*` on `*` (an administrator's\n"
                  "usual grant), as the policies of one user:\n\n");
    emit_proofs_table(proofs, out);
    buf_puts(out, "\n`MANIFEST.json` records each request, its decision and the statement that decided it.\n");
}

/* Sort the files and add MANIFEST.json, with the Allow the proofs assumed. */
static void seal(const json_t *spec, const char *spec_name, const char *name, const k8s_emit_opts *o, k8s_bundle *out,
                 const emit_proofs *proofs)
{
    char *dumped = o->spec_text ? NULL : json_dumps(spec, JSON_COMPACT | JSON_SORT_KEYS);
    emit_manifest_info m = {name, spec_name, o->spec_text ? o->spec_text : dumped, o->spec_text ? o->spec_len : strlen(dumped),
                            "iamc policy decide (docs/requests.md, JSON policies)", NULL, NULL};
    json_t *assumed = json_pack("{s:o}", ACK_OTHER_ALLOW_FILE, json_loads(ack_other_allow, 0, NULL));
    char *assumed_text = json_dumps(assumed, JSON_COMPACT);
    json_decref(assumed);
    m.assumed = assumed_text;
    k8s_bundle_seal(out, &m, proofs);
    free(assumed_text);
    free(dumped);
}

int ack_emit_bundle(const json_t *spec, const char *spec_name, const k8s_emit_opts *o, k8s_bundle *out, buf *err)
{
    arena mem;
    arena_init(&mem);
    k8s_spec s = {spec_name, o->spec_text, o->spec_len, err, &mem, 0};
    k8s_spec_known(&s, spec, "", spec_fields);
    const char *name = k8s_spec_string(&s, spec, "", "name", "ack", 0);
    const char *cluster = k8s_spec_string(&s, spec, "", "cluster_id", "", 1);
    const char *region = k8s_spec_string(&s, spec, "", "region", "", 1);
    const char *key = k8s_spec_string(&s, spec, "", "kms_key_id", "", 1);
    const char *account = k8s_spec_string(&s, spec, "", "account_id", "*", 0);
    const char *scope = k8s_spec_string(&s, spec, "", "deny_scope", "cluster", 0);
    const char *policy = k8s_spec_string(&s, spec, "", "policy_name", "deny-ack-kms-toggle", 0);
    if (*cluster && (!all_chars(cluster, "") || strlen(cluster) > 64))
        k8s_spec_error(&s, "/cluster_id", "%s is not an ACK cluster ID (letters and digits)", k8s_spec_quote(&s, cluster));
    if (*region && !region_ok(region))
        k8s_spec_error(&s, "/region", "%s is not a region ID such as cn-hangzhou", k8s_spec_quote(&s, region));
    if (*key && !kms_key_ok(key))
        k8s_spec_error(&s, "/kms_key_id", "%s is not a KMS key ID such as key-hzz6xxxx", k8s_spec_quote(&s, key));
    if (strcmp(account, "*") != 0 && strspn(account, "0123456789") != strlen(account))
        k8s_spec_error(&s, "/account_id", "%s is not an account ID (digits, or \"*\" for any)", k8s_spec_quote(&s, account));
    static const char *const scopes[] = {"cluster", "all", NULL};
    k8s_spec_enum(&s, "/deny_scope", scope, scopes);
    if (!ram_name_ok(policy, 128, "-"))
        k8s_spec_error(&s, "/policy_name", "%s is not a RAM policy name: 1-128 letters, digits and '-', beginning with a "
                       "letter or digit (RAM: InvalidParameter.PolicyName.InvalidChars)", k8s_spec_quote(&s, policy));
    if (!k8s_spec_name_ok(name))
        k8s_spec_error(&s, "/name", "%s is not a bundle name: 1-63 letters, digits, '.', '_' and '-', beginning with a "
                       "letter or digit", k8s_spec_quote(&s, name));
    const json_t *attach = k8s_spec_object(&s, spec, "", "attach");
    const char **names[3] = {NULL, NULL, NULL};
    size_t counts[3] = {0, 0, 0};
    if (attach) {
        k8s_spec_known(&s, attach, "/attach", attach_fields);
        for (size_t i = 0; i < 3; i++) {
            names[i] = k8s_spec_strings(&s, attach, "/attach", attach_kinds[i].key, &counts[i]);
            for (size_t j = 0; j < counts[i]; j++)
                if (!ram_name_ok(names[i][j], 64, "-_.@")) {
                    char pointer[48];
                    snprintf(pointer, sizeof pointer, "/attach/%s/%zu", attach_kinds[i].key, j);
                    k8s_spec_error(&s, pointer, "%s is not a RAM %.*s name: %s, beginning with a letter or digit",
                                   k8s_spec_quote(&s, names[i][j]), (int)strlen(attach_kinds[i].key) - 1,
                                   attach_kinds[i].key, attach_kinds[i].form);
                }
        }
    }
    int status = K8S_EMIT_REFUSED;
    if (s.errors) goto done;

    /* the RAM policy document: "Version": "1" is mandatory */
    buf resource;
    buf_init(&resource);
    if (strcmp(scope, "all") == 0) buf_puts(&resource, "*");
    else buf_printf(&resource, "acs:cs:*:%s:cluster/%s", account, cluster);
    json_t *doc = json_pack("{s:s, s:[{s:s, s:[s], s:[s]}]}", "Version", "1", "Statement", "Effect", "Deny", "Action",
                            "cs:UpdateKMSEncryption", "Resource", resource.data);
    char *policy_json = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(doc);
    buf_free(&resource);
    buf pol, ram, enable, tf, rewrite, readme;
    buf_init(&pol);
    buf_init(&ram);
    buf_init(&enable);
    buf_init(&tf);
    buf_init(&rewrite);
    buf_init(&readme);
    emit_proofs proofs;
    ack_target target = {cluster, region, account, strcmp(scope, "all") == 0};
    status = K8S_EMIT_FAILED;
    int proved = ack_prove(policy_json, &target, &pol, &proofs, err) == 0;
    free(policy_json);
    if (!proved) {
        buf_puts(err, "iamc emit: nothing was written\n");
        goto release;
    }
    if (pol.len > 6144) {
        buf_printf(err, "%s: the policy document is longer than 6,144 characters\n", spec_name);
        status = K8S_EMIT_REFUSED;
        goto release;
    }

    /* values are checked above; quoted all the same */
    emit_printf(&ram,
                "#!/bin/sh\n"
                "# Create the RAM policy that denies enabling or disabling ACK Secret encryption, and attach it.\n"
                "set -eu\n"
                "cd \"$(dirname \"$0\")\"\n"
                "aliyun ram CreatePolicy --PolicyName %Q \\\n"
                "  --Description 'Deny enabling or disabling Secret encryption on ACK cluster %s' \\\n"
                "  --PolicyDocument \"$(cat ram-policy.json)\"\n",
                policy, cluster);
    for (size_t i = 0; i < 3; i++)
        for (size_t j = 0; j < counts[i]; j++)
            emit_printf(&ram, "aliyun ram %s --PolicyType Custom --PolicyName %Q %s %Q\n", attach_kinds[i].api, policy,
                        attach_kinds[i].flag, names[i][j]);

    emit_printf(&enable,
                "#!/bin/sh\n"
                "# Enable Secret encryption with KMS on ACK cluster %s (UpdateKMSEncryption, PUT /clusters/{id}/kms).\n"
                "# The cluster goes running -> updating -> running; another call within 5 minutes of completion\n"
                "# fails with HTTP 409.  The caller needs cluster RBAC admin/O&M and AliyunKMSCryptoAdminAccess.\n"
                "set -eu\n"
                "aliyun cs PUT /clusters/%s/kms --region %Q \\\n"
                "  --header \"Content-Type=application/json\" \\\n"
                "  --body '{\"kms_key_id\":\"%s\",\"disable_encryption\":false}'\n"
                "aliyun cs GET /clusters/%s --region %Q   # wait for state running\n",
                cluster, cluster, region, key, cluster, region);

    buf_printf(&tf,
               "# ACK Secret encryption with KMS (alicloud provider >= 1.274.0 for alicloud_cs_kms_encryption).\n"
               "# A cluster created by Terraform may instead set encryption_provider_key = \"%s\" and\n"
               "# disable_encryption = false on alicloud_cs_managed_kubernetes (cluster_spec = \"ack.pro.small\").\n"
               "provider \"alicloud\" {\n  region = \"%s\"\n}\n\n"
               "resource \"alicloud_cs_kms_encryption\" \"secrets\" {\n"
               "  cluster_id         = \"%s\"\n"
               "  kms_key_id         = \"%s\"\n"
               "  disable_encryption = false\n"
               "}\n\n"
               "resource \"alicloud_ram_policy\" \"deny_kms_toggle\" {\n"
               "  policy_name     = \"%s\"\n"
               "  policy_document = file(\"${path.module}/ram-policy.json\")\n"
               "  description     = \"Deny enabling or disabling Secret encryption on ACK cluster %s\"\n"
               "}\n",
               key, region, cluster, key, policy, cluster);
    for (size_t i = 0; i < 3; i++) {
        const char **ids = tf_names(attach_kinds[i].tf_prefix, names[i], counts[i], &mem);
        for (size_t j = 0; j < counts[i]; j++) {
            buf_printf(&tf, "\nresource \"%s\" \"%s", attach_kinds[i].tf, ids[j]);
            buf_printf(&tf,
                       "\" {\n  policy_name = alicloud_ram_policy.deny_kms_toggle.policy_name\n"
                       "  policy_type = \"Custom\"\n  %s = \"%s\"\n}\n",
                       attach_kinds[i].tf_arg, names[i][j]);
        }
    }

    buf_puts(&rewrite,
             "#!/bin/sh\n"
             "# After a KMS key rotation (or to move Secrets to KMS v2 on clusters >= 1.31): rewrite every\n"
             "# Secret so it is encrypted again with the current key.  Run off-peak; re-run on conflicts.\n"
             "set -eu\n"
             "kubectl get secrets --all-namespaces -o json | \\\n"
             "  kubectl annotate --overwrite -f - encryption-key-rotation-time=\"$(date -u +'%Y-%m-%dT%H:%M:%S%z')\"\n");

    buf_printf(&readme,
               "# ACK Secret encryption with KMS: %s (cluster %s, %s)\n\n"
               "Generated by `iamc emit`.\n\n"
               "## Prerequisites (check each before running anything)\n\n"
               "- [ ] The cluster is an **ACK Pro** managed cluster (`cluster_spec = \"ack.pro.small\"` or a Pro tier).\n"
               "- [ ] KMS key `%s` is in the **same region** (%s), is not a service key, has KeySpec\n"
               "      `Aliyun_AES_256` and KeyUsage `ENCRYPT/DECRYPT`.\n"
               "- [ ] The service role **`AliyunCSManagedSecurityRole`** is authorized (console: Quick Authorization\n"
               "      on first use); its policy `AliyunCSManagedSecurityRolePolicy` is attached to nothing else.\n"
               "- [ ] The security group allows **outbound** and the VPC network ACL allows **inbound and outbound**\n"
               "      traffic to `100.64.0.0/10` (control-plane KMS plugin to the KMS API).\n"
               "- [ ] The caller has cluster RBAC admin or O&M (else `ForbiddenUpdateKMSState`) and\n"
               "      `AliyunKMSCryptoAdminAccess`.\n"
               "- [ ] Never disable or delete the key while encryption is on, or while it is being switched:\n"
               "      the API server can no longer read Secrets.  Set deletion protection on the key.\n\n"
               "## Files\n\n"
               "| File | What |\n|---|---|\n"
               "| `ram-policy.json` | RAM policy: Deny `cs:UpdateKMSEncryption` on %s |\n"
               "| `ram-policy.sh` | `aliyun ram CreatePolicy` and the attachments |\n"
               "| `enable-encryption.sh` | `aliyun cs PUT /clusters/%s/kms` with `disable_encryption: false` |\n"
               "| `main.tf` | the same with Terraform (`alicloud_cs_kms_encryption`, `alicloud_ram_policy`) |\n"
               "| `rewrite-secrets.sh` | re-encrypts every Secret after a key rotation |\n"
               "| `MANIFEST.json` | every other file's SHA-256, the spec's, and the proofs below |\n\n"
               "## Order\n\n"
               "1. Check the prerequisites.\n"
               "2. `sh enable-encryption.sh` (or `terraform apply`), and wait until the cluster is `running`.\n"
               "3. `sh ram-policy.sh`: from now on the attached users and roles cannot turn encryption off (or\n"
               "   on) — an administrator outside the policy has to.  Attach it to every operator identity.\n"
               "4. After each automatic rotation of the KMS key, `sh rewrite-secrets.sh`.\n\n"
               "Clusters at 1.31 or later use KMS v2; older ones KMS v1.\n",
               name, cluster, region, key, region, strcmp(scope, "all") == 0 ? "all clusters" : "this cluster", cluster);

    proofs_section(&proofs, &readme);

    out->name = strdup(name);
    if (!out->name) abort();
    snprintf(out->kind, sizeof out->kind, "alibaba ACK, %s", strcmp(scope, "all") == 0 ? "all clusters" : "one cluster");
    out->checked = "proved with the decision engine";
    for (size_t i = 0; i < proofs.n; i++)
        buf_printf(&out->checks, "%-5s %s (%s)\n", proofs.p[i].allowed ? "allow" : "deny", proofs.p[i].name,
                   proofs.p[i].reason);
    k8s_bundle_add(out, "README.md", &readme, 0644);
    k8s_bundle_add(out, "enable-encryption.sh", &enable, 0755);
    k8s_bundle_add(out, "main.tf", &tf, 0644);
    k8s_bundle_add(out, "ram-policy.json", &pol, 0644);
    k8s_bundle_add(out, "ram-policy.sh", &ram, 0755);
    k8s_bundle_add(out, "rewrite-secrets.sh", &rewrite, 0755);
    seal(spec, spec_name, name, o, out, &proofs);
    status = K8S_EMIT_OK;
release:
    emit_proofs_free(&proofs);
    buf_free(&pol);
    buf_free(&ram);
    buf_free(&enable);
    buf_free(&tf);
    buf_free(&rewrite);
    buf_free(&readme);
done:
    arena_free(&mem);
    return status;
}
