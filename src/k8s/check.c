/* k8s/check: the rules of the API server's validation (validation_encryption.go, in its
 * order and with its messages), the loader's masking rule, and the documented hazards.
 * Every finding carries a rule ID of the lint catalogue (lint/rules.c, docs/rules.md). */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "base/json_util.h"
#include "k8s/config.h"
#include "k8s/k8s.h"
#include "lint/lint.h"

/* The rule table is the K8S block of the lint catalogue (lint/rules.c). */
_Static_assert((int)LINT_ERROR == (int)DIAG_ERROR && (int)LINT_WARNING == (int)DIAG_WARNING &&
               (int)LINT_INFO == (int)DIAG_NOTE, "lint and diag severities line up");

const k8s_rule *k8s_rules(size_t *n)
{
    size_t k = LINT_K8S_FIRST;
    while (k < LINT_NRULES && lint_rules[k].lang == LINT_LANG_K8S) k++;
    *n = k - LINT_K8S_FIRST;
    return &lint_rules[LINT_K8S_FIRST];
}

const k8s_rule *k8s_rule_find(const char *id)
{
    int i = lint_rule_find(id, strlen(id));
    return i >= 0 && lint_rules[i].lang == LINT_LANG_K8S ? &lint_rules[i] : NULL;
}

struct k8s_doc {
    arena mem;
    source src;                /* as read */
    source shown;              /* secrets replaced by REDACTED: what diagnostics show */
    diag_list diags;
    k8s_tree tree;
    k8s_config cfg;
    int file_mode;
    int input_error;
    int parsed;
    size_t suppressed;
    char suppress[64][8];      /* rule IDs disabled by "# iamc-check: disable=…" */
    size_t nsuppress;
};

/* ---- reporting ------------------------------------------------------------------------- */

static int suppressed(const k8s_doc *doc, const char *rule)
{
    for (size_t i = 0; i < doc->nsuppress; i++)
        if (strcmp(doc->suppress[i], rule) == 0) return 1;
    return 0;
}

static diag *vreport(k8s_doc *doc, const char *rule, uint32_t off, uint32_t end, const char *fmt, va_list ap)
{
    const k8s_rule *r = k8s_rule_find(rule);
    if (suppressed(doc, rule)) {
        doc->suppressed++;
        return NULL;
    }
    char msg[2048];
    vsnprintf(msg, sizeof msg, fmt, ap);
    /* values from the file (a kind, a key name) reach the terminal: control characters,
     * bidirectional controls and invalid bytes as \xNN */
    buf safe;
    buf_init(&safe);
    diag_quote(&safe, msg, strlen(msg), sizeof msg);
    diag *d = diag_add(&doc->diags, (diag_severity)r->severity, &doc->src, off, end, "%s", safe.data ? safe.data : "");
    buf_free(&safe);
    d->code = r->id;
    if (r->input_error) doc->input_error = 1;
    return d;
}

