/* Lint: the rule table, the corpus of tests/corpus/lint (a failing and a passing case per
 * rule, run through the iamc binary), and the SARIF output against a structural validator
 * of the SARIF 2.1.0 schema (the parts iamc emits: required properties, types, enums,
 * additionalProperties: false).  No network: the schema's rules are written down here. */
#include <dirent.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "base/buf.h"
#include "lint/lint.h"
#include "suites.h"

/* JSON paths in messages are short; a truncated one would still name the place. */
#pragma GCC diagnostic ignored "-Wformat-truncation"

/* ---- running the binary ------------------------------------------------------------------ */

static char *read_all(FILE *f)
{
    buf b;
    buf_init(&b);
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) buf_put(&b, chunk, n);
    if (!b.data) buf_puts(&b, "");
    return buf_take(&b);
}

static char *run_capture(const char *cmd)
{
    FILE *p = popen(cmd, "r");
    ck_assert_msg(p != NULL, "cannot run %s", cmd);
    char *s = read_all(p);
    pclose(p);
    return s;
}

static const char *iamc_bin(void)
{
    const char *bin = getenv("IAMC_BIN");
    return bin ? bin : "build/iamc";
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    char *s = read_all(f);
    fclose(f);
    return s;
}

/* A K8S case (NAME.yaml) is checked as a copy in a fresh directory DIR, with mode 0600 or
 * the octal mode of NAME-without-.yaml.mode: the file mode is what rule K8S055 judges. */
