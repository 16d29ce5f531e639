/* oci: the AST the parser builds, its messages, and its behaviour on hostile input. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/buf.h"
#include "iamc.h"
#include "oci/ast.h"
#include "suites.h"

static oci_doc *parse_text(const char *text, size_t len, unsigned flags)
{
    source src;
    source_init_copy(&src, "t.pol", text, len);
    return oci_parse(&src, flags);
}
static oci_doc *P(const char *text) { return parse_text(text, strlen(text), 0); }

static int tok_is(const oci_doc *d, oci_span s, const char *want)
{
    return s.len == strlen(want) && memcmp(oci_text(d, s), want, s.len) == 0;
}

/* "LINE:COL: message" of diagnostic N. */
static const char *diag_at(const oci_doc *d, int n)
{
    static char out[1024];
    const diag *g = d->diags.head;
    while (g && n--) g = g->next;
    if (!g) return "(none)";
    snprintf(out, sizeof out, "%u:%u: %s", g->line, g->col, g->message);
    return out;
}

static char *fmt(const oci_doc *d)
{
    buf b;
    buf_init(&b);
    oci_format_doc(d, 0, &b);
    return buf_take(&b);
}

START_TEST(allow_with_condition_builds_every_part)
{
    oci_doc *d = P("Allow any-user to use keys in compartment acme-kms-key-compartment where ALL "
                   "{request.principal.type = 'cluster', target.key.id = 'ocid1.key.oc1.iad.annrl______trfg'}\n");
    ck_assert_uint_eq(d->diags.count, 0);
    ck_assert_uint_eq(d->nstmts, 1);
    oci_stmt *s = d->stmts;
    ck_assert_int_eq(s->kind, OCI_STMT_ALLOW);
    ck_assert_int_eq(s->deny, 0);
    ck_assert_int_eq(s->subject, OCI_SUBJ_ANY_USER);
    ck_assert_ptr_null(s->principals);
    ck_assert_int_eq(s->verb, OCI_VERB_USE);
    ck_assert(tok_is(d, s->resource, "keys"));
    ck_assert_int_eq(s->in.kind, OCI_LOC_COMPARTMENT);
    ck_assert(tok_is(d, s->in.path->tok, "acme-kms-key-compartment"));
    ck_assert_ptr_null(s->in.path->next);
    ck_assert_int_eq(s->where->kind, OCI_COND_ALL);
    oci_cond *c1 = s->where->u.children, *c2 = c1->next;
    ck_assert_int_eq(c1->op, OCI_OP_EQ);
    ck_assert(tok_is(d, c1->var, "request.principal.type"));
    ck_assert(tok_is(d, c1->u.values->tok, "'cluster'"));
    ck_assert_int_eq(c1->u.values->kind, OCI_VAL_STRING);
    ck_assert(tok_is(d, c2->var, "target.key.id"));
    ck_assert_ptr_null(c2->next);
    /* the statement span covers all of it, without the newline */
    ck_assert_uint_eq(s->span.off, 0);
    ck_assert_uint_eq(s->span.len, strlen(d->text) - 1);
    oci_doc_free(d);
}
END_TEST

