/* The corpus (tests/corpus/oci) and generated statements: valid input parses without a
 * diagnostic, `fmt` is a fixed point, parse(fmt(x)) equals parse(x) with spans aside, and
 * every invalid case produces exactly the diagnostics its `# expect:` lines name. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../gen/oci_gen.h"
#include "iamc.h"
#include "suites.h"

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    buf b;
    buf_init(&b);
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) buf_put(&b, chunk, n);
    fclose(f);
    *len = b.len;
    if (!b.data) buf_puts(&b, "");
    return buf_take(&b);
}

static int has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Sorted names in DIR ending in SUFFIX. */
static size_t list_dir(const char *dir, const char *suffix, char ***out)
{
    DIR *d = opendir(dir);
    ck_assert_msg(d != NULL, "cannot open directory %s", dir);
    char **names = NULL;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!has_suffix(e->d_name, suffix)) continue;
        names = realloc(names, (n + 1) * sizeof *names);
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp_str);
    *out = names;
    return n;
}

static void free_list(char **names, size_t n)
{
    for (size_t i = 0; i < n; i++) free(names[i]);
    free(names);
}

/* The round-trip properties on one input; returns the number of statements or rules. */
static size_t check_round_trip(const char *name, const char *text, size_t len, iamc_lang lang)
{
    iamc_doc *doc = iamc_doc_parse(name, text, len, lang);
    if (iamc_doc_diagnostic_count(doc)) {
        char *diags = iamc_doc_render_diagnostics(doc);
        ck_abort_msg("%s: expected no diagnostics, got:\n%s", name, diags);
    }
    char *once = iamc_doc_format(doc, 0);
    ck_assert_ptr_nonnull(once);
    iamc_doc *again = iamc_doc_parse(name, once, strlen(once), lang);
    ck_assert_msg(iamc_doc_error_count(again) == 0, "%s: the formatted text does not parse:\n%s", name, once);
    char *twice = iamc_doc_format(again, 0);
    ck_assert_msg(strcmp(once, twice) == 0, "%s: fmt is not a fixed point:\n--- once\n%s--- twice\n%s", name, once, twice);
    char *ast1 = iamc_doc_to_json(doc, IAMC_JSON_NO_SPANS);
    char *ast2 = iamc_doc_to_json(again, IAMC_JSON_NO_SPANS);
    ck_assert_msg(strcmp(ast1, ast2) == 0, "%s: parse(fmt(x)) differs from parse(x)", name);
    size_t count = iamc_doc_count(doc);
    free(once);
    free(twice);
    free(ast1);
    free(ast2);
    iamc_doc_free(again);
    iamc_doc_free(doc);
    return count;
}

static size_t check_valid_dir(const char *rel, const char *suffix, iamc_lang lang)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", test_path(rel));
    char **names;
    size_t n = list_dir(dir, suffix, &names), total = 0;
    for (size_t i = 0; i < n; i++) {
        char path[4400];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        size_t len;
        char *text = read_file(path, &len);
        total += check_round_trip(path, text, len, lang);
        free(text);
    }
    free_list(names, n);
    return total;
}

START_TEST(valid_statements_round_trip)
{
    size_t n = check_valid_dir("tests/corpus/oci/valid", ".pol", IAMC_LANG_OCI);
    n += check_valid_dir("tests/corpus/oci/valid", ".json", IAMC_LANG_OCI);
    ck_assert_msg(n >= 150, "only %zu valid statements in the corpus", n);
}
END_TEST

START_TEST(valid_rules_round_trip)
{
    size_t n = check_valid_dir("tests/corpus/oci/valid-rules", ".rules", IAMC_LANG_OCI_RULES);
    n += check_valid_dir("tests/corpus/oci/valid-rules", ".rule", IAMC_LANG_OCI_RULE);
    ck_assert_msg(n >= 10, "only %zu valid matching rules in the corpus", n);
}
END_TEST

/* Expectations: "# expect: L:C: MESSAGE" and "# hint: TEXT" lines in the file itself, or
 * "L:C: MESSAGE" / "hint: TEXT" lines in a side file NAME.expect. */
