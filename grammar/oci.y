/* The OCI policy grammar (lemon).  Reads like shared/reference/oci-policy-language.md §3:
 * one rule per construct, every action one line that calls a helper in src/oci/build.c.
 * The driver (src/oci/parse.c) feeds one statement at a time, led by START_STMT, or one
 * matching rule, led by START_RULE; so both languages share one table and one lexer. */

%name ociParser
%token_prefix TK_
%token_type {oci_span}
%extra_context {oci_parser *px}
%stack_size 200

%include {
#include <assert.h>
#include "oci/build.h"
}

%syntax_error { oci_build_note_error(px, yymajor, TOKEN); }
%stack_overflow { oci_build_overflow(px); }
%parse_failure { px->failed = 1; }
%parse_accept { px->accepted = 1; }

/* Token codes are fixed here so that the lexer and the tables agree. */
%token START_STMT START_RULE.
%token ALLOW DENY DEFINE ENDORSE ADMIT.
%token TO IN WHERE AS OF WITH ID.
%token GROUP DYNAMIC_GROUP DYNAMIC ANY_GROUP ANY_USER SERVICE.
%token TENANCY ANY_TENANCY COMPARTMENT ASSOCIATE.
%token INSPECT READ USE MANAGE.
%token ANY ALL NOT BEFORE AFTER BETWEEN AND SETS_INTERSECT.
%token NAME QSTRING PATTERN OCID VARIABLE.
%token COMMA COLON SLASH LBRACE RBRACE LPAREN RPAREN EQ NE.

/* A keyword that cannot stand where it is read is taken as a name: a compartment called
 * 'read' or a group called 'service' needs no quotes.  TO, IN and WHERE stay structural. */
%fallback NAME AS OF WITH ID GROUP DYNAMIC SERVICE TENANCY COMPARTMENT ASSOCIATE
               INSPECT READ USE MANAGE ANY ALL NOT BEFORE AFTER BETWEEN AND
               ALLOW DENY DEFINE ENDORSE ADMIT.

%type principal_list {oci_principal_list}
%type service_list {oci_principal_list}
%type principal {oci_principal *}
%type pname {oci_span}
%type restype {oci_span}
%type name_list {oci_list_builder}
%type perm_list {oci_list_builder}
%type comp_path {oci_list_builder}
%type comp_elem {oci_span}
%type ocid_ref {oci_span}
%type verb {int}
%type location {oci_location}
%type cond {oci_cond *}
%type cond_list {oci_cond_list}
%type predicate {oci_cond *}
%type rhs {oci_value *}
%type value_list {oci_value_list}
%type rule_expr {oci_cond *}
%type rule_list {oci_cond_list}
%type rule_pred {oci_cond *}
%type rule_value {oci_value *}

input ::= START_STMT statement.
input ::= START_RULE rule_expr(E).                 { oci_build_rule(px, E); }

/* ---- Allow / Deny ------------------------------------------------------------------ */
statement ::= effect subject TO action IN location(L) where_opt.   { oci_build_in(px, L); }
/* lenient: the docs' time-based examples omit the location; only before 'where'. */
statement ::= effect subject TO action where_clause.               { oci_build_no_location(px); }

effect ::= ALLOW.                                  { oci_build_kind(px, OCI_STMT_ALLOW, 0); }
effect ::= DENY.                                   { oci_build_kind(px, OCI_STMT_ALLOW, 1); }

/* ---- Define ------------------------------------------------------------------------ */
statement ::= DEFINE define_kind NAME(A) AS ocid_ref(O).           { oci_build_define(px, A, O, 0); }
statement ::= DEFINE define_kind NAME(A) AS ID ocid_ref(O).        { oci_build_define(px, A, O, 1); }
define_kind ::= TENANCY.                           { oci_build_define_kind(px, OCI_DEFINE_TENANCY); }
define_kind ::= GROUP.                             { oci_build_define_kind(px, OCI_DEFINE_GROUP); }
define_kind ::= DYNAMIC_GROUP.                     { oci_build_define_kind(px, OCI_DEFINE_DYNAMIC_GROUP); }
define_kind ::= COMPARTMENT.                       { oci_build_define_kind(px, OCI_DEFINE_COMPARTMENT); }

/* ---- Endorse (in the principal's tenancy) ------------------------------------------ */
statement ::= endorse subject TO action IN xt_tenancy(T) where_opt.          { oci_build_in(px, T); }
statement ::= endorse subject TO associate IN location(L) WITH restype(R) IN xt_tenancy(T) where_opt.
                                                   { oci_build_with(px, R, T); oci_build_in(px, L); }
