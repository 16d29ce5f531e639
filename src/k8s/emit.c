/* k8s/emit: "cloud": "kubernetes" bundle spec → EncryptionConfiguration, the kube-apiserver
 * static-pod wiring, the rewrite script and a README.  The configuration is printed, checked
 * by the same checker as `iamc check`, and written only when it has no finding. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/diag.h"
#include "emit/internal.h"
#include "k8s/emit.h"
#include "k8s/k8s.h"
#include "k8s/spec.h"

static const char *const spec_fields[] = {"cloud", "name", "provider", "kms", "key_name", "aesgcm_rotation",
                                          "resources", "exempt", "migrate", "config_path", NULL};
static const char *const kms_fields[] = {"name", "endpoint", "timeout", NULL};

typedef struct { const char *name; k8s_provider_type type; } provider_name;
static const provider_name providers[] = {
    {"kms", K8S_PROVIDER_KMS}, {"aescbc", K8S_PROVIDER_AESCBC},
    {"aesgcm", K8S_PROVIDER_AESGCM}, {"secretbox", K8S_PROVIDER_SECRETBOX},
};
static const char *const provider_words[] = {"kms", "aescbc", "aesgcm", "secretbox", NULL};

/* The directory of PATH ("/etc/kubernetes/enc" for "/etc/kubernetes/enc/enc.yaml"). */
static void dir_of(const char *path, char *out, size_t n)
{
    const char *slash = strrchr(path, '/');
    size_t len = slash && slash != path ? (size_t)(slash - path) : 1;
    if (len >= n) len = n - 1;
    memcpy(out, slash ? path : "/", len);
    out[len] = '\0';
}

/* '*.', '*.GROUP', '*.*': every resource of a group, or of all. */
static int is_wildcard(const char *r) { return r[0] == '*' && r[1] == '.'; }

/* A comment line's text: control characters as \xNN, so a value cannot end the comment. */
static void put_comment_text(buf *out, const char *s)
{
    diag_quote(out, s, strlen(s), 256);
}

/* The ERE that matches "RESOURCE.GROUP" names of GROUP: \.GROUP$ with every metacharacter
 * of GROUP escaped (a group name has dots; a checked one has nothing else). */
static void group_regex(buf *out, const char *group)
{
    buf_puts(out, "\\.");
    for (; *group; group++) {
        if (strchr(".[]()*+?{}|^$\\", *group)) buf_putc(out, '\\');
        buf_putc(out, *group);
    }
    buf_putc(out, '$');
}

void k8s_rewrite_script(const k8s_config *cfg, const int *touched, buf *out)
{
    buf_puts(out, "#!/bin/sh\n"
                  "# Rewrite every object of the encrypted resources, so that each is stored again with the\n"
                  "# first provider of the configuration now in force on every API server.  Idempotent:\n"
                  "# on a conflict error, run it again.  Needs read and update on all of them (cluster admin).\n"
                  "set -eu\n");
    size_t li = 0;
    for (const k8s_rlist *l = cfg->lists; l; l = l->next, li++) {
        if (touched && !touched[li]) continue;
        if (l->providers && l->providers->type == K8S_PROVIDER_IDENTITY && !touched) continue;   /* exemptions */
        for (size_t i = 0; i < l->nresources; i++) {
            const char *r = l->resources[i];
            /* every value single-quoted: the checker refuses odd names (K8S040), and this holds
             * even for a file whose checks were disabled */
            if (is_wildcard(r)) {
                const char *group = r + 2;
                int all = strcmp(group, "*") == 0;
                buf_puts(out, "# ");
                put_comment_text(out, r);
                buf_printf(out, ": every resource%s", all ? "" : " of group ");
                if (!all) put_comment_text(out, *group ? group : "core");
                buf_puts(out, " that can be listed and updated\n");
                buf_puts(out, "kubectl api-resources --verbs=list,update -o name");
                if (!all && *group) {
                    buf re;
                    buf_init(&re);
                    group_regex(&re, group);
                    buf_puts(out, " | grep -E -- ");
                    emit_sh_quote(out, re.data);
                    buf_free(&re);
                } else if (!all) {
                    buf_puts(out, " | grep -v '\\.'");
                }
                buf_puts(out, " | while read -r res; do\n"
                              "  kubectl get \"$res\" --all-namespaces -o json | kubectl replace -f -\n"
                              "done\n");
            } else {
                size_t n = strlen(r);
                if (n && r[n - 1] == '.') n--;   /* "secrets." is the core group's secrets */
                char *name = strndup(r, n);
                if (!name) abort();
                buf_puts(out, "kubectl get ");
                emit_sh_quote(out, name);
                buf_puts(out, " --all-namespaces -o json | kubectl replace -f -\n");
                free(name);
            }
        }
    }
}

