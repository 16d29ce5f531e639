/* iamc — policy and IAM statement compiler.  The public C API (libiamc).
 *
 * A document is one parsed input (an OCI policy file, a JSON array of statements,
 * dynamic-group matching rules, or a RAM / AWS IAM JSON policy).  Parsing never fails
 * outright: syntax errors are diagnostics of the document, each with file, line, column and byte range.
 * Documents are independent: distinct documents may be used from distinct threads.
 * Strings returned as `char *` are the caller's to free(). */
#ifndef IAMC_H
#define IAMC_H
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct iamc_doc iamc_doc;

typedef enum {
    IAMC_LANG_AUTO = 0,      /* from the name and content: *.rules, *.rule; a JSON object is a
                                RAM or AWS policy (by Version, then acs: vs arn:); else OCI */
    IAMC_LANG_OCI,           /* statements, one per line, or a JSON array of statement strings */
    IAMC_LANG_OCI_RULE,      /* one dynamic-group matching rule (may span lines) */
    IAMC_LANG_OCI_RULES,     /* one matching rule per line */
    IAMC_LANG_RAM,           /* an Alibaba Cloud RAM JSON policy (Version "1") */
    IAMC_LANG_AWS            /* an AWS IAM JSON policy (Version "2012-10-17") */
} iamc_lang;

typedef enum { IAMC_SEVERITY_ERROR, IAMC_SEVERITY_WARNING, IAMC_SEVERITY_NOTE } iamc_severity;

typedef struct iamc_diagnostic {
    iamc_severity severity;
    const char *file;
    unsigned line, col;      /* 1-based; col counts bytes */
    size_t offset, end;      /* byte range in the file */
    const char *message;
    const char *hint;        /* "did you mean 'use'?", or NULL */
} iamc_diagnostic;

enum {
    IAMC_JSON_NO_SPANS = 1 << 0,   /* iamc_doc_to_json: leave out "span" members */
    IAMC_FORMAT_JSON = 1 << 1,     /* iamc_doc_format: a JSON array of statement strings */
    IAMC_FORMAT_TEXT = 1 << 2      /* iamc_doc_format: text, one statement per line
                                      (default: the input's own form) */
};

const char *iamc_version(void);

/* Parse LEN bytes of TEXT (copied); NAME is used in diagnostics. */
iamc_doc *iamc_doc_parse(const char *name, const char *text, size_t len, iamc_lang lang);
/* Read and parse PATH ("-" is standard input).  NULL when the file cannot be read,
 * with the reason in ERR. */
iamc_doc *iamc_doc_load(const char *path, iamc_lang lang, char *err, size_t errlen);
void iamc_doc_free(iamc_doc *doc);

iamc_lang iamc_doc_lang(const iamc_doc *doc);
size_t iamc_doc_count(const iamc_doc *doc);            /* statements or rules parsed */
size_t iamc_doc_comment_count(const iamc_doc *doc);    /* '#' comments (OCI text input) */
size_t iamc_doc_error_count(const iamc_doc *doc);
size_t iamc_doc_diagnostic_count(const iamc_doc *doc);
/* Fill OUT with diagnostic I; returns 0, or -1 when I is out of range.  The strings live
 * as long as the document. */
int iamc_doc_diagnostic(const iamc_doc *doc, size_t i, iamc_diagnostic *out);
/* Every diagnostic as a compiler would print it: location, message, source line, caret. */
char *iamc_doc_render_diagnostics(const iamc_doc *doc);

/* The canonical text (what `iamc fmt` prints); NULL when the document has errors.
 * JSON policies are always printed as JSON; the IAMC_FORMAT_* flags are for OCI. */
char *iamc_doc_format(const iamc_doc *doc, unsigned flags);
/* The bytes the document was parsed from. */
const char *iamc_doc_source(const iamc_doc *doc, size_t *len);
/* The AST as JSON (docs/ast.md). */
char *iamc_doc_to_json(const iamc_doc *doc, unsigned flags);
/* Bytes the document's AST occupies in its arena. */
size_t iamc_doc_memory(const iamc_doc *doc);

/* ---- Decisions (docs/world.md, docs/requests.md) ---------------------------------------
 * A world (tenancies, compartments, groups, dynamic groups, policies) is loaded and compiled
 * once; iamc_decide() then reads only immutable data: any number of threads may decide
 * against one world at once, without locks and without allocating. */
typedef struct iamc_world iamc_world;
typedef struct iamc_request iamc_request;

