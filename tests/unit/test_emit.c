/* emit: quoting into the generated languages, JSON Pointer positions, and the proofs: a
 * policy that grants too little or too much must stop the bundle, showing the request. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/jsonpos.h"
#include "emit/internal.h"
#include "suites.h"

START_TEST(sh_quote_survives_the_shell)
{
    static const char *const values[] = {"plain", "it's", "$(rm -rf /) `x` $HOME", "a\"b\\c", "'", "", "new\nline"};
    for (size_t i = 0; i < sizeof values / sizeof *values; i++) {
        buf cmd;
        buf_init(&cmd);
        buf_puts(&cmd, "printf %s ");
        emit_sh_quote(&cmd, values[i]);
        FILE *p = popen(cmd.data, "r");
        ck_assert_ptr_nonnull(p);
        char out[256] = "";
        size_t n = fread(out, 1, sizeof out - 1, p);
        out[n] = '\0';
        pclose(p);
        ck_assert_str_eq(out, values[i]);
        buf_free(&cmd);
    }
}
END_TEST

START_TEST(hcl_quote_escapes_templates)
{
    buf b;
    buf_init(&b);
    emit_hcl_quote(&b, "a\"b\\c ${var.x} %{if} $5 100%");
    ck_assert_str_eq(b.data, "\"a\\\"b\\\\c $${var.x} %%{if} $5 100%\"");
    buf_free(&b);
    buf_init(&b);
    emit_printf(&b, "%s=%Q %H 100%%", "x", "it's", "q\"");
    ck_assert_str_eq(b.data, "x='it'\\''s' \"q\\\"\" 100%");
    buf_free(&b);
}
END_TEST

/* A code span's text is literal: the fence outgrows every backtick run, and a space pads text
 * that starts or ends with a backtick or a space (CommonMark strips one from each side). */