static diag *report_at(k8s_doc *doc, const char *rule, const k8s_node *at, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static diag *report_at(k8s_doc *doc, const char *rule, const k8s_node *at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    uint32_t off = at ? at->off : 0, end = at ? at->end : 0;
    /* a multi-line node is underlined on its first line only */
    if (at && at->kind != K8S_NODE_SCALAR) end = off;
    diag *d = vreport(doc, rule, off, end, fmt, ap);
    va_end(ap);
    return d;
}

static void decode_report(void *ctx, const char *rule, const k8s_node *at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(ctx, rule, at->off, at->kind == K8S_NODE_SCALAR ? at->end : at->off, fmt, ap);
    va_end(ap);
}

/* ---- Go value rendering for "Invalid value: …" ------------------------------------------ */

static void go_quote(buf *b, const char *s)
{
    buf_putc(b, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\') buf_printf(b, "\\%c", *p);
        else if (*p == '\n') buf_puts(b, "\\n");
        else if (*p == '\t') buf_puts(b, "\\t");
        else if (*p < 0x20 || *p == 0x7f) buf_printf(b, "\\x%02x", *p);
        else buf_putc(b, (char)*p);
    }
    buf_putc(b, '"');
}

/* []string{"a", "b"} as %#v prints it */
static const char *go_string_slice(k8s_doc *doc, const k8s_rlist *l)
{
    buf b;
    buf_init(&b);
    buf_puts(&b, "[]string{");
    for (size_t i = 0; i < l->nresources; i++) {
        if (i) buf_puts(&b, ", ");
        go_quote(&b, l->resources[i]);
    }
    buf_putc(&b, '}');
    const char *s = arena_strndup(&doc->mem, b.data, b.len);
    buf_free(&b);
    return s;
}

static const char *quoted(k8s_doc *doc, const char *s)
{
    buf b;
    buf_init(&b);
    go_quote(&b, s);
    const char *r = arena_strndup(&doc->mem, b.data, b.len);
    buf_free(&b);
    return r;
}

/* ---- resources ------------------------------------------------------------------------- */

typedef struct { const char *group, *resource; size_t glen, rlen; } group_resource;

/* schema.ParseGroupResource: split at the first dot. */
static group_resource parse_gr(const char *s)
{
    group_resource gr;
    const char *dot = strchr(s, '.');
    if (dot) {
        gr.resource = s;
        gr.rlen = (size_t)(dot - s);
        gr.group = dot + 1;
        gr.glen = strlen(dot + 1);
    } else {
        gr.resource = s;
        gr.rlen = strlen(s);
        gr.group = "";
        gr.glen = 0;
    }
    return gr;
}

static int gr_eq(group_resource a, group_resource b)
{
    return a.glen == b.glen && a.rlen == b.rlen && memcmp(a.group, b.group, a.glen) == 0 &&
           memcmp(a.resource, b.resource, a.rlen) == 0;
}

static int is(const char *s, size_t n, const char *lit) { return n == strlen(lit) && memcmp(s, lit, n) == 0; }

static void check_overlap(k8s_doc *doc, const k8s_rlist *l, size_t li)
{
    if (l->nresources < 2) return;
    int dup = 0, overlap = 0;
    for (size_t i = 0; i < l->nresources; i++) {
        group_resource r1 = parse_gr(l->resources[i]);
        for (size_t j = 0; j < l->nresources; j++) {
            if (i == j) continue;
            group_resource r2 = parse_gr(l->resources[j]);
            if (gr_eq(r1, r2) && !dup) {
                dup = 1;
                continue;
            }
            if (overlap) continue;
            if (is(r1.group, r1.glen, "*") && is(r1.resource, r1.rlen, "*")) {
                overlap = 1;
                continue;
            }
            if (r1.glen != r2.glen || memcmp(r1.group, r2.group, r1.glen) != 0) continue;
            if (is(r1.resource, r1.rlen, "*") || is(r2.resource, r2.rlen, "*")) overlap = 1;
        }
    }
    if (dup)
        report_at(doc, "K8S036", l->resources_node, "resources[%zu].resources: Invalid value: %s: %s", li,
                  go_string_slice(doc, l), "the same resource cannot be specified multiple times");
    if (overlap)
        report_at(doc, "K8S037", l->resources_node, "resources[%zu].resources: Invalid value: %s: %s", li,
                  go_string_slice(doc, l),
                  "using overlapping resources such as 'secrets' and '*.' in the same resource list is not allowed as they will be masked");
}

static int has_capital(const char *s)
{
    for (; *s; s++)
        if (*s >= 'A' && *s <= 'Z') return 1;
    return 0;
}

static void check_resource_names(k8s_doc *doc, const k8s_rlist *l, size_t li)
{
    static const char *const no_rest[] = {"apiserveripinfo", "serviceipallocations", "servicenodeportallocations"};
    for (size_t j = 0; j < l->nresources; j++) {
        const char *res = l->resources[j];
        const k8s_node *at = l->resource_nodes[j];
        const char *rule = NULL, *msg = NULL;
        group_resource gr = parse_gr(res);
        if (has_capital(res)) rule = "K8S030", msg = "resource name should not contain capital letters";
        else if (strcmp(res, "*") == 0)
            rule = "K8S031", msg = "use '*.' to encrypt all the resources from core API group or *.* to encrypt all resources";
        else if (strcmp(res, no_rest[0]) == 0 || strcmp(res, no_rest[1]) == 0 || strcmp(res, no_rest[2]) == 0)
            rule = "K8S032", msg = "resources which do not have REST API/s cannot be encrypted";
        else if (is(gr.group, gr.glen, "events.k8s.io"))
            rule = "K8S033", msg = "'*.events.k8s.io' objects are stored using the 'events' API group in etcd. Use 'events' instead in the config file";
        else if (is(gr.group, gr.glen, "extensions"))
            rule = "K8S034", msg = "'extensions' group has been removed and cannot be used for encryption";
        else if (is(gr.group, gr.glen, "*") && !is(gr.resource, gr.rlen, "*"))
            rule = "K8S035", msg = "encrypting the same resource across groups is not supported";
        else if (!k8s_resource_name_ok(res))
            rule = "K8S040", msg = "not a resource name: a lowercase plural such as 'secrets', optionally '.' and its "
                                   "API group such as 'deployments.apps', or '*.', '*.<group>', '*.*'; it matches no resource";
        if (rule)
            report_at(doc, rule, at, "resources[%zu].resources[%zu]: Invalid value: %s: %s", li, j, quoted(doc, res), msg);
    }
}

/* grYAMLString: the core wildcard prints as "*.", a core resource without its dot. */
static void gr_string(group_resource gr, char *out, size_t n)
{
    if (gr.glen == 0 && is(gr.resource, gr.rlen, "*")) snprintf(out, n, "*.");
    else if (gr.glen == 0) snprintf(out, n, "%.*s", (int)gr.rlen, gr.resource);
    else snprintf(out, n, "%.*s.%.*s", (int)gr.rlen, gr.resource, (int)gr.glen, gr.group);
}

/* The loader's rule: a resource after a list holding *.<its group> or *.* is masked. */
static void check_masking(k8s_doc *doc)
{
    size_t li = 0;
    for (const k8s_rlist *l = doc->cfg.lists; l; l = l->next, li++)
        for (size_t j = 0; j < l->nresources; j++) {
            group_resource gr = parse_gr(l->resources[j]);
            const char *by = NULL;
            for (const k8s_rlist *e = doc->cfg.lists; e != l && !by; e = e->next)
                for (size_t k = 0; k < e->nresources && !by; k++) {
                    group_resource w = parse_gr(e->resources[k]);
                    if (!is(w.resource, w.rlen, "*")) continue;
                    if ((w.glen == gr.glen && memcmp(w.group, gr.group, w.glen) == 0) || is(w.group, w.glen, "*"))
                        by = e->resources[k];
                }
            if (!by) continue;
            char a[256], b[256];
            gr_string(gr, a, sizeof a);
            group_resource w = parse_gr(by);
            /* the loader names the wildcard it looked up: *.<group> first, then *.* */
            if (!(w.glen == gr.glen && memcmp(w.group, gr.group, w.glen) == 0)) w = parse_gr("*.*");
            else w.resource = "*", w.rlen = 1;
            gr_string(w, b, sizeof b);
            report_at(doc, "K8S038", l->resource_nodes[j], "resource \"%s\" is masked by earlier rule \"%s\"", a, b);
        }
}

/* ---- providers --------------------------------------------------------------------------- */

static void check_keys(k8s_doc *doc, const k8s_provider *p, const char *path)
{
    static const int aes[] = {16, 24, 32}, box[] = {32};
    const int *sizes = p->type == K8S_PROVIDER_SECRETBOX ? box : aes;
    size_t nsizes = p->type == K8S_PROVIDER_SECRETBOX ? 1 : 3;
    const char *sizes_text = p->type == K8S_PROVIDER_SECRETBOX ? "[32]" : "[16 24 32]";
    if (p->nkeys == 0) {
        report_at(doc, "K8S015", p->type_node, "%s: Required value: at least one keys is required", path);
        return;
    }
    size_t i = 0;
    for (const k8s_key *k = p->keys; k; k = k->next, i++) {
        const k8s_node *at = k->node;
        if (!*k->name)
            report_at(doc, "K8S016", k->name_node ? k->name_node : at,
                      "%s[%zu].name: Required value: name is a mandatory field for a key", path, i);
        if (!*k->secret) {
            report_at(doc, "K8S017", k->secret_node ? k->secret_node : at,
                      "%s[%zu].secret: Required value: secret is a mandatory field for a key", path, i);
            continue;
        }
        long n = k8s_base64_decode(k->secret, strlen(k->secret), NULL);
        if (n < 0) {
            report_at(doc, "K8S018", k->secret_node, "%s[%zu].secret: Invalid value: \"REDACTED\": secrets must be base64 encoded",
                      path, i);
            continue;
        }
        int ok = 0;
        for (size_t s = 0; s < nsizes; s++) ok |= n == sizes[s];
        if (!ok)
            report_at(doc, "K8S019", k->secret_node,
                      "%s[%zu].secret: Invalid value: \"REDACTED\": secret is not of the expected length, got %ld, expected one of %s",
                      path, i, n, sizes_text);
        else if (p->type == K8S_PROVIDER_AESCBC && n != 32)
            report_at(doc, "K8S057", k->secret_node,
                      "%s[%zu].secret: the aescbc key is %ld bytes; the Kubernetes documentation asks for 32-byte keys", path,
                      i, n);
    }
}

/* Go's url.Parse on an endpoint (k8s_endpoint_parse), its error kept in DOC's arena. */
static const char *endpoint_error(k8s_doc *doc, const char *ep, char *scheme, size_t n)
{
    char msg[64];
    const char *err = k8s_endpoint_parse(ep, scheme, n, msg, sizeof msg);
    return err ? arena_strndup(&doc->mem, err, strlen(err)) : NULL;
}

static void format_duration(int64_t ns, char *out, size_t n)
{
    /* enough of Go's Duration.String for the values a check reports (≤ 0) */
    if (ns == 0) snprintf(out, n, "0s");
    else if (ns % 1000000000LL == 0) snprintf(out, n, "%llds", (long long)(ns / 1000000000LL));
    else snprintf(out, n, "%lldns", (long long)ns);
}

typedef struct { const char *name; const k8s_node *node; } kms_name;

static void check_kms(k8s_doc *doc, const k8s_provider *p, const char *path, kms_name *names, size_t *nnames,
                      const k8s_check_opts *opts)
{
    const k8s_kms *k = &p->kms;
    const char *version = *k->api_version ? k->api_version : "v1";   /* defaults.go */
    int v1 = strcmp(version, "v1") == 0;
    const k8s_node *at = p->type_node;
    /* name */
    if (!*k->name) report_at(doc, "K8S021", k->name_node ? k->name_node : at, "%s.name: Required value: name is a mandatory field for a provider", path);
    if (!v1 && strchr(k->name, ':'))
        report_at(doc, "K8S022", k->name_node, "%s.name: Invalid value: %s: invalid KMS provider name %s, must not contain ':'",
                  path, quoted(doc, k->name), k->name);
    if (opts->automatic_reload || !v1)
        for (size_t i = 0; i < *nnames; i++)
            if (strcmp(names[i].name, k->name) == 0) {
                report_at(doc, "K8S023", k->name_node ? k->name_node : at,
                          "%s.name: Invalid value: %s: duplicate KMS provider name %s, names must be unique", path,
                          quoted(doc, k->name), k->name);
                break;
            }
    if (*nnames < 256) names[(*nnames)++] = (kms_name){k->name, k->name_node};
    /* timeout (default 3s) */
    if (k->has_timeout && k->timeout_ns <= 0) {
        char d[64];
        format_duration(k->timeout_ns, d, sizeof d);
        report_at(doc, "K8S028", k->timeout_node, "%s.timeout: Invalid value: %s: timeout should be a positive value", path, d);
    }
    /* endpoint */
    if (!*k->endpoint) {
        report_at(doc, "K8S024", k->endpoint_node ? k->endpoint_node : at,
                  "%s.endpoint: Invalid value: \"\": endpoint is a mandatory field for a kms", path);
    } else {
        char scheme[256];
        const char *err = endpoint_error(doc, k->endpoint, scheme, sizeof scheme);
        if (err)
            report_at(doc, "K8S025", k->endpoint_node,
                      "%s.endpoint: Invalid value: %s: invalid endpoint for kms provider, error: parse %s: %s", path,
                      quoted(doc, k->endpoint), quoted(doc, k->endpoint), err);
        else if (strcmp(scheme, "unix") != 0)
            report_at(doc, "K8S025", k->endpoint_node,
                      "%s.endpoint: Invalid value: %s: unsupported scheme %s for KMS provider, only unix is supported", path,
                      quoted(doc, k->endpoint), quoted(doc, scheme));
    }
    /* cachesize (default 1000 for v1 only) */
    if (!v1 && k->has_cachesize)
        report_at(doc, "K8S027", k->cachesize_node, "%s.cachesize: Invalid value: %lld: cachesize is not supported in v2", path,
                  (long long)k->cachesize);
    if (v1 && k->has_cachesize && k->cachesize == 0)
        report_at(doc, "K8S026", k->cachesize_node,
                  "%s.cachesize: Invalid value: 0: cachesize should be a positive value, or negative to disable", path);
    /* apiVersion */
    if (!v1 && strcmp(version, "v2") != 0)
        report_at(doc, "K8S020", k->api_version_node,
                  "%s.apiVersion: Invalid value: %s: unsupported apiVersion apiVersion for KMS provider, only v1 and v2 are supported",
                  path, quoted(doc, version));
    if (v1) {
        diag *d = report_at(doc, "K8S052", k->api_version_node ? k->api_version_node : at,
                            "%s: KMS v1 is deprecated since 1.28 and disabled by default since 1.29; the API server refuses "
                            "to start with: KMSv1 is deprecated and will only receive security updates going forward. Use "
                            "KMSv2 instead.  Set --feature-gates=KMSv1=true to use the deprecated KMSv1 feature.",
                            path);
        if (d) diag_set_hint(&doc->diags, d, "use 'apiVersion: v2' (a new name, then rewrite all Secrets)");
    }
}

static const char *provider_list_text = "KMS, AESGCM, AESCBC, Secretbox, Identity";

static void check_provider(k8s_doc *doc, const k8s_provider *p, size_t li, size_t pj, kms_name *names, size_t *nnames,
                           const k8s_check_opts *opts)
{
    char path[128];
    snprintf(path, sizeof path, "resources[%zu].providers[%zu]", li, pj);
    int found = 0;
    for (int t = 1; t < K8S_PROVIDER_COUNT; t++) found += (p->present >> t) & 1;
    if (found == 0) {
        diag *d = report_at(doc, "K8S013", p->node,
                            "%s: Invalid value: {}: provider does not contain any of the expected providers: %s", path,
                            provider_list_text);
        const k8s_node *idn = k8s_map_get(p->node, "identity");
        if (d && idn && idn->kind == K8S_NODE_SCALAR)
            diag_set_hint(&doc->diags, d, "'identity:' with no value is null; write 'identity: {}'");
    } else if (found > 1) {
        report_at(doc, "K8S014", p->node, "%s: Invalid value: {...}: %s", path,
                  "more than one provider specified in a single element, should split into different list elements");
    }
    char sub[160];
    switch (p->type) {
    case K8S_PROVIDER_KMS:
        snprintf(sub, sizeof sub, "%s.kms", path);
        check_kms(doc, p, sub, names, nnames, opts);
        break;
    case K8S_PROVIDER_AESGCM:
    case K8S_PROVIDER_AESCBC:
    case K8S_PROVIDER_SECRETBOX:
        snprintf(sub, sizeof sub, "%s.%s.keys", path, k8s_provider_names[p->type]);
        check_keys(doc, p, sub);
        break;
    default:
        break;
    }
}

/* ---- hazards --------------------------------------------------------------------------- */

static int encrypts(k8s_provider_type t) { return t != K8S_PROVIDER_NONE && t != K8S_PROVIDER_IDENTITY; }

/* The list the loader stores Secrets by: it looks up "secrets", then "*." (the core group),
 * then "*.*", and the first list naming each wins, so an earlier exemption list beats a
 * later wildcard.  *LI, *RJ: the list's index and the entry; NULL when none names them. */
static const k8s_rlist *secrets_list(const k8s_config *c, size_t *li, size_t *rj)
{
    static const char *const lookups[][2] = {{"secrets", ""}, {"*", ""}, {"*", "*"}};
    for (size_t k = 0; k < sizeof lookups / sizeof *lookups; k++) {
        *li = 0;
        for (const k8s_rlist *l = c->lists; l; l = l->next, ++*li)
            for (*rj = 0; *rj < l->nresources; ++*rj) {
                group_resource gr = parse_gr(l->resources[*rj]);
                if (is(gr.resource, gr.rlen, lookups[k][0]) && is(gr.group, gr.glen, lookups[k][1])) return l;
            }
    }
    return NULL;
}

/* Does GR cover Secrets: secrets (secrets.), *. or *.*? */
static int names_secrets(group_resource gr)
{
    return gr.glen == 0 ? is(gr.resource, gr.rlen, "secrets") || is(gr.resource, gr.rlen, "*")
                        : is(gr.group, gr.glen, "*") && is(gr.resource, gr.rlen, "*");
}

/* K8S056: Secrets stored in plaintext, by no list or by one whose first provider does not
 * encrypt (saying which later list would have, when one would). */
static void check_secrets_encrypted(k8s_doc *doc)
{
    size_t li, rj;
    const k8s_rlist *sl = secrets_list(&doc->cfg, &li, &rj);
    if (!doc->cfg.nlists || (sl && sl->providers && encrypts(sl->providers->type))) return;
    if (!sl || !sl->providers || sl->providers->type == K8S_PROVIDER_NONE) {   /* K8S012, K8S013 say why */
        report_at(doc, "K8S056", doc->cfg.lists_node,
                  "no resources list encrypts 'secrets' with its first provider: Secrets are stored in plaintext");
        return;
    }
    size_t i = 0, wi = 0;
    const k8s_rlist *would = NULL;
    for (const k8s_rlist *l = doc->cfg.lists; l; l = l->next, i++) {
        int names = 0;
        for (size_t j = 0; j < l->nresources; j++) names |= names_secrets(parse_gr(l->resources[j]));
        if (!names || l == sl) continue;
        if (i < li) return;   /* SL is masked by an earlier wildcard: K8S038 says so */
        if (!would && l->providers && encrypts(l->providers->type)) would = l, wi = i;
    }
    const char *first = k8s_provider_names[sl->providers->type];
    diag *d;
    if (would)
        d = report_at(doc, "K8S056", sl->resource_nodes[rj],
                      "resources[%zu].resources[%zu]: this list decides how Secrets are stored and its first provider is "
                      "%s: Secrets are stored in plaintext (resources[%zu] would encrypt them, but this list takes "
                      "precedence: an earlier list, or a more specific name, wins)",
                      li, rj, first, wi);
    else
        d = report_at(doc, "K8S056", sl->resource_nodes[rj],
                      "resources[%zu].resources[%zu]: this list decides how Secrets are stored and its first provider is "
                      "%s: Secrets are stored in plaintext",
                      li, rj, first);
    if (d && would) diag_set_hint(&doc->diags, d, "take Secrets out of this list, so that the encrypting list applies to them");
    else if (d) diag_set_hint(&doc->diags, d, "put an encrypting provider first in this list");
}

static void check_hazards(k8s_doc *doc, const k8s_check_opts *opts)
{
    size_t li = 0;
    int has_keys = 0;
    for (const k8s_rlist *l = doc->cfg.lists; l; l = l->next, li++) {
        const k8s_provider *first = l->providers;
        int later_encrypts = 0;
        for (const k8s_provider *p = first ? first->next : NULL; p; p = p->next) later_encrypts |= encrypts(p->type);
        if (first && first->type == K8S_PROVIDER_IDENTITY && later_encrypts) {
            diag *d = report_at(doc, "K8S050", first->node,
                                "resources[%zu].providers[0]: identity is the first provider: new writes are stored in "
                                "plaintext and the providers after it only decrypt",
                                li);
            if (d) diag_set_hint(&doc->diags, d, "put the encrypting provider first and 'identity: {}' last");
        }
        if (first && first->type == K8S_PROVIDER_AESGCM) {
            diag *d = report_at(doc, "K8S051", first->type_node,
                                "resources[%zu].providers[0]: aesgcm keys must be rotated every 200,000 writes; the "
                                "Kubernetes documentation does not recommend aesgcm except with an automated key rotation scheme",
                                li);
            if (d)
                diag_set_hint(&doc->diags, d, "use kms v2, or state the automatic rotation with '# iamc-check: disable=K8S051'");
        }
        /* key names: the name is part of every stored prefix, so two keys of one provider
         * type with one name cannot be told apart on read */
        for (const k8s_provider *p = l->providers; p; p = p->next) {
            for (const k8s_key *k = p->keys; k; k = k->next) {
                has_keys = 1;
                if (!*k->name) continue;
                int dup = 0;
                for (const k8s_provider *q = l->providers; q && !dup; q = q->next) {
                    if (q->type != p->type) continue;
                    for (const k8s_key *m = q->keys; m; m = m->next) {
                        if (m == k) {
                            q = NULL;
                            break;
                        }
                        if (strcmp(m->name, k->name) == 0) {
                            dup = 1;
                            break;
                        }
                    }
                    if (!q) break;
                }
                if (dup)
                    report_at(doc, "K8S053", k->name_node,
                              "resources[%zu]: key name \"%s\" is used twice by %s; the first one wins on read and the "
                              "other key's data cannot be decrypted",
                              li, k->name, k8s_provider_names[p->type]);
                /* key material: one secret under two names makes a rotation a rename */
                const k8s_key *same = NULL;
                for (const k8s_provider *q = l->providers; q && !same; q = q->next) {
                    if (q->type != p->type) continue;
                    for (const k8s_key *m = q->keys; m && m != k; m = m->next)
                        if (*k->secret && strcmp(m->secret, k->secret) == 0 && strcmp(m->name, k->name) != 0) {
                            same = m;
                            break;
                        }
                    if (q == p) break;
                }
                if (same && k->secret_node)
                    report_at(doc, "K8S059", k->secret_node,
                              "resources[%zu]: %s keys \"%s\" and \"%s\" hold the same secret; rotating from one to "
                              "the other changes nothing",
                              li, k8s_provider_names[p->type], same->name, k->name);
            }
        }
    }
    if (doc->cfg.legacy) {
        diag *d = report_at(doc, "K8S054", doc->cfg.kind_node,
                            "kind EncryptionConfig with apiVersion v1 is the legacy (pre-1.13) form; it still loads");
        if (d) diag_set_hint(&doc->diags, d, "write 'apiVersion: apiserver.config.k8s.io/v1' and 'kind: EncryptionConfiguration'");
    }
    check_secrets_encrypted(doc);
    if (opts->file_mode >= 0 && (opts->file_mode & 077) && has_keys) {
        diag *d = report_at(doc, "K8S055", doc->tree.root, "the file holds keys and users other than its owner may read it (mode %s)",
                            (opts->file_mode & 004) ? "readable by others" : "readable by its group");
        if (d) diag_set_hint(&doc->diags, d, "chmod 600 the file; only the kube-apiserver user should read it");
    }
    if (doc->tree.extra_documents) {
        k8s_node at = {0};
        at.off = at.end = doc->tree.extra_off;
        report_at(doc, "K8S058", &at, "the API server reads the first document only; %d later document%s ignored",
                  doc->tree.extra_documents, doc->tree.extra_documents > 1 ? "s are" : " is");
    }
}

/* ---- header ------------------------------------------------------------------------------ */

static void check_header(k8s_doc *doc)
{
    const k8s_config *c = &doc->cfg;
    const k8s_node *root = doc->tree.root;
    if (!c->kind || !*c->kind) {
        report_at(doc, "K8S002", c->kind_node ? c->kind_node : root, "Object 'Kind' is missing in '...'");
        return;
    }
    if (!c->api_version || !*c->api_version) {
        report_at(doc, "K8S002", c->api_version_node ? c->api_version_node : root, "Object 'apiVersion' is missing in '...'");
        return;
    }
    int ok = (strcmp(c->api_version, "apiserver.config.k8s.io/v1") == 0 && strcmp(c->kind, "EncryptionConfiguration") == 0) ||
             (strcmp(c->api_version, "v1") == 0 && strcmp(c->kind, "EncryptionConfig") == 0);
    if (!ok)
        report_at(doc, "K8S002", c->kind_node, "no kind \"%s\" is registered for version \"%s\"", c->kind, c->api_version);
}

/* ---- the document ------------------------------------------------------------------------ */

static void read_directives(k8s_doc *doc)
{
    const char *t = doc->src.text, *end = t + doc->src.len;
    static const char tag[] = "iamc-check:";
    for (const char *p = t; p < end; p++) {
        if (*p != '#') continue;
        const char *q = p + 1;
        while (q < end && *q == ' ') q++;
        if ((size_t)(end - q) < sizeof tag - 1 || memcmp(q, tag, sizeof tag - 1) != 0) continue;
        q += sizeof tag - 1;
        while (q < end && *q == ' ') q++;
        if ((size_t)(end - q) < 8 || memcmp(q, "disable=", 8) != 0) continue;
        q += 8;
        while (q < end && doc->nsuppress < 64) {
            size_t n = 0;
            while (q + n < end && ((q[n] >= 'A' && q[n] <= 'Z') || (q[n] >= '0' && q[n] <= '9'))) n++;
            if (n == 0 || n >= 8) break;
            memcpy(doc->suppress[doc->nsuppress], q, n);
            doc->suppress[doc->nsuppress++][n] = '\0';
            q += n;
            if (q < end && *q == ',') q++; else break;
        }
    }
}

static k8s_doc *doc_new(void)
{
    k8s_doc *doc = calloc(1, sizeof *doc);
    if (!doc) abort();
    arena_init(&doc->mem);
    diag_list_init(&doc->diags, &doc->mem);
    doc->file_mode = -1;
    return doc;
}

k8s_doc *k8s_doc_parse(const char *name, const char *text, size_t len)
{
    k8s_doc *doc = doc_new();
    source_init_copy(&doc->src, name ? name : "<input>", text, len);
    return doc;
}

k8s_doc *k8s_doc_load(const char *path, char *err, size_t errlen)
{
    k8s_doc *doc = doc_new();
    if (source_load(&doc->src, path, err, errlen)) {
        arena_free(&doc->mem);
        free(doc);
        return NULL;
    }
    struct stat st;
    if (strcmp(path, "-") != 0 && stat(path, &st) == 0) doc->file_mode = (int)(st.st_mode & 0777);
    return doc;
}

void k8s_doc_free(k8s_doc *doc)
{
    if (!doc) return;
    source_free(&doc->src);
    source_free(&doc->shown);
    arena_free(&doc->mem);
    free(doc);
}

/* ---- redaction: secrets never reach the output ------------------------------------------- */

typedef struct { uint32_t off, end; } range;
typedef struct { range *v; size_t n, cap; } ranges;

static void ranges_add(ranges *r, size_t off, size_t end)
{
    if (end <= off) return;
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 16;
        r->v = realloc(r->v, r->cap * sizeof *r->v);
        if (!r->v) abort();
    }
    r->v[r->n++] = (range){(uint32_t)off, (uint32_t)end};
}