/* A YAML double-quoted scalar: the value cannot end the line or open a mapping. */
static void yaml_quote(buf *out, const char *s)
{
    buf_putc(out, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\') buf_printf(out, "\\%c", *p);
        else if (*p < 0x20 || *p == 0x7f) buf_printf(out, "\\x%02X", *p);
        else buf_putc(out, (char)*p);
    }
    buf_putc(out, '"');
}

/* Why PATH cannot be the file kube-apiserver reads, or NULL: a clean absolute path of
 * letters, digits, '.', '_', '-' (no '.' or '..' component, no '//', no trailing '/'), in a
 * directory other than '/', which is mounted into the API server's container. */
static const char *config_path_problem(const char *path)
{
    size_t n = strlen(path);
    if (path[0] != '/') return "is not an absolute path";
    if (n > 512) return "is longer than 512 bytes";
    for (const char *p = path; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || strchr("/._-", *p)))
            return "has a character other than letters, digits, '/', '.', '_' and '-'";
    if (path[n - 1] == '/') return "names a directory; name the file (such as /etc/kubernetes/enc/enc.yaml)";
    for (const char *seg = path + 1;;) {
        const char *slash = strchr(seg, '/');
        size_t len = slash ? (size_t)(slash - seg) : strlen(seg);
        if (len == 0) return "has an empty component ('//')";
        if ((len == 1 && seg[0] == '.') || (len == 2 && seg[0] == '.' && seg[1] == '.'))
            return "has a '.' or '..' component";
        if (!slash) break;
        seg = slash + 1;
    }
    if (strrchr(path, '/') == path)
        return "is directly under '/': its directory is mounted into kube-apiserver, and '/' must not be; "
               "use a directory of its own such as /etc/kubernetes/enc";
    return NULL;
}

static void static_pod_snippet(const char *config_path, buf *out)
{
    char dir[1024];
    dir_of(config_path, dir, sizeof dir);
    buf_puts(out, "# kube-apiserver static pod (/etc/kubernetes/manifests/kube-apiserver.yaml): merge these\n"
                  "# three pieces into the existing manifest on every control-plane node.\n"
                  "spec:\n"
                  "  containers:\n"
                  "    - name: kube-apiserver\n"
                  "      command:\n"
                  "        - kube-apiserver\n"
                  "        - ");
    buf flag;
    buf_init(&flag);
    buf_printf(&flag, "--encryption-provider-config=%s", config_path);
    yaml_quote(out, flag.data);
    buf_free(&flag);
    buf_puts(out, "\n"
                  "      volumeMounts:\n"
                  "        - name: enc\n"
                  "          mountPath: ");
    yaml_quote(out, dir);
    buf_puts(out, "\n"
                  "          readOnly: true\n"
                  "  volumes:\n"
                  "    - name: enc\n"
                  "      hostPath:\n"
                  "        path: ");
    yaml_quote(out, dir);
    buf_puts(out, "\n"
                  "        type: DirectoryOrCreate\n");
}

