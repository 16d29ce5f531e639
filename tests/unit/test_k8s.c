/* k8s_suite: the EncryptionConfiguration corpus (tests/corpus/k8s: valid files have no
 * finding; each invalid file produces exactly its .expect lines "LINE:COL: MESSAGE", which
 * contain the API server's message fragment of its .fragment file), the rule table, the
 * value syntaxes, redaction, the emitters, and the rotation property.
 * K8S_UPDATE=1 rewrites the .expect files from the checker (review the diff). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "base/sha256.h"
#include "iamc.h"
#include "k8s/ack.h"
#include "k8s/config.h"
#include "k8s/emit.h"
#include "k8s/k8s.h"
#include "lint/lint.h"
#include "suites.h"

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    buf b;
    buf_init(&b);
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) buf_put(&b, chunk, n);
    fclose(f);
    if (len) *len = b.len;
    if (!b.data) buf_puts(&b, "");
    return buf_take(&b);
}

static int cmp_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static size_t list_cases(const char *dir, char ***out)
{
    DIR *d = opendir(dir);
    ck_assert_msg(d != NULL, "cannot open %s", dir);
    char **names = NULL;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t l = strlen(e->d_name);
        int yaml = l > 5 && strcmp(e->d_name + l - 5, ".yaml") == 0;
        int json = l > 5 && strcmp(e->d_name + l - 5, ".json") == 0;
        if (!yaml && !json) continue;
        names = realloc(names, (n + 1) * sizeof *names);
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    if (n) qsort(names, n, sizeof *names, cmp_name);
    *out = names;
    return n;
}

/* "LINE:COL: MESSAGE\n" per finding. */
static char *findings_text(k8s_doc *doc)
{
    buf b;
    buf_init(&b);
    for (const diag *d = k8s_doc_findings(doc); d; d = d->next) buf_printf(&b, "%u:%u: %s\n", d->line, d->col, d->message);
    if (!b.data) buf_puts(&b, "");
    return buf_take(&b);
}

static k8s_doc *check_file(const char *path)
{
    size_t len;
    char *text = slurp(path, &len);
    ck_assert_msg(text != NULL, "cannot read %s", path);
    const char *base = strrchr(path, '/');
    k8s_doc *doc = k8s_doc_parse(base ? base + 1 : path, text, len);
    free(text);
    k8s_check_opts opts = {-1, 0};
    k8s_doc_check(doc, &opts);
    return doc;
}

START_TEST(corpus_valid)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", test_path("tests/corpus/k8s/valid"));
    char **names;
    size_t n = list_cases(dir, &names);
    for (size_t i = 0; i < n; i++) {
        char path[8192];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        k8s_doc *doc = check_file(path);
        char *got = findings_text(doc);
        ck_assert_msg(*got == '\0', "%s: expected no finding, got:\n%s", names[i], got);
        /* print → check again: still clean */
        buf yaml;
        buf_init(&yaml);
        k8s_config_print(k8s_doc_config(doc), &yaml);
        ck_assert_msg(k8s_check_text("printed.yaml", yaml.data, yaml.len, NULL) == 0 || strstr(names[i], "aesgcm"),
                      "%s: the printed configuration has findings:\n%s", names[i], yaml.data);
        buf_free(&yaml);
        free(got);
        k8s_doc_free(doc);
        free(names[i]);
    }
    free(names);
    ck_assert_msg(n >= 15, "only %zu valid cases", n);
}
END_TEST

START_TEST(corpus_invalid)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", test_path("tests/corpus/k8s/invalid"));
    char **names;
    size_t n = list_cases(dir, &names);
    int update = getenv("K8S_UPDATE") && strcmp(getenv("K8S_UPDATE"), "1") == 0;
    size_t rules_seen = 0;
    char seen[128][8];
    for (size_t i = 0; i < n; i++) {
        char path[8192], expect_path[8300], frag_path[8300];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        snprintf(expect_path, sizeof expect_path, "%s.expect", path);
        snprintf(frag_path, sizeof frag_path, "%s.fragment", path);
        k8s_doc *doc = check_file(path);
        char *got = findings_text(doc);
        for (const diag *d = k8s_doc_findings(doc); d; d = d->next) {
            int known = 0;
            for (size_t k = 0; k < rules_seen && !known; k++) known = strcmp(seen[k], d->code) == 0;
            if (!known && rules_seen < 128) snprintf(seen[rules_seen++], 8, "%s", d->code);
        }
        if (update) {
            FILE *f = fopen(expect_path, "w");
            ck_assert_ptr_nonnull(f);
            fputs(got, f);
            fclose(f);
        }
        char *want = slurp(expect_path, NULL);
        ck_assert_msg(want != NULL, "%s: no .expect file (K8S_UPDATE=1 writes it)", names[i]);
        ck_assert_msg(strcmp(got, want) == 0, "%s:\n--- expected\n%s--- got\n%s", names[i], want, got);
        char *frag = slurp(frag_path, NULL);
        ck_assert_msg(frag != NULL, "%s: no .fragment file", names[i]);
        char *nl = strchr(frag, '\n');
        if (nl) *nl = '\0';
        ck_assert_msg(strstr(got, frag) != NULL, "%s: the findings lack \"%s\":\n%s", names[i], frag, got);
        ck_assert_msg(*got != '\0', "%s: no finding", names[i]);
        free(frag);
        free(want);
        free(got);
        k8s_doc_free(doc);
        free(names[i]);
    }
    free(names);
    ck_assert_msg(n >= 80, "only %zu invalid cases", n);
    size_t nrules;
    k8s_rules(&nrules);
    /* every rule but the file-mode one (needs a file) is exercised by the corpus */
    ck_assert_msg(rules_seen + 1 >= nrules, "the corpus exercises %zu of %zu rules", rules_seen, nrules);
}
END_TEST