endorse ::= ENDORSE.                               { oci_build_kind(px, OCI_STMT_ENDORSE, 0); }
endorse ::= DENY ENDORSE.                          { oci_build_kind(px, OCI_STMT_ENDORSE, 1); }

/* ---- Admit (in the resource's tenancy) --------------------------------------------- */
statement ::= admit subject OF xt_tenancy(F) TO action IN location(L) where_opt.
                                                   { oci_build_of(px, F); oci_build_in(px, L); }
/* lenient: the OKE cross-tenancy page admits without a location, before 'where'. */
statement ::= admit subject OF xt_tenancy(F) TO action where_clause.
                                                   { oci_build_of(px, F); oci_build_no_location(px); }
statement ::= admit subject OF xt_tenancy(F) TO associate IN xt_tenancy(T) WITH restype(R) IN location(L) where_opt.
                                                   { oci_build_of(px, F); oci_build_in(px, T); oci_build_with(px, R, L); }
admit ::= ADMIT.                                   { oci_build_kind(px, OCI_STMT_ADMIT, 0); }
admit ::= DENY ADMIT.                              { oci_build_kind(px, OCI_STMT_ADMIT, 1); }

%type xt_tenancy {oci_location}
xt_tenancy(X) ::= TENANCY(K) NAME(A).             { X = oci_build_tenancy_alias(px, K, A); }
xt_tenancy(X) ::= ANY_TENANCY(K).                  { X = oci_build_location(px, OCI_LOC_ANY_TENANCY, K, NULL, 0); }

/* ---- Subject ----------------------------------------------------------------------- */
subject ::= GROUP(K) principal_list(L).            { oci_build_subject(px, OCI_SUBJ_GROUP, K, L.head); }
subject ::= DYNAMIC_GROUP(K) principal_list(L).    { oci_build_subject(px, OCI_SUBJ_DYNAMIC_GROUP, K, L.head); }
/* lenient: "Allow dynamic group VolumeWriters …" on the Common Policies page. */
subject ::= DYNAMIC(K) GROUP principal_list(L).    { oci_build_dynamic_space(px); oci_build_subject(px, OCI_SUBJ_DYNAMIC_GROUP, K, L.head); }
subject ::= SERVICE(K) service_list(L).            { oci_build_subject(px, OCI_SUBJ_SERVICE, K, L.head); }
subject ::= ANY_USER(K).                           { oci_build_subject(px, OCI_SUBJ_ANY_USER, K, NULL); }
subject ::= ANY_GROUP(K).                          { oci_build_subject(px, OCI_SUBJ_ANY_GROUP, K, NULL); }

principal_list(L) ::= principal(P).                { L = oci_build_principal_list(NULL, P); }
principal_list(L) ::= principal_list(A) COMMA principal(P).   { L = oci_build_principal_list(&A, P); }
/* The Private Cloud Appliance docs repeat the keyword in the list: group id X, group id Y.
 * Only after a comma, so that a group may be called 'group' (Allow group group to …). */
principal_list(L) ::= principal_list(A) COMMA GROUP(K) ID ocid_ref(O).
                                                   { L = oci_build_principal_list(&A, oci_build_repeated(px, K, O)); }
principal_list(L) ::= principal_list(A) COMMA DYNAMIC_GROUP(K) ID ocid_ref(O).
                                                   { L = oci_build_principal_list(&A, oci_build_repeated(px, K, O)); }

principal(P) ::= pname(N).                         { P = oci_build_principal(px, NULL, N, OCI_PRINCIPAL_NAME, 0); }
principal(P) ::= pname(D) SLASH pname(N).          { P = oci_build_principal(px, &D, N, OCI_PRINCIPAL_NAME, 0); }
principal(P) ::= ID ocid_ref(O).                   { P = oci_build_principal(px, NULL, O, OCI_PRINCIPAL_ID, 0); }

service_list(L) ::= NAME(N).                       { L = oci_build_principal_list(NULL, oci_build_principal(px, NULL, N, OCI_PRINCIPAL_NAME, 0)); }
service_list(L) ::= service_list(A) COMMA NAME(N). { L = oci_build_principal_list(&A, oci_build_principal(px, NULL, N, OCI_PRINCIPAL_NAME, 0)); }

pname(X) ::= NAME(N).                              { X = N; }
pname(X) ::= QSTRING(N).                           { X = N; }