static void readme(const k8s_config *cfg, const char *name, const char *provider, const char *config_path, int migrate,
                   buf *out)
{
    buf_printf(out, "# Encryption at rest for %s (%s)\n\n", name, provider);
    buf_printf(out,
               "Generated by `iamc emit`.  Files:\n\n"
               "| File | Mode | What |\n|---|---|---|\n"
               "| `encryption-config.yaml` | 0600 | the EncryptionConfiguration (holds key material for local providers) |\n"
               "| `kube-apiserver-patch.yaml` | 0644 | the flag, volumeMount and volume for the static pod |\n"
               "| `rewrite-secrets.sh` | 0755 | rewrites every encrypted object so it is stored encrypted |\n"
               "| `MANIFEST.json` | 0644 | every other file's mode, size and SHA-256, and the spec's |\n\n");
    buf_printf(out,
               "## Steps\n\n"
               "1. Copy `encryption-config.yaml` to `%s` on **every** control-plane node (the same file\n"
               "   everywhere: a key that differs between nodes makes data unreadable); keep it mode 0600,\n"
               "   owned by the user kube-apiserver runs as.\n"
               "2. Add the pieces of `kube-apiserver-patch.yaml` to the kube-apiserver manifest on every\n"
               "   control-plane node; the kubelet restarts the API server.\n"
               "3. When every API server runs with the file, run `sh rewrite-secrets.sh`: encryption\n"
               "   happens on write, so existing objects stay in plaintext until they are rewritten.\n",
               config_path);
    if (migrate)
        buf_puts(out,
                 "4. `identity: {}` is the last provider so that objects written before step 3 stay readable.\n"
                 "   After step 3 has finished, you may remove it (and restart the API servers) to refuse\n"
                 "   plaintext; `iamc rotate --help` plans later key changes.\n");
    buf_puts(out, "\nVerify: `ETCDCTL_API=3 etcdctl get /registry/secrets/default/<name> | hexdump -C` shows the\n"
                  "prefix `k8s:enc:");
    buf_puts(out, cfg->lists && cfg->last_list->providers->type == K8S_PROVIDER_KMS ? "kms:v2:" : provider);
    buf_puts(out, cfg->lists && cfg->last_list->providers->type == K8S_PROVIDER_KMS ? "<name>:`" : ":v1:<key name>:`");
    buf_puts(out, "; `kubectl get secret` still shows plaintext.\n\nCheck the file at any time: `iamc check encryption-config.yaml`.\n");
}