/* Every scalar under N, map keys included. */
static void collect_all(const k8s_node *n, ranges *r, int depth)
{
    if (!n || depth > 64) return;
    if (n->kind == K8S_NODE_SCALAR) {
        if (n->type != K8S_SCALAR_NULL) ranges_add(r, n->off, n->end);
        return;
    }
    for (const k8s_node *c = n->child; c; c = c->next) {
        if (n->kind == K8S_NODE_MAP) ranges_add(r, c->key->off, c->key->end);
        collect_all(c, r, depth + 1);
    }
}

/* The value V of a "keys" field: of a key entry only its name is shown; whatever else an
 * entry holds (a misspelled "sekret", a key given as a bare string) may be key material. */
static void collect_keys(const k8s_node *v, ranges *r, int depth)
{
    if (v->kind == K8S_NODE_SEQ) {
        for (const k8s_node *item = v->child; item; item = item->next)
            if (item->kind == K8S_NODE_SEQ) collect_all(item, r, depth + 1);
            else collect_keys(item, r, depth + 1);
    } else if (v->kind == K8S_NODE_MAP) {
        for (const k8s_node *f = v->child; f; f = f->next)
            if (strcmp(f->key->text, "name") != 0 || f->kind != K8S_NODE_SCALAR) collect_all(f, r, depth + 1);
    } else collect_all(v, r, depth);
}