START_TEST(subjects_lists_domains_and_ids)
{
    oci_doc *d = P("Allow group A-Admins, 'Default'/'Admins', Domain-B/B-Admins to manage all-resources in tenancy\n"
                   "Allow group id ocid1.group.oc1..aaa, id ocid1.group.oc1..bbb to read keys in tenancy\n"
                   "Allow group id ocid1.group.oc1..aaa, group id ocid1.group.oc1..bbb to read keys in tenancy\n"
                   "Allow service blockstorage, objectstorage-us-ashburn-1, oke to use keys in tenancy\n"
                   "Allow dynamic group VolumeWriters to use key-delegate in tenancy\n");
    ck_assert_uint_eq(d->diags.count, 0);
    ck_assert_uint_eq(d->nstmts, 5);
    oci_principal *p = d->stmts->principals;
    ck_assert(tok_is(d, p->name, "A-Admins"));
    ck_assert_uint_eq(p->domain.len, 0);
    p = p->next;
    ck_assert(tok_is(d, p->domain, "'Default'"));
    ck_assert(tok_is(d, p->name, "'Admins'"));
    p = p->next;
    ck_assert(tok_is(d, p->domain, "Domain-B"));
    ck_assert(tok_is(d, p->name, "B-Admins"));
    ck_assert_ptr_null(p->next);
    oci_stmt *s = d->stmts->next;
    ck_assert_int_eq(s->principals->kind, OCI_PRINCIPAL_ID);
    ck_assert_int_eq(s->principals->next->kind, OCI_PRINCIPAL_ID);
    ck_assert_int_eq(s->principals->next->repeated, 0);
    s = s->next;
    ck_assert_int_eq(s->principals->next->repeated, 1);
    s = s->next;
    ck_assert_int_eq(s->subject, OCI_SUBJ_SERVICE);
    ck_assert(tok_is(d, s->principals->next->name, "objectstorage-us-ashburn-1"));
    s = s->next;
    ck_assert_int_eq(s->subject, OCI_SUBJ_DYNAMIC_GROUP);
    ck_assert(s->lenient & OCI_LENIENT_DYNAMIC_GROUP);
    oci_doc_free(d);
}
END_TEST

START_TEST(locations)
{
    oci_doc *d = P("Allow group G to read keys in compartment id ocid1.compartment.oc1..x\n"
                   "Allow group G to read keys in compartment A:B:C\n"
                   "Allow group G to read keys in Project-A\n"
                   "Allow group G to read keys where request.region = 'phx'\n");
    ck_assert_uint_eq(d->diags.count, 0);
    oci_stmt *s = d->stmts;
    ck_assert_int_eq(s->in.kind, OCI_LOC_COMPARTMENT_ID);
    s = s->next;
    ck_assert_int_eq(s->in.kind, OCI_LOC_COMPARTMENT);
    ck_assert(tok_is(d, s->in.path->next->next->tok, "C"));
    ck_assert(tok_is(d, s->in.span, "compartment A:B:C"));
    s = s->next;
    ck_assert_int_eq(s->in.bare, 1);
    s = s->next;
    ck_assert_int_eq(s->in.kind, OCI_LOC_NONE);
    ck_assert(s->lenient & OCI_LENIENT_NO_LOCATION);
    oci_doc_free(d);
}
END_TEST

START_TEST(cross_tenancy_statements)
{
    oci_doc *d = P("Define tenancy KeyTenancy as ocid1.tenancy.oc1..aaa\n"
                   "Define compartment acceptorComp as id ocid1.compartment.oc1..bbb\n"
                   "Endorse dynamic-group OKEAdminDynGroup to use keys in tenancy KeyTenancy\n"
                   "Admit dynamic-group Remote of tenancy ClusterTenancy to use keys in tenancy where target.key.id = 'k'\n"
                   "deny admit any-user of any-tenancy to manage all-resources in tenancy\n"
                   "Endorse group G to associate local-peering-gateways in compartment C with local-peering-gateways in any-tenancy\n");
    ck_assert_str_eq(diag_at(d, 0), "(none)");
    oci_stmt *s = d->stmts;
    ck_assert_int_eq(s->kind, OCI_STMT_DEFINE);
    ck_assert_int_eq(s->define_kind, OCI_DEFINE_TENANCY);
    ck_assert(tok_is(d, s->resource, "KeyTenancy"));
    ck_assert(tok_is(d, s->perms->tok, "ocid1.tenancy.oc1..aaa"));
    s = s->next;
    ck_assert(s->lenient & OCI_LENIENT_DEFINE_ID);
    s = s->next;
    ck_assert_int_eq(s->kind, OCI_STMT_ENDORSE);
    ck_assert_int_eq(s->in.kind, OCI_LOC_TENANCY_ALIAS);
    ck_assert(tok_is(d, s->in.path->tok, "KeyTenancy"));
    s = s->next;
    ck_assert_int_eq(s->kind, OCI_STMT_ADMIT);
    ck_assert_int_eq(s->of->kind, OCI_LOC_TENANCY_ALIAS);
    ck_assert(tok_is(d, s->of->path->tok, "ClusterTenancy"));
    ck_assert_int_eq(s->in.kind, OCI_LOC_TENANCY);
    s = s->next;
    ck_assert_int_eq(s->kind, OCI_STMT_ADMIT);
    ck_assert_int_eq(s->deny, 1);
    ck_assert_int_eq(s->of->kind, OCI_LOC_ANY_TENANCY);
    s = s->next;
    ck_assert_int_eq(s->verb, OCI_VERB_ASSOCIATE);
    ck_assert(tok_is(d, s->with->resource, "local-peering-gateways"));
    ck_assert_int_eq(s->with->in.kind, OCI_LOC_ANY_TENANCY);
    ck_assert_int_eq(s->in.kind, OCI_LOC_COMPARTMENT);
    oci_doc_free(d);
}
END_TEST