int k8s_emit_bundle(const json_t *spec, const char *spec_name, const k8s_emit_opts *o, k8s_bundle *out, buf *err)
{
    arena mem;
    arena_init(&mem);
    k8s_spec s = {spec_name, o->spec_text, o->spec_len, err, &mem, 0};
    int status = K8S_EMIT_REFUSED;
    k8s_spec_known(&s, spec, "", spec_fields);
    const char *name = k8s_spec_string(&s, spec, "", "name", "cluster", 0);
    const char *provider = k8s_spec_string(&s, spec, "", "provider", "kms", 0);
    const char *config_path = k8s_spec_string(&s, spec, "", "config_path", "/etc/kubernetes/enc/enc.yaml", 0);
    const char *key_name = k8s_spec_string(&s, spec, "", "key_name", "key1", 0);
    const char *rotation = k8s_spec_string(&s, spec, "", "aesgcm_rotation", NULL, 0);
    int migrate = k8s_spec_bool(&s, spec, "", "migrate", 1);
    size_t nres = 0, nexempt = 0;
    const char **res = k8s_spec_strings(&s, spec, "", "resources", &nres);
    const char **exempt = k8s_spec_exempt(&s, spec, &nexempt);
    const json_t *kms = k8s_spec_object(&s, spec, "", "kms");
    static const char *const default_res[] = {"secrets"};
    if (res && nres == 0) k8s_spec_error(&s, "/resources", "expected at least one resource, found an empty array");
    if (!res || nres == 0) {
        res = (const char **)default_res;
        nres = 1;
    }
    const char *path_problem = config_path_problem(config_path);
    if (path_problem) k8s_spec_error(&s, "/config_path", "%s %s", k8s_spec_quote(&s, config_path), path_problem);
    if (!k8s_spec_name_ok(name))
        k8s_spec_error(&s, "/name", "%s is not a bundle name: 1-63 letters, digits, '.', '_' and '-', beginning with a "
                       "letter or digit", k8s_spec_quote(&s, name));
    for (size_t i = 0; i < nres + nexempt; i++) {
        const char *r = i < nres ? res[i] : exempt[i - nres];
        if (k8s_resource_name_ok(r)) continue;
        char pointer[48];
        snprintf(pointer, sizeof pointer, "/%s/%zu", i < nres ? "resources" : "exempt", i < nres ? i : i - nres);
        k8s_spec_error(&s, pointer, "%s is not a resource name: a lowercase plural such as secrets, optionally '.' and "
                       "its API group (deployments.apps), or *., *.GROUP, *.*", k8s_spec_quote(&s, r));
    }
    k8s_provider_type type = K8S_PROVIDER_NONE;
    for (size_t i = 0; i < sizeof providers / sizeof *providers; i++)
        if (strcmp(provider, providers[i].name) == 0) type = providers[i].type;
    if (!type) k8s_spec_enum(&s, "/provider", provider, provider_words);
    if (type == K8S_PROVIDER_AESGCM && !rotation)
        k8s_spec_error(&s, "", "missing \"aesgcm_rotation\": aesgcm needs an automated key rotation (every 200,000 "
                       "writes); say \"automatic\" when you have one, or choose kms or secretbox");
    else if (type == K8S_PROVIDER_AESGCM && strcmp(rotation, "automatic") != 0)
        k8s_spec_error(&s, "/aesgcm_rotation",
                       "expected \"automatic\", found %s: aesgcm needs an automated key rotation (every 200,000 writes); "
                       "say \"automatic\" when you have one, or choose kms or secretbox", k8s_spec_quote(&s, rotation));
    if (rotation && type && type != K8S_PROVIDER_AESGCM)
        k8s_spec_error(&s, "/aesgcm_rotation", "only for provider aesgcm");
    if (type == K8S_PROVIDER_KMS && !json_object_get(spec, "kms"))
        k8s_spec_error(&s, "", "missing \"kms\" (an object with name and endpoint, for provider kms)");
    if (type && type != K8S_PROVIDER_KMS && kms) k8s_spec_error(&s, "/kms", "only for provider kms");
    const char *kms_name = "", *kms_endpoint = "", *kms_timeout = NULL;
    if (type == K8S_PROVIDER_KMS && kms) {
        k8s_spec_known(&s, kms, "/kms", kms_fields);
        kms_name = k8s_spec_string(&s, kms, "/kms", "name", "", 1);
        kms_endpoint = k8s_spec_string(&s, kms, "/kms", "endpoint", "", 1);
        kms_timeout = k8s_spec_string(&s, kms, "/kms", "timeout", NULL, 0);
        /* the checker's rules, so that the spec is refused with its own position */
        char why[256];
        const char *problem;
        if (*kms_name && (problem = k8s_kms_name_problem(kms_name)))
            k8s_spec_error(&s, "/kms/name", "%s %s", k8s_spec_quote(&s, kms_name), problem);
        if (*kms_endpoint && (problem = k8s_kms_endpoint_problem(kms_endpoint, why, sizeof why)))
            k8s_spec_error(&s, "/kms/endpoint", "%s %s", k8s_spec_quote(&s, kms_endpoint), problem);
        if (kms_timeout && (problem = k8s_kms_timeout_problem(kms_timeout)))
            k8s_spec_error(&s, "/kms/timeout", "%s %s", k8s_spec_quote(&s, kms_timeout), problem);
    }
    if (s.errors) goto done;

    k8s_config cfg;
    k8s_config_init(&cfg);
    if (nexempt) {
        k8s_rlist *l = k8s_config_add_list(&cfg, &mem, exempt, nexempt);
        k8s_list_add_provider(l, &mem, K8S_PROVIDER_IDENTITY);
    }
    k8s_rlist *l = k8s_config_add_list(&cfg, &mem, res, nres);
    k8s_provider *p = k8s_list_add_provider(l, &mem, type);
    if (type == K8S_PROVIDER_KMS) {
        p->kms.api_version = "v2";
        p->kms.name = kms_name;
        p->kms.endpoint = kms_endpoint;
        if (kms_timeout) {
            p->kms.has_timeout = 1;
            p->kms.timeout_text = kms_timeout;
            k8s_parse_duration(kms_timeout, &p->kms.timeout_ns);
        }
    } else {
        const char *secret = k8s_keysrc_base64(o->keys, &mem, 32);
        if (!secret) {
            buf_printf(err, "%s: cannot read random bytes for the key\n", spec_name);
            status = K8S_EMIT_FAILED;
            goto done;
        }
        k8s_provider_add_key(p, &mem, key_name, secret);
    }
    if (migrate) k8s_list_add_provider(l, &mem, K8S_PROVIDER_IDENTITY);

    buf yaml;
    buf_init(&yaml);
    if (type == K8S_PROVIDER_AESGCM)
        buf_puts(&yaml, "# iamc-check: disable=K8S051 (the spec states an automatic key rotation)\n");
    k8s_config_print(&cfg, &yaml);
    buf findings;
    buf_init(&findings);
    size_t nfind = k8s_check_text("encryption-config.yaml", yaml.data, yaml.len, &findings);
    if (nfind) {
        /* the checker's text redacts secrets, so it is safe to show */
        buf_printf(err, "%s: the generated configuration does not pass iamc check; nothing written:\n", spec_name);
        buf_put(err, findings.data, findings.len);
        memset(yaml.data, 0, yaml.len);
        buf_free(&yaml);
        buf_free(&findings);
        goto done;
    }
    buf_free(&findings);

    buf patch, script, doc;
    buf_init(&patch);
    buf_init(&script);
    buf_init(&doc);
    static_pod_snippet(config_path, &patch);
    k8s_rewrite_script(&cfg, NULL, &script);
    readme(&cfg, name, provider, config_path, migrate, &doc);
    out->name = strdup(name);
    if (!out->name) abort();
    snprintf(out->kind, sizeof out->kind, "kubernetes, %s%s", provider,
             type == K8S_PROVIDER_KMS ? " v2" : ", a new 32-byte key");
    out->checked = "checked with the rules of iamc check";
    buf_puts(&out->checks, "encryption-config.yaml: no finding\n");
    k8s_bundle_add(out, "encryption-config.yaml", &yaml, 0600);
    k8s_bundle_add(out, "kube-apiserver-patch.yaml", &patch, 0644);
    k8s_bundle_add(out, "rewrite-secrets.sh", &script, 0755);
    k8s_bundle_add(out, "README.md", &doc, 0644);
    char *dumped = o->spec_text ? NULL : json_dumps(spec, JSON_COMPACT | JSON_SORT_KEYS);
    emit_manifest_info m = {name, spec_name, o->spec_text ? o->spec_text : dumped,
                            o->spec_text ? o->spec_len : strlen(dumped),
                            "iamc check (docs/encryption-config.md): encryption-config.yaml has no finding", NULL, NULL};
    emit_proofs none = {.n = 0};
    k8s_bundle_seal(out, &m, &none);
    free(dumped);
    status = K8S_EMIT_OK;
done:
    arena_free(&mem);
    return status;
}