static void collect_secret_ranges(const k8s_node *n, ranges *r, int depth)
{
    if (!n || depth > 64) return;
    for (const k8s_node *c = n->child; c; c = c->next) {
        if (n->kind == K8S_NODE_MAP && strcmp(c->key->text, "keys") == 0) {
            collect_keys(c, r, depth + 1);
            continue;
        }
        if (n->kind == K8S_NODE_MAP && c->kind == K8S_NODE_SCALAR && strcmp(c->key->text, "secret") == 0)
            ranges_add(r, c->off, c->end);
        if (c->kind != K8S_NODE_SCALAR) collect_secret_ranges(c, r, depth + 1);
    }
}

/* Text fallback for input that does not parse: the rest of any line after "secret:". */
static void scan_secret_lines(const source *s, ranges *r)
{
    const char *t = s->text;
    for (size_t i = 0; i + 6 <= s->len; i++) {
        if (memcmp(t + i, "secret", 6) != 0) continue;
        size_t j = i + 6;
        while (j < s->len && (t[j] == '"' || t[j] == '\'' || t[j] == ' ' || t[j] == '\t')) j++;
        if (j >= s->len || t[j] != ':') continue;
        j++;
        while (j < s->len && (t[j] == ' ' || t[j] == '\t')) j++;
        size_t e = j;
        while (e < s->len && t[e] != '\n' && t[e] != '\r' && t[e] != ',' && t[e] != '}') e++;
        ranges_add(r, j, e);
    }
}