static void k8s_case_copy(const char *name, char *dir, size_t n)
{
    char src[4096], path[4200], mode_path[4200];
    snprintf(dir, n, "/tmp/iamc-lint-case-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(src, sizeof src, "%s/%s", test_path("tests/corpus/lint"), name);
    snprintf(mode_path, sizeof mode_path, "%.*s.mode", (int)(strlen(src) - 5), src);
    snprintf(path, sizeof path, "%s/%s", dir, name);
    char *text = slurp(src);
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
    free(text);
    struct stat st;
    unsigned mode = 0600;
    if (stat(mode_path, &st) == 0) {
        char *m = slurp(mode_path);
        mode = (unsigned)strtoul(m, NULL, 8);
        free(m);
    }
    ck_assert_int_eq(chmod(path, mode), 0);
}

/* `iamc lint --format FMT` on CASE (a file or directory of tests/corpus/lint), run there (a
 * K8S case: in a copy). */
static char *lint_case(const char *name, const char *format)
{
    char dir[4096], cmd[8192], world[4200];
    size_t n = strlen(name);
    int k8s = n > 5 && strcmp(name + n - 5, ".yaml") == 0;
    if (k8s) k8s_case_copy(name, dir, sizeof dir);
    else snprintf(dir, sizeof dir, "%s", test_path("tests/corpus/lint"));
    snprintf(world, sizeof world, "%s/%s/world.json", dir, name);
    struct stat st;
    int has_world = stat(world, &st) == 0;
    snprintf(cmd, sizeof cmd, "cd '%s' && '%s' lint --no-config --fail-on never --format %s %s%s%s 2>&1", dir, iamc_bin(),
             format, has_world ? "--world " : "", name, has_world ? "/world.json" : "");
    char *out = run_capture(cmd);
    if (k8s) {
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
        ck_assert_int_eq(system(cmd), 0);
    }
    return out;
}

/* ---- the table --------------------------------------------------------------------------- */

START_TEST(test_rule_table)
{
    for (int i = 0; i < LINT_NRULES; i++) {
        const lint_rule *r = &lint_rules[i];
        ck_assert_msg(r->id && r->name && r->summary && r->why && r->bad && r->good, "rule %d is incomplete", i);
        char want[16];
        int first_ram = LINT_RAM_INVALID;
        ck_assert_int_eq(r->lang == LINT_LANG_K8S, i >= LINT_K8S_FIRST);
        if (r->lang == LINT_LANG_K8S) snprintf(want, sizeof want, "K8S%.3s", r->id + 3);   /* K8S001…, with gaps */
        else if (r->lang == LINT_LANG_RAM) snprintf(want, sizeof want, "RAM%03d", i - first_ram + 1);
        else snprintf(want, sizeof want, "OCI%03d", i + 1);
        ck_assert_int_eq(r->lang == LINT_LANG_RAM, i >= first_ram && i < LINT_K8S_FIRST);
        ck_assert_str_eq(r->id, want);
        ck_assert_int_eq(r->input_error != 0, r->lang == LINT_LANG_K8S && r->input_error);
        ck_assert_int_eq(lint_rule_find(r->id, strlen(r->id)), i);
        ck_assert_int_eq(lint_rule_find(r->name, strlen(r->name)), i);
        for (int k = 0; k < i; k++) ck_assert_msg(strcmp(lint_rules[k].name, r->name) != 0, "duplicate name %s", r->name);
    }
    ck_assert_int_ge(LINT_NRULES, 40);
    ck_assert_int_ge(LINT_K8S_FIRST - LINT_RAM_INVALID, 15);
    ck_assert_int_eq(LINT_NRULES - LINT_K8S_FIRST, 45);
    ck_assert_int_eq(lint_rule_find("OCI999", 6), -1);
    lint_severity s;
    ck_assert_int_eq(lint_severity_parse("note", &s), 0);
    ck_assert_int_eq(s, LINT_INFO);
}
END_TEST

/* ---- the corpus -------------------------------------------------------------------------- */

static int exists(const char *rel)
{
    struct stat st;
    return stat(test_path(rel), &st) == 0;
}

/* "FILE:LINE:COL RULE" per finding, as in the .expect files. */
static char *findings_lines(const char *json_text, const char *what)
{
    json_error_t err;
    json_t *arr = json_loads(json_text, 0, &err);
    ck_assert_msg(json_is_array(arr), "%s: not a JSON array: %s\n%s", what, err.text, json_text);
    buf b;
    buf_init(&b);
    for (size_t i = 0; i < json_array_size(arr); i++) {
        json_t *f = json_array_get(arr, i);
        buf_printf(&b, "%s:%d:%d %s\n", json_string_value(json_object_get(f, "file")),
                   (int)json_integer_value(json_object_get(f, "line")), (int)json_integer_value(json_object_get(f, "col")),
                   json_string_value(json_object_get(f, "rule")));
    }
    json_decref(arr);
    if (!b.data) buf_puts(&b, "");
    return buf_take(&b);
}


/* The case of rule I: ID-KIND.pol (OCI), ID-KIND.json (RAM) or ID-KIND.yaml (K8S) when it
 * exists, else the directory ID-KIND. */
static void case_name(int i, const char *kind, char *out, size_t n)
{
    char rel[128];
    const char *ext = lint_rules[i].lang == LINT_LANG_RAM ? "json" : lint_rules[i].lang == LINT_LANG_K8S ? "yaml" : "pol";
    snprintf(rel, sizeof rel, "tests/corpus/lint/%s-%s.%s", lint_rules[i].id, kind, ext);
    if (exists(rel)) snprintf(out, n, "%s-%s.%s", lint_rules[i].id, kind, ext);
    else snprintf(out, n, "%s-%s", lint_rules[i].id, kind);
}

/* Every rule, K8S ones too (their API-server messages are also checked against the larger
 * corpus of tests/corpus/k8s by test_k8s.c, LINE:COL: MESSAGE). */
START_TEST(test_corpus)
{
    for (int i = 0; i < LINT_NRULES; i++) {
        const char *id = lint_rules[i].id;
        char bad[64], good[64], rel[128];
        case_name(i, "bad", bad, sizeof bad);
        case_name(i, "good", good, sizeof good);
        snprintf(rel, sizeof rel, "tests/corpus/lint/%s", bad);
        ck_assert_msg(exists(rel), "no failing case for %s", id);
        snprintf(rel, sizeof rel, "tests/corpus/lint/%s", good);
        ck_assert_msg(exists(rel), "no passing case for %s", id);

        char *out = lint_case(bad, "json");
        char *got = findings_lines(out, bad);
        snprintf(rel, sizeof rel, "tests/corpus/lint/%s-bad.expect", id);
        char *want = slurp(test_path(rel));
        ck_assert_msg(strcmp(got, want) == 0, "%s: findings differ\n--- expected\n%s--- got\n%s", bad, want, got);
        char needle[32];
        snprintf(needle, sizeof needle, " %s\n", id);
        ck_assert_msg(strstr(got, needle) != NULL, "%s does not produce %s", bad, id);
        free(out), free(got), free(want);

        out = lint_case(good, "json");
        int clean = strcmp(out, "[]\n") == 0;
        ck_assert_msg(clean, "%s is not clean:\n%s", good, out);
        free(out);
    }
}
END_TEST

/* ---- SARIF 2.1.0 -------------------------------------------------------------------------- */

typedef struct vctx {
    buf errors;
    int count;
    json_t *rules;   /* run.tool.driver.rules, for ruleIndex */
} vctx;

static void verr(vctx *v, const char *path, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void verr(vctx *v, const char *path, const char *fmt, ...)
{
    if (v->count++ > 20) return;
    va_list ap;
    char msg[512];
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    buf_printf(&v->errors, "%s: %s\n", path, msg);
}

/* additionalProperties: false, and the required ones (NULL-terminated lists). */
static int props(vctx *v, json_t *o, const char *path, const char *const *allowed, const char *const *required)
{
    if (!json_is_object(o)) {
        verr(v, path, "must be an object");
        return 0;
    }
    const char *key;
    json_t *val;
    json_object_foreach(o, key, val) {
        int ok = 0;
        for (const char *const *a = allowed; *a && !ok; a++) ok = strcmp(*a, key) == 0;
        if (!ok) verr(v, path, "property \"%s\" is not allowed", key);
    }
    for (const char *const *r = required; r && *r; r++)
        if (!json_object_get(o, *r)) verr(v, path, "required property \"%s\" is missing", *r);
    return 1;
}

#define L(...) ((const char *const[]){__VA_ARGS__, NULL})

static void v_string(vctx *v, json_t *o, const char *key, const char *path)
{
    json_t *s = json_object_get(o, key);
    if (s && !json_is_string(s)) verr(v, path, "\"%s\" must be a string", key);
}

static void v_int(vctx *v, json_t *o, const char *key, const char *path, json_int_t min)
{
    json_t *s = json_object_get(o, key);
    if (!s) return;
    if (!json_is_integer(s)) verr(v, path, "\"%s\" must be an integer", key);
    else if (json_integer_value(s) < min) verr(v, path, "\"%s\" must be >= %lld", key, (long long)min);
}

static void v_enum(vctx *v, json_t *o, const char *key, const char *path, const char *const *values)
{
    json_t *s = json_object_get(o, key);
    if (!s) return;
    const char *t = json_string_value(s);
    for (const char *const *e = values; t && *e; e++)
        if (strcmp(*e, t) == 0) return;
    verr(v, path, "\"%s\" is not one of the allowed values", key);
}

static void v_uri(vctx *v, json_t *o, const char *key, const char *path, int absolute)
{
    json_t *s = json_object_get(o, key);
    if (!s) return;
    const char *t = json_string_value(s);
    if (!t) {
        verr(v, path, "\"%s\" must be a string", key);
        return;
    }
    for (const char *p = t; *p; p++)
        if (*p == ' ' || *p == '\\' || (unsigned char)*p < 0x21 || (unsigned char)*p > 0x7e) {
            verr(v, path, "\"%s\" is not a URI: '%s'", key, t);
            return;
        }
    if (absolute && !strstr(t, "://")) verr(v, path, "\"%s\" is not an absolute URI", key);
}

static void v_property_bag(vctx *v, json_t *o, const char *path)
{
    if (!o) return;
    if (!json_is_object(o)) {
        verr(v, path, "properties must be an object");
        return;
    }
    json_t *tags = json_object_get(o, "tags");
    if (tags && !json_is_array(tags)) verr(v, path, "tags must be an array");
    for (size_t i = 0; i < json_array_size(tags); i++) {
        if (!json_is_string(json_array_get(tags, i))) verr(v, path, "tags must be strings");
        for (size_t k = 0; k < i; k++)
            if (json_equal(json_array_get(tags, i), json_array_get(tags, k))) verr(v, path, "tags must be unique");
    }
}

static void v_mfmessage(vctx *v, json_t *o, const char *path)
{
    if (!o) return;
    if (props(v, o, path, L("text", "markdown", "properties"), L("text"))) {
        v_string(v, o, "text", path);
        v_string(v, o, "markdown", path);
    }
}

static void v_message(vctx *v, json_t *o, const char *path)
{
    if (!props(v, o, path, L("text", "markdown", "id", "arguments", "properties"), NULL)) return;
    if (!json_object_get(o, "text") && !json_object_get(o, "id")) verr(v, path, "a message needs \"text\" or \"id\"");
    v_string(v, o, "text", path);
}

static void v_region(vctx *v, json_t *o, const char *path)
{
    if (!props(v, o, path, L("startLine", "startColumn", "endLine", "endColumn", "charOffset", "charLength", "byteOffset",
                             "byteLength", "snippet", "message", "sourceLanguage", "properties"), NULL))
        return;
    v_int(v, o, "startLine", path, 1);
    v_int(v, o, "startColumn", path, 1);
    v_int(v, o, "endLine", path, 1);
    v_int(v, o, "endColumn", path, 1);
    v_int(v, o, "charOffset", path, -1);
    v_int(v, o, "charLength", path, 0);
    v_int(v, o, "byteOffset", path, -1);
    v_int(v, o, "byteLength", path, 0);
    json_t *sl = json_object_get(o, "startLine"), *el = json_object_get(o, "endLine");
    if (sl && el && json_integer_value(el) < json_integer_value(sl)) verr(v, path, "endLine before startLine");
    if (sl && el && json_integer_value(el) == json_integer_value(sl) && json_object_get(o, "endColumn") &&
        json_integer_value(json_object_get(o, "endColumn")) < json_integer_value(json_object_get(o, "startColumn")))
        verr(v, path, "endColumn before startColumn on one line");
    if (!sl && !json_object_get(o, "charOffset") && !json_object_get(o, "byteOffset"))
        verr(v, path, "a region needs startLine, charOffset or byteOffset");
}

static void v_artifact_location(vctx *v, json_t *o, const char *path)
{
    if (!props(v, o, path, L("uri", "uriBaseId", "index", "description", "properties"), NULL)) return;
    v_uri(v, o, "uri", path, 0);
    v_int(v, o, "index", path, -1);
}

static void v_physical(vctx *v, json_t *o, const char *path)
{
    if (!props(v, o, path, L("address", "artifactLocation", "region", "contextRegion", "properties"), NULL)) return;
    if (!json_object_get(o, "address") && !json_object_get(o, "artifactLocation"))
        verr(v, path, "needs \"address\" or \"artifactLocation\"");
    char p[512];
    snprintf(p, sizeof p, "%s.artifactLocation", path);
    if (json_object_get(o, "artifactLocation")) v_artifact_location(v, json_object_get(o, "artifactLocation"), p);
    snprintf(p, sizeof p, "%s.region", path);
    if (json_object_get(o, "region")) v_region(v, json_object_get(o, "region"), p);
}

static void v_location(vctx *v, json_t *o, const char *path)
{
    if (!props(v, o, path, L("id", "physicalLocation", "logicalLocations", "message", "annotations", "relationships",
                             "properties"), NULL))
        return;
    v_int(v, o, "id", path, -1);
    char p[512];
    snprintf(p, sizeof p, "%s.physicalLocation", path);
    if (json_object_get(o, "physicalLocation")) v_physical(v, json_object_get(o, "physicalLocation"), p);
    snprintf(p, sizeof p, "%s.message", path);
    if (json_object_get(o, "message")) v_message(v, json_object_get(o, "message"), p);
}

static void v_locations(vctx *v, json_t *o, const char *key, const char *path)
{
    json_t *a = json_object_get(o, key);
    if (!a) return;
    if (!json_is_array(a)) {
        verr(v, path, "\"%s\" must be an array", key);
        return;
    }
    for (size_t i = 0; i < json_array_size(a); i++) {
        char p[512];
        snprintf(p, sizeof p, "%s.%s[%zu]", path, key, i);
        v_location(v, json_array_get(a, i), p);
    }
}

static void v_fix(vctx *v, json_t *o, const char *path)
{
    if (!props(v, o, path, L("description", "artifactChanges", "properties"), L("artifactChanges"))) return;
    char p[512];
    snprintf(p, sizeof p, "%s.description", path);
    if (json_object_get(o, "description")) v_message(v, json_object_get(o, "description"), p);
    json_t *changes = json_object_get(o, "artifactChanges");
    if (!json_is_array(changes) || json_array_size(changes) < 1) {
        verr(v, path, "artifactChanges must be a non-empty array");
        return;
    }
    for (size_t i = 0; i < json_array_size(changes); i++) {
        json_t *c = json_array_get(changes, i);
        snprintf(p, sizeof p, "%s.artifactChanges[%zu]", path, i);
        if (!props(v, c, p, L("artifactLocation", "replacements", "properties"), L("artifactLocation", "replacements"))) continue;
        char q[600];
        snprintf(q, sizeof q, "%s.artifactLocation", p);
        if (json_object_get(c, "artifactLocation")) v_artifact_location(v, json_object_get(c, "artifactLocation"), q);
        json_t *reps = json_object_get(c, "replacements");
        if (!json_is_array(reps) || json_array_size(reps) < 1) {
            verr(v, p, "replacements must be a non-empty array");
            continue;
        }
        for (size_t k = 0; k < json_array_size(reps); k++) {
            json_t *r = json_array_get(reps, k);
            snprintf(q, sizeof q, "%s.replacements[%zu]", p, k);
            if (!props(v, r, q, L("deletedRegion", "insertedContent", "properties"), L("deletedRegion"))) continue;
            char rq[700];
            snprintf(rq, sizeof rq, "%s.deletedRegion", q);
            if (json_object_get(r, "deletedRegion")) v_region(v, json_object_get(r, "deletedRegion"), rq);
            json_t *ins = json_object_get(r, "insertedContent");
            snprintf(rq, sizeof rq, "%s.insertedContent", q);
            if (ins && props(v, ins, rq, L("text", "binary", "rendered", "properties"), NULL)) v_string(v, ins, "text", rq);
        }
    }
}

static const char *const levels[] = {"none", "note", "warning", "error", NULL};

static void v_rule(vctx *v, json_t *o, const char *path)
{
    if (!props(v, o, path, L("id", "deprecatedIds", "guid", "deprecatedGuids", "name", "deprecatedNames", "shortDescription",
                             "fullDescription", "messageStrings", "defaultConfiguration", "helpUri", "help",
                             "relationships", "properties"), L("id")))
        return;
    v_string(v, o, "id", path);
    v_string(v, o, "name", path);
    char p[512];
    snprintf(p, sizeof p, "%s.shortDescription", path);
    v_mfmessage(v, json_object_get(o, "shortDescription"), p);
    snprintf(p, sizeof p, "%s.fullDescription", path);
    v_mfmessage(v, json_object_get(o, "fullDescription"), p);
    snprintf(p, sizeof p, "%s.help", path);
    v_mfmessage(v, json_object_get(o, "help"), p);
    v_uri(v, o, "helpUri", path, 1);
    json_t *dc = json_object_get(o, "defaultConfiguration");
    snprintf(p, sizeof p, "%s.defaultConfiguration", path);
    if (dc && props(v, dc, p, L("enabled", "level", "rank", "parameters", "properties"), NULL)) {
        v_enum(v, dc, "level", p, levels);
        json_t *rank = json_object_get(dc, "rank");
        if (rank && (!json_is_number(rank) || json_number_value(rank) < -1 || json_number_value(rank) > 100))
            verr(v, p, "rank must be -1 … 100");
    }
    snprintf(p, sizeof p, "%s.properties", path);
    v_property_bag(v, json_object_get(o, "properties"), p);
}

static void v_result(vctx *v, json_t *o, const char *path)
{
    if (!props(v, o, path, L("ruleId", "ruleIndex", "rule", "kind", "level", "message", "analysisTarget", "locations", "guid",
                             "correlationGuid", "occurrenceCount", "partialFingerprints", "fingerprints", "stacks",
                             "codeFlows", "graphs", "graphTraversals", "relatedLocations", "suppressions",
                             "baselineState", "rank", "attachments", "hostedViewerUri", "workItemUris", "provenance",
                             "fixes", "taxa", "webRequest", "webResponse", "properties"), L("message")))
        return;
    v_string(v, o, "ruleId", path);
    v_int(v, o, "ruleIndex", path, -1);
    v_enum(v, o, "kind", path, L("notApplicable", "pass", "fail", "review", "open", "informational"));
    v_enum(v, o, "level", path, levels);
    v_enum(v, o, "baselineState", path, L("new", "unchanged", "updated", "absent"));
    char p[512];
    snprintf(p, sizeof p, "%s.message", path);
    v_message(v, json_object_get(o, "message"), p);
    v_locations(v, o, "locations", path);
    v_locations(v, o, "relatedLocations", path);
    json_t *ri = json_object_get(o, "ruleIndex");
    if (ri) {
        json_t *rule = json_array_get(v->rules, (size_t)json_integer_value(ri));
        if (!rule || !json_equal(json_object_get(rule, "id"), json_object_get(o, "ruleId")))
            verr(v, path, "ruleIndex does not point at the rule of ruleId");
    }
    const char *fpk[] = {"partialFingerprints", "fingerprints"};
    for (int k = 0; k < 2; k++) {
        json_t *fp = json_object_get(o, fpk[k]);
        if (!fp) continue;
        const char *key;
        json_t *val;
        if (!json_is_object(fp)) verr(v, path, "%s must be an object", fpk[k]);
        json_object_foreach(fp, key, val) if (!json_is_string(val)) verr(v, path, "%s values must be strings", fpk[k]);
    }
    json_t *fixes = json_object_get(o, "fixes");
    if (fixes && !json_is_array(fixes)) verr(v, path, "fixes must be an array");
    for (size_t i = 0; i < json_array_size(fixes); i++) {
        snprintf(p, sizeof p, "%s.fixes[%zu]", path, i);
        v_fix(v, json_array_get(fixes, i), p);
    }
}

static const char *const run_props[] = {"tool", "invocations", "conversion", "language", "versionControlProvenance",
    "originalUriBaseIds", "artifacts", "logicalLocations", "graphs", "results", "automationDetails", "runAggregates",
    "baselineGuid", "redactionTokens", "defaultEncoding", "defaultSourceLanguage", "newlineSequences", "columnKind",
    "externalPropertyFileReferences", "threadFlowLocations", "taxonomies", "addresses", "translations", "policies",
    "webRequests", "webResponses", "specialLocations", "properties", NULL};

static const char *const component_props[] = {"guid", "name", "organization", "product", "productSuite",
    "shortDescription", "fullDescription", "fullName", "version", "semanticVersion", "dottedQuadFileVersion",
    "releaseDateUtc", "downloadUri", "informationUri", "globalMessageStrings", "notifications", "rules", "taxa",
    "locations", "language", "contents", "isComprehensive", "localizedDataSemanticVersion",
    "minimumRequiredLocalizedDataSemanticVersion", "associatedComponent", "translationMetadata", "supportedTaxonomies",
    "properties", NULL};

/* Returns the number of problems; their description in ERRORS. */
static int sarif_validate(const char *text, buf *errors)
{
    vctx v = {.count = 0};
    buf_init(&v.errors);
    json_error_t jerr;
    json_t *root = json_loads(text, JSON_REJECT_DUPLICATES, &jerr);
    if (!root) {
        verr(&v, "$", "not JSON: %s", jerr.text);
    } else if (props(&v, root, "$", L("$schema", "version", "runs", "inlineExternalProperties", "properties"),
                     L("version", "runs"))) {
        v_enum(&v, root, "version", "$", L("2.1.0"));
        v_uri(&v, root, "$schema", "$", 1);
        json_t *runs = json_object_get(root, "runs");
        if (!json_is_array(runs)) verr(&v, "$", "runs must be an array");
        for (size_t i = 0; i < json_array_size(runs); i++) {
            char p[256];
            snprintf(p, sizeof p, "$.runs[%zu]", i);
            json_t *run = json_array_get(runs, i);
            if (!props(&v, run, p, run_props, L("tool"))) continue;
            v_enum(&v, run, "columnKind", p, L("utf16CodeUnits", "unicodeCodePoints"));
            char tp[300];
            snprintf(tp, sizeof tp, "%s.tool", p);
            json_t *tool = json_object_get(run, "tool");
            if (!props(&v, tool, tp, L("driver", "extensions", "properties"), L("driver"))) continue;
            char dp[320];
            snprintf(dp, sizeof dp, "%s.driver", tp);
            json_t *driver = json_object_get(tool, "driver");
            if (!props(&v, driver, dp, component_props, L("name"))) continue;
            v_string(&v, driver, "name", dp);
            v_string(&v, driver, "version", dp);
            v_uri(&v, driver, "informationUri", dp, 1);
            v.rules = json_object_get(driver, "rules");
            if (v.rules && !json_is_array(v.rules)) verr(&v, dp, "rules must be an array");
            for (size_t k = 0; k < json_array_size(v.rules); k++) {
                char rp[400];
                snprintf(rp, sizeof rp, "%s.rules[%zu]", dp, k);
                v_rule(&v, json_array_get(v.rules, k), rp);
            }
            json_t *results = json_object_get(run, "results");
            if (results && !json_is_array(results)) verr(&v, p, "results must be an array");
            for (size_t k = 0; k < json_array_size(results); k++) {
                char rp[400];
                snprintf(rp, sizeof rp, "%s.results[%zu]", p, k);
                v_result(&v, json_array_get(results, k), rp);
            }
        }
    }
    json_decref(root);
    buf_put(errors, v.errors.data ? v.errors.data : "", v.errors.len);
    buf_free(&v.errors);
    return v.count;
}

START_TEST(test_sarif_valid)
{
    /* every failing case: locations, related locations, fixes of every kind */
    int results = 0, fixes = 0;
    for (int i = 0; i < LINT_NRULES; i++) {
        char bad[64];
        case_name(i, "bad", bad, sizeof bad);
        char *out = lint_case(bad, "sarif");
        buf errors;
        buf_init(&errors);
        int n = sarif_validate(out, &errors);
        ck_assert_msg(n == 0, "%s: SARIF is not valid:\n%s", bad, errors.data);
        buf_free(&errors);
        json_t *root = json_loads(out, 0, NULL);
        json_t *res = json_object_get(json_array_get(json_object_get(root, "runs"), 0), "results");
        results += (int)json_array_size(res);
        for (size_t k = 0; k < json_array_size(res); k++) fixes += json_object_get(json_array_get(res, k), "fixes") != NULL;
        json_decref(root);
        free(out);
    }
    ck_assert_int_ge(results, LINT_NRULES);
    ck_assert_int_ge(fixes, 8);
}
END_TEST

START_TEST(test_sarif_validator_rejects)
{
    /* the validator itself must catch what the schema forbids */
    static const char *const broken[] = {
        "{\"version\": \"2.0.0\", \"runs\": []}",
        "{\"version\": \"2.1.0\"}",
        "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {}}}]}",
        "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {\"name\": \"x\"}}, \"results\": [{\"level\": \"info\", \"message\": {\"text\": \"m\"}}]}]}",
        "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {\"name\": \"x\"}}, \"results\": [{\"message\": {}}]}]}",
        "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {\"name\": \"x\"}}, \"results\": [{\"message\": {\"text\": \"m\"}, \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": \"a b\"}, \"region\": {\"startLine\": 0}}}]}]}]}",
        "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {\"name\": \"x\"}}, \"results\": [{\"message\": {\"text\": \"m\"}, \"fixes\": [{\"artifactChanges\": []}]}]}]}",
        "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {\"name\": \"x\", \"rules\": [{\"id\": \"A\"}]}}, \"results\": [{\"ruleId\": \"B\", \"ruleIndex\": 0, \"message\": {\"text\": \"m\"}}]}]}",
        "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {\"name\": \"x\"}}, \"extra\": 1}]}",
    };
    for (size_t i = 0; i < sizeof broken / sizeof *broken; i++) {
        buf errors;
        buf_init(&errors);
        ck_assert_msg(sarif_validate(broken[i], &errors) > 0, "accepted: %s", broken[i]);
        buf_free(&errors);
    }
    buf errors;
    buf_init(&errors);
    ck_assert_int_eq(sarif_validate("{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {\"name\": \"x\"}}, \"results\": []}]}", &errors), 0);
    buf_free(&errors);
}
END_TEST

START_TEST(test_sarif_rules_metadata)
{
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "'%s' lint --list-rules --format sarif", iamc_bin());
    char *out = run_capture(cmd);
    buf errors;
    buf_init(&errors);
    ck_assert_msg(sarif_validate(out, &errors) == 0, "rules metadata is not valid SARIF:\n%s", errors.data);
    buf_free(&errors);
    json_t *root = json_loads(out, 0, NULL);
    json_t *rules = json_object_get(json_object_get(json_object_get(json_array_get(json_object_get(root, "runs"), 0), "tool"), "driver"), "rules");
    ck_assert_int_eq((int)json_array_size(rules), LINT_NRULES);
    json_decref(root);
    free(out);
}
END_TEST

START_TEST(test_diff_sarif_valid)
{
    char cmd[8400];
    snprintf(cmd, sizeof cmd, "cd '%s' && '%s' diff --format sarif tests/golden/diff/old.pol tests/golden/diff/moved.pol",
             test_path(""), iamc_bin());
    char *out = run_capture(cmd);
    buf errors;
    buf_init(&errors);
    ck_assert_msg(sarif_validate(out, &errors) == 0, "diff SARIF is not valid:\n%s\n%s", errors.data, out);
    buf_free(&errors);
    ck_assert_ptr_nonnull(strstr(out, "DIFF001"));
    free(out);
}
END_TEST

/* iamc check --format sarif on EncryptionConfigurations: valid SARIF, a result per finding. */
START_TEST(test_check_k8s_sarif_valid)
{
    char cmd[8400];
    snprintf(cmd, sizeof cmd, "cd '%s' && '%s' check --format sarif tests/corpus/k8s/invalid/*.yaml", test_path(""),
             iamc_bin());
    char *out = run_capture(cmd);
    buf errors;
    buf_init(&errors);
    ck_assert_msg(sarif_validate(out, &errors) == 0, "check SARIF is not valid:\n%s", errors.data);
    buf_free(&errors);
    ck_assert_ptr_nonnull(strstr(out, "\"ruleId\": \"K8S0"));
    ck_assert_ptr_nonnull(strstr(out, "\"startLine\""));
    /* one catalogue: the K8S rules are in the driver's rules, each result points at its row
     * (the validator checks ruleIndex against ruleId), and secrets stay REDACTED */
    json_t *root = json_loads(out, 0, NULL);
    json_t *run = json_array_get(json_object_get(root, "runs"), 0);
    json_t *rules = json_object_get(json_object_get(json_object_get(run, "tool"), "driver"), "rules");
    ck_assert_int_eq((int)json_array_size(rules), LINT_NRULES);
    json_t *results = json_object_get(run, "results");
    ck_assert_int_ge((int)json_array_size(results), 80);
    for (size_t i = 0; i < json_array_size(results); i++) {
        json_int_t ix = json_integer_value(json_object_get(json_array_get(results, i), "ruleIndex"));
        ck_assert_msg(ix >= LINT_K8S_FIRST && ix < LINT_NRULES, "result %zu: rule index %d", i, (int)ix);
    }
    ck_assert_ptr_nonnull(strstr(out, "REDACTED"));
    ck_assert_ptr_null(strstr(out, "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="));
    json_decref(root);
    free(out);
}
END_TEST

Suite *lint_suite(void)
{
    Suite *s = suite_create("lint");
    TCase *tc = tcase_create("lint");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_rule_table);
    tcase_add_test(tc, test_corpus);
    tcase_add_test(tc, test_sarif_valid);
    tcase_add_test(tc, test_sarif_validator_rejects);
    tcase_add_test(tc, test_sarif_rules_metadata);
    tcase_add_test(tc, test_diff_sarif_valid);
    tcase_add_test(tc, test_check_k8s_sarif_valid);
    suite_add_tcase(s, tc);
    return s;
}