START_TEST(condition_operators)
{
    oci_doc *d = P("Allow group G to manage instance-family in tenancy where any {"
                   "request.utc-timestamp before '2022-01-01T00:00Z', "
                   "request.utc-timestamp after '2021-01-01T00:00Z', "
                   "request.utc-timestamp.time-of-day between '17:00:00Z' and '01:00:00Z', "
                   "request.utc-timestamp.month-of-year in ('6', '7', '8'), "
                   "target.resource.tag.HR.Project not in (/*x/, request.principal.id), "
                   "target.group.name != /A-*/, "
                   "target.key.id = ocid1.key.oc1..unquoted, "
                   "sets-intersect(target.resource.compartment.tag.ns.k, ('a', 'b'))}\n");
    ck_assert_str_eq(diag_at(d, 0), "(none)");
    static const int ops[] = {OCI_OP_BEFORE, OCI_OP_AFTER, OCI_OP_BETWEEN, OCI_OP_IN, OCI_OP_NOT_IN,
                              OCI_OP_NE, OCI_OP_EQ, OCI_OP_SETS_INTERSECT};
    int i = 0;
    for (oci_cond *c = d->stmts->where->u.children; c; c = c->next, i++) ck_assert_int_eq(c->op, ops[i]);
    ck_assert_int_eq(i, 8);
    oci_cond *between = d->stmts->where->u.children->next->next;
    ck_assert(tok_is(d, between->u.values->next->tok, "'01:00:00Z'"));
    oci_cond *notin = between->next->next;
    ck_assert_int_eq(notin->u.values->kind, OCI_VAL_PATTERN);
    ck_assert_int_eq(notin->u.values->next->kind, OCI_VAL_VARIABLE);
    ck_assert_int_eq(notin->next->next->u.values->kind, OCI_VAL_OCID);
    oci_doc_free(d);
}
END_TEST

START_TEST(keywords_case_insensitive_and_as_names)
{
    oci_doc *d = P("aLLoW GROUP read TO MANAGE keys IN COMPARTMENT service:tenancy:Read WHERE ALL {a.b='x'}\n");
    ck_assert_str_eq(diag_at(d, 0), "(none)");
    ck_assert(tok_is(d, d->stmts->principals->name, "read"));
    ck_assert(tok_is(d, d->stmts->in.path->next->tok, "tenancy"));
    char *out = fmt(d);
    ck_assert_str_eq(out, "Allow group read to manage keys in compartment service:tenancy:Read where all {a.b = 'x'}\n");
    free(out);
    oci_doc_free(d);
}
END_TEST

START_TEST(statement_spans_lines)
{
    oci_doc *d = P("Allow group G to {\n  KEY_READ,\n  KEY_DECRYPT\n} in tenancy where any {\n a.b = 'x',\n c.d = 'y'\n}\n"
                   "Allow group H to read keys in tenancy\n");
    ck_assert_str_eq(diag_at(d, 0), "(none)");
    ck_assert_uint_eq(d->nstmts, 2);
    uint32_t line, col;
    oci_doc_position(d, d->stmts->next->span.off, &line, &col);
    ck_assert_uint_eq(line, 8);
    ck_assert_uint_eq(col, 1);
    oci_doc_position(d, d->stmts->perms->next->tok.off, &line, &col);
    ck_assert_uint_eq(line, 3);
    ck_assert_uint_eq(col, 3);
    oci_doc_free(d);
}
END_TEST