/* Text fallback, one line segment [P, E) of a "keys" block: every scalar that is neither a
 * key (followed by ':' where a key may stand) nor the value of "name".  YAML block and flow
 * forms, and JSON. */
static void scan_key_values(const char *t, size_t p, size_t e, ranges *r)
{
    int want_value = 0, after_name = 0;
    while (p < e) {
        char c = t[p];
        if (c == '#' && (p == 0 || t[p - 1] == ' ' || t[p - 1] == '\t')) return;   /* a comment */
        if (c == ' ' || c == '\t' || c == '\r' || c == ':') {
            p++;
            continue;
        }
        if (strchr(",{}[]", c) || (c == '-' && (p + 1 >= e || t[p + 1] == ' '))) {
            want_value = after_name = 0;
            p++;
            continue;
        }
        size_t s = p;
        int quoted = c == '"' || c == '\'';
        if (quoted) {
            for (p++; p < e && t[p] != c; p++)
                if (c == '"' && t[p] == '\\') p++;
            if (p < e) p++;
        } else
            while (p < e && !strchr(" \t\r,{}[]", t[p]) && !(t[p] == ':' && (p + 1 >= e || strchr(" \t\r", t[p + 1])))) p++;
        if (p > e) p = e;
        size_t q = p;
        while (q < e && (t[q] == ' ' || t[q] == '\t')) q++;
        if (!want_value && q < e && t[q] == ':') {   /* a key */
            size_t ks = s + quoted, ke = p - quoted;
            after_name = ke >= ks && ke - ks == 4 && memcmp(t + ks, "name", 4) == 0;
            want_value = 1;
            p = q + 1;
            continue;
        }
        if (!after_name) ranges_add(r, s, p);
        want_value = after_name = 0;
    }
}

