/* k8s/rotate: the HA-safe procedures of the Kubernetes docs as six configurations —
 * 1 add the new key (or provider) second, 2 restart all API servers, 3 make it first,
 * 4 restart, 5 rewrite all objects, 6 drop the old key — and the proof that no step leaves
 * a server unable to read what another server may have written. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/diag.h"
#include "k8s/emit.h"
#include "k8s/k8s.h"

static int is_local(k8s_provider_type t)
{
    return t == K8S_PROVIDER_AESCBC || t == K8S_PROVIDER_AESGCM || t == K8S_PROVIDER_SECRETBOX;
}

static int name_taken(const k8s_provider *p, const char *name)
{
    for (const k8s_key *k = p->keys; k; k = k->next)
        if (strcmp(k->name, name) == 0) return 1;
    return 0;
}

/* key1 → key2, key → key-2: the first free name after the current one. */
static const char *next_key_name(const k8s_provider *p, const char *cur, arena *mem)
{
    size_t n = strlen(cur), d = n;
    while (d > 0 && cur[d - 1] >= '0' && cur[d - 1] <= '9') d--;
    unsigned long num = d < n ? strtoul(cur + d, NULL, 10) : 1;
    char name[300];
    for (unsigned long i = num + 1; i < num + 1000; i++) {
        if (d < n) snprintf(name, sizeof name, "%.*s%lu", (int)d, cur, i);
        else snprintf(name, sizeof name, "%.200s-%lu", cur, i);
        if (!name_taken(p, name)) return arena_strndup(mem, name, strlen(name));
    }
    return NULL;
}

static const char *describe(arena *mem, const char *fmt, const char *a, const char *b)
{
    char s[400];
    snprintf(s, sizeof s, fmt, a, b);
    return arena_strndup(mem, s, strlen(s));
}

/* Insert P at position POS (0-based) of list L. */
static void insert_provider(k8s_rlist *l, k8s_provider *p, size_t pos)
{
    k8s_provider **at = &l->providers;
    for (size_t i = 0; i < pos && *at; i++) at = &(*at)->next;
    p->next = *at;
    *at = p;
    l->nproviders++;
    l->last_provider = l->providers;
    while (l->last_provider->next) l->last_provider = l->last_provider->next;
}

static void remove_provider(k8s_rlist *l, size_t pos)
{
    k8s_provider **at = &l->providers;
    for (size_t i = 0; i < pos && *at; i++) at = &(*at)->next;
    if (!*at) return;
    *at = (*at)->next;
    l->nproviders--;
    l->last_provider = l->providers;
    while (l->last_provider && l->last_provider->next) l->last_provider = l->last_provider->next;
}

static k8s_rlist *list_at(k8s_config *c, size_t i)
{
    k8s_rlist *l = c->lists;
    while (i-- && l) l = l->next;
    return l;
}

/* The key rotation of list LI in steps 1, 3, 6. */
static int plan_key(k8s_rotation *r, size_t li, k8s_keysrc *keys, arena *mem, buf *err)
{
    const k8s_provider *cur = list_at(r->steps[0], li)->providers;
    const char *old = cur->keys->name;
    const char *name = next_key_name(cur, old, mem);
    const char *secret = k8s_keysrc_base64(keys, mem, 32);
    if (!name || !secret) {
        buf_printf(err, "cannot make a new key for resources[%zu]\n", li);
        return -1;
    }
    k8s_key fresh = {name, secret, NULL, NULL, NULL, NULL};
    for (int s = 1; s <= K8S_ROTATION_STEPS; s++) {
        k8s_provider *p = list_at(r->steps[s], li)->providers;
        k8s_key *nk = arena_alloc(mem, sizeof *nk);
        *nk = fresh;
        if (s <= 2) {              /* new key second: every server can decrypt with it */
            nk->next = p->keys->next;
            p->keys->next = nk;
            p->nkeys++;
        } else if (s <= 5) {       /* new key first: servers encrypt with it */
            nk->next = p->keys;
            p->keys = nk;
            p->nkeys++;
        } else {                   /* everything was rewritten: only the new key is left */
            nk->next = NULL;
            p->keys = nk;
            p->nkeys = 1;
        }
    }
    r->rotated[li] = describe(mem, "%s key %s", k8s_provider_names[cur->type], old);
    r->added[li] = describe(mem, "%s key %s", k8s_provider_names[cur->type], name);
    return 0;
}

