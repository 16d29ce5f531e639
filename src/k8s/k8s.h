/* k8s: Kubernetes EncryptionConfiguration — read (YAML/JSON), check (the API server's
 * validation plus documented hazards, rules K8S001…), generate, and plan rotations.
 * A k8s_doc owns its source and one arena; freeing it frees everything. */
#ifndef IAMC_K8S_H
#define IAMC_K8S_H
#include <stddef.h>
#include <jansson.h>
#include "base/buf.h"
#include "base/diag.h"

typedef struct k8s_doc k8s_doc;
typedef struct k8s_config k8s_config;

/* The K8S rules are rows of the one lint catalogue (lint/rules.c, lint/lint.h): ID, name,
 * severity, input_error (the file cannot be read as a configuration: exit 2), summary. */
typedef struct lint_rule k8s_rule;

/* The K8S block of lint_rules, in ID order. */
const k8s_rule *k8s_rules(size_t *n);
/* A K8S rule by ID or name; NULL when there is none. */
const k8s_rule *k8s_rule_find(const char *id);

typedef struct k8s_check_opts {
    int file_mode;             /* st_mode & 0777 of the file, or -1 when unknown (stdin) */
    int automatic_reload;      /* --encryption-provider-config-automatic-reload is on */
} k8s_check_opts;

/* Does TEXT look like an EncryptionConfiguration?  YAML: a line begins with "apiVersion:" or
 * "kind:" (a top-level key); an object in JSON or YAML flow style ({kind: …}): a kind member
 * (quoted or not) at its top level, and the word EncryptionConfig. */
int k8s_sniff(const char *text, size_t len);

k8s_doc *k8s_doc_parse(const char *name, const char *text, size_t len);
/* Read PATH ("-" is stdin); the file mode is recorded for K8S055.  NULL with ERR set when
 * the file cannot be read. */
k8s_doc *k8s_doc_load(const char *path, char *err, size_t errlen);
void k8s_doc_free(k8s_doc *doc);

/* Run every rule; findings are the document's diagnostics, secrets shown as REDACTED. */
void k8s_doc_check(k8s_doc *doc, const k8s_check_opts *opts);
const diag *k8s_doc_findings(const k8s_doc *doc);
size_t k8s_doc_count(const k8s_doc *doc, diag_severity sev);
size_t k8s_doc_suppressed(const k8s_doc *doc);
int k8s_doc_input_error(const k8s_doc *doc);
/* The decoded configuration (valid only when there is no input error). */
const k8s_config *k8s_doc_config(const k8s_doc *doc);
const char *k8s_doc_name(const k8s_doc *doc);

/* Compiler-style text: file:line:col: error[K8S018]: …, the source line, a caret. */
void k8s_doc_render_text(const k8s_doc *doc, buf *out);
/* {"file": …, "findings": [{"rule", "severity", "line", "col", "offset", "end", "message"}], …} */
json_t *k8s_doc_render_json(const k8s_doc *doc);

/* Check TEXT (generated output) and return the number of findings of any severity; the
 * rendered findings go to OUT when it is not NULL. */
size_t k8s_check_text(const char *name, const char *text, size_t len, buf *out);

#endif