/* Does the line segment [P, E) hold the key "keys" (plain or quoted)?  *AFTER: past its ':'. */
static int find_keys_key(const char *t, size_t p, size_t e, size_t *after)
{
    for (size_t i = p; i + 4 <= e; i++) {
        if (memcmp(t + i, "keys", 4) != 0) continue;
        if (i > p && (isalnum((unsigned char)t[i - 1]) || t[i - 1] == '_' || t[i - 1] == '-')) continue;
        size_t j = i + 4;
        if (j < e && (t[j] == '"' || t[j] == '\'')) j++;
        while (j < e && (t[j] == ' ' || t[j] == '\t')) j++;
        if (j < e && t[j] == ':') {
            *after = j + 1;
            return 1;
        }
    }
    return 0;
}

/* Text fallback for input that does not parse: in the block of every "keys" field (the rest
 * of its line, the lines indented deeper, and "- " items at its indentation when the value
 * starts on the next line) every value but a key's name. */
static void scan_key_blocks(const source *s, ranges *r)
{
    const char *t = s->text;
    size_t len = s->len, ls = 0;
    while (ls < len) {
        const char *nl = memchr(t + ls, '\n', len - ls);
        size_t le = nl ? (size_t)(nl - t) : len, after, ind = 0;
        while (ls + ind < le && t[ls + ind] == ' ') ind++;
        if (!find_keys_key(t, ls, le, &after)) {
            ls = le + 1;
            continue;
        }
        scan_key_values(t, after, le, r);
        size_t k = after;
        while (k < le && (t[k] == ' ' || t[k] == '\t' || t[k] == '\r')) k++;
        int value_below = k == le || t[k] == '#';
        ls = le + 1;
        while (ls < len) {
            nl = memchr(t + ls, '\n', len - ls);
            le = nl ? (size_t)(nl - t) : len;
            size_t i = 0;
            while (ls + i < le && t[ls + i] == ' ') i++;
            int blank = ls + i == le || t[ls + i] == '\r' || t[ls + i] == '#';
            if (!blank && i < ind) break;
            if (!blank && i == ind && !(value_below && t[ls + i] == '-')) break;
            scan_key_values(t, ls + i, le, r);
            ls = le + 1;
        }
    }
}