START_TEST(error_message_verb_typo)
{
    oci_doc *d = P("Allow group A to usee keys in tenancy\n");
    ck_assert_str_eq(diag_at(d, 0), "1:18: expected a verb (inspect, read, use, manage) or a permission list "
                                    "'{...}' after 'to', found 'usee'");
    ck_assert_str_eq(d->diags.head->hint, "did you mean 'use'?");
    ck_assert_uint_eq(d->nstmts, 0);
    oci_doc_free(d);
}
END_TEST

START_TEST(recovery_reports_every_broken_statement)
{
    oci_doc *d = P("Allow group A to usee keys in tenancy\n"
                   "Allow group B to use keys in tenancy\n"
                   "Allow grup C to use keys in tenancy\n"
                   "# a comment\n"
                   "Allow group D to use keys in tenancy where x.y = \"a\"\n"
                   "Allow group E to use keys in tenancy\n");
    ck_assert_uint_eq(d->diags.errors, 3);
    ck_assert_uint_eq(d->nstmts, 2);
    ck_assert_str_eq(diag_at(d, 1), "3:7: expected a subject (group, dynamic-group, service, any-user, any-group) "
                                    "after 'Allow', found 'grup'");
    ck_assert_str_eq(diag_at(d, 2), "5:50: unexpected character '\"'");
    ck_assert(tok_is(d, d->stmts->next->principals->name, "E"));
    oci_doc_free(d);
}
END_TEST

START_TEST(error_expected_list_is_taken_before_reductions)
{
    oci_doc *d = P("Allow group C to use keys in compartmnt X\n");
    ck_assert_str_eq(diag_at(d, 0), "1:41: expected end of statement, 'where' or ':' after 'compartmnt', found 'X'");
    ck_assert_str_eq(d->diags.head->hint, "'compartmnt' was read as a name; did you mean 'compartment'?");
    oci_doc_free(d);
}
END_TEST

START_TEST(error_at_end_of_statement)
{
    oci_doc *d = P("Allow group A to manage keys in tenancy where\n");
    ck_assert_str_eq(diag_at(d, 0), "1:46: expected a condition or a variable (such as target.key.id) after "
                                    "'where', found end of statement");
    oci_doc_free(d);
    d = P("Allow group A to manage keys\n");
    ck_assert_str_eq(diag_at(d, 0), "1:29: expected 'in' or 'where' after 'keys', found end of statement");
    oci_doc_free(d);
}
END_TEST

START_TEST(two_statements_on_one_line)
{
    oci_doc *d = P("Allow group A to read keys in tenancy Allow group B to read keys in tenancy\n");
    ck_assert_str_eq(diag_at(d, 0), "1:39: expected end of statement or 'where' after 'tenancy', found 'Allow'");
    ck_assert_str_eq(d->diags.head->hint, "each statement starts on a new line");
    oci_doc_free(d);
}
END_TEST

START_TEST(lexical_errors)
{
    oci_doc *d = P("Allow group A to read keys in tenancy where a.b = 'open\n"
                   "Allow group A to read keys in tenancy where a.b = /open\n"
                   "Allow group A to read keys in tenancy where a.b = \xE2\x80\x98x\xE2\x80\x99\n"
                   "Allow group A to read keys in tenancy where a.b = 'x\xff'\n"
                   "Allow\xC2\xA0group A to read keys in tenancy\n");
    ck_assert_uint_eq(d->diags.errors, 5);
    ck_assert_str_eq(diag_at(d, 0), "1:51: unterminated quoted value: a closing ' is missing on this line");
    ck_assert_str_eq(diag_at(d, 1), "2:51: unterminated pattern: a closing / is missing on this line");
    ck_assert_str_eq(diag_at(d, 2), "3:51: unexpected character U+2018 '\xE2\x80\x98'");
    ck_assert_str_eq(diag_at(d, 3), "4:53: invalid UTF-8 byte 0xFF in a quoted value");
    ck_assert_str_eq(diag_at(d, 4), "5:6: unexpected character U+00A0 '\xC2\xA0'");
    oci_doc_free(d);
}
END_TEST