/* The K8S rules are the K8S block of the lint catalogue; docs/encryption-config.md documents
 * each with the same bad and good example as the table (docs/rules.md prints). */
START_TEST(rule_table)
{
    size_t n;
    const k8s_rule *r = k8s_rules(&n);
    ck_assert_ptr_eq(r, &lint_rules[LINT_K8S_FIRST]);
    ck_assert_int_eq((int)n, 45);
    ck_assert_int_eq((int)(LINT_K8S_FIRST + n), LINT_NRULES);
    char *docs = slurp(test_path("docs/encryption-config.md"), NULL);
    ck_assert_msg(docs != NULL, "docs/encryption-config.md is missing");
    for (size_t i = 0; i < n; i++) {
        ck_assert_int_eq(r[i].lang, LINT_LANG_K8S);
        ck_assert_msg(strlen(r[i].id) == 6 && strncmp(r[i].id, "K8S", 3) == 0, "bad id %s", r[i].id);
        if (i) ck_assert_msg(strcmp(r[i - 1].id, r[i].id) < 0, "%s: ids not sorted/unique", r[i].id);
        char heading[32];
        snprintf(heading, sizeof heading, "### %s (%s)", r[i].id, r[i].severity == LINT_INFO ? "note" : lint_severity_name(r[i].severity));
        const char *sec = strstr(docs, heading);
        ck_assert_msg(sec != NULL, "%s is not documented in docs/encryption-config.md (as '%s')", r[i].id, heading);
        const char *next = strstr(sec + 4, "\n##");
        buf want;
        buf_init(&want);
        buf_printf(&want, "Bad:\n```yaml\n%s\n```\nGood:\n```yaml\n%s\n```\n", r[i].bad, r[i].good);
        const char *at = strstr(sec, want.data);
        ck_assert_msg(at && (!next || at < next), "%s: docs/encryption-config.md lacks the table's examples:\n%s", r[i].id,
                      want.data);
        buf_free(&want);
        ck_assert_ptr_eq(k8s_rule_find(r[i].id), &r[i]);
        ck_assert_ptr_eq(k8s_rule_find(r[i].name), &r[i]);
        ck_assert_int_eq(r[i].input_error, !strcmp(r[i].id, "K8S001") || !strcmp(r[i].id, "K8S039"));
    }
    ck_assert_ptr_null(k8s_rule_find("OCI001"));
    free(docs);
}
END_TEST

START_TEST(values)
{
    int64_t ns;
    ck_assert_int_eq(k8s_parse_duration("3s", &ns), 0);
    ck_assert(ns == 3000000000LL);
    ck_assert_int_eq(k8s_parse_duration("1h2m3.5s", &ns), 0);
    ck_assert(ns == 3723500000000LL);
    ck_assert_int_eq(k8s_parse_duration("-1.5ms", &ns), 0);
    ck_assert(ns == -1500000LL);
    ck_assert_int_eq(k8s_parse_duration("0", &ns), 0);
    ck_assert_int_ne(k8s_parse_duration("3", &ns), 0);
    ck_assert_int_ne(k8s_parse_duration("", &ns), 0);
    ck_assert_int_ne(k8s_parse_duration("s", &ns), 0);
    ck_assert_int_ne(k8s_parse_duration("3x", &ns), 0);
    ck_assert_int_ne(k8s_parse_duration("9999999999h", &ns), 0);
    unsigned char out[64];
    ck_assert_int_eq(k8s_base64_decode("aGVsbG8=", 8, out), 5);
    ck_assert(memcmp(out, "hello", 5) == 0);
    ck_assert_int_eq(k8s_base64_decode("aGVs\nbG8=", 9, out), 5);   /* Go ignores CR/LF */
    ck_assert_int_eq(k8s_base64_decode("aGVsbG8", 7, out), -1);     /* unpadded */
    ck_assert_int_eq(k8s_base64_decode("aGVsbG8-", 8, out), -1);    /* URL alphabet */
    ck_assert_int_eq(k8s_base64_decode("aGVsbG8=aGVs", 12, out), -1);
    ck_assert_int_eq(k8s_base64_decode("", 0, out), 0);
    buf b;
    buf_init(&b);
    k8s_base64_encode((const unsigned char *)"hello", 5, &b);
    ck_assert_str_eq(b.data, "aGVsbG8=");
    buf_free(&b);
    static const char *const names_ok[] = {"secrets", "secrets.", "configmaps", "deployments.apps", "*.", "*.*", "*.apps",
                                           "pandas.awesome.bears.example", "x-1", "1x", "*", "secrets.*"};
    static const char *const names_bad[] = {"", ".", "configmaps; touch /tmp/x #", "*.x';touch /tmp/y;'", "a b", "-a", "a-",
                                            "secrets..", "secrets.apps.", "*x", "**", "a/b", "a\nb", "\xC3\xA9t\xC3\xA9",
                                            "$(id)", "a.-b", "*.a_b"};
    for (size_t i = 0; i < sizeof names_ok / sizeof *names_ok; i++)
        ck_assert_msg(k8s_resource_name_ok(names_ok[i]), "%s", names_ok[i]);
    for (size_t i = 0; i < sizeof names_bad / sizeof *names_bad; i++)
        ck_assert_msg(!k8s_resource_name_ok(names_bad[i]), "%s", names_bad[i]);
}
END_TEST

/* Standard input and unnamed files: YAML by a top-level apiVersion/kind line, JSON by a
 * "kind" member naming the kind; policies are not taken for configurations. */
