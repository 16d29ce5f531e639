/* decide: table-driven decision cases.  Each tests/decide/NAME.cases.jsonl holds one case
 * per line, decided against tests/decide/NAME.world.json:
 *   {"name": "…", "request": {…}, "expect": "allow"|"deny", "reason": "implicit-deny",
 *    "lines": [6],            (optional: the line of each deciding statement, in order)
 *    "near": ["location"],    (optional: the "failed" part of each near miss, in order)
 *    "total": 520}            (optional: how many statements decided, all listed by iamc_explain)
 * plus the engine's properties: no allocation-visible state, thread safety. */
#include <dirent.h>
#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "iamc.h"
#include "suites.h"

static int ends_with(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    return n >= m && strcmp(s + n - m, suf) == 0;
}

/* The expectations of one case against decision D. */
/* The near misses of the explanation EX against the case's "near" list. */
static void check_near(const char *where, size_t lineno, const char *name, json_t *c, const char *ex)
{
    json_error_t jerr;
    json_t *o = json_loads(ex, 0, &jerr);
    ck_assert_msg(o != NULL, "%s:%zu %s: explanation is not JSON: %s", where, lineno, name, jerr.text);
    json_t *total = json_object_get(c, "total");
    if (total)
        ck_assert_msg(json_array_size(json_object_get(o, "statements")) == (size_t)json_integer_value(total),
                      "%s:%zu %s: the explanation lists %zu statements, expected %lld", where, lineno, name,
                      json_array_size(json_object_get(o, "statements")), (long long)json_integer_value(total));
    json_t *want = json_object_get(c, "near");
    if (!want) {
        json_decref(o);
        return;
    }
    json_t *got = json_object_get(o, "near_misses");
    ck_assert_msg(json_array_size(got) == json_array_size(want), "%s:%zu %s: %zu near misses, expected %zu:\n%s", where,
                  lineno, name, json_array_size(got), json_array_size(want), ex);
    for (size_t i = 0; i < json_array_size(want); i++) {
        const char *g = json_string_value(json_object_get(json_array_get(got, i), "failed"));
        const char *w = json_string_value(json_array_get(want, i));
        ck_assert_msg(g && w && strcmp(g, w) == 0, "%s:%zu %s: near miss %zu failed at %s, expected %s:\n%s", where, lineno,
                      name, i, g ? g : "?", w ? w : "?", ex);
    }
    json_decref(o);
}

static void check_decision(const char *where, size_t lineno, const char *name, json_t *c, int allowed,
                           const iamc_decision *d)
{
    const char *expect = json_string_value(json_object_get(c, "expect"));
    const char *reason = json_string_value(json_object_get(c, "reason"));
    ck_assert_msg(allowed == (strcmp(expect, "allow") == 0), "%s:%zu %s: expected %s, got %s (%s)", where, lineno, name,
                  expect, allowed ? "allow" : "deny", iamc_reason_name(d->reason));
    if (reason)
        ck_assert_msg(strcmp(reason, iamc_reason_name(d->reason)) == 0, "%s:%zu %s: reason %s, expected %s", where,
                      lineno, name, iamc_reason_name(d->reason), reason);
    json_t *total = json_object_get(c, "total");
    if (total) {
        size_t n = (size_t)json_integer_value(total);
        ck_assert_msg(d->nstatements_total == n, "%s:%zu %s: %zu deciding statements in all, expected %zu", where, lineno,
                      name, d->nstatements_total, n);
        ck_assert_msg(d->nstatements == (n < IAMC_DECISION_MAX_STATEMENTS ? n : IAMC_DECISION_MAX_STATEMENTS),
                      "%s:%zu %s: %zu statements kept of %zu", where, lineno, name, d->nstatements, n);
    }
    ck_assert_msg(d->nstatements <= d->nstatements_total, "%s:%zu %s: %zu statements of %zu", where, lineno, name,
                  d->nstatements, d->nstatements_total);
    json_t *lines = json_object_get(c, "lines");
    if (!lines) return;
    ck_assert_msg(json_array_size(lines) == d->nstatements, "%s:%zu %s: %zu deciding statements, expected %zu", where,
                  lineno, name, d->nstatements, json_array_size(lines));
    for (size_t i = 0; i < d->nstatements; i++)
        ck_assert_msg((json_int_t)d->statements[i].line == json_integer_value(json_array_get(lines, i)),
                      "%s:%zu %s: statement %zu is on line %u", where, lineno, name, i, d->statements[i].line);
}

