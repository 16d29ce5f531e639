/* oci/build: the helpers that grammar actions call to build the AST, and the parser's
 * context.  Actions are one line; everything they do lives here. */
#ifndef IAMC_OCI_BUILD_H
#define IAMC_OCI_BUILD_H
#include "oci/ast.h"

typedef struct oci_parser {
    oci_doc *doc;
    oci_stmt *st;            /* the statement being built */
    oci_cond *rule;          /* the matching rule, for START_RULE */
    int failed, accepted;
    int prev_major;          /* the token before the one being fed, for messages */
    oci_span prev_tok;
    int starts_line;         /* the token being fed is the first on its line */
    int is_rule;             /* parsing a matching rule, not a statement */
    int quiet;               /* a replay for an explanation: actions report nothing */
    int semantic;            /* the failure was reported by an action, not by the grammar */
    int first_major;         /* the unit's first token (Allow, Define, …), for messages */
    int list_opener;         /* the nearest open list: TK_LBRACE, TK_SERVICE, TK_GROUP, …, or 0 */
    int json_element;        /* the unit is one element of a JSON array */
    int error_major;         /* the token lemon refused */
    oci_span error_tok;
} oci_parser;

typedef struct { oci_principal *head, *tail; } oci_principal_list;
typedef struct { oci_list *head, *tail; } oci_list_builder;
typedef struct { oci_cond *head, *tail; } oci_cond_list;
typedef struct { oci_value *head, *tail; } oci_value_list;

void oci_build_kind(oci_parser *px, int kind, int deny);
void oci_build_subject(oci_parser *px, int kind, oci_span keyword, oci_principal *list);
void oci_build_dynamic_space(oci_parser *px);
oci_principal_list oci_build_principal_list(oci_principal_list *list, oci_principal *p);
oci_principal *oci_build_principal(oci_parser *px, const oci_span *domain, oci_span name, int kind, int repeated);
oci_principal *oci_build_repeated(oci_parser *px, oci_span keyword, oci_span ocid);
oci_span oci_build_placeholder_ocid(oci_parser *px, oci_span name);
void oci_build_verb(oci_parser *px, int verb, oci_span resource);
void oci_build_perms(oci_parser *px, oci_list *perms);
oci_list_builder oci_build_list(oci_parser *px, oci_list_builder *list, oci_span tok);
oci_location oci_build_location(oci_parser *px, int kind, oci_span first, oci_list *path, int bare);
oci_location oci_build_compartment_id(oci_parser *px, oci_span keyword, oci_span ocid);
oci_location oci_build_tenancy_alias(oci_parser *px, oci_span keyword, oci_span alias);
void oci_build_in(oci_parser *px, oci_location loc);
void oci_build_of(oci_parser *px, oci_location loc);
void oci_build_with(oci_parser *px, oci_span resource, oci_location loc);
void oci_build_no_location(oci_parser *px);
void oci_build_define_kind(oci_parser *px, int kind);
void oci_build_define(oci_parser *px, oci_span alias, oci_span ocid, int with_id);
void oci_build_where(oci_parser *px, oci_cond *c);
oci_cond *oci_build_group(oci_parser *px, int kind, oci_span keyword, oci_cond *children, oci_span close);
oci_cond_list oci_build_cond_list(oci_cond_list *list, oci_cond *c);
oci_cond *oci_build_pred(oci_parser *px, oci_span var, int op, oci_value *values, oci_span last);
oci_cond *oci_build_between(oci_parser *px, oci_span var, oci_span lo, oci_span hi);
oci_cond *oci_build_sets_intersect(oci_parser *px, oci_span keyword, oci_span var, oci_value *values, oci_span close);
oci_value *oci_build_value(oci_parser *px, oci_span tok, int kind);
oci_value_list oci_build_value_list(oci_value_list *list, oci_value *v);
void oci_build_rule(oci_parser *px, oci_cond *expr);

void oci_build_note_error(oci_parser *px, int major, oci_span tok);
/* The "expected …" diagnostic for MAJOR, given LEMON in the state just before it. */
void oci_build_syntax_error(oci_parser *px, int major, oci_span tok, void *lemon);
void oci_build_overflow(oci_parser *px);

/* Generated parser (build/gen/oci_parse.c). */
void *ociParserAlloc(void *(*alloc)(size_t), oci_parser *px);
void ociParserFree(void *p, void (*dealloc)(void *));
void ociParserInit(void *p, oci_parser *px);
void ociParserFinalize(void *p);
void ociParser(void *p, int major, oci_span minor);
int ociParserAccepts(void *p, int major);
int ociParserFallback(int major);
int ociParserTokenCount(void);

/* Words for messages. */
const char *oci_token_spelling(int major);   /* canonical keyword spelling, or NULL */

/* Diagnostics at a text span (positions are mapped to the source). */
diag *oci_error(oci_doc *d, oci_span at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