START_TEST(sniff)
{
    static const struct { const char *text; int k8s; } cases[] = {
        {"apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\n", 1},
        {"# comment\n---\nkind: EncryptionConfiguration\n", 1},
        {"\xEF\xBB\xBF" "apiVersion: v1\n", 1},
        {"\"kind\": EncryptionConfig\n", 1},
        {"kind: Secret\n", 1},                                     /* K8S002 says what is wrong */
        {"  {\"apiVersion\": \"v1\", \"kind\": \"EncryptionConfig\"}", 1},
        {"Allow group A to read keys in tenancy\n", 0},
        {"# kind: EncryptionConfiguration\nAllow group A to read keys in tenancy\n", 0},
        {"Allow group kind:x to read keys in tenancy\n", 0},
        {"{\"Version\": \"1\", \"Statement\": [{\"Action\": \"cs:EncryptionConfig\"}]}", 0},
        {"kindness: 1\n", 0},
        /* YAML flow style: kind unquoted, or quoted with blanks before the colon */
        {"{kind: EncryptionConfiguration, apiVersion: apiserver.config.k8s.io/v1, resources: []}", 1},
        {"\n  { apiVersion: v1,\n    'kind' : EncryptionConfig }", 1},
        {"{resources: [{kind: x}], note: EncryptionConfig}", 0},         /* not at the top level */
        {"{\"Statement\": [{\"Action\": \"kind: EncryptionConfig\"}]}", 0},  /* inside a string */
        {"{\"a\": \"x\\\", kind: y\", \"b\": \"EncryptionConfig\"}", 0},   /* an escaped quote */
        {"", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        ck_assert_msg(k8s_sniff(cases[i].text, strlen(cases[i].text)) == cases[i].k8s, "case %zu: %s", i, cases[i].text);
}
END_TEST

/* Whatever a key entry holds besides its name may be key material: a misspelled field, a
 * key given as a bare string or number, nested values; also when the file does not parse. */
START_TEST(key_entries_never_printed)
{
    static const char head[] = "apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\nresources:\n"
                               "  - resources: [secrets]\n    providers:\n";
    static const char *const bodies[] = {
        "      - aescbc:\n          keys:\n            - name: key1\n              sekret: TOPSECRET0==\n",
        "      - aescbc:\n          keys:\n          - name: key1\n            secret: [TOPSECRET1]\n          - TOPSECRET2\n",
        "      - aescbc:\n          keys: 1234567890123456\n",
        "      - secretbox: {keys: [987654321, {name: k, sekret: TOPSECRET3, more: {TOPSECRET4: TOPSECRET5}}]}\n",
        "      - aesgcm: {keys: [{name: k, secret: 123456789012}]}\n",
        /* not well-formed: the text fallback (the line shown may hold no key) */
        "      - aescbc:\n          keys:\n            - name: key1\n              sekret: TOPSECRET6: x\n",
        "      - aescbc: {keys: [{name: k1, sekret: TOPSECRET7}, TOPSECRET8]\n      - identity: {}\n",
        "      - {\"aescbc\": {\"keys\": [{\"name\": \"k\", \"sekret\": \"TOPSECRET9\"}}}\n",
    };
    static const char *const leaks[] = {"TOPSECRET", "1234567890123456", "987654321", "123456789012"};
    for (size_t i = 0; i < sizeof bodies / sizeof *bodies; i++) {
        char text[1024];
        snprintf(text, sizeof text, "%s%s", head, bodies[i]);
        k8s_doc *doc = k8s_doc_parse("k.yaml", text, strlen(text));
        k8s_check_opts opts = {0600, 0};
        k8s_doc_check(doc, &opts);
        ck_assert_msg(k8s_doc_findings(doc) != NULL, "case %zu: no finding", i);
        buf out;
        buf_init(&out);
        k8s_doc_render_text(doc, &out);
        json_t *j = k8s_doc_render_json(doc);
        char *js = json_dumps(j, 0);
        for (size_t k = 0; k < sizeof leaks / sizeof *leaks; k++) {
            ck_assert_msg(strstr(out.data, leaks[k]) == NULL, "case %zu shows %s:\n%s", i, leaks[k], out.data);
            ck_assert_msg(strstr(js, leaks[k]) == NULL, "case %zu shows %s:\n%s", i, leaks[k], js);
        }
        if (i < 5) ck_assert_msg(strstr(out.data, "REDACTED") != NULL, "case %zu:\n%s", i, out.data);
        free(js);
        json_decref(j);
        buf_free(&out);
        k8s_doc_free(doc);
    }
}
END_TEST

START_TEST(secrets_never_printed)
{
    static const char text[] =
        "apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\nresources:\n"
        "  - resources: [secrets]\n    providers:\n"
        "      - aescbc: {keys: [{name: k, secret: c2VjcmV0LXNlY3JldC1zZWNyZXQ=, bad: 1}]}\n"
        "      - secretbox:\n          keys:\n            - name: k2\n              secret: \"TOPSECRET+\"\n";
    k8s_doc *doc = k8s_doc_parse("s.yaml", text, sizeof text - 1);
    k8s_check_opts opts = {0644, 0};
    k8s_doc_check(doc, &opts);
    buf out;
    buf_init(&out);
    k8s_doc_render_text(doc, &out);
    json_t *j = k8s_doc_render_json(doc);
    char *js = json_dumps(j, 0);
    ck_assert_msg(strstr(out.data, "c2VjcmV0") == NULL && strstr(out.data, "TOPSECRET") == NULL, "secret shown:\n%s", out.data);
    ck_assert(strstr(js, "c2VjcmV0") == NULL && strstr(js, "TOPSECRET") == NULL);
    ck_assert(strstr(out.data, "REDACTED") != NULL);
    /* the caret of the finding after the secret on the same line still points at 'bad' */
    ck_assert_msg(strstr(out.data, "s.yaml:6:53: error[K8S003]") != NULL, "%s", out.data);
    free(js);
    json_decref(j);
    buf_free(&out);
    k8s_doc_free(doc);
}
END_TEST

/* ---- emitters ------------------------------------------------------------------------------ */

static char tmpdir[256];

static void make_tmp(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/iamc-k8s-test-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void rm_tree(const char *dir)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}

static int emit_spec(const char *spec_text, const char *out, int force, buf *err)
{
    json_error_t je;
    json_t *spec = json_loads(spec_text, 0, &je);
    ck_assert_ptr_nonnull(spec);
    k8s_keysrc keys;
    k8s_keysrc_seeded(&keys, 1);
    k8s_emit_opts o = {&keys, spec_text, strlen(spec_text)};
    k8s_bundle b;
    k8s_bundle_init(&b);
    const char *cloud = json_string_value(json_object_get(spec, "cloud"));
    int rc = strcmp(cloud, "alibaba") == 0 ? ack_emit_bundle(spec, "spec.json", &o, &b, err)
                                           : k8s_emit_bundle(spec, "spec.json", &o, &b, err);
    if (rc == K8S_EMIT_OK && k8s_bundle_write(&b, out, force, err)) rc = K8S_EMIT_FAILED;
    k8s_bundle_free(&b);
    json_decref(spec);
    return rc;
}

START_TEST(emit_kubernetes_passes_check)
{
    static const char *const specs[] = {
        "{\"cloud\":\"kubernetes\",\"provider\":\"kms\",\"kms\":{\"name\":\"kek\",\"endpoint\":\"unix:///var/run/kms.sock\",\"timeout\":\"3s\"}}",
        "{\"cloud\":\"kubernetes\",\"provider\":\"aescbc\",\"resources\":[\"secrets\",\"configmaps\"]}",
        "{\"cloud\":\"kubernetes\",\"provider\":\"secretbox\",\"migrate\":false}",
        "{\"cloud\":\"kubernetes\",\"provider\":\"aesgcm\",\"aesgcm_rotation\":\"automatic\",\"key_name\":\"gcm1\"}",
        "{\"cloud\":\"kubernetes\",\"provider\":\"kms\",\"kms\":{\"name\":\"kek\",\"endpoint\":\"unix:///k.sock\"},\"resources\":[\"*.*\"],\"exempt\":[\"events\",\"configmaps.\"]}",
    };
    make_tmp();
    for (size_t i = 0; i < sizeof specs / sizeof *specs; i++) {
        char out[400];
        snprintf(out, sizeof out, "%s/b%zu", tmpdir, i);
        buf err;
        buf_init(&err);
        int rc = emit_spec(specs[i], out, 0, &err);
        ck_assert_msg(rc == K8S_EMIT_OK, "spec %zu: %s", i, err.data ? err.data : "");
        char path[500];
        snprintf(path, sizeof path, "%s/encryption-config.yaml", out);
        struct stat st;
        ck_assert_int_eq(stat(path, &st), 0);
        ck_assert_int_eq(st.st_mode & 0777, 0600);
        size_t len;
        char *text = slurp(path, &len);
        buf findings;
        buf_init(&findings);
        ck_assert_msg(k8s_check_text(path, text, len, &findings) == 0, "spec %zu: %s", i, findings.data);
        buf_free(&findings);
        free(text);
        /* an existing directory is refused without --force, replaced with it */
        buf_free(&err);
        buf_init(&err);
        ck_assert_int_eq(emit_spec(specs[i], out, 0, &err), K8S_EMIT_FAILED);
        ck_assert(strstr(err.data, "--force") != NULL);
        ck_assert_int_eq(emit_spec(specs[i], out, 1, &err), K8S_EMIT_OK);
        buf_free(&err);
    }
    buf err;
    buf_init(&err);
    char out[400];
    snprintf(out, sizeof out, "%s/refused", tmpdir);
    ck_assert_int_eq(emit_spec("{\"cloud\":\"kubernetes\",\"provider\":\"aesgcm\"}", out, 0, &err), K8S_EMIT_REFUSED);
    /* the kms values by the checker's rules (K8S022, K8S025, K8S028), refused at the spec's lines */
    buf_free(&err);
    buf_init(&err);
    ck_assert_int_eq(emit_spec("{\"cloud\":\"kubernetes\",\"provider\":\"kms\",\n\"kms\":{\"name\":\"a:b\",\"endpoint\":\"tcp://k\",\n\"timeout\":\"0s\"}}",
                               out, 0, &err),
                     K8S_EMIT_REFUSED);
    ck_assert_msg(strstr(err.data, "spec.json:2:15: /kms/name: \"a:b\" has a ':'") &&
                  strstr(err.data, "spec.json:2:32: /kms/endpoint: \"tcp://k\" is not a unix socket URL") &&
                  strstr(err.data, "spec.json:3:11: /kms/timeout: \"0s\" is not positive"), "%s", err.data);
    /* an unknown member: at its name, with the member it is likely a typo of */
    buf_free(&err);
    buf_init(&err);
    ck_assert_int_eq(emit_spec("{\"cloud\":\"kubernetes\", \"resourcs\":[\"secrets\"]}", out, 0, &err), K8S_EMIT_REFUSED);
    ck_assert_msg(strstr(err.data, "spec.json:1:24: /resourcs: unknown member \"resourcs\" (did you mean \"resources\"?)"),
                  "%s", err.data);
    buf_free(&err);
    buf_init(&err);
    ck_assert_int_eq(emit_spec("{\"cloud\":\"kubernetes\",\"provider\":\"aescbc\",\"resources\":[\"Secrets\"]}", out, 0, &err),
                     K8S_EMIT_REFUSED);
    ck_assert_msg(strstr(err.data, "/resources/0: \"Secrets\" is not a resource name"), "%s", err.data);
    /* an exemption list comes first and wins over "*.*": Secrets in it would stay plaintext */
    buf_free(&err);
    buf_init(&err);
    ck_assert_int_eq(emit_spec("{\"cloud\":\"kubernetes\",\"provider\":\"aescbc\",\"resources\":[\"*.*\"],\"exempt\":[\"events\",\"secrets\"]}",
                               out, 0, &err),
                     K8S_EMIT_REFUSED);
    ck_assert_msg(strstr(err.data, "/exempt/1: \"secrets\" would leave Secrets in plaintext"), "%s", err.data);
    buf_free(&err);
    buf_init(&err);
    ck_assert_int_eq(emit_spec("{\"cloud\":\"kubernetes\",\"provider\":\"aescbc\",\"resources\":[\"*.*\"],\"exempt\":[\"*.\"]}", out, 0, &err),
                     K8S_EMIT_REFUSED);
    ck_assert_msg(strstr(err.data, "/exempt/0: \"*.\" would leave Secrets in plaintext"), "%s", err.data);
    /* resources without Secrets: the check's K8S056 refuses */
    buf_free(&err);
    buf_init(&err);
    ck_assert_int_eq(emit_spec("{\"cloud\":\"kubernetes\",\"provider\":\"aescbc\",\"resources\":[\"configmaps\"]}", out, 0, &err),
                     K8S_EMIT_REFUSED);
    ck_assert_msg(strstr(err.data, "does not pass iamc check") && strstr(err.data, "warning[K8S056]"), "%s", err.data);
    ck_assert_int_eq(emit_spec("{\"cloud\":\"kubernetes\",\"typo\":1}", out, 0, &err), K8S_EMIT_REFUSED);
    ck_assert_int_ne(access(out, F_OK), 0);   /* nothing written */
    ck_assert_int_eq(emit_spec("{\"cloud\":\"alibaba\",\"cluster_id\":\"c1\",\"region\":\"cn-hangzhou\",\"kms_key_id\":\"key-1\",\"deny_scope\":\"all\"}", out, 0, &err),
                     K8S_EMIT_OK);
    buf_free(&err);
    rm_tree(tmpdir);
}
END_TEST

/* The rewrite script quotes every resource name and escapes the group in its grep pattern,
 * whatever the configuration holds (the checks refuse such names; this holds without them):
 * run with a kubectl that logs its arguments, no name runs as a command. */
START_TEST(rewrite_script_quotes_names)
{
    static const char *const res[] = {"secrets", "configmaps; touch PWNED1 #", "*.x';touch PWNED2;'", "a$(touch PWNED3)",
                                      "*.a.b", "b`touch PWNED4`."};
    k8s_config cfg;
    k8s_config_init(&cfg);
    arena mem;
    arena_init(&mem);
    k8s_rlist *l = k8s_config_add_list(&cfg, &mem, res, sizeof res / sizeof *res);
    k8s_list_add_provider(l, &mem, K8S_PROVIDER_AESCBC);
    buf script;
    buf_init(&script);
    k8s_rewrite_script(&cfg, NULL, &script);
    ck_assert_msg(strstr(script.data, "kubectl get 'configmaps; touch PWNED1 #' --all-namespaces") != NULL, "%s", script.data);
    ck_assert_msg(strstr(script.data, "grep -E -- '\\.a\\.b$'") != NULL, "%s", script.data);
    make_tmp();
    char path[400], cmd[1400];
    snprintf(path, sizeof path, "%s/kubectl", tmpdir);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    /* api-resources lists two names; get logs its argument; replace reads its input */
    fputs("#!/bin/sh\ncase \"$1\" in\n  api-resources) printf 'x.a.b\\nrs.x\\n' ;;\n"
          "  get) printf '%s\\n' \"$2\" >> \"$(dirname \"$0\")/log\" ;;\n  *) cat > /dev/null ;;\nesac\n", f);
    fclose(f);
    chmod(path, 0755);
    snprintf(path, sizeof path, "%s/rewrite.sh", tmpdir);
    f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fwrite(script.data, 1, script.len, f);
    fclose(f);
    snprintf(cmd, sizeof cmd, "cd '%s' && PATH=\"$PWD:$PATH\" sh rewrite.sh > out.txt 2>&1", tmpdir);
    ck_assert_int_eq(system(cmd), 0);
    for (int i = 1; i <= 4; i++) {
        snprintf(path, sizeof path, "%s/PWNED%d", tmpdir, i);
        ck_assert_msg(access(path, F_OK) != 0, "PWNED%d was created:\n%s", i, script.data);
    }
    snprintf(path, sizeof path, "%s/log", tmpdir);
    size_t len;
    char *log = slurp(path, &len);
    ck_assert_str_eq(log, "secrets\nconfigmaps; touch PWNED1 #\na$(touch PWNED3)\nx.a.b\nb`touch PWNED4`\n");
    free(log);
    rm_tree(tmpdir);
    buf_free(&script);
    arena_free(&mem);
}
END_TEST

/* ---- ACK: the RAM policy is proved before anything is written ----------------------------- */

static json_t *load_json(const char *path)
{
    json_error_t je;
    json_t *j = json_load_file(path, 0, &je);
    ck_assert_msg(j != NULL, "%s: %s", path, je.text);
    return j;
}

/* The bundle of SPEC: its MANIFEST lists every other file by digest, records the spec's
 * digest and the proofs WANT ("deny"/"allow" per proof, in order); ram-policy.json is in
 * `iamc fmt` form and draws no diagnostic. */
static void check_ack_bundle(const char *spec, const char *const *want, size_t nwant, const char *other_cluster_decision)
{
    make_tmp();
    char out[400], path[500];
    snprintf(out, sizeof out, "%s/ack", tmpdir);
    buf err;
    buf_init(&err);
    ck_assert_msg(emit_spec(spec, out, 0, &err) == K8S_EMIT_OK, "%s", err.data ? err.data : "");
    buf_free(&err);
    snprintf(path, sizeof path, "%s/MANIFEST.json", out);
    json_t *m = load_json(path);
    char digest[SHA256_HEX];
    sha256_hex(spec, strlen(spec), digest);
    ck_assert_str_eq(json_string_value(json_object_get(json_object_get(m, "spec"), "sha256")), digest);
    json_t *files = json_object_get(m, "files");
    ck_assert_uint_eq(json_array_size(files), 6);
    for (size_t i = 0; i < json_array_size(files); i++) {
        json_t *f = json_array_get(files, i);
        snprintf(path, sizeof path, "%s/%s", out, json_string_value(json_object_get(f, "path")));
        size_t len;
        char *text = slurp(path, &len);
        ck_assert_ptr_nonnull(text);
        sha256_hex(text, len, digest);
        ck_assert_str_eq(json_string_value(json_object_get(f, "sha256")), digest);
        free(text);
    }
    json_t *proofs = json_object_get(json_object_get(m, "verification"), "proofs");
    ck_assert_uint_eq(json_array_size(proofs), nwant);
    for (size_t i = 0; i < nwant; i++) {
        json_t *p = json_array_get(proofs, i);
        ck_assert_str_eq(json_string_value(json_object_get(p, "expect")), want[i]);
        ck_assert_str_eq(json_string_value(json_object_get(p, "decision")), want[i]);
        ck_assert_str_eq(json_string_value(json_object_get(p, "reason")), strcmp(want[i], "deny") == 0 ? "explicit-deny" : "allowed");
        const char *file = json_string_value(json_object_get(json_array_get(json_object_get(p, "statements"), 0), "file"));
        ck_assert_str_eq(file, strcmp(want[i], "deny") == 0 ? ACK_POLICY_FILE : ACK_OTHER_ALLOW_FILE);
    }
    /* the last proof: cs:UpdateKMSEncryption on another cluster */
    json_t *last = json_array_get(proofs, nwant - 1);
    ck_assert_str_eq(json_string_value(json_object_get(json_object_get(last, "request"), "action")), "cs:UpdateKMSEncryption");
    ck_assert_str_eq(json_string_value(json_object_get(last, "decision")), other_cluster_decision);
    json_decref(m);
    snprintf(path, sizeof path, "%s/ram-policy.json", out);
    size_t len;
    char *text = slurp(path, &len);
    iamc_doc *doc = iamc_doc_parse(path, text, len, IAMC_LANG_RAM);
    ck_assert_uint_eq(iamc_doc_diagnostic_count(doc), 0);
    char *canon = iamc_doc_format(doc, 0);
    ck_assert_str_eq(canon, text);
    free(canon);
    iamc_doc_free(doc);
    free(text);
    rm_tree(tmpdir);
}

START_TEST(ack_bundle_is_proved)
{
    static const char *const one[] = {"deny", "deny", "allow", "allow"};
    check_ack_bundle("{\"cloud\":\"alibaba\",\"cluster_id\":\"c4fe1\",\"region\":\"cn-hangzhou\",\"kms_key_id\":\"key-1\"}", one, 4, "allow");
    static const char *const all[] = {"deny", "deny", "allow", "deny"};
    check_ack_bundle("{\"cloud\":\"alibaba\",\"cluster_id\":\"c4fe1\",\"region\":\"cn-hangzhou\",\"kms_key_id\":\"key-1\","
                     "\"account_id\":\"1234567890123456\",\"deny_scope\":\"all\"}", all, 4, "deny");
}
END_TEST

/* Wrong documents fail their proofs, and the failing request is shown. */
/* Terraform identifiers of attachments: valid (a prefix, never a leading digit) and unique
 * (a.b, a_b and A.B all lower to a_b). */
START_TEST(ack_terraform_names_unique)
{
    static const char spec_text[] = "{\"cloud\":\"alibaba\",\"cluster_id\":\"c1\",\"region\":\"cn-hangzhou\",\"kms_key_id\":\"key-1\","
                                    "\"attach\":{\"users\":[\"a.b\",\"a_b\",\"1user\",\"A.B\"],\"roles\":[\"a.b\"]}}";
    json_t *spec = json_loads(spec_text, 0, NULL);
    k8s_keysrc keys;
    k8s_keysrc_seeded(&keys, 1);
    k8s_emit_opts o = {&keys, spec_text, strlen(spec_text)};
    k8s_bundle b;
    k8s_bundle_init(&b);
    buf err;
    buf_init(&err);
    ck_assert_msg(ack_emit_bundle(spec, "spec.json", &o, &b, &err) == K8S_EMIT_OK, "%s", err.data);
    const char *tf = NULL;
    for (size_t i = 0; i < b.nfiles; i++)
        if (strcmp(b.files[i].path, "main.tf") == 0) tf = b.files[i].data;
    ck_assert_ptr_nonnull(tf);
    static const char *const want[] = {
        "\"alicloud_ram_user_policy_attachment\" \"user_a_b\" {", "\"alicloud_ram_user_policy_attachment\" \"user_a_b_2\" {",
        "\"alicloud_ram_user_policy_attachment\" \"user_1user\" {", "\"alicloud_ram_user_policy_attachment\" \"user_a_b_3\" {",
        "\"alicloud_ram_role_policy_attachment\" \"role_a_b\" {"};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) ck_assert_msg(strstr(tf, want[i]) != NULL, "%s:\n%s", want[i], tf);
    k8s_bundle_free(&b);
    buf_free(&err);
    json_decref(spec);
}
END_TEST

START_TEST(ack_prove_refuses)
{
    static const struct { const char *doc; int all; const char *want; } cases[] = {
        /* denies the wrong action: the cluster's cs:UpdateKMSEncryption is allowed */
        {"{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":[\"cs:DescribeClusterDetail\"],\"Resource\":[\"*\"]}]}", 0,
         "request: {\"action\":\"cs:UpdateKMSEncryption\",\"resource\":\"acs:cs:cn-hangzhou:1000000000000001:cluster/c1\"}"},
        /* denies every cs action: the other Allow's cs:DescribeClusterDetail is lost */
        {"{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":[\"cs:*\"],\"Resource\":[\"*\"]}]}", 0,
         "proof failed: the other Allow still grants cs:DescribeClusterDetail on the cluster: expected allowed"},
        /* one cluster asked for, all denied */
        {"{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":[\"cs:UpdateKMSEncryption\"],\"Resource\":[\"*\"]}]}", 0,
         "cluster/iamcproofothercluster"},
        /* all clusters asked for, one denied */
        {"{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":[\"cs:UpdateKMSEncryption\"],\"Resource\":[\"acs:cs:*:*:cluster/c1\"]}]}", 1,
         "on another cluster: expected explicit-deny, the policies allow it (allowed)"},
        /* the region pinned: the cluster named with another region escapes */
        {"{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":[\"cs:UpdateKMSEncryption\"],\"Resource\":[\"acs:cs:cn-hangzhou:*:cluster/c1\"]}]}", 0,
         "iamc-proof-other-region"},
        /* a warning is a refusal too: Statement not an array */
        {"{\"Version\":\"1\",\"Statement\":{\"Effect\":\"Deny\",\"Action\":[\"cs:UpdateKMSEncryption\"],\"Resource\":[\"*\"]}}", 1,
         "draws diagnostics from the RAM front end"},
        /* not JSON */
        {"{\"Version\":\"1\",", 0, "draws diagnostics from the RAM front end"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        ack_target t = {"c1", "cn-hangzhou", "*", cases[i].all};
        buf canon, err;
        buf_init(&canon);
        buf_init(&err);
        emit_proofs proofs;
        ck_assert_int_eq(ack_prove(cases[i].doc, &t, &canon, &proofs, &err), -1);
        ck_assert_msg(err.data && strstr(err.data, cases[i].want), "case %zu: %s", i, err.data ? err.data : "(nothing)");
        ck_assert_uint_eq(canon.len, 0);
        emit_proofs_free(&proofs);
        buf_free(&canon);
        buf_free(&err);
    }
}
END_TEST

/* ---- rotation ------------------------------------------------------------------------------ */

static const char rot_input[] =
    "apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\nresources:\n"
    "  - resources: [events]\n    providers: [{identity: {}}]\n"
    "  - resources: [secrets, configmaps]\n    providers:\n"
    "      - aescbc:\n          keys:\n"
    "            - {name: key1, secret: AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=}\n"
    "            - {name: key0, secret: AQECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=}\n"
    "      - identity: {}\n"
    "  - resources: [\"*.apps\"]\n    providers:\n"
    "      - secretbox: {keys: [{name: box, secret: AgECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=}]}\n";

static k8s_doc *rot_doc(void)
{
    k8s_doc *doc = k8s_doc_parse("in.yaml", rot_input, sizeof rot_input - 1);
    k8s_check_opts opts = {-1, 0};
    k8s_doc_check(doc, &opts);
    ck_assert_int_eq(k8s_doc_count(doc, DIAG_ERROR), 0);
    return doc;
}

/* Walk the steps: during step s servers run file s-1 or s; whatever either writes and
 * whatever was stored before must be readable by both, until the rewrite of step 5. */
START_TEST(rotation_keeps_data_readable)
{
    k8s_doc *doc = rot_doc();
    static const k8s_rotate_mode modes[] = {K8S_ROTATE_KEY, K8S_ROTATE_TO_KMS, K8S_ROTATE_DISABLE};
    for (size_t m = 0; m < 3; m++) {
        arena mem;
        arena_init(&mem);
        k8s_keysrc keys;
        k8s_keysrc_seeded(&keys, 9);
        k8s_rotate_kms kms = {"kek", "unix:///var/run/kms.sock", "3s"};
        k8s_rotation r;
        buf err;
        buf_init(&err);
        ck_assert_msg(k8s_rotation_plan(&r, k8s_doc_config(doc), modes[m], &kms, &keys, &mem, &err) == 0, "%s", err.data);
        ck_assert_msg(k8s_rotation_verify(&r, &err) == 0, "mode %zu: %s", m, err.data);
        for (int s = 1; s <= K8S_ROTATION_STEPS; s++) {
            buf y;
            buf_init(&y);
            k8s_config_print(r.steps[s], &y);
            k8s_doc *sd = k8s_doc_parse("step.yaml", y.data, y.len);
            k8s_check_opts opts = {0600, 0};
            k8s_doc_check(sd, &opts);
            ck_assert_msg(k8s_doc_count(sd, DIAG_ERROR) == 0, "mode %zu step %d:\n%s", m, s, y.data);
            k8s_doc_free(sd);
            buf_free(&y);
        }
        if (modes[m] == K8S_ROTATE_KEY) {
            /* names are stable: the new key of step 1 is the new key of steps 3 and 6 */
            const k8s_provider *p1 = r.steps[1]->lists->next->providers, *p3 = r.steps[3]->lists->next->providers,
                               *p6 = r.steps[6]->lists->next->providers;
            ck_assert_str_eq(p1->keys->next->name, p3->keys->name);
            ck_assert_str_eq(p3->keys->name, p6->keys->name);
            ck_assert_str_eq(p1->keys->next->secret, p6->keys->secret);
            ck_assert_str_eq(p3->keys->next->name, "key1");
            ck_assert_int_eq(p6->nkeys, 1);
            /* the old key is in every file before the rewrite is complete */
            for (int s = 1; s < K8S_ROTATION_STEPS; s++) {
                int has_old = 0;
                for (const k8s_key *k = r.steps[s]->lists->next->providers->keys; k; k = k->next)
                    has_old |= strcmp(k->name, "key1") == 0;
                ck_assert_msg(has_old, "step %d dropped key1", s);
            }
            /* the property rejects the unsafe orders: new key first at step 1 ... */
            k8s_rotation bad = r;
            bad.steps[1] = r.steps[3];
            ck_assert_int_ne(k8s_rotation_verify(&bad, &err), 0);
            /* ... and the old key dropped before the rewrite */
            bad = r;
            bad.steps[4] = r.steps[6];
            bad.steps[5] = r.steps[6];
            ck_assert_int_ne(k8s_rotation_verify(&bad, &err), 0);
        }
        buf_free(&err);
        arena_free(&mem);
    }
    k8s_doc_free(doc);
}
END_TEST

/* A kms provider is a key source by apiVersion and name (the stored prefix) and endpoint:
 * --to kms with the name of another provider is refused, and the proof rejects a plan that
 * replaces it (the v1 one, or a v2 one at another endpoint). */
START_TEST(rotation_kms_same_name)
{
    static const char *const kept[] = {"{name: vault, apiVersion: v1, endpoint: \"unix:///old.sock\", cachesize: 10}",
                                       "{name: vault, apiVersion: v2, endpoint: \"unix:///old.sock\"}"};
    for (size_t i = 0; i < 2; i++) {
        char text[1024], replaced[1024];
        static const char head[] = "apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\nresources:\n"
                                   "  - resources: [secrets]\n    providers:\n"
                                   "      - aescbc: {keys: [{name: key1, secret: AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=}]}\n";
        snprintf(text, sizeof text, "%s      - kms: %s\n      - identity: {}\n", head, kept[i]);
        snprintf(replaced, sizeof replaced, "%s      - kms: {name: vault, apiVersion: v2, endpoint: \"unix:///new.sock\"}\n"
                 "      - identity: {}\n", head);
        k8s_doc *doc = k8s_doc_parse("in.yaml", text, strlen(text));
        k8s_doc_check(doc, NULL);
        ck_assert_int_eq(k8s_doc_count(doc, DIAG_ERROR), 0);
        arena mem;
        arena_init(&mem);
        k8s_keysrc keys;
        k8s_keysrc_seeded(&keys, 1);
        k8s_rotate_kms kms = {"vault", "unix:///new.sock", NULL};
        k8s_rotation r;
        buf err;
        buf_init(&err);
        ck_assert_int_ne(k8s_rotation_plan(&r, k8s_doc_config(doc), K8S_ROTATE_TO_KMS, &kms, &keys, &mem, &err), 0);
        ck_assert_msg(strstr(err.data, "already has a kms provider of that name") && strstr(err.data, "choose another --kms-name"),
                      "%s", err.data);
        /* another name: planned, proved, and the old provider is in every file */
        kms.name = "vault-2";
        buf_free(&err);
        buf_init(&err);
        ck_assert_msg(k8s_rotation_plan(&r, k8s_doc_config(doc), K8S_ROTATE_TO_KMS, &kms, &keys, &mem, &err) == 0, "%s", err.data);
        ck_assert_msg(k8s_rotation_verify(&r, &err) == 0, "%s", err.data);
        for (int s = 1; s <= K8S_ROTATION_STEPS; s++) {
            int has_old = 0;
            for (const k8s_provider *p = r.steps[s]->lists->providers; p; p = p->next)
                has_old |= p->type == K8S_PROVIDER_KMS && strcmp(p->kms.name, "vault") == 0 &&
                           strcmp(p->kms.endpoint, "unix:///old.sock") == 0;
            ck_assert_msg(has_old || s == K8S_ROTATION_STEPS, "step %d dropped the old vault", s);
        }
        /* the proof: vault replaced by a v2 vault on another socket loses the stored data */
        k8s_doc *rep = k8s_doc_parse("rep.yaml", replaced, strlen(replaced));
        k8s_doc_check(rep, NULL);
        k8s_rotation bad = r;
        for (int s = 1; s <= K8S_ROTATION_STEPS; s++) bad.steps[s] = (k8s_config *)k8s_doc_config(rep);
        buf_free(&err);
        buf_init(&err);
        ck_assert_int_ne(k8s_rotation_verify(&bad, &err), 0);
        ck_assert_msg(strstr(err.data, "cannot read data written with resources[0] kms") && strstr(err.data, "vault at unix:///old.sock"),
                      "%s", err.data);
        k8s_doc_free(rep);
        buf_free(&err);
        arena_free(&mem);
        k8s_doc_free(doc);
    }
}
END_TEST

START_TEST(rotation_nothing_to_do)
{
    static const char text[] = "apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\nresources:\n"
                               "  - resources: [secrets]\n    providers:\n"
                               "      - kms: {apiVersion: v2, name: kek, endpoint: unix:///k.sock}\n";
    k8s_doc *doc = k8s_doc_parse("kms.yaml", text, sizeof text - 1);
    k8s_doc_check(doc, NULL);
    arena mem;
    arena_init(&mem);
    k8s_keysrc keys;
    k8s_keysrc_seeded(&keys, 1);
    k8s_rotation r;
    buf err;
    buf_init(&err);
    ck_assert_int_ne(k8s_rotation_plan(&r, k8s_doc_config(doc), K8S_ROTATE_KEY, NULL, &keys, &mem, &err), 0);
    ck_assert(strstr(err.data, "rotate the key in the KMS") != NULL);
    buf_free(&err);
    arena_free(&mem);
    k8s_doc_free(doc);
}
END_TEST

Suite *k8s_suite(void)
{
    Suite *s = suite_create("k8s");
    TCase *tc = tcase_create("k8s");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, corpus_valid);
    tcase_add_test(tc, corpus_invalid);
    tcase_add_test(tc, rule_table);
    tcase_add_test(tc, values);
    tcase_add_test(tc, sniff);
    tcase_add_test(tc, secrets_never_printed);
    tcase_add_test(tc, key_entries_never_printed);
    tcase_add_test(tc, emit_kubernetes_passes_check);
    tcase_add_test(tc, rewrite_script_quotes_names);
    tcase_add_test(tc, ack_bundle_is_proved);
    tcase_add_test(tc, ack_prove_refuses);
    tcase_add_test(tc, ack_terraform_names_unique);
    tcase_add_test(tc, rotation_keeps_data_readable);
    tcase_add_test(tc, rotation_kms_same_name);
    tcase_add_test(tc, rotation_nothing_to_do);
    suite_add_tcase(s, tc);
    return s;
}