/* BAD: the world is one of tests/decide/bad, whose errors are expected. */
static size_t run_cases(const char *dir, const char *cases_name, int bad)
{
    char world_path[8192], cases_path[8192];
    snprintf(cases_path, sizeof cases_path, "%s/%s", dir, cases_name);
    snprintf(world_path, sizeof world_path, "%s/%.*s.world.json", dir, (int)(strlen(cases_name) - strlen(".cases.jsonl")), cases_name);
    char err[512];
    iamc_world *w = iamc_world_load(world_path, err, sizeof err);
    ck_assert_msg(w != NULL, "%s: %s", world_path, err);
    if (!bad && iamc_world_error_count(w)) {
        char *d = iamc_world_render_diagnostics(w);
        ck_abort_msg("%s has errors:\n%s", world_path, d);
    }
    FILE *f = fopen(cases_path, "r");
    ck_assert_msg(f != NULL, "cannot open %s", cases_path);
    char *line = NULL;
    size_t cap = 0, n = 0, lineno = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, f)) > 0) {
        lineno++;
        if (len <= 1 || line[0] == '#') continue;
        json_error_t jerr;
        json_t *c = json_loads(line, 0, &jerr);
        ck_assert_msg(c != NULL, "%s:%zu: %s", cases_path, lineno, jerr.text);
        const char *name = json_string_value(json_object_get(c, "name"));
        const char *expect = json_string_value(json_object_get(c, "expect"));
        ck_assert_msg(name && expect, "%s:%zu: a case needs name and expect", cases_path, lineno);
        char *req = json_dumps(json_object_get(c, "request"), 0);
        iamc_request *r = iamc_request_parse(w, req, strlen(req), err, sizeof err);
        const char *error = json_string_value(json_object_get(c, "error"));
        if (strcmp(expect, "error") == 0) {
            ck_assert_msg(r == NULL, "%s:%zu %s: the request should be refused", cases_path, lineno, name);
            if (error) ck_assert_msg(strstr(err, error) != NULL, "%s:%zu %s: error '%s' lacks '%s'", cases_path, lineno, name, err, error);
        } else {
            ck_assert_msg(r != NULL, "%s:%zu %s: request refused: %s", cases_path, lineno, name, err);
            iamc_decision d;
            int allowed = iamc_decide(w, r, &d);
            check_decision(cases_path, lineno, name, c, allowed, &d);
            char *ex = iamc_explain(w, r);
            ck_assert_ptr_nonnull(ex);
            check_near(cases_path, lineno, name, c, ex);
            free(ex);
            iamc_request_free(r);
        }
        free(req);
        json_decref(c);
        n++;
    }
    free(line);
    fclose(f);
    iamc_world_free(w);
    return n;
}

/* JSON policies: tests/decide/NAME.ram-cases.jsonl, one case per line:
 *   {"name": "…", "policies": ["ram/kms.json", …] (relative to tests/decide), "request": {…},
 *    "expect": "allow"|"deny"|"error", "reason": "…", "lines": [N], "error": "…"} */
