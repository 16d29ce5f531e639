/* Unit tests of the RAM / AWS IAM JSON front end (src/ram/): the corpus of valid and invalid
 * documents (tests/corpus/ram/), fmt as a fixed point that keeps the AST, JSON Pointers and
 * spans, value checks, dialect detection. */
#include <check.h>
#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/buf.h"
#include "iamc.h"
#include "ram/ast.h"
#include "ram/check.h"
#include "ram/pointer.h"
#include "suites.h"

/* ---- helpers ------------------------------------------------------------------------------ */

static const char *top(void)
{
    const char *t = getenv("IAMC_TOP");
    return t ? t : ".";
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    buf b;
    buf_init(&b);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) buf_put(&b, chunk, n);
    fclose(f);
    if (len) *len = b.len;
    return buf_take(&b);
}

static int cmp_names(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

enum { MAX_FILES = 512 };

/* The *.json files of DIR, sorted; returns their count. */
static size_t list_json(const char *dir, char **names)
{
    DIR *d = opendir(dir);
    ck_assert_msg(d != NULL, "cannot open %s (set IAMC_TOP)", dir);
    size_t n = 0;
    for (struct dirent *e; (e = readdir(d)) && n < MAX_FILES;) {
        size_t len = strlen(e->d_name);
        if (len > 5 && strcmp(e->d_name + len - 5, ".json") == 0) names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp_names);
    return n;
}

/* "LINE:COL: SEVERITY: MESSAGE\n" for each diagnostic: the .expect format. */
static char *diag_lines(const iamc_doc *doc)
{
    buf b;
    buf_init(&b);
    iamc_diagnostic dg;
    static const char *const sev[] = {"error", "warning", "note"};
    for (size_t i = 0; iamc_doc_diagnostic(doc, i, &dg) == 0; i++)
        buf_printf(&b, "%u:%u: %s: %s\n", dg.line, dg.col, sev[dg.severity], dg.message);
    return buf_take(&b);
}

/* Split an .expect file into its "# lang: X" header and its diagnostic lines. */
static iamc_lang expect_lang(char **text)
{
    static const char hdr[] = "# lang: ";
    if (strncmp(*text, hdr, sizeof hdr - 1) != 0) return IAMC_LANG_AUTO;
    char *lang = *text + sizeof hdr - 1;
    char *nl = strchr(lang, '\n');
    ck_assert(nl != NULL);
    *nl = '\0';
    *text = nl + 1;
    if (strcmp(lang, "ram") == 0) return IAMC_LANG_RAM;
    ck_assert_str_eq(lang, "aws");
    return IAMC_LANG_AWS;
}

static iamc_doc *parse_str(const char *text, iamc_lang lang)
{
    return iamc_doc_parse("t.json", text, strlen(text), lang);
}

static char *ast_json(const iamc_doc *doc) { return iamc_doc_to_json(doc, IAMC_JSON_NO_SPANS); }

/* fmt(DOC) parses without errors, prints itself again, and has the same AST. */
static void assert_fmt_fixed_point(const char *name, const iamc_doc *doc)
{
    char *once = iamc_doc_format(doc, 0);
    ck_assert_msg(once != NULL, "%s: fmt refused", name);
    iamc_doc *again = iamc_doc_parse(name, once, strlen(once), iamc_doc_lang(doc));
    ck_assert_msg(iamc_doc_error_count(again) == 0, "%s: fmt output does not parse:\n%s", name, once);
    char *twice = iamc_doc_format(again, 0);
    ck_assert_msg(strcmp(once, twice) == 0, "%s: fmt is not a fixed point:\n%s\n---\n%s", name, once, twice);
    char *a = ast_json(doc), *b = ast_json(again);
    /* Same AST, pointers included; diagnostics too, except positions (the layout moved). */
    char *da = strstr(a, "\"diagnostics\""), *db = strstr(b, "\"diagnostics\"");
    ck_assert(da && db);
    *da = *db = '\0';
    ck_assert_msg(strcmp(a, b) == 0, "%s: fmt changed the AST:\n%s\n---\n%s", name, a, b);
    ck_assert_uint_eq(iamc_doc_diagnostic_count(doc), iamc_doc_diagnostic_count(again));
    free(a);
    free(b);
    free(once);
    free(twice);
    iamc_doc_free(again);
}

/* ---- the corpus ------------------------------------------------------------------------------ */

START_TEST(valid_corpus)
{
    char dir[1024], *names[MAX_FILES];
    snprintf(dir, sizeof dir, "%s/tests/corpus/ram/valid", top());
    size_t n = list_json(dir, names), ram = 0, aws = 0, trust = 0;
    for (size_t i = 0; i < n; i++) {
        char path[2048], epath[2048];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        snprintf(epath, sizeof epath, "%s/%.*s.expect", dir, (int)strlen(names[i]) - 5, names[i]);
        char *expect = read_file(epath, NULL);
        char err[256];
        iamc_doc *doc = iamc_doc_load(path, IAMC_LANG_AUTO, err, sizeof err);
        ck_assert_msg(doc != NULL, "%s", err);
        char *got = diag_lines(doc);
        ck_assert_msg(strcmp(got, expect ? expect : "") == 0, "%s: diagnostics\n%s---expected\n%s", names[i], got,
                      expect ? expect : "");
        ck_assert_uint_eq(iamc_doc_error_count(doc), 0);
        ck_assert_uint_gt(iamc_doc_count(doc), 0);
        /* Detection: aws-* files are AWS documents, the others RAM. */
        int is_aws = strncmp(names[i], "aws-", 4) == 0;
        ck_assert_msg(iamc_doc_lang(doc) == (is_aws ? IAMC_LANG_AWS : IAMC_LANG_RAM), "%s: wrong language", names[i]);
        aws += is_aws;
        ram += !is_aws;
        trust += strncmp(names[i], "trust-", 6) == 0;
        assert_fmt_fixed_point(path, doc);
        free(got);
        free(expect);
        free(names[i]);
        iamc_doc_free(doc);
    }
    ck_assert_uint_ge(n, 60);
    ck_assert_uint_ge(ram, 30);
    ck_assert_uint_ge(aws, 20);
    ck_assert_uint_ge(trust, 5);
}
END_TEST

START_TEST(invalid_corpus)
{
    char dir[1024], *names[MAX_FILES];
    snprintf(dir, sizeof dir, "%s/tests/corpus/ram/invalid", top());
    size_t n = list_json(dir, names);
    for (size_t i = 0; i < n; i++) {
        char path[2048], epath[2048];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        snprintf(epath, sizeof epath, "%s/%.*s.expect", dir, (int)strlen(names[i]) - 5, names[i]);
        char *expect_file = read_file(epath, NULL);
        ck_assert_msg(expect_file != NULL, "%s: no .expect file", names[i]);
        char *expect = expect_file;
        iamc_lang lang = expect_lang(&expect);
        char err[256];
        iamc_doc *doc = iamc_doc_load(path, lang, err, sizeof err);
        ck_assert_msg(doc != NULL, "%s", err);
        char *got = diag_lines(doc);
        ck_assert_msg(strcmp(got, expect) == 0, "%s: diagnostics\n%s---expected\n%s", names[i], got, expect);
        ck_assert_msg(iamc_doc_error_count(doc) > 0, "%s: no error", names[i]);
        ck_assert_ptr_null(iamc_doc_format(doc, 0));
        /* The AST dump works on documents with errors too. */
        char *j = iamc_doc_to_json(doc, 0);
        ck_assert_ptr_nonnull(j);
        free(j);
        free(got);
        free(expect_file);
        free(names[i]);
        iamc_doc_free(doc);
    }
    ck_assert_uint_ge(n, 50);
}
END_TEST

/* ---- spans and pointers ------------------------------------------------------------------ */

static const char pointer_doc[] =
    "{\n"
    "  \"Version\": \"1\",\n"
    "  \"Statement\": [\n"
    "    {\"Effect\": \"Allow\", \"Action\": \"ecs:*\", \"Resource\": \"*\"},\n"
    "    {\"Effect\": \"Deny\",\n"
    "     \"Action\": [\"cs:UpdateKMSEncryption\", \"kms:*\"],\n"
    "     \"Resource\": \"*\",\n"
    "     \"Condition\": {\"StringEquals\": {\"acs:a/b~c\": [\"v0\", \"v1\"]}},\n"
    "     \"\\u0053id\": \"S1\"}\n"
    "  ]\n"
    "}\n";

static const char *find_text(const ram_jindex *ix, const char *ptr, size_t *len)
{
    uint32_t n = ram_jindex_find(ix, pointer_doc, ptr, strlen(ptr));
    if (n == RAM_JNONE) return NULL;
    *len = ix->nodes[n].end - ix->nodes[n].off;
    return pointer_doc + ix->nodes[n].off;
}

#define ASSERT_AT(ix, ptr, want)                                                         \
    do {                                                                                 \
        size_t len_;                                                                     \
        const char *t_ = find_text((ix), (ptr), &len_);                                  \
        ck_assert_msg(t_ != NULL, "%s not found", (ptr));                                \
        ck_assert_msg(len_ == strlen(want) && memcmp(t_, (want), len_) == 0,             \
                      "%s: got '%.*s', want '%s'", (ptr), (int)len_, t_, (want));        \
    } while (0)

START_TEST(pointer_lookup)
{
    ram_jindex ix;
    ck_assert_int_eq(ram_jindex_build(&ix, pointer_doc, strlen(pointer_doc)), 0);
    ASSERT_AT(&ix, "/Version", "\"1\"");
    ASSERT_AT(&ix, "/Statement/0/Action", "\"ecs:*\"");
    ASSERT_AT(&ix, "/Statement/1/Action/0", "\"cs:UpdateKMSEncryption\"");
    ASSERT_AT(&ix, "/Statement/1/Action/1", "\"kms:*\"");
    ASSERT_AT(&ix, "/Statement/1/Condition/StringEquals/acs:a~1b~0c/1", "\"v1\"");
    ASSERT_AT(&ix, "/Statement/1/Sid", "\"S1\"");   /* the key is written \u0053id */
    size_t len;
    ck_assert_ptr_null(find_text(&ix, "/Statement/2", &len));
    ck_assert_ptr_null(find_text(&ix, "/Statement/01", &len));
    ck_assert_ptr_null(find_text(&ix, "/Statement/1/Action/0/x", &len));
    ck_assert_ptr_null(find_text(&ix, "/Nope", &len));
    ck_assert_ptr_null(find_text(&ix, "/Statement/1/Condition/StringEquals/acs:a~2b", &len));
    ck_assert_ptr_null(find_text(&ix, "Version", &len));
    ck_assert_uint_eq(ram_jindex_find(&ix, pointer_doc, "", 0), 0);
    ram_jindex_free(&ix);
    ck_assert_int_eq(ram_jindex_build(&ix, "{\"a\": [1, 2}", 12), -1);
    ram_jindex_free(&ix);
}
END_TEST

START_TEST(pointer_escaping)
{
    buf b;
    buf_init(&b);
    ram_pointer_push(&b, "a/b~c", 5);
    ram_pointer_push_index(&b, 12);
    ck_assert_str_eq(b.data, "/a~1b~0c/12");
    buf_free(&b);
    ck_assert(ram_json_string_equals("\\u00e9t\\u00e9", 13, "\xc3\xa9t\xc3\xa9", 5));
    ck_assert(ram_json_string_equals("\\ud83d\\ude00", 12, "\xf0\x9f\x98\x80", 4));
    ck_assert(ram_json_string_equals("a\\/b\\\"", 6, "a/b\"", 4));
    ck_assert(!ram_json_string_equals("a\\/b", 4, "a/c", 3));
    ck_assert(!ram_json_string_equals("ab", 2, "abc", 3));
    ck_assert_uint_eq(ram_compact_length("{ \"a b\" :\n [ 1 , \"\\\"\" ] }", 25), 16);
    ck_assert_uint_eq(ram_compact_length("\"\xc3\xa9\"", 4), 3);
}
END_TEST

/* Every diagnostic and every AST node has line:col and a pointer: /Statement/1/Action/0. */
START_TEST(ast_spans_and_pointers)
{
    iamc_doc *doc = parse_str(pointer_doc, IAMC_LANG_AUTO);
    ck_assert_uint_eq(iamc_doc_error_count(doc), 0);
    char *j = iamc_doc_to_json(doc, 0);
    json_error_t err;
    json_t *root = json_loads(j, 0, &err);
    ck_assert_ptr_nonnull(root);
    json_t *v = json_array_get(json_object_get(json_object_get(json_array_get(json_object_get(root, "statements"), 1),
                                                               "action"), "values"), 0);
    ck_assert_str_eq(json_string_value(json_object_get(v, "pointer")), "/Statement/1/Action/0");
    ck_assert_str_eq(json_string_value(json_object_get(v, "value")), "cs:UpdateKMSEncryption");
    json_t *span = json_object_get(v, "span");
    ck_assert_int_eq(json_integer_value(json_object_get(span, "line")), 6);
    ck_assert_int_eq(json_integer_value(json_object_get(span, "col")), 17);
    ck_assert_int_eq(json_integer_value(json_object_get(span, "end_col")), 41);
    json_t *k = json_array_get(json_object_get(json_array_get(json_object_get(json_object_get(
        json_array_get(json_object_get(root, "statements"), 1), "condition"), "operators"), 0), "keys"), 0);
    ck_assert_str_eq(json_string_value(json_object_get(json_object_get(k, "key"), "pointer")),
                     "/Statement/1/Condition/StringEquals/acs:a~1b~0c");
    json_decref(root);
    free(j);
    iamc_doc_free(doc);
}
END_TEST

/* ---- detection and dialects ---------------------------------------------------------------- */

START_TEST(detection)
{
    static const struct { const char *text; iamc_lang want; } cases[] = {
        {"{\"Version\": \"1\", \"Statement\": []}", IAMC_LANG_RAM},
        {"  \n{\"Version\": \"2012-10-17\", \"Statement\": []}", IAMC_LANG_AWS},
        {"{\"Version\": \"2008-10-17\", \"Statement\": []}", IAMC_LANG_AWS},
        {"{\"Statement\": [{\"Resource\": \"arn:aws:s3:::b\"}]}", IAMC_LANG_AWS},
        {"{\"Statement\": [{\"Resource\": \"acs:oss:*:*:b\", \"X\": \"arn:\"}]}", IAMC_LANG_RAM},
        {"{\"Id\": \"x\", \"Statement\": []}", IAMC_LANG_AWS},
        {"{}", IAMC_LANG_RAM},
        {"[\"Allow group A to read all-resources in tenancy\"]", IAMC_LANG_OCI},
        {"Allow group A to read all-resources in tenancy", IAMC_LANG_OCI},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        iamc_doc *doc = parse_str(cases[i].text, IAMC_LANG_AUTO);
        ck_assert_msg(iamc_doc_lang(doc) == cases[i].want, "case %zu: lang %d", i, iamc_doc_lang(doc));
        iamc_doc_free(doc);
    }
}
END_TEST

START_TEST(forced_language)
{
    const char *text = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:*\", "
                       "\"Resource\": \"arn:aws:s3:::b\"}]}";
    iamc_doc *doc = parse_str(text, IAMC_LANG_RAM);
    ck_assert(iamc_doc_lang(doc) == IAMC_LANG_RAM);
    char *got = diag_lines(doc);
    ck_assert_str_eq(got, "1:13: error: invalid Version \"2012-10-17\": RAM policies use \"1\" (at /Version)\n"
                          "1:91: error: invalid ARN prefix in \"arn:aws:s3:::b\": RAM resource names start with "
                          "\"acs:\" (or are \"*\") (at /Statement/0/Resource)\n");
    iamc_diagnostic dg;
    ck_assert_int_eq(iamc_doc_diagnostic(doc, 0, &dg), 0);
    ck_assert_str_eq(dg.hint, "this is the AWS IAM version; use --lang aws");
    free(got);
    iamc_doc_free(doc);
    doc = parse_str(text, IAMC_LANG_AWS);
    ck_assert_uint_eq(iamc_doc_diagnostic_count(doc), 0);
    iamc_doc_free(doc);
}
END_TEST

START_TEST(hints)
{
    static const struct { const char *text; const char *hint; } cases[] = {
        {"{\"Version\": \"1\", \"Statement\": [{\"Effect\": \"deny\", \"Action\": \"*\", \"Resource\": \"*\"}]}",
         "names are case-sensitive: did you mean 'Deny'?"},
        {"{\"Version\": \"1\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\", "
         "\"Condition\": {\"ipaddress\": {\"acs:SourceIp\": \"1.2.3.4\"}}}]}",
         "names are case-sensitive: did you mean 'IpAddress'?"},
        {"{\"Version\": \"1\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\", "
         "\"Condition\": {\"DateLesThan\": {\"acs:CurrentTime\": \"2020-01-01\"}}}]}",
         "did you mean 'DateLessThan'?"},
        {"{\"Version\": \"1\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resourse\": \"*\"}]}",
         "did you mean 'Resource'?"},
        {"{\"Version\": \"1\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\", "
         "\"Condition\": {\"Null\": {\"acs:SourceVpc\": \"true\"}}}]}",
         "RAM documents the String, Numeric, Date, Bool and IpAddress operators"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        iamc_doc *doc = parse_str(cases[i].text, IAMC_LANG_AUTO);
        iamc_diagnostic dg;
        ck_assert_int_eq(iamc_doc_diagnostic(doc, 0, &dg), 0);
        ck_assert_msg(dg.hint && strcmp(dg.hint, cases[i].hint) == 0, "case %zu: hint '%s'", i, dg.hint ? dg.hint : "(none)");
        iamc_doc_free(doc);
    }
}
END_TEST

/* ---- limits and hostile input ---------------------------------------------------------------- */

/* A RAM document of exactly N characters without whitespace: the Sid pads it. */
static char *sized_doc(size_t n)
{
    static const char head[] = "{\"Version\": \"1\", \"Statement\": [{\"Sid\": \"",
                      tail[] = "\", \"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}]}";
    buf b;
    buf_init(&b);
    buf_puts(&b, head);
    buf_puts(&b, tail);
    size_t fixed = ram_compact_length(b.data, b.len);
    b.len = sizeof head - 1;
    for (size_t i = fixed; i < n; i++) buf_putc(&b, 'x');
    buf_puts(&b, tail);
    ck_assert_uint_eq(ram_compact_length(b.data, b.len), n);
    return buf_take(&b);
}

START_TEST(size_limit)
{
    char *at = sized_doc(6144), *over = sized_doc(6145);
    iamc_doc *doc = parse_str(at, IAMC_LANG_AUTO);
    ck_assert_uint_eq(iamc_doc_diagnostic_count(doc), 0);
    iamc_doc_free(doc);
    doc = parse_str(over, IAMC_LANG_AUTO);
    char *got = diag_lines(doc);
    ck_assert_str_eq(got, "1:1: error: the policy is 6145 characters long without whitespace, over the RAM limit of 6144\n");
    free(got);
    iamc_doc_free(doc);
    free(at);
    free(over);
}
END_TEST

START_TEST(hostile_input)
{
    static const struct { const char *text; size_t len; const char *want; } cases[] = {
        {"{\"Version\": \"1\"\0}", 17, "1:16: error: NUL byte in the input: a policy document is UTF-8 text\n"},
        {"{\"Version\": \"\xc0\xaf\"}", 17, "1:14: error: JSON syntax error: unable to decode byte 0xc0 near '\"'\n"},
        {"{\"Version\": \"\xed\xa0\x80\"}", 18, "1:14: error: JSON syntax error: unable to decode byte 0xed near '\"'\n"},
        {"{", 1, "1:2: error: JSON syntax error: string or '}' expected near end of file\n"},
        {"{\"a\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}",
         0, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        size_t len = cases[i].len ? cases[i].len : strlen(cases[i].text);
        iamc_doc *doc = iamc_doc_parse("t.json", cases[i].text, len, IAMC_LANG_RAM);
        char *got = diag_lines(doc);
        if (cases[i].want) ck_assert_str_eq(got, cases[i].want);
        ck_assert_uint_gt(iamc_doc_error_count(doc), 0);
        char *j = iamc_doc_to_json(doc, 0);
        ck_assert_ptr_nonnull(j);
        free(j);
        free(got);
        iamc_doc_free(doc);
    }
    /* A long non-ASCII key in a message: the message stays whole, valid UTF-8. */
    buf k;
    buf_init(&k);
    buf_puts(&k, "{\"Version\": \"1\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\", "
                 "\"Condition\": {\"StringEquals\": {\"acs:");
    for (int i = 0; i < 400; i++) buf_puts(&k, "\xc3\xa9");
    buf_puts(&k, "\": null}}}]}");
    iamc_doc *kd = iamc_doc_parse("k.json", k.data, k.len, IAMC_LANG_AUTO);
    iamc_diagnostic kdg;
    ck_assert_int_eq(iamc_doc_diagnostic(kd, 0, &kdg), 0);
    json_t *km = json_string(kdg.message);
    ck_assert_ptr_nonnull(km);
    ck_assert_uint_gt(strlen(kdg.message), 800);
    json_decref(km);
    iamc_doc_free(kd);
    buf_free(&k);
    /* 100,000 nested arrays: jansson refuses the depth, no stack overflow. */
    buf b;
    buf_init(&b);
    buf_puts(&b, "{\"Version\": ");
    for (int i = 0; i < 100000; i++) buf_putc(&b, '[');
    iamc_doc *doc = iamc_doc_parse("deep.json", b.data, b.len, IAMC_LANG_AUTO);
    ck_assert_uint_gt(iamc_doc_error_count(doc), 0);
    iamc_doc_free(doc);
    buf_free(&b);
}
END_TEST

/* ---- value checks ------------------------------------------------------------------------------ */

START_TEST(value_checks)
{
    static const struct { ram_value_kind kind; int is_string; const char *text; int ok; } cases[] = {
        {RAM_VAL_NUMBER, 1, "10", 1},       {RAM_VAL_NUMBER, 1, "-1.5e3", 1}, {RAM_VAL_NUMBER, 1, ".5", 1},
        {RAM_VAL_NUMBER, 1, "1e", 0},        {RAM_VAL_NUMBER, 1, "", 0},       {RAM_VAL_NUMBER, 1, "0x10", 0},
        {RAM_VAL_DATE, 1, "2019-08-12", 1},  {RAM_VAL_DATE, 1, "2019-08-12T17:00:00+08:00", 1},
        {RAM_VAL_DATE, 1, "2017-11-11T23:59:59Z", 1}, {RAM_VAL_DATE, 1, "2020-02-29T00:00Z", 1},
        {RAM_VAL_DATE, 1, "2019-02-29", 0},  {RAM_VAL_DATE, 1, "2019-08-12T24:00:00Z", 0},
        {RAM_VAL_DATE, 1, "2019-08-12 17:00:00Z", 0}, {RAM_VAL_DATE, 1, "1700000000", 1},
        {RAM_VAL_DATE, 1, "2019-08-12T17:00:00.Z", 0}, {RAM_VAL_DATE, 1, "2019-8-12", 0},
        {RAM_VAL_BOOL, 1, "true", 1},        {RAM_VAL_BOOL, 0, "false", 1},    {RAM_VAL_BOOL, 1, "True", 0},
        {RAM_VAL_BOOL, 0, "1", 0},
        {RAM_VAL_IP, 1, "192.0.2.1", 1},     {RAM_VAL_IP, 1, "192.0.2.0/24", 1}, {RAM_VAL_IP, 1, "0.0.0.0/0", 1},
        {RAM_VAL_IP, 1, "2001:db8::/32", 1}, {RAM_VAL_IP, 1, "::1", 1},        {RAM_VAL_IP, 1, "2001:db8::/129", 0},
        {RAM_VAL_IP, 1, "192.0.2.0/", 0},    {RAM_VAL_IP, 1, "192.0.2", 0},    {RAM_VAL_IP, 1, "192.0.2.1/8/8", 0},
        {RAM_VAL_IP, 0, "3232235521", 0},    {RAM_VAL_IP, 1, "10.0.0.0/-1", 0},
        {RAM_VAL_ARN, 1, "arn:aws:s3:::b", 1}, {RAM_VAL_ARN, 1, "*", 1},      {RAM_VAL_ARN, 1, "s3:::b", 0},
        {RAM_VAL_BASE64, 1, "QmluYXJ5VmFsdWU=", 1}, {RAM_VAL_BASE64, 1, "QQ==", 1}, {RAM_VAL_BASE64, 1, "QQ=a", 0},
        {RAM_VAL_BASE64, 1, "QQ", 0},        {RAM_VAL_STRING, 0, "12", 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        ck_assert_msg(ram_check_value(cases[i].kind, cases[i].is_string, cases[i].text, strlen(cases[i].text)) == cases[i].ok,
                      "case %zu: %s", i, cases[i].text);
}
END_TEST

START_TEST(name_checks)
{
    const ram_dialect_info *r = ram_dialect_get(RAM_DIALECT_RAM), *a = ram_dialect_get(RAM_DIALECT_AWS);
    static const struct { int aws; int arn; const char *text; int ok; } cases[] = {
        {0, 0, "*", 1}, {0, 0, "ecs:Describe*", 1}, {0, 0, "ecs:Describe?nstance", 1}, {0, 0, "cs:UpdateKMSEncryption", 1},
        {0, 0, "ecs:*", 1}, {0, 0, "ecs", 0}, {0, 0, "ecs:a:b", 0}, {0, 0, "*:Get*", 0}, {1, 0, "*:Get*", 1},
        {1, 0, "execute-api:Invoke", 1}, {0, 0, "ecs:Describe Instances", 0},
        {0, 1, "*", 1}, {0, 1, "acs:oss:*:*:bucket", 1}, {0, 1, "acs:ram::1234567890123456:role/x", 1},
        {0, 1, "acs:oss:*:*:bucket/a:b:c", 1}, {0, 1, "acs:*:*:*:*", 1}, {0, 1, "acs:ecs:*:123456789012****:instance/*", 1},
        {0, 1, "acs:ecs:*:instance/*", 0}, {0, 1, "acs:oss:*:*:", 0}, {0, 1, "ACS:oss:*:*:b", 0},
        {1, 1, "arn:aws:s3:::b", 1}, {1, 1, "arn:aws:iam::123456789012:role/a:b", 1}, {1, 1, "arn:aws:s3::b", 0},
        {1, 1, "arn:aws:iam::12x:root", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        buf why;
        buf_init(&why);
        const ram_dialect_info *di = cases[i].aws ? a : r;
        int rc = cases[i].arn ? ram_check_arn(di, cases[i].text, strlen(cases[i].text), &why)
                              : ram_check_action(di, cases[i].text, strlen(cases[i].text), &why);
        ck_assert_msg((rc == 0) == cases[i].ok, "case %zu: %s: %s", i, cases[i].text, why.data ? why.data : "ok");
        ck_assert_msg((why.len > 0) == !cases[i].ok, "case %zu: a failure without a message", i);
        buf_free(&why);
    }
}
END_TEST

START_TEST(operator_table)
{
    size_t n;
    const ram_operator *ops = ram_operators(&n);
    size_t in_ram = 0;
    for (size_t i = 0; i < n; i++) {
        ck_assert_ptr_eq(ram_operator_find(ops[i].name, strlen(ops[i].name)), &ops[i]);
        in_ram += (ops[i].dialects & RAM_IN_RAM) != 0;
    }
    /* RAM documents 21 operators in five families. */
    ck_assert_uint_eq(in_ram, 21);
    ck_assert_ptr_null(ram_operator_find("stringequals", 12));
    ck_assert_ptr_nonnull(ram_operator_find_nocase("stringequals", 12));
}
END_TEST

Suite *ram_suite(void)
{
    Suite *s = suite_create("ram");
    TCase *tc = tcase_create("ram");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, valid_corpus);
    tcase_add_test(tc, invalid_corpus);
    tcase_add_test(tc, pointer_lookup);
    tcase_add_test(tc, pointer_escaping);
    tcase_add_test(tc, ast_spans_and_pointers);
    tcase_add_test(tc, detection);
    tcase_add_test(tc, forced_language);
    tcase_add_test(tc, hints);
    tcase_add_test(tc, size_limit);
    tcase_add_test(tc, hostile_input);
    tcase_add_test(tc, value_checks);
    tcase_add_test(tc, name_checks);
    tcase_add_test(tc, operator_table);
    suite_add_tcase(s, tc);
    return s;
}