/* An OCID, or a doc placeholder such as <group_ocid> where one belongs (lint reports it);
 * any other name is refused by the helper. */
ocid_ref(X) ::= OCID(O).                           { X = O; }
ocid_ref(X) ::= NAME(O).                           { X = oci_build_placeholder_ocid(px, O); }

/* ---- Action ------------------------------------------------------------------------ */
action ::= verb(V) restype(R).                       { oci_build_verb(px, V, R); }
action ::= LBRACE perm_list(L) RBRACE.             { oci_build_perms(px, L.head); }
associate ::= ASSOCIATE restype(R).                  { oci_build_verb(px, OCI_VERB_ASSOCIATE, R); }

restype(X) ::= NAME(N).                            { X = N; }

verb(V) ::= INSPECT.                               { V = OCI_VERB_INSPECT; }
verb(V) ::= READ.                                  { V = OCI_VERB_READ; }
verb(V) ::= USE.                                   { V = OCI_VERB_USE; }
verb(V) ::= MANAGE.                                { V = OCI_VERB_MANAGE; }

perm_list(L) ::= NAME(P).                          { L = oci_build_list(px, NULL, P); }
perm_list(L) ::= perm_list(A) COMMA NAME(P).       { L = oci_build_list(px, &A, P); }

/* ---- Location ---------------------------------------------------------------------- */
location(X) ::= TENANCY(K).                        { X = oci_build_location(px, OCI_LOC_TENANCY, K, NULL, 0); }
location(X) ::= COMPARTMENT(K) ID ocid_ref(O).     { X = oci_build_compartment_id(px, K, O); }
location(X) ::= COMPARTMENT(K) comp_path(P).       { X = oci_build_location(px, OCI_LOC_COMPARTMENT, K, P.head, 0); }
/* lenient: "in <compartment-name>" without the keyword, in several doc examples. */
location(X) ::= comp_path(P).                      { X = oci_build_location(px, OCI_LOC_COMPARTMENT, P.head->tok, P.head, 1); }

comp_path(L) ::= comp_elem(E).                     { L = oci_build_list(px, NULL, E); }
comp_path(L) ::= comp_path(A) COLON comp_elem(E).  { L = oci_build_list(px, &A, E); }
comp_elem(X) ::= NAME(N).                          { X = N; }
comp_elem(X) ::= OCID(N).                          { X = N; }
comp_elem(X) ::= QSTRING(N).                       { X = N; }

/* ---- Conditions -------------------------------------------------------------------- */
where_opt ::= .
where_opt ::= where_clause.
where_clause ::= WHERE cond(C).                    { oci_build_where(px, C); }

cond(C) ::= predicate(P).                          { C = P; }
cond(C) ::= ANY(K) LBRACE cond_list(L) RBRACE(E).  { C = oci_build_group(px, OCI_COND_ANY, K, L.head, E); }
cond(C) ::= ALL(K) LBRACE cond_list(L) RBRACE(E).  { C = oci_build_group(px, OCI_COND_ALL, K, L.head, E); }
cond_list(L) ::= cond(C).                          { L = oci_build_cond_list(NULL, C); }
cond_list(L) ::= cond_list(A) COMMA cond(C).       { L = oci_build_cond_list(&A, C); }

predicate(P) ::= VARIABLE(V) EQ rhs(R).            { P = oci_build_pred(px, V, OCI_OP_EQ, R, R->tok); }
predicate(P) ::= VARIABLE(V) NE rhs(R).            { P = oci_build_pred(px, V, OCI_OP_NE, R, R->tok); }
predicate(P) ::= VARIABLE(V) IN LPAREN value_list(L) RPAREN(E).      { P = oci_build_pred(px, V, OCI_OP_IN, L.head, E); }
predicate(P) ::= VARIABLE(V) NOT IN LPAREN value_list(L) RPAREN(E).  { P = oci_build_pred(px, V, OCI_OP_NOT_IN, L.head, E); }
predicate(P) ::= VARIABLE(V) BEFORE QSTRING(T).    { P = oci_build_pred(px, V, OCI_OP_BEFORE, oci_build_value(px, T, OCI_VAL_STRING), T); }
predicate(P) ::= VARIABLE(V) AFTER QSTRING(T).     { P = oci_build_pred(px, V, OCI_OP_AFTER, oci_build_value(px, T, OCI_VAL_STRING), T); }
predicate(P) ::= VARIABLE(V) BETWEEN QSTRING(A) AND QSTRING(B).
                                                   { P = oci_build_between(px, V, A, B); }