/* The apiVersion of a kms provider as the API server takes it: absent means v1. */
static const char *kms_version(const k8s_kms *k) { return k->api_version && *k->api_version ? k->api_version : "v1"; }

/* The same key source: stored data names apiVersion and name (k8s:enc:kms:v1:NAME: or
 * k8s:enc:kms:v2:NAME:), and only the plugin at the endpoint can decrypt it. */
static int same_kms(const k8s_kms *a, const k8s_kms *b)
{
    return strcmp(kms_version(a), kms_version(b)) == 0 && strcmp(a->name, b->name) == 0 &&
           strcmp(a->endpoint, b->endpoint) == 0;
}

/* A kms provider NAME (to be added to list LI at ENDPOINT) may only be an existing one moved:
 * the same v2 provider in the same list.  Any other provider of that name still decrypts
 * stored data (replacing it loses that data), and v2 names are unique across the file. */
static int kms_name_free(const k8s_config *c, size_t li, const k8s_kms *incoming, buf *err)
{
    size_t i = 0;
    for (const k8s_rlist *l = c->lists; l; l = l->next, i++)
        for (const k8s_provider *p = l->providers; p; p = p->next) {
            if (p->type != K8S_PROVIDER_KMS || strcmp(p->kms.name, incoming->name) != 0) continue;
            if (i == li && same_kms(&p->kms, incoming)) continue;
            buf_puts(err, "--kms-name ");
            diag_quote(err, incoming->name, strlen(incoming->name), 200);
            buf_printf(err, ": resources[%zu] already has a kms provider of that name (apiVersion %s, endpoint ", i,
                       kms_version(&p->kms));
            diag_quote(err, p->kms.endpoint, strlen(p->kms.endpoint), 200);
            buf_printf(err, "); objects stored with it (prefix k8s:enc:kms:%s:", kms_version(&p->kms));
            diag_quote(err, p->kms.name, strlen(p->kms.name), 200);
            buf_puts(err, ":) need it until they are rewritten, and a kms v2 name must be unique in the file: "
                          "choose another --kms-name\n");
            return 0;
        }
    return 1;
}

static int plan_provider(k8s_rotation *r, size_t li, const k8s_provider *incoming, arena *mem)
{
    const k8s_provider *cur = list_at(r->steps[0], li)->providers;
    for (int s = 1; s <= K8S_ROTATION_STEPS; s++) {
        k8s_rlist *l = list_at(r->steps[s], li);
        /* a provider of the same kind already in the list is moved, not duplicated */
        size_t pos = 0;
        for (k8s_provider *p = l->providers; p; p = p->next, pos++)
            if (p->type == incoming->type && (p->type == K8S_PROVIDER_IDENTITY || same_kms(&p->kms, &incoming->kms))) {
                remove_provider(l, pos);
                break;
            }
        k8s_provider *np = k8s_provider_clone(incoming, mem);
        if (s <= 2) insert_provider(l, np, 1);
        else if (s <= 5) insert_provider(l, np, 0);
        else {
            /* drop the provider that encrypted before (providers[1] now); identity only
             * stays where it was part of the list for other reasons */
            insert_provider(l, np, 0);
            remove_provider(l, 1);
            if (incoming->type == K8S_PROVIDER_IDENTITY)
                while (l->nproviders > 1) remove_provider(l, 1);
        }
    }
    r->rotated[li] = describe(mem, "%s%s", k8s_provider_names[cur->type],
                              cur->type == K8S_PROVIDER_KMS ? " (kms)" : " (local key)");
    r->added[li] = describe(mem, "%s%s", k8s_provider_names[incoming->type],
                            incoming->type == K8S_PROVIDER_KMS ? " v2" : "");
    return 0;
}