static int cmp_range(const void *a, const void *b)
{
    const range *x = a, *y = b;
    return x->off < y->off ? -1 : x->off > y->off;
}

/* Replace every range by REDACTED (keeping its line breaks) and move the diagnostics. */
static void redact(k8s_doc *doc)
{
    ranges rs = {0};
    if (doc->tree.root) collect_secret_ranges(doc->tree.root, &rs, 0);
    scan_secret_lines(&doc->src, &rs);
    if (doc->input_error) scan_key_blocks(&doc->src, &rs);
    range *r = rs.v;
    size_t nr = rs.n;
    if (nr) qsort(r, nr, sizeof *r, cmp_range);
    size_t m = 0;   /* merge overlaps */
    for (size_t i = 0; i < nr; i++) {
        if (m && r[i].off <= r[m - 1].end) {
            if (r[i].end > r[m - 1].end) r[m - 1].end = r[i].end;
        } else r[m++] = r[i];
    }
    nr = m;
    buf out;
    buf_init(&out);
    uint32_t *shown_off = malloc((nr + 1) * sizeof *shown_off);
    if (!shown_off) abort();
    size_t pos = 0;
    for (size_t i = 0; i < nr; i++) {
        buf_put(&out, doc->src.text + pos, r[i].off - pos);
        shown_off[i] = (uint32_t)out.len;
        buf_puts(&out, "REDACTED");
        for (uint32_t k = r[i].off; k < r[i].end; k++)
            if (doc->src.text[k] == '\n') buf_putc(&out, '\n');
        pos = r[i].end;
    }
    buf_put(&out, doc->src.text + pos, doc->src.len - pos);
    source_init_copy(&doc->shown, doc->src.name, out.data ? out.data : "", out.len);
    buf_free(&out);
    for (diag *d = doc->diags.head; d; d = d->next) {
        uint32_t offs[2] = {d->off, d->end};
        for (int w = 0; w < 2; w++) {
            uint32_t o = offs[w];
            int64_t delta = 0;
            uint32_t mapped = o;
            for (size_t i = 0; i < nr; i++) {
                if (o < r[i].off) break;
                if (o < r[i].end) {
                    mapped = shown_off[i] + (w ? 8 : 0);
                    goto done;
                }
                delta = (int64_t)(shown_off[i] + 8) - r[i].end;
                size_t nl = 0;
                for (uint32_t k = r[i].off; k < r[i].end; k++) nl += doc->src.text[k] == '\n';
                delta += (int64_t)nl;
            }
            mapped = (uint32_t)((int64_t)o + delta);
        done:
            offs[w] = mapped;
        }
        d->src = &doc->shown;
        d->off = offs[0];
        d->end = offs[1] < offs[0] ? offs[0] : offs[1];
        source_position(&doc->shown, d->off, &d->line, &d->col);
    }
    free(shown_off);
    free(r);
}

void k8s_doc_check(k8s_doc *doc, const k8s_check_opts *opts)
{
    k8s_check_opts local = {-1, 0};
    if (opts) local = *opts;
    if (local.file_mode < 0) local.file_mode = doc->file_mode;
    opts = &local;
    if (doc->parsed) return;
    doc->parsed = 1;
    read_directives(doc);
    size_t ws = 0;
    while (ws < doc->src.len && strchr(" \t\r\n", doc->src.text[ws])) ws++;
    if (ws == doc->src.len) {
        k8s_node at = {0};
        report_at(doc, "K8S039", &at, "encryption provider configuration file \"%s\" is empty", doc->src.name);
        redact(doc);
        return;
    }
    if (k8s_tree_read(&doc->tree, &doc->src, &doc->mem, &doc->diags) != 0) {
        doc->input_error = 1;
        redact(doc);
        return;
    }
    const k8s_node *root = doc->tree.root;
    if (!root || (root->kind == K8S_NODE_SCALAR && root->type == K8S_SCALAR_NULL)) {
        k8s_node at = {0};
        report_at(doc, "K8S039", &at, "encryption provider configuration file \"%s\" is empty", doc->src.name);
        redact(doc);
        return;
    }
    if (root->kind != K8S_NODE_MAP) {
        report_at(doc, "K8S002", root,
                  "couldn't get version/kind; json parse error: json: cannot unmarshal %s into Go value of type struct "
                  "{ APIVersion string \"json:\\\"apiVersion,omitempty\\\"\"; Kind string \"json:\\\"kind,omitempty\\\"\" }",
                  k8s_node_json_type(root));
        redact(doc);
        return;
    }
    k8s_decode(&doc->cfg, &doc->tree, &doc->mem, decode_report, doc);
    check_header(doc);
    /* ValidateEncryptionConfiguration, in its order */
    if (doc->cfg.nlists == 0) {
        report_at(doc, "K8S010", doc->cfg.lists_node ? doc->cfg.lists_node : root,
                  "resources: Required value: at least one resources is required");
    } else {
        kms_name names[256];
        size_t nnames = 0, li = 0;
        for (const k8s_rlist *l = doc->cfg.lists; l; l = l->next, li++) {
            if (l->nresources == 0)
                report_at(doc, "K8S011", l->resources_node ? l->resources_node : l->node,
                          "resources[%zu].resources: Required value: at least one resources[%zu].resources is required", li, li);
            check_overlap(doc, l, li);
            check_resource_names(doc, l, li);
            if (l->nproviders == 0)
                report_at(doc, "K8S012", l->providers_node ? l->providers_node : l->node,
                          "resources[%zu].providers: Required value: at least one resources[%zu].providers is required", li, li);
            size_t pj = 0;
            for (const k8s_provider *p = l->providers; p; p = p->next, pj++)
                check_provider(doc, p, li, pj, names, &nnames, opts);
        }
        check_masking(doc);
    }
    check_hazards(doc, opts);
    redact(doc);
}