/* Generated by Oracle's Landing Zone (tag-based access); no syntax page documents it. */
predicate(P) ::= SETS_INTERSECT(K) LPAREN VARIABLE(V) COMMA LPAREN value_list(L) RPAREN RPAREN(E).
                                                   { P = oci_build_sets_intersect(px, K, V, L.head, E); }

rhs(X) ::= QSTRING(T).                             { X = oci_build_value(px, T, OCI_VAL_STRING); }
rhs(X) ::= PATTERN(T).                             { X = oci_build_value(px, T, OCI_VAL_PATTERN); }
rhs(X) ::= VARIABLE(T).                            { X = oci_build_value(px, T, OCI_VAL_VARIABLE); }
/* lenient: "target.key.id = ocid1.key.oc1..exampleuniqueID" on the Common Policies page. */
rhs(X) ::= OCID(T).                                { X = oci_build_value(px, T, OCI_VAL_OCID); }

value_list(L) ::= rhs(R).                          { L = oci_build_value_list(NULL, R); }
value_list(L) ::= value_list(A) COMMA rhs(R).      { L = oci_build_value_list(&A, R); }

/* ---- Dynamic-group matching rules (§3.8) ------------------------------------------- */
rule_expr(C) ::= rule_pred(P).                     { C = P; }
rule_expr(C) ::= ANY(K) LBRACE rule_list(L) RBRACE(E).  { C = oci_build_group(px, OCI_COND_ANY, K, L.head, E); }
rule_expr(C) ::= ALL(K) LBRACE rule_list(L) RBRACE(E).  { C = oci_build_group(px, OCI_COND_ALL, K, L.head, E); }
rule_list(L) ::= rule_expr(C).                     { L = oci_build_cond_list(NULL, C); }
rule_list(L) ::= rule_list(A) COMMA rule_expr(C).  { L = oci_build_cond_list(&A, C); }

rule_pred(P) ::= VARIABLE(V) EQ rule_value(R).     { P = oci_build_pred(px, V, OCI_OP_EQ, R, R->tok); }
rule_pred(P) ::= VARIABLE(V) NE rule_value(R).     { P = oci_build_pred(px, V, OCI_OP_NE, R, R->tok); }
/* tag.<namespace>.<key>.value alone: the tag is present, with any value. */
rule_pred(P) ::= VARIABLE(V).                      { P = oci_build_pred(px, V, OCI_OP_PRESENT, NULL, V); }
rule_value(X) ::= QSTRING(T).                      { X = oci_build_value(px, T, OCI_VAL_STRING); }
/* lenient: an unquoted OCID, as in the rule page's template. */
rule_value(X) ::= OCID(T).                         { X = oci_build_value(px, T, OCI_VAL_OCID); }

%code {
/* Which terminals the parser would accept next, without running any action: simulate the
 * reductions on a copy of the state stack.  Used for "expected …" messages. */
static YYACTIONTYPE oci_lookup(YYACTIONTYPE state, YYCODETYPE tok)
{
    if (state > YY_MAX_SHIFT) return state;
    int i = yy_shift_ofst[state] + tok;
    if (yy_lookahead[i] == tok) return yy_action[i];
    return yy_default[state];
}

int ociParserAccepts(void *parser, int tok)
{
    yyParser *p = parser;
    YYACTIONTYPE stack[YYSTACKDEPTH + 4];
    int top = (int)(p->yytos - p->yystack);
    if (top >= YYSTACKDEPTH) return 0;
    for (int i = 0; i <= top; i++) stack[i] = p->yystack[i].stateno;
    YYACTIONTYPE act = stack[top];
    for (int guard = 0; guard < 1000; guard++) {
        act = oci_lookup(act, (YYCODETYPE)tok);
        if (act >= YY_MIN_REDUCE && act <= YY_MAX_REDUCE) {
            unsigned rule = act - YY_MIN_REDUCE;
            top += yyRuleInfoNRhs[rule];
            if (top < 0 || top >= YYSTACKDEPTH) return 0;
            act = yy_find_reduce_action(stack[top], (YYCODETYPE)yyRuleInfoLhs[rule]);
            stack[++top] = act;
        } else {
            return act <= YY_MAX_SHIFTREDUCE || act == YY_ACCEPT_ACTION;
        }
    }
    return 0;
}

int ociParserTokenCount(void) { return YYNTOKEN; }
}