START_TEST(nul_bytes_are_errors_not_end_of_input)
{
    const char text[] = "Allow group A to read keys in tenancy\nAllow group \0B to read keys in tenancy\nAllow group C to read keys in tenancy\n";
    oci_doc *d = parse_text(text, sizeof text - 1, 0);
    ck_assert_str_eq(diag_at(d, 0), "2:13: unexpected byte 0x00");
    ck_assert_uint_eq(d->nstmts, 2);   /* the statement after it is still read */
    oci_doc_free(d);
}
END_TEST

START_TEST(deep_nesting_is_refused_cleanly)
{
    buf b;
    buf_init(&b);
    buf_puts(&b, "Allow group A to read keys in tenancy where ");
    for (int i = 0; i < 10000; i++) buf_puts(&b, "all {");
    buf_puts(&b, "a.b = 'x'");
    for (int i = 0; i < 10000; i++) buf_puts(&b, "}");
    buf_puts(&b, "\nAllow group B to read keys in tenancy\n");
    oci_doc *d = parse_text(b.data, b.len, 0);
    ck_assert_uint_eq(d->diags.errors, 1);
    ck_assert(strstr(diag_at(d, 0), "conditions nest deeper than 32 levels") != NULL);
    ck_assert_uint_eq(d->nstmts, 1);
    oci_doc_free(d);
    /* 32 levels are fine */
    b.len = 0;
    buf_puts(&b, "Allow group A to read keys in tenancy where ");
    for (int i = 0; i < 32; i++) buf_puts(&b, "any {");
    buf_puts(&b, "a.b = 'x'");
    for (int i = 0; i < 32; i++) buf_puts(&b, "}");
    d = parse_text(b.data, b.len, 0);
    ck_assert_str_eq(diag_at(d, 0), "(none)");
    oci_doc_free(d);
    buf_free(&b);
}
END_TEST

START_TEST(megabyte_single_line)
{
    buf b;
    buf_init(&b);
    buf_puts(&b, "Allow group A");
    for (int i = 0; i < 150000; i++) buf_printf(&b, ", G%d", i);
    buf_puts(&b, " to read keys in tenancy");   /* > 1 MB, no newline at all */
    ck_assert_uint_gt(b.len, 1000000);
    oci_doc *d = parse_text(b.data, b.len, 0);
    ck_assert_str_eq(diag_at(d, 0), "(none)");
    int n = 0;
    for (oci_principal *p = d->stmts->principals; p; p = p->next) n++;
    ck_assert_int_eq(n, 150001);
    oci_doc_free(d);
    /* and a broken one: the message must stay short */
    buf_puts(&b, " where");
    d = parse_text(b.data, b.len, 0);
    ck_assert_uint_eq(d->diags.errors, 1);
    iamc_doc *pub = iamc_doc_parse("big.pol", b.data, b.len, IAMC_LANG_OCI);
    char *text = iamc_doc_render_diagnostics(pub);
    ck_assert_uint_lt(strlen(text), 600);
    free(text);
    iamc_doc_free(pub);
    oci_doc_free(d);
    buf_free(&b);
}
END_TEST

START_TEST(random_bytes_never_crash)
{
    uint64_t s = 42;
    char text[512];
    for (int round = 0; round < 3000; round++) {
        size_t n = (size_t)(round % 500) + 1;
        for (size_t i = 0; i < n; i++) {
            s = s * 6364136223846793005ull + 1442695040888963407ull;
            /* mostly policy characters, with some binary */
            static const char alphabet[] = "Allow group A to manage keys in tenancy where all{a.b='x',c.d=/y*/}()\n:/#!= \"\x00\xff\xc3";
            text[i] = (s >> 33) % 8 ? alphabet[(s >> 40) % (sizeof alphabet - 1)] : (char)(s >> 24);
        }
        oci_doc *d = parse_text(text, n, round % 3 == 0 ? OCI_PARSE_RULES : 0);
        ck_assert(d->nstmts + d->nrules + d->diags.count < 10000);
        char *out = fmt(d);
        free(out);
        oci_doc_free(d);
    }
}
END_TEST