const diag *k8s_doc_findings(const k8s_doc *doc) { return doc->diags.head; }

size_t k8s_doc_count(const k8s_doc *doc, diag_severity sev)
{
    size_t n = 0;
    for (const diag *d = doc->diags.head; d; d = d->next) n += d->severity == sev;
    return n;
}

size_t k8s_doc_suppressed(const k8s_doc *doc) { return doc->suppressed; }
int k8s_doc_input_error(const k8s_doc *doc) { return doc->input_error; }
const k8s_config *k8s_doc_config(const k8s_doc *doc) { return &doc->cfg; }
const char *k8s_doc_name(const k8s_doc *doc) { return doc->src.name; }

void k8s_doc_render_text(const k8s_doc *doc, buf *out)
{
    for (const diag *d = doc->diags.head; d; d = d->next) diag_render(d, out);
}

json_t *k8s_doc_render_json(const k8s_doc *doc)
{
    json_t *findings = json_array();
    for (const diag *d = doc->diags.head; d; d = d->next) {
        json_t *f = json_object();
        json_object_set_new(f, "rule", json_string(d->code));
        json_object_set_new(f, "severity", json_string(diag_severity_name(d->severity)));
        json_object_set_new(f, "line", json_integer(d->line));
        json_object_set_new(f, "col", json_integer(d->col));
        json_object_set_new(f, "offset", json_integer(d->off));
        json_object_set_new(f, "end", json_integer(d->end));
        json_object_set_new(f, "message", json_text(d->message, strlen(d->message)));
        if (d->hint) json_object_set_new(f, "hint", json_text(d->hint, strlen(d->hint)));
        json_array_append_new(findings, f);
    }
    json_t *o = json_object();
    json_object_set_new(o, "file", json_text(doc->src.name, strlen(doc->src.name)));
    json_object_set_new(o, "kind", json_string("EncryptionConfiguration"));
    json_object_set_new(o, "findings", findings);
    json_t *sum = json_object();
    json_object_set_new(sum, "errors", json_integer((json_int_t)k8s_doc_count(doc, DIAG_ERROR)));
    json_object_set_new(sum, "warnings", json_integer((json_int_t)k8s_doc_count(doc, DIAG_WARNING)));
    json_object_set_new(sum, "notes", json_integer((json_int_t)k8s_doc_count(doc, DIAG_NOTE)));
    json_object_set_new(sum, "suppressed", json_integer((json_int_t)doc->suppressed));
    json_object_set_new(o, "summary", sum);
    return o;
}

/* Does a line of TEXT (LEN bytes) begin with KEY, plain or quoted, and a colon? */
static int line_starts_with_key(const char *text, size_t len, const char *key)
{
    size_t n = strlen(key);
    for (size_t i = 0; i < len; i++) {
        if (i > 0 && text[i - 1] != '\n') continue;
        size_t j = i;
        char q = j < len && (text[j] == '"' || text[j] == '\'') ? text[j++] : 0;
        if (len - j < n + 1 || memcmp(text + j, key, n) != 0) continue;
        j += n;
        if (q && (j >= len || text[j++] != q)) continue;
        if (j < len && text[j] == ':') return 1;
    }
    return 0;
}

/* Is there a key KEY (plain, "quoted" or 'quoted', then blanks and ':') at depth 1 of the
 * flow mapping at TEXT[I] ('{')?  JSON and YAML flow style alike; strings are skipped. */
static int flow_has_key(const char *text, size_t len, size_t i, const char *key)
{
    size_t n = strlen(key);
    int depth = 0, at_key = 0;
    for (; i < len; i++) {
        char c = text[i];
        if (depth == 1 && at_key && !strchr(" \t\r\n", c)) {
            size_t j = i;
            char q = c == '"' || c == '\'' ? text[j++] : 0;
            if (len - j > n && memcmp(text + j, key, n) == 0) {
                j += n;
                if (!q || (j < len && text[j++] == q)) {
                    while (j < len && (text[j] == ' ' || text[j] == '\t')) j++;
                    if (j < len && text[j] == ':') return 1;
                }
            }
            at_key = 0;
        }
        if (c == '"' || c == '\'') {   /* skip the string; \" and '' stay inside it */
            for (i++; i < len; i++) {
                if (c == '"' && text[i] == '\\') {
                    i++;
                    continue;
                }
                if (text[i] != c) continue;
                if (c == '\'' && i + 1 < len && text[i + 1] == '\'') {
                    i++;
                    continue;
                }
                break;
            }
            continue;
        }
        if (c == '{' || c == '[') depth++, at_key = c == '{';
        else if (c == '}' || c == ']') {
            if (--depth == 0) return 0;
        } else if (c == ',') at_key = depth == 1;
    }
    return 0;
}

int k8s_sniff(const char *text, size_t len)
{
    size_t bom = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0, i = bom;
    while (i < len && text[i] && strchr(" \t\r\n", text[i])) i++;
    if (i < len && text[i] == '{') {
        /* JSON or YAML flow style: a kind member naming the kind (a JSON policy may name it in
         * an action, never as a member) */
        static const char needle[] = "EncryptionConfig";
        int names = 0;
        for (size_t k = i; k < len && !names; k++)
            names = len - k >= sizeof needle - 1 && memcmp(text + k, needle, sizeof needle - 1) == 0;
        return names && flow_has_key(text, len, i, "kind");
    }
    /* YAML: a top-level apiVersion or kind; no line of an OCI policy begins so */
    text += bom, len -= bom;
    return line_starts_with_key(text, len, "apiVersion") || line_starts_with_key(text, len, "kind");
}

size_t k8s_check_text(const char *name, const char *text, size_t len, buf *out)
{
    k8s_doc *doc = k8s_doc_parse(name, text, len);
    k8s_check_opts opts = {0600, 0};
    k8s_doc_check(doc, &opts);
    size_t n = doc->diags.count;
    if (out) k8s_doc_render_text(doc, out);
    k8s_doc_free(doc);
    return n;
}