int k8s_rotation_plan(k8s_rotation *r, const k8s_config *current, k8s_rotate_mode mode, const k8s_rotate_kms *kms,
                      k8s_keysrc *keys, arena *mem, buf *err)
{
    memset(r, 0, sizeof *r);
    r->mode = mode;
    for (int s = 0; s <= K8S_ROTATION_STEPS; s++) {
        r->steps[s] = k8s_config_clone(current, mem);
        r->steps[s]->api_version = "apiserver.config.k8s.io/v1";
        r->steps[s]->kind = "EncryptionConfiguration";
        r->steps[s]->legacy = 0;
    }
    if (current->nlists > 64) {
        buf_puts(err, "more than 64 resources lists\n");
        return -1;
    }
    r->nlists = current->nlists;
    /* the rewrite script and the runbook name every resource: K8S040 holds even when disabled */
    size_t li = 0;
    for (const k8s_rlist *l = current->lists; l; l = l->next, li++)
        for (size_t j = 0; j < l->nresources; j++)
            if (!k8s_resource_name_ok(l->resources[j])) {
                buf_printf(err, "resources[%zu].resources[%zu]: \"", li, j);
                diag_quote(err, l->resources[j], strlen(l->resources[j]), 200);
                buf_puts(err, "\" is not a resource name (K8S040); nothing to plan\n");
                return -1;
            }
    size_t done = 0, nkms = 0;
    li = 0;
    for (const k8s_rlist *l = current->lists; l; l = l->next, li++) {
        k8s_provider_type first = l->providers ? l->providers->type : K8S_PROVIDER_NONE;
        int rc = 0;
        if (mode == K8S_ROTATE_KEY && is_local(first)) {
            rc = plan_key(r, li, keys, mem, err);
        } else if (mode == K8S_ROTATE_TO_KMS && (is_local(first) || first == K8S_PROVIDER_IDENTITY) &&
                   !(first == K8S_PROVIDER_IDENTITY && l->nproviders == 1 && current->nlists > 1)) {
            k8s_provider p;
            memset(&p, 0, sizeof p);
            p.type = K8S_PROVIDER_KMS;
            p.present = 1u << K8S_PROVIDER_KMS;
            p.kms.api_version = "v2";
            char name[300];
            /* v2 names are unique across the file: one per list */
            if (nkms++) snprintf(name, sizeof name, "%.200s-%zu", kms->name, nkms);
            else snprintf(name, sizeof name, "%s", kms->name);
            p.kms.name = arena_strndup(mem, name, strlen(name));
            p.kms.endpoint = kms->endpoint;
            if (kms->timeout) {
                p.kms.has_timeout = 1;
                p.kms.timeout_text = kms->timeout;
                if (k8s_parse_duration(kms->timeout, &p.kms.timeout_ns) != 0) {
                    buf_puts(err, "--kms-timeout: \"");
                    diag_quote(err, kms->timeout, strlen(kms->timeout), 200);
                    buf_puts(err, "\" is not a duration such as 3s\n");
                    return -1;
                }
            }
            if (!kms_name_free(current, li, &p.kms, err)) return -1;
            rc = plan_provider(r, li, &p, mem);
        } else if (mode == K8S_ROTATE_DISABLE && first != K8S_PROVIDER_IDENTITY && first != K8S_PROVIDER_NONE) {
            k8s_provider p;
            memset(&p, 0, sizeof p);
            p.type = K8S_PROVIDER_IDENTITY;
            p.present = 1u << K8S_PROVIDER_IDENTITY;
            p.kms.api_version = p.kms.name = p.kms.endpoint = "";
            rc = plan_provider(r, li, &p, mem);
        } else {
            continue;
        }
        if (rc) return -1;
        r->touched[li] = 1;
        done++;
    }
    if (!done) {
        static const char *const why[] = {
            "nothing to rotate: no resources list encrypts with a local key (aescbc, aesgcm, secretbox); with kms v2, "
            "rotate the key in the KMS: the plugin reports a new key_id and no restart is needed, then rewrite all Secrets",
            "nothing to switch: no resources list encrypts with a local key or stores plaintext",
            "nothing to disable: no resources list encrypts",
        };
        buf_printf(err, "%s\n", why[mode]);
        return -1;
    }
    return 0;
}