START_TEST(json_array_input_maps_positions)
{
    const char *text = "[\n  \"Allow group A to read keys in tenancy\",\n  \"Allow group B to\\n usee keys in tenancy\"\n]\n";
    oci_doc *d = P(text);
    ck_assert_int_eq(d->input, OCI_INPUT_JSON_ARRAY);
    ck_assert_uint_eq(d->nstmts, 1);
    /* 'usee' sits after an escaped newline: line 3, column 23 of the JSON file */
    ck_assert_str_eq(diag_at(d, 0), "3:23: expected a verb (inspect, read, use, manage) or a permission list "
                                    "'{...}' after 'to', found 'usee'");
    oci_doc_free(d);
    d = P("[\"Allow group A to read keys in tenancy\", 42]");
    ck_assert_str_eq(diag_at(d, 0), "1:43: expected a statement string in the JSON array (element 2)");
    oci_doc_free(d);
    d = P("[\"Allow group A to read keys in tenancy\",");
    ck_assert(strstr(diag_at(d, 0), "invalid JSON") != NULL);
    oci_doc_free(d);
    d = P("[\"Allow group A to read keys in tenancy Allow group B to read keys in tenancy\"]");
    ck_assert_uint_eq(d->diags.errors, 1);   /* one element is one statement */
    oci_doc_free(d);
}
END_TEST

START_TEST(json_array_round_trip)
{
    oci_doc *d = P("[\"ALLOW  group A to read keys in tenancy\", \"Allow group 'caf\\u00e9' to read keys in tenancy\"]");
    ck_assert_str_eq(diag_at(d, 0), "(none)");
    buf b;
    buf_init(&b);
    oci_format_doc(d, 1, &b);
    ck_assert_str_eq(b.data, "[\n  \"Allow group A to read keys in tenancy\",\n"
                             "  \"Allow group 'caf\\u00E9' to read keys in tenancy\"\n]\n");
    buf_free(&b);
    oci_doc_free(d);
}
END_TEST

START_TEST(matching_rules)
{
    oci_doc *d = parse_text("ALL {resource.type = 'cluster', resource.compartment.id = 'ocid1.compartment.oc1..aaa'}", 87, OCI_PARSE_RULES);
    ck_assert_str_eq(diag_at(d, 0), "(none)");
    ck_assert_uint_eq(d->nrules, 1);
    ck_assert_int_eq(d->rules->expr->kind, OCI_COND_ALL);
    char *out = fmt(d);
    ck_assert_str_eq(out, "All {resource.type = 'cluster', resource.compartment.id = 'ocid1.compartment.oc1..aaa'}\n");
    free(out);
    oci_doc_free(d);
    const char *lines = "# rules\nAny {instance.id = 'a', tag.dept.ops.value}\n\ninstance.id != 'b'\nresource.type in ('x')\n";
    d = parse_text(lines, strlen(lines), OCI_PARSE_RULES | OCI_PARSE_RULE_LINES);
    ck_assert_uint_eq(d->nrules, 2);
    ck_assert_int_eq(d->rules->expr->u.children->next->op, OCI_OP_PRESENT);
    ck_assert_str_eq(diag_at(d, 0), "5:15: expected end of rule or an operator (=, !=) after 'resource.type', found 'in'");
    oci_doc_free(d);
}
END_TEST