static size_t run_ram_cases(const char *dir, const char *cases_name)
{
    char cases_path[8192];
    snprintf(cases_path, sizeof cases_path, "%s/%s", dir, cases_name);
    FILE *f = fopen(cases_path, "r");
    ck_assert_msg(f != NULL, "cannot open %s", cases_path);
    char *line = NULL, err[512];
    size_t cap = 0, n = 0, lineno = 0;
    while (getline(&line, &cap, f) > 0) {
        lineno++;
        if (line[0] == '#' || line[0] == '\n') continue;
        json_error_t jerr;
        json_t *c = json_loads(line, 0, &jerr);
        ck_assert_msg(c != NULL, "%s:%zu: %s", cases_path, lineno, jerr.text);
        const char *name = json_string_value(json_object_get(c, "name"));
        const char *expect = json_string_value(json_object_get(c, "expect"));
        json_t *pols = json_object_get(c, "policies");
        ck_assert_msg(name && expect && json_is_array(pols), "%s:%zu: a case needs name, expect, policies", cases_path, lineno);
        char paths[16][8192];
        const char *pp[16];
        size_t np = json_array_size(pols);
        ck_assert_uint_le(np, 16);
        for (size_t i = 0; i < np; i++) {
            snprintf(paths[i], sizeof paths[i], "%s/%s", dir, json_string_value(json_array_get(pols, i)));
            pp[i] = paths[i];
        }
        iamc_policy_set *set = iamc_policy_set_load(pp, np, IAMC_LANG_AUTO, err, sizeof err);
        ck_assert_msg(set != NULL, "%s:%zu %s: %s", cases_path, lineno, name, err);
        ck_assert_msg(iamc_policy_set_error_count(set) == 0, "%s:%zu %s: policies have errors:\n%s", cases_path, lineno,
                      name, iamc_policy_set_render_diagnostics(set));
        char *req = json_dumps(json_object_get(c, "request"), 0);
        iamc_action_request *r = iamc_action_request_parse(req, strlen(req), err, sizeof err);
        if (strcmp(expect, "error") == 0) {
            ck_assert_msg(r == NULL, "%s:%zu %s: the request should be refused", cases_path, lineno, name);
            const char *want = json_string_value(json_object_get(c, "error"));
            if (want) ck_assert_msg(strstr(err, want) != NULL, "%s:%zu %s: '%s' lacks '%s'", cases_path, lineno, name, err, want);
        } else {
            ck_assert_msg(r != NULL, "%s:%zu %s: request refused: %s", cases_path, lineno, name, err);
            iamc_decision d;
            int allowed = iamc_policy_decide(set, r, &d);
            check_decision(cases_path, lineno, name, c, allowed, &d);
            char *ex = iamc_policy_explain(set, r);
            ck_assert_ptr_nonnull(ex);
            free(ex);
        }
        iamc_action_request_free(r);
        iamc_policy_set_free(set);
        free(req);
        json_decref(c);
        n++;
    }
    free(line);
    fclose(f);
    return n;
}

START_TEST(decision_cases)
{
    const char *dir = test_path("tests/decide");
    char d[4096];
    snprintf(d, sizeof d, "%s", dir);
    DIR *dh = opendir(d);
    ck_assert_msg(dh != NULL, "cannot open %s", d);
    struct dirent *e;
    size_t total = 0;
    while ((e = readdir(dh)))
        if (ends_with(e->d_name, ".ram-cases.jsonl")) total += run_ram_cases(d, e->d_name);
        else if (ends_with(e->d_name, ".cases.jsonl")) total += run_cases(d, e->d_name, 0);
    closedir(dh);
    ck_assert_msg(total >= 150, "only %zu decision cases", total);
}
END_TEST

/* Worlds OCI would not accept: tests/decide/bad/NAME.world.json fails to load with exactly
 * the diagnostics of NAME.err (file names relative to tests/decide/bad); NAME.cases.jsonl,
 * when there is one, holds what a library user who decides anyway gets. */
static char *read_all(const char *path)
{
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    char *text = NULL;
    size_t len = 0, cap = 0, n;
    char chunk[4096];
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (len + n + 1 > cap) {
            cap = (len + n + 1) * 2;
            text = realloc(text, cap);
            ck_assert(text != NULL);
        }
        memcpy(text + len, chunk, n);
        len += n;
    }
    fclose(f);
    if (!text) text = calloc(1, 1);
    text[len] = '\0';
    return text;
}