typedef enum {
    IAMC_REASON_ALLOWED,
    IAMC_REASON_EXPLICIT_DENY,     /* a Deny statement matched (deny policies enabled) */
    IAMC_REASON_IMPLICIT_DENY,     /* no statement grants it */
    IAMC_REASON_MISSING_ENDORSE,   /* cross-tenancy: the target tenancy admits, the principal's does not endorse */
    IAMC_REASON_MISSING_ADMIT      /* cross-tenancy: endorsed, but the target tenancy does not admit */
} iamc_reason;

/* statements[] holds the first 32 deciding statements; nstatements_total counts them all
 * (an operation needing many permissions across tenancies has two per permission), and
 * iamc_explain() lists them all. */
enum { IAMC_DECISION_MAX_STATEMENTS = 32 };

/* The strings of a decision are not copies: file and text point into the world (or the
 * policy set), the permissions into the request (or action request).  They are valid while
 * both live and not after either is freed; the decision owns nothing and is not freed. */
typedef struct iamc_statement_ref {
    const char *file;        /* NUL-terminated */
    unsigned line, col;
    const char *text;        /* the statement as written (not NUL-terminated) */
    size_t text_len;
    const char *permission;  /* the permission it granted or denied (NUL-terminated) */
} iamc_statement_ref;

typedef struct iamc_decision {
    int allowed;
    iamc_reason reason;
    const char *permission;  /* on a denial: the first permission that was not granted */
    size_t nstatements;      /* the statements that decided (Endorse and Admit both, across tenancies),
                                in statements[]: at most IAMC_DECISION_MAX_STATEMENTS */
    size_t nstatements_total;/* all that decided: more than nstatements when statements[] was full */
    iamc_statement_ref statements[IAMC_DECISION_MAX_STATEMENTS];
} iamc_decision;

const char *iamc_reason_name(iamc_reason reason);   /* "allowed", "explicit-deny", … */

/* NULL only when the file cannot be read; check iamc_world_error_count() for the rest. */
iamc_world *iamc_world_load(const char *path, char *err, size_t errlen);
size_t iamc_world_error_count(const iamc_world *world);
char *iamc_world_render_diagnostics(const iamc_world *world);
void iamc_world_free(iamc_world *world);

/* A request in JSON (docs/requests.md), resolved against WORLD once.  NULL when it is refused
 * (malformed JSON, a wrong type, an unknown member, permission or variable, a name the world
 * does not have): ERR then holds "LINE:COL: message", the 1-based line and byte column in
 * JSON of the value (or member name) the error is about.  iamc_action_request_parse alike. */
iamc_request *iamc_request_parse(const iamc_world *world, const char *json, size_t len, char *err, size_t errlen);
void iamc_request_free(iamc_request *request);

/* 1 allowed, 0 denied; OUT says why and which statements decided.  Thread-safe. */
int iamc_decide(const iamc_world *world, const iamc_request *request, iamc_decision *out);
/* The decision as JSON; on a denial also the statements that almost applied and the first
 * part of each that failed (subject, permission, location, condition clause). */
char *iamc_explain(const iamc_world *world, const iamc_request *request);

/* ---- Decisions on JSON policies (RAM, AWS IAM) ----------------------------------------
 * A policy set is one or more documents that apply to the same principal.  Requests:
 * {"action": "kms:Decrypt", "resource": "acs:kms:…", "principal": "acs:ram::UID:user/x",
 *  "context": {"acs:SourceIp": "203.0.113.9"}} (docs/requests.md).  Reasons: allowed,
 * explicit-deny, implicit-deny. */
typedef struct iamc_policy_set iamc_policy_set;
typedef struct iamc_action_request iamc_action_request;

iamc_policy_set *iamc_policy_set_load(const char *const *paths, size_t npaths, iamc_lang lang, char *err, size_t errlen);
/* The same from N documents in memory: TEXTS[i] is LENS[i] bytes (copied), named NAMES[i] in
 * diagnostics and decisions.  Never NULL: check the error count as for a loaded set. */
iamc_policy_set *iamc_policy_set_parse(const char *const *names, const char *const *texts, const size_t *lens, size_t n,
                                       iamc_lang lang);
size_t iamc_policy_set_error_count(const iamc_policy_set *set);
char *iamc_policy_set_render_diagnostics(const iamc_policy_set *set);
void iamc_policy_set_free(iamc_policy_set *set);
iamc_action_request *iamc_action_request_parse(const char *json, size_t len, char *err, size_t errlen);
void iamc_action_request_free(iamc_action_request *request);
int iamc_policy_decide(const iamc_policy_set *set, const iamc_action_request *request, iamc_decision *out);
char *iamc_policy_explain(const iamc_policy_set *set, const iamc_action_request *request);

#ifdef __cplusplus
}
#endif
#endif