/* ---- the HA property ---------------------------------------------------------------------- */

/* What a stored object needs to be read: the provider type and, for keys, name and secret
 * (the name is in the stored prefix, the secret decrypts); for kms, the apiVersion and name
 * (in the prefix) and the endpoint (the plugin that decrypts). */
typedef struct { size_t list; k8s_provider_type type; const char *name, *secret; const k8s_kms *kms; } token;

static int can_read(const k8s_config *c, const token *t)
{
    const k8s_rlist *l = c->lists;
    for (size_t i = 0; i < t->list && l; i++) l = l->next;
    if (!l) return 0;
    for (const k8s_provider *p = l->providers; p; p = p->next) {
        if (p->type != t->type) continue;
        if (t->type == K8S_PROVIDER_IDENTITY) return 1;
        if (t->type == K8S_PROVIDER_KMS && same_kms(&p->kms, t->kms)) return 1;
        for (const k8s_key *k = p->keys; k; k = k->next)
            if (strcmp(k->name, t->name) == 0) return strcmp(k->secret, t->secret) == 0;   /* first name wins */
    }
    return 0;
}

static int write_token(const k8s_config *c, size_t li, token *t)
{
    const k8s_rlist *l = c->lists;
    for (size_t i = 0; i < li && l; i++) l = l->next;
    if (!l || !l->providers) return -1;
    const k8s_provider *p = l->providers;
    *t = (token){li, p->type, "", "", NULL};
    if (p->type == K8S_PROVIDER_KMS) t->name = p->kms.name, t->kms = &p->kms;
    else if (is_local(p->type)) {
        if (!p->keys) return -1;
        t->name = p->keys->name;
        t->secret = p->keys->secret;
    }
    return 0;
}

static void token_text(const token *t, buf *out)
{
    buf_printf(out, "resources[%zu] %s", t->list, k8s_provider_names[t->type]);
    if (t->kms) buf_printf(out, " %s", kms_version(t->kms));
    if (*t->name) {
        buf_putc(out, ' ');
        diag_quote(out, t->name, strlen(t->name), 200);
    }
    if (t->kms) {
        buf_puts(out, " at ");
        diag_quote(out, t->kms->endpoint, strlen(t->kms->endpoint), 200);
    }
}

enum { MAX_TOKENS = 4096 };

int k8s_rotation_verify(const k8s_rotation *r, buf *why)
{
    token *stored = malloc(MAX_TOKENS * sizeof *stored);
    if (!stored) abort();
    size_t n = 0;
    /* before: anything the current file can name may have encrypted stored data */
    size_t li = 0;
    for (const k8s_rlist *l = r->steps[0]->lists; l; l = l->next, li++)
        for (const k8s_provider *p = l->providers; p; p = p->next) {
            if (p->type == K8S_PROVIDER_IDENTITY || p->type == K8S_PROVIDER_KMS) {
                if (n < MAX_TOKENS)
                    stored[n++] = (token){li, p->type, p->type == K8S_PROVIDER_KMS ? p->kms.name : "", "", &p->kms};
            }
            for (const k8s_key *k = p->keys; k; k = k->next)
                if (n < MAX_TOKENS) stored[n++] = (token){li, p->type, k->name, k->secret, NULL};
        }
    for (int s = 1; s <= K8S_ROTATION_STEPS; s++) {
        /* during a rolling change some servers run step s-1's file, others step s's */
        const k8s_config *active[2] = {r->steps[s - 1], r->steps[s]};
        for (int a = 0; a < 2; a++)
            for (size_t i = 0; i < r->nlists; i++) {
                token t;
                if (write_token(active[a], i, &t) == 0 && n < MAX_TOKENS) stored[n++] = t;
            }
        for (int a = 0; a < 2; a++)
            for (size_t i = 0; i < n; i++)
                if (!can_read(active[a], &stored[i])) {
                    buf_printf(why, "step %d: an API server on the %s file cannot read data written with ", s,
                               a ? "new" : "previous");
                    token_text(&stored[i], why);
                    buf_putc(why, '\n');
                    free(stored);
                    return -1;
                }
        if (s == K8S_REWRITE_STEP) {
            /* every object was rewritten with the write provider of this step's file */
            n = 0;
            for (size_t i = 0; i < r->nlists; i++) {
                token t;
                if (write_token(r->steps[s], i, &t) == 0) stored[n++] = t;
            }
        }
    }
    free(stored);
    return 0;
}