START_TEST(bad_worlds)
{
    char dir[4096], prefix[4200];
    snprintf(dir, sizeof dir, "%s", test_path("tests/decide/bad"));
    snprintf(prefix, sizeof prefix, "%s/", dir);
    DIR *dh = opendir(dir);
    ck_assert_msg(dh != NULL, "cannot open %s", dir);
    struct dirent *e;
    size_t total = 0;
    while ((e = readdir(dh))) {
        if (ends_with(e->d_name, ".cases.jsonl")) run_cases(dir, e->d_name, 1);
        if (!ends_with(e->d_name, ".world.json")) continue;
        char path[8400], errpath[8400], err[512];
        snprintf(path, sizeof path, "%s%s", prefix, e->d_name);
        snprintf(errpath, sizeof errpath, "%s%.*s.err", prefix, (int)(strlen(e->d_name) - strlen(".world.json")), e->d_name);
        iamc_world *w = iamc_world_load(path, err, sizeof err);
        ck_assert_msg(w != NULL, "%s: %s", path, err);
        ck_assert_msg(iamc_world_error_count(w) > 0, "%s: no errors", path);
        char *got = iamc_world_render_diagnostics(w);
        /* the names relative to the folder */
        size_t pn = strlen(prefix);
        char *o = got;
        for (char *p = got; *p;)
            if (strncmp(p, prefix, pn) == 0) p += pn;
            else *o++ = *p++;
        *o = '\0';
        char *want = read_all(errpath);
        ck_assert_msg(strcmp(got, want) == 0, "%s: diagnostics\n%s\nexpected\n%s", path, got, want);
        free(want);
        free(got);
        iamc_world_free(w);
        total++;
    }
    closedir(dh);
    ck_assert_msg(total > 0, "no bad worlds in %s", dir);
}
END_TEST

/* Two threads decide against one world at once (run under -fsanitize=thread by
 * `make check SANITIZE=thread`): the answers must match the single-threaded ones. */
typedef struct job { const iamc_world *w; const iamc_request *allow, *deny; int bad; } job;