START_TEST(md_code_span_holds_any_text)
{
    static const char *const cases[][2] = {
        {"plain", "`plain`"},
        {"**b** <i>x</i> [a](b)", "`**b** <i>x</i> [a](b)`"},
        {"a`b", "``a`b``"},
        {"a``b`c", "```a``b`c```"},
        {"`x", "`` `x ``"},
        {"x`", "`` x` ``"},
        {" x", "`  x `"},
        {"  ", "`  `"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        buf b;
        buf_init(&b);
        emit_printf(&b, "%M", cases[i][0]);
        ck_assert_str_eq(b.data, cases[i][1]);
        buf_free(&b);
    }
}
END_TEST

START_TEST(json_pointer_positions)
{
    const char *t = "{\n  \"a\": {\"b\": [1, {\"c\": \"x\"}, 3]},\n  \"d~/e\": null, \"s\": \"}]\\\"\", \"z\": 2\n}";
    size_t n = strlen(t);
    ck_assert_uint_eq(jsonpos_find(t, n, ""), 0);
    ck_assert_uint_eq(jsonpos_find(t, n, "/a"), (size_t)(strstr(t, "{\"b\"") - t));
    ck_assert_uint_eq(jsonpos_find(t, n, "/a/b/1/c"), (size_t)(strstr(t, "\"x\"") - t));
    ck_assert_uint_eq(jsonpos_find(t, n, "/a/b/2"), (size_t)(strstr(t, "3]") - t));
    ck_assert_uint_eq(jsonpos_find(t, n, "/d~0~1e"), (size_t)(strstr(t, "null") - t));
    ck_assert_uint_eq(jsonpos_find(t, n, "/z"), (size_t)(strstr(t, "2\n}") - t));
    /* missing: the deepest value that exists */
    ck_assert_uint_eq(jsonpos_find(t, n, "/a/missing"), (size_t)(strstr(t, "{\"b\"") - t));
    ck_assert_uint_eq(jsonpos_find(t, n, "/a/b/7"), (size_t)(strstr(t, "[1") - t));
}
END_TEST

static const char spec_text[] =
    "{\"name\": \"t\", \"cloud\": \"oci\", \"grant\": \"any-user\",\n"
    " \"key\": {\"id\": \"ocid1.key.oc1.iad.k1\", \"tenancy\": \"T\", \"compartment\": \"kms\"},\n"
    " \"cluster\": {\"name\": \"c\", \"tenancy\": \"T\", \"compartment_id\": \"ocid1.compartment.oc1..cc\",\n"
    "             \"kubernetes_version\": \"v1.30.1\", \"vcn_id\": \"ocid1.vcn.oc1.iad.v\"},\n"
    " \"tenancies\": {\"T\": {\"id\": \"ocid1.tenancy.oc1..t\"}}}\n";

/* Build the bundle's IAM, put TEXT in place of its policy, and prove. */
static int prove_with(const char *text, buf *errors)
{
    emit_spec *s = emit_spec_parse("t.json", spec_text, strlen(spec_text), errors);
    ck_assert_msg(s != NULL, "%s", errors->data);
    emit_iam iam;
    ck_assert_int_eq(emit_iam_build(s, &iam, errors), 0);
    if (text) {
        free(iam.policies[0].text);
        iam.policies[0].text = strdup(text);
    }
    emit_proofs proofs;
    int rc = emit_prove(s, &iam, &proofs, errors);
    if (rc == 0) ck_assert_uint_ge(proofs.n, 6);
    emit_proofs_free(&proofs);
    emit_iam_free(&iam);
    emit_spec_free(s);
    return rc;
}

START_TEST(proofs_hold_for_the_built_policy)
{
    buf errors;
    buf_init(&errors);
    ck_assert_msg(prove_with(NULL, &errors) == 0, "%s", errors.data ? errors.data : "");
    buf_free(&errors);
}
END_TEST

START_TEST(proofs_refuse_too_little)
{
    buf errors;
    buf_init(&errors);
    /* the wrong compartment: the cluster is not allowed */
    ck_assert_int_eq(prove_with("Allow any-user to use keys in compartment other where all {request.principal.type = "
                                "'cluster', target.key.id = 'ocid1.key.oc1.iad.k1'}\n", &errors), -1);
    ck_assert_msg(strstr(errors.data, "proof failed: the cluster may KEY_ENCRYPT with the key: expected allow") != NULL, "%s", errors.data);
    ck_assert_msg(strstr(errors.data, "request: {\"principal\"") != NULL, "%s", errors.data);
    ck_assert_msg(strstr(errors.data, "\"near_misses\"") != NULL, "%s", errors.data);
    buf_free(&errors);
}
END_TEST

START_TEST(proofs_refuse_too_much)
{
    static const char *const too_much[][2] = {
        {"Allow any-user to use keys in compartment kms where request.principal.type = 'cluster'\n", "another key"},
        {"Allow any-user to use keys in compartment kms where target.key.id = 'ocid1.key.oc1.iad.k1'\n", "a node pool"},
        {"Allow any-group to use keys in tenancy where target.key.id = 'ocid1.key.oc1.iad.k1'\n", "a node pool"},
    };
    for (size_t i = 0; i < sizeof too_much / sizeof *too_much; i++) {
        buf errors;
        buf_init(&errors);
        ck_assert_int_eq(prove_with(too_much[i][0], &errors), -1);
        ck_assert_msg(strstr(errors.data, too_much[i][1]) && strstr(errors.data, "expected deny"), "%zu: %s", i, errors.data);
        buf_free(&errors);
    }
}
END_TEST

Suite *emit_suite(void)
{
    Suite *s = suite_create("emit");
    TCase *tc = tcase_create("emit");
    tcase_add_test(tc, sh_quote_survives_the_shell);
    tcase_add_test(tc, hcl_quote_escapes_templates);
    tcase_add_test(tc, md_code_span_holds_any_text);
    tcase_add_test(tc, json_pointer_positions);
    tcase_add_test(tc, proofs_hold_for_the_built_policy);
    tcase_add_test(tc, proofs_refuse_too_little);
    tcase_add_test(tc, proofs_refuse_too_much);
    suite_add_tcase(s, tc);
    return s;
}