START_TEST(comments_are_kept_by_fmt)
{
    oci_doc *d = P("# head\n\n\nallow group A to read keys in tenancy # why\nAllow group B to\n # inside\n read keys in tenancy\n\n# tail\n");
    char *out = fmt(d);
    ck_assert_str_eq(out, "# head\n\nAllow group A to read keys in tenancy # why\n"
                          "Allow group B to read keys in tenancy # inside\n\n# tail\n");
    free(out);
    oci_doc_free(d);
    /* two comments in one statement stay two comments, each on its own line */
    d = P("Allow group B to # c1\n  # c2\n read keys in\n# c3\n tenancy # c4\nAllow group C to read keys in tenancy\n");
    out = fmt(d);
    ck_assert_str_eq(out, "Allow group B to read keys in tenancy # c1\n# c2\n# c3\n# c4\n"
                          "Allow group C to read keys in tenancy\n");
    oci_doc *again = P(out);
    ck_assert_uint_eq(again->nstmts, 2);
    const oci_comment *k = again->comments;
    for (int i = 1; i <= 4; i++, k = k->next) {
        char want[24];
        snprintf(want, sizeof want, "# c%d", i);
        ck_assert_msg(k && tok_is(again, k->span, want), "comment %d", i);
    }
    ck_assert_ptr_null(k);
    char *out2 = fmt(again);
    ck_assert_str_eq(out2, out);   /* a fixed point */
    free(out2);
    free(out);
    oci_doc_free(again);
    oci_doc_free(d);
}
END_TEST

/* Resource types the model knows are keywords: fmt and the JSON AST give them in lower case;
 * other names stay as written. */
START_TEST(known_resource_types_in_lower_case)
{
    oci_doc *d = P("Allow group A to MANAGE ALL-RESOURCES in tenancy\nAllow group A to read KEYS in tenancy\n"
                   "Allow group A to read Key-Family in tenancy\nAllow group A to read MyThings in tenancy\n");
    char *out = fmt(d);
    ck_assert_str_eq(out, "Allow group A to manage all-resources in tenancy\nAllow group A to read keys in tenancy\n"
                          "Allow group A to read key-family in tenancy\nAllow group A to read MyThings in tenancy\n");
    free(out);
    oci_doc_free(d);
    const char *src = "Allow group A to read KEYS in tenancy\n";
    iamc_doc *doc = iamc_doc_parse("k.pol", src, strlen(src), IAMC_LANG_AUTO);
    char *j = iamc_doc_to_json(doc, IAMC_JSON_NO_SPANS);
    ck_assert(strstr(j, "\"value\": \"keys\"") != NULL);
    free(j);
    iamc_doc_free(doc);
}
END_TEST

/* 'group id X, group id Y' is marked in the JSON AST, so parse(fmt(x)) == parse(x) over the
 * corpus would notice fmt dropping the repeated keyword. */
START_TEST(repeated_keyword_is_in_the_ast)
{
    const char *rep = "Allow group id ocid1.group.oc1..a, group id ocid1.group.oc1..b to read keys in tenancy\n";
    const char *plain = "Allow group id ocid1.group.oc1..a, id ocid1.group.oc1..b to read keys in tenancy\n";
    iamc_doc *a = iamc_doc_parse("a.pol", rep, strlen(rep), IAMC_LANG_AUTO);
    iamc_doc *b = iamc_doc_parse("a.pol", plain, strlen(plain), IAMC_LANG_AUTO);
    char *ja = iamc_doc_to_json(a, IAMC_JSON_NO_SPANS), *jb = iamc_doc_to_json(b, IAMC_JSON_NO_SPANS);
    ck_assert(strstr(ja, "\"repeated\": true") != NULL);
    ck_assert(strstr(jb, "\"repeated\"") == NULL);
    ck_assert_str_ne(ja, jb);
    char *out = iamc_doc_format(a, 0);
    ck_assert_str_eq(out, rep);
    free(out);
    free(ja);
    free(jb);
    iamc_doc_free(a);
    iamc_doc_free(b);
}
END_TEST