static void *decide_many(void *arg)
{
    job *j = arg;
    for (int i = 0; i < 20000; i++) {
        iamc_decision d;
        if (iamc_decide(j->w, j->allow, &d) != 1 || d.reason != IAMC_REASON_ALLOWED) j->bad++;
        if (iamc_decide(j->w, j->deny, &d) != 0 || d.reason != IAMC_REASON_MISSING_ADMIT) j->bad++;
    }
    return NULL;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    ck_assert_uint_eq(fread(s, 1, (size_t)n, f), (size_t)n);
    s[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return s;
}

/* iamc_policy_set_parse: documents from memory decide as from files, with their names. */
START_TEST(policy_set_from_memory)
{
    const char *names[] = {"deny.json", "allow.json"};
    const char *texts[] = {"{\"Version\": \"1\", \"Statement\": [{\"Effect\": \"Deny\", \"Action\": \"cs:UpdateKMSEncryption\", \"Resource\": \"*\"}]}",
                           "{\"Version\": \"1\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"cs:*\", \"Resource\": \"*\"}]}  "};
    size_t lens[] = {strlen(texts[0]), strlen(texts[1]) - 2};   /* LENS, not the NUL, ends a text */
    iamc_policy_set *set = iamc_policy_set_parse(names, texts, lens, 2, IAMC_LANG_RAM);
    ck_assert_uint_eq(iamc_policy_set_error_count(set), 0);
    char *diags = iamc_policy_set_render_diagnostics(set);
    ck_assert_str_eq(diags, "");
    free(diags);
    static const struct { const char *action; int allowed; const char *file; } cases[] = {
        {"cs:UpdateKMSEncryption", 0, "deny.json"}, {"cs:DescribeClusterDetail", 1, "allow.json"}};
    for (size_t i = 0; i < 2; i++) {
        char req[200], err[200];
        snprintf(req, sizeof req, "{\"action\": \"%s\", \"resource\": \"acs:cs:cn-hangzhou:1:cluster/c1\"}", cases[i].action);
        iamc_action_request *r = iamc_action_request_parse(req, strlen(req), err, sizeof err);
        ck_assert_ptr_nonnull(r);
        iamc_decision d;
        ck_assert_int_eq(iamc_policy_decide(set, r, &d), cases[i].allowed);
        ck_assert_uint_eq(d.nstatements, 1);
        ck_assert_str_eq(d.statements[0].file, cases[i].file);
        iamc_action_request_free(r);
    }
    iamc_policy_set_free(set);
    /* a broken text is a diagnostic of the set, under its name */
    const char *bad = "{\"Version\": \"1\",";
    size_t blen = strlen(bad);
    set = iamc_policy_set_parse(names, &bad, &blen, 1, IAMC_LANG_AUTO);
    ck_assert_uint_gt(iamc_policy_set_error_count(set), 0);
    diags = iamc_policy_set_render_diagnostics(set);
    ck_assert_ptr_nonnull(strstr(diags, "deny.json:1:"));
    free(diags);
    iamc_policy_set_free(set);
}
END_TEST

START_TEST(two_threads_decide_at_once)
{
    char err[512], path[4096];
    snprintf(path, sizeof path, "%s", test_path("examples/worlds/oke.json"));
    iamc_world *w = iamc_world_load(path, err, sizeof err);
    ck_assert_ptr_nonnull(w);
    ck_assert_uint_eq(iamc_world_error_count(w), 0);
    size_t n1, n2;
    char p1[4096], p2[4096];
    snprintf(p1, sizeof p1, "%s", test_path("examples/requests/cluster-decrypt-cross.json"));
    snprintf(p2, sizeof p2, "%s", test_path("examples/requests/cluster-other-key.json"));
    char *a = slurp(p1, &n1), *b = slurp(p2, &n2);
    iamc_request *ra = iamc_request_parse(w, a, n1, err, sizeof err);
    iamc_request *rb = iamc_request_parse(w, b, n2, err, sizeof err);
    ck_assert_ptr_nonnull(ra);
    ck_assert_ptr_nonnull(rb);
    job j1 = {w, ra, rb, 0}, j2 = {w, ra, rb, 0};
    pthread_t t1, t2;
    pthread_create(&t1, NULL, decide_many, &j1);
    pthread_create(&t2, NULL, decide_many, &j2);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    ck_assert_int_eq(j1.bad + j2.bad, 0);
    iamc_request_free(ra);
    iamc_request_free(rb);
    free(a);
    free(b);
    iamc_world_free(w);
}
END_TEST

/* JSON policies too: the first decision on a fresh set is made by two threads at once (the
 * deciding statement's line:column must not be computed lazily then). */
typedef struct ram_job { const iamc_policy_set *set; const iamc_action_request *deny, *allow; int bad; } ram_job;

static void *ram_decide_many(void *arg)
{
    ram_job *j = arg;
    for (int i = 0; i < 20000; i++) {
        iamc_decision d;
        if (iamc_policy_decide(j->set, j->deny, &d) != 0 || d.nstatements != 1 || d.statements[0].line != 2) j->bad++;
        if (iamc_policy_decide(j->set, j->allow, &d) != 1 || d.nstatements != 1 || d.statements[0].line != 3) j->bad++;
    }
    return NULL;
}

START_TEST(two_threads_decide_json_at_once)
{
    const char *name = "ack.json";
    const char *text = "{\"Version\": \"1\", \"Statement\": [\n"
                       " {\"Effect\": \"Deny\", \"Action\": \"cs:UpdateKMSEncryption\", \"Resource\": \"*\"},\n"
                       " {\"Effect\": \"Allow\", \"Action\": \"cs:*\", \"Resource\": \"*\"}]}\n";
    size_t len = strlen(text);
    iamc_policy_set *set = iamc_policy_set_parse(&name, &text, &len, 1, IAMC_LANG_RAM);
    ck_assert_uint_eq(iamc_policy_set_error_count(set), 0);
    char err[200];
    const char *deny = "{\"action\": \"cs:UpdateKMSEncryption\", \"resource\": \"acs:cs:cn-hangzhou:1:cluster/c1\"}";
    const char *allow = "{\"action\": \"cs:DescribeClusterDetail\", \"resource\": \"acs:cs:cn-hangzhou:1:cluster/c1\"}";
    iamc_action_request *rd = iamc_action_request_parse(deny, strlen(deny), err, sizeof err);
    iamc_action_request *ra = iamc_action_request_parse(allow, strlen(allow), err, sizeof err);
    ck_assert_ptr_nonnull(rd);
    ck_assert_ptr_nonnull(ra);
    ram_job j1 = {set, rd, ra, 0}, j2 = {set, rd, ra, 0};
    pthread_t t1, t2;
    pthread_create(&t1, NULL, ram_decide_many, &j1);
    pthread_create(&t2, NULL, ram_decide_many, &j2);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    ck_assert_int_eq(j1.bad + j2.bad, 0);
    iamc_action_request_free(rd);
    iamc_action_request_free(ra);
    iamc_policy_set_free(set);
}
END_TEST

/* Request errors start with LINE:COL of the value they are about (the CLI shows them as
 * FILE:LINE:COL), for both kinds of request; a short ERR is cut, not overrun. */
START_TEST(request_errors_have_positions)
{
    char err[512], path[4096];
    snprintf(path, sizeof path, "%s", test_path("tests/decide/requests.world.json"));
    iamc_world *w = iamc_world_load(path, err, sizeof err);
    ck_assert_ptr_nonnull(w);
    static const struct { const char *json, *want; } oci[] = {
        {"{\"principal\": {\"tenancy\": \"AcmeTenancy\",\n  \"groups\": [\"KeyUsers\", \"H\"]},\n \"permission\": \"KEY_READ\"}",
         "2:26: principal: group 'H' is not in tenancy AcmeTenancy"},
        {"{\"principal\": {\"tenancy\": \"AcmeTenancy\"},\n \"permission\": \"KEY_DECRYPTT\"}", "2:16: permission: unknown permission"},
        {"{\"principal\": {\"tenancy\": \"AcmeTenancy\"},\n \"permission\": \"KEY_READ\" x}", "2:27: invalid JSON: "},
        {"{\"principal\": {\"tenancy\": \"AcmeTenancy\"}, \"permission\": \"KEY_READ\",\n\t\"varables\": {}}", "2:2: request: unknown member \"varables\" (did you mean \"variables\"?)"},
        {"[1]", "1:1: a request is a JSON object"},
        {"{\"principal\": {\"tenancy\": \"AcmeTenancy\"}, \"permission\": \"KEY_READ\",\n \"variables\": {\"a/b~c\": \"x\"}}",
         "2:16: variables: unknown variable \"a/b~c\""},
    };
    for (size_t i = 0; i < sizeof oci / sizeof *oci; i++) {
        ck_assert_ptr_null(iamc_request_parse(w, oci[i].json, strlen(oci[i].json), err, sizeof err));
        ck_assert_msg(strncmp(err, oci[i].want, strlen(oci[i].want)) == 0, "'%s' does not start with '%s'", err, oci[i].want);
    }
    char tiny[6];
    ck_assert_ptr_null(iamc_request_parse(w, oci[0].json, strlen(oci[0].json), tiny, sizeof tiny));
    ck_assert_str_eq(tiny, "2:26:");
    iamc_world_free(w);
    static const struct { const char *json, *want; } ram[] = {
        {"{\"action\": \"kms:Decrypt\",\n \"contxt\": {}}", "2:2: request: unknown member \"contxt\" (did you mean \"context\"?)"},
        {"{\"action\": \"kms:Decrypt\",\n \"context\": {\"a\": [\"x\", {}]}}", "2:25: context: \"a\" must be"},
        {"{\"action\": 1}", "1:12: \"action\" must be a string"},
        {"\n\n  {\"action\" 1}", "3:13: invalid JSON: "},
    };
    for (size_t i = 0; i < sizeof ram / sizeof *ram; i++) {
        ck_assert_ptr_null(iamc_action_request_parse(ram[i].json, strlen(ram[i].json), err, sizeof err));
        ck_assert_msg(strncmp(err, ram[i].want, strlen(ram[i].want)) == 0, "'%s' does not start with '%s'", err, ram[i].want);
    }
}
END_TEST

Suite *decide_suite(void)
{
    Suite *s = suite_create("decide");
    TCase *tc = tcase_create("cases");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, decision_cases);
    tcase_add_test(tc, bad_worlds);
    tcase_add_test(tc, policy_set_from_memory);
    tcase_add_test(tc, two_threads_decide_at_once);
    tcase_add_test(tc, two_threads_decide_json_at_once);
    tcase_add_test(tc, request_errors_have_positions);
    suite_add_tcase(s, tc);
    return s;
}