static void check_expectations(const char *path, const char *expect_text, int prefixed, iamc_lang lang)
{
    size_t len;
    char *text = read_file(path, &len);
    iamc_doc *doc = iamc_doc_parse(path, text, len, lang);
    size_t ndiag = iamc_doc_diagnostic_count(doc), k = 0;
    const char *want_exp = prefixed ? "# expect: " : "", *want_hint = prefixed ? "# hint: " : "hint: ";
    const char *p = expect_text;
    int expected = 0;
    while (*p) {
        const char *eol = strchr(p, '\n');
        size_t ll = eol ? (size_t)(eol - p) : strlen(p);
        char line[2048];
        snprintf(line, sizeof line, "%.*s", (int)ll, p);
        p += ll + (eol != NULL);
        if (strncmp(line, want_hint, strlen(want_hint)) == 0) {
            ck_assert_msg(k > 0, "%s: a hint before any expectation", path);
            iamc_diagnostic dg;
            iamc_doc_diagnostic(doc, k - 1, &dg);
            ck_assert_msg(dg.hint && strcmp(dg.hint, line + strlen(want_hint)) == 0,
                          "%s: diagnostic %zu: hint\n  want: %s\n  got:  %s", path, k, line + strlen(want_hint),
                          dg.hint ? dg.hint : "(none)");
            continue;
        }
        if (prefixed && strncmp(line, want_exp, strlen(want_exp)) != 0) continue;
        if (!prefixed && line[0] == '\0') continue;
        const char *want = line + strlen(want_exp);
        expected++;
        ck_assert_msg(k < ndiag, "%s: expected '%s', but only %zu diagnostics", path, want, ndiag);
        iamc_diagnostic dg;
        iamc_doc_diagnostic(doc, k++, &dg);
        char got[2048];
        snprintf(got, sizeof got, "%u:%u: %s", dg.line, dg.col, dg.message);
        ck_assert_msg(strcmp(got, want) == 0, "%s: diagnostic %zu\n  want: %s\n  got:  %s", path, k, want, got);
    }
    ck_assert_msg(expected > 0, "%s: no expectations", path);
    ck_assert_msg(k == ndiag, "%s: %zu diagnostics expected, %zu reported", path, k, ndiag);
    ck_assert_ptr_null(iamc_doc_format(doc, 0));
    iamc_doc_free(doc);
    free(text);
}

static size_t check_invalid_dir(const char *rel, const char *suffix, int prefixed, iamc_lang lang)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", test_path(rel));
    char **names;
    size_t n = list_dir(dir, suffix, &names);
    for (size_t i = 0; i < n; i++) {
        char path[4400], side[4500];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        size_t len;
        char *expect;
        if (prefixed) {
            expect = read_file(path, &len);
        } else {
            snprintf(side, sizeof side, "%.*s.expect", (int)(strlen(path) - strlen(suffix)), path);
            expect = read_file(side, &len);
        }
        check_expectations(path, expect, prefixed, lang);
        free(expect);
    }
    free_list(names, n);
    return n;
}

START_TEST(invalid_statements_report_expected_errors)
{
    size_t n = check_invalid_dir("tests/corpus/oci/invalid", ".pol", 1, IAMC_LANG_OCI);
    n += check_invalid_dir("tests/corpus/oci/invalid", ".json", 0, IAMC_LANG_OCI);
    ck_assert_msg(n >= 60, "only %zu invalid cases in the corpus", n);
}
END_TEST

START_TEST(invalid_rules_report_expected_errors)
{
    size_t n = check_invalid_dir("tests/corpus/oci/invalid-rules", ".rules", 0, IAMC_LANG_OCI_RULES);
    ck_assert_uint_ge(n, 3);
}
END_TEST

/* Generated statements, canonical and messy (random case, spacing, line breaks). */
START_TEST(generated_statements_round_trip)
{
    gen_rng r = {20261130};
    buf b;
    buf_init(&b);
    size_t total = 0;
    for (int file = 0; file < 40; file++) {
        b.len = 0;
        for (int i = 0; i < 100; i++) {
            gen_oci_statement(&r, &b, file % 2);
            buf_putc(&b, '\n');
        }
        total += check_round_trip("generated.pol", b.data, b.len, IAMC_LANG_OCI);
    }
    ck_assert_uint_eq(total, 4000);
    for (int i = 0; i < 200; i++) {
        b.len = 0;
        gen_oci_rule(&r, &b, i % 2);
        total += check_round_trip("generated.rule", b.data, b.len, IAMC_LANG_OCI_RULE);
    }
    buf_free(&b);
}
END_TEST

Suite *oci_corpus_suite(void)
{
    Suite *s = suite_create("oci-corpus");
    TCase *tc = tcase_create("corpus");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, valid_statements_round_trip);
    tcase_add_test(tc, valid_rules_round_trip);
    tcase_add_test(tc, invalid_statements_report_expected_errors);
    tcase_add_test(tc, invalid_rules_report_expected_errors);
    tcase_add_test(tc, generated_statements_round_trip);
    suite_add_tcase(s, tc);
    return s;
}