START_TEST(public_api)
{
    iamc_doc *doc = iamc_doc_parse("x.pol", "Allow group A to mange keys in tenancy\n", 39, IAMC_LANG_AUTO);
    ck_assert_uint_eq(iamc_doc_count(doc), 0);
    ck_assert_uint_eq(iamc_doc_error_count(doc), 1);
    iamc_diagnostic dg;
    ck_assert_int_eq(iamc_doc_diagnostic(doc, 0, &dg), 0);
    ck_assert_str_eq(dg.file, "x.pol");
    ck_assert_uint_eq(dg.line, 1);
    ck_assert_uint_eq(dg.col, 18);
    ck_assert_uint_eq(dg.offset, 17);
    ck_assert_uint_eq(dg.end, 22);
    ck_assert_str_eq(dg.hint, "did you mean 'manage'?");
    ck_assert_int_eq(iamc_doc_diagnostic(doc, 1, &dg), -1);
    ck_assert_ptr_null(iamc_doc_format(doc, 0));   /* never a partial document */
    iamc_doc_free(doc);
    doc = iamc_doc_parse("x.rules", "instance.id = 'a'\nresource.id = 'b'\n", 36, IAMC_LANG_AUTO);
    ck_assert_int_eq(iamc_doc_lang(doc), IAMC_LANG_OCI_RULES);
    ck_assert_uint_eq(iamc_doc_count(doc), 2);
    char *j = iamc_doc_to_json(doc, IAMC_JSON_NO_SPANS);
    ck_assert(strstr(j, "\"language\": \"oci-matching-rule\"") != NULL);
    ck_assert(strstr(j, "\"span\"") == NULL);
    free(j);
    iamc_doc_free(doc);
    ck_assert_str_eq(iamc_version(), IAMC_VERSION);
}
END_TEST

/* Output that cannot be written is an error, whatever the command (exit 2 and a message). */
START_TEST(write_errors_are_reported)
{
    const char *bin = getenv("IAMC_BIN"), *top = getenv("IAMC_TOP");
    char cmd[8192];
    static const char *const runs[] = {"fmt tests/corpus/oci/valid/01-subjects.pol", "parse tests/corpus/oci/valid/01-subjects.pol",
                                       "--help", "fmt --help", "fmt --version"};
    for (size_t i = 0; i < sizeof runs / sizeof *runs; i++) {
        snprintf(cmd, sizeof cmd, "cd '%s' && '%s' %s >/dev/full 2>/dev/null; test $? = 2", top ? top : ".",
                 bin ? bin : "build/iamc", runs[i]);
        ck_assert_msg(system(cmd) == 0, "%s: exit status is not 2", runs[i]);
        snprintf(cmd, sizeof cmd, "cd '%s' && '%s' %s 2>&1 >/dev/full | grep -q 'iamc: write error: No space left on device'",
                 top ? top : ".", bin ? bin : "build/iamc", runs[i]);
        ck_assert_msg(system(cmd) == 0, "%s: no write error message", runs[i]);
    }
}
END_TEST

Suite *oci_suite(void)
{
    Suite *s = suite_create("oci");
    TCase *tc = tcase_create("ast");
    tcase_add_test(tc, allow_with_condition_builds_every_part);
    tcase_add_test(tc, subjects_lists_domains_and_ids);
    tcase_add_test(tc, locations);
    tcase_add_test(tc, cross_tenancy_statements);
    tcase_add_test(tc, condition_operators);
    tcase_add_test(tc, keywords_case_insensitive_and_as_names);
    tcase_add_test(tc, statement_spans_lines);
    tcase_add_test(tc, json_array_round_trip);
    tcase_add_test(tc, matching_rules);
    tcase_add_test(tc, comments_are_kept_by_fmt);
    tcase_add_test(tc, repeated_keyword_is_in_the_ast);
    tcase_add_test(tc, known_resource_types_in_lower_case);
    tcase_add_test(tc, public_api);
    suite_add_tcase(s, tc);
    TCase *te = tcase_create("errors");
    tcase_set_timeout(te, 60);
    tcase_add_test(te, error_message_verb_typo);
    tcase_add_test(te, recovery_reports_every_broken_statement);
    tcase_add_test(te, error_expected_list_is_taken_before_reductions);
    tcase_add_test(te, error_at_end_of_statement);
    tcase_add_test(te, two_statements_on_one_line);
    tcase_add_test(te, lexical_errors);
    tcase_add_test(te, nul_bytes_are_errors_not_end_of_input);
    tcase_add_test(te, deep_nesting_is_refused_cleanly);
    tcase_add_test(te, megabyte_single_line);
    tcase_add_test(te, write_errors_are_reported);
    tcase_add_test(te, random_bytes_never_crash);
    tcase_add_test(te, json_array_input_maps_positions);
    suite_add_tcase(s, te);
    return s;
}