/* ---- files and runbook ------------------------------------------------------------------- */

static const char *const step_titles[3][K8S_ROTATION_STEPS + 1] = {
    {"", "add the new key second", "restart all API servers", "make the new key first", "restart all API servers",
     "rewrite all objects", "drop the old key"},
    {"", "add the kms provider second", "restart all API servers", "make the kms provider first",
     "restart all API servers", "rewrite all objects", "drop the old local provider"},
    {"", "add identity second", "restart all API servers", "make identity first", "restart all API servers",
     "rewrite all objects (decrypts them)", "keep identity only"},
};

/* The input as generated files name it: its basename, every byte other than letters, digits
 * and . _ - + @ = , as \xNN, so no path can end a YAML comment or a Markdown heading. */
static void input_label(const char *path, buf *out)
{
    const char *base = strrchr(path, '/');
    base = base && base[1] ? base + 1 : path;
    for (const unsigned char *p = (const unsigned char *)base; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || strchr("._-+@=,", *p))
            buf_putc(out, (char)*p);
        else
            buf_printf(out, "\\x%02X", *p);
    }
}

int k8s_rotation_bundle(const k8s_rotation *r, const char *input_name, const char *input_text, size_t input_len,
                        const char *directives, k8s_bundle *out, buf *err)
{
    static const char *const what[] = {"key rotation", "switch to KMS v2", "disable encryption"};
    static const char *const new_thing[] = {"new key", "kms provider", "identity provider"};
    static const char *const kind_word[] = {"key", "provider", "provider"};
    buf label;
    buf_init(&label);
    input_label(input_name, &label);
    buf files[K8S_ROTATION_STEPS + 1];
    for (int s = 1; s <= K8S_ROTATION_STEPS; s++) {
        buf_init(&files[s]);
        buf_printf(&files[s], "# Step %d of 6 (%s): %s.  Generated by iamc rotate from %s.\n", s, what[r->mode],
                   step_titles[r->mode][s], label.data);
        if (r->mode == K8S_ROTATE_DISABLE)
            buf_puts(&files[s], "# iamc-check: disable=K8S050,K8S056 (deliberate decryption)\n");
        if (directives && *directives) buf_puts(&files[s], directives);
        k8s_config_print(r->steps[s], &files[s]);
        buf findings;
        buf_init(&findings);
        char name[32];
        snprintf(name, sizeof name, "step%d.yaml", s);
        k8s_doc *doc = k8s_doc_parse(name, files[s].data, files[s].len);
        k8s_check_opts opts = {0600, 0};
        k8s_doc_check(doc, &opts);
        k8s_doc_render_text(doc, &findings);
        size_t errors = k8s_doc_count(doc, DIAG_ERROR);
        k8s_doc_free(doc);
        if (findings.len) buf_put(err, findings.data, findings.len);
        buf_free(&findings);
        if (errors) {
            buf_printf(err, "%s does not pass iamc check; nothing written\n", name);
            for (int t = 1; t <= s; t++) buf_free(&files[t]);
            buf_free(&label);
            return K8S_EMIT_REFUSED;
        }
    }
    buf script, doc;
    buf_init(&script);
    buf_init(&doc);
    k8s_rewrite_script(r->steps[K8S_REWRITE_STEP], r->touched, &script);
    buf_printf(&doc, "# %s for `%s`\n\nGenerated by `iamc rotate`.  What changes:\n\n", what[r->mode], label.data);
    buf_free(&label);
    for (size_t i = 0; i < r->nlists; i++)
        if (r->touched[i]) {
            const k8s_rlist *l = list_at(r->steps[0], i);
            buf_printf(&doc, "- `resources[%zu]` (", i);
            for (size_t j = 0; j < l->nresources; j++) buf_printf(&doc, "%s%s", j ? ", " : "", l->resources[j]);
            buf_printf(&doc, "): %s → %s\n", r->rotated[i], r->added[i]);
        }
    buf_printf(&doc,
               "\nEvery `stepN.yaml` is the complete file to have in place on **every** control-plane node during\n"
               "step N (files 2, 4 and 5 repeat the one before: those steps change nothing in the file).  The\n"
               "names of the old and the new %s never change between steps: a name is part of every\n"
               "stored object's prefix.  The step files are mode 0600: they hold the keys (`rewrite-secrets.sh`\n"
               "is 0755, this file and `MANIFEST.json` 0644).\n\n",
               kind_word[r->mode]);
    buf_printf(&doc,
               "1. **Add the %s second.**  Install `step1.yaml` on every control-plane node.  Back up the\n"
               "   new key material now, somewhere as safe as the file itself.\n"
               "2. **Restart all API servers** (one at a time).  Each can now *read* with the %s while still\n"
               "   writing with the old one, so servers not yet restarted keep working.  With\n"
               "   `--encryption-provider-config-automatic-reload`, wait for the reload instead.\n"
               "3. **Make the %s first.**  Install `step3.yaml` on every node.\n"
               "4. **Restart all API servers** again.  New writes now use the %s.  Do not start step 5 before\n"
               "   every server has restarted: a server still on step 2 would write with the old key.\n"
               "5. **Rewrite all objects**: `sh rewrite-secrets.sh` (re-run it on conflict errors).  Only when it\n"
               "   has finished without errors has every Secret been rewritten with the %s.\n"
               "6. **Drop the old %s.**  Install `step6.yaml` on every node and restart all API servers.  Until\n"
               "   this step the old key stays in every file, because objects written before step 5 need it.\n",
               new_thing[r->mode], new_thing[r->mode], new_thing[r->mode], new_thing[r->mode], new_thing[r->mode],
               r->mode == K8S_ROTATE_KEY ? "key" : r->mode == K8S_ROTATE_TO_KMS ? "local provider" : "providers");
    if (r->mode == K8S_ROTATE_DISABLE)
        buf_puts(&doc, "\nAfter step 6 every object is stored in plaintext; you may then remove the\n"
                       "`--encryption-provider-config` flag altogether.\n");
    if (r->mode == K8S_ROTATE_TO_KMS)
        buf_puts(&doc, "\nThe KMS v2 plugin must be running on every control-plane node (listening on the endpoint of\n"
                       "the kms provider) before step 2.  Later KEK rotations happen in the KMS: no file change.\n");
    buf_puts(&doc, "\nSingle API server: steps 2 and 4 may be merged into the restart after step 3.\n");

    buf_puts(&doc, "\n`MANIFEST.json` lists every file's mode, size and SHA-256, and the input's.\n");

    static const char *const step_files[K8S_ROTATION_STEPS + 1] = {"", "step1.yaml", "step2.yaml", "step3.yaml",
                                                                   "step4.yaml", "step5.yaml", "step6.yaml"};
    for (int s = 1; s <= K8S_ROTATION_STEPS; s++) k8s_bundle_add(out, step_files[s], &files[s], 0600);
    k8s_bundle_add(out, "rewrite-secrets.sh", &script, 0755);
    k8s_bundle_add(out, "README.md", &doc, 0644);
    emit_manifest_info m = {what[r->mode], input_name, input_text, input_len,
                            "iamc check (every step file: no error) and the rotation proof (docs/encryption-config.md)",
                            NULL, "iamc rotate"};
    emit_proofs none = {.n = 0};
    k8s_bundle_seal(out, &m, &none);
    out->name = strdup(what[r->mode]);
    if (!out->name) abort();
    snprintf(out->kind, sizeof out->kind, "%s", what[r->mode]);
    out->checked = "every step file passes iamc check, and the plan is proved";
    for (int s = 1; s <= K8S_ROTATION_STEPS; s++)
        buf_printf(&out->checks, "%s (0600): %s\n", step_files[s], step_titles[r->mode][s]);
    return K8S_EMIT_OK;
}
