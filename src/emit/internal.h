/* emit/internal: what the parts of the emitter share.  Policies and rules exist twice: as
 * text (printed from the built AST) and as the document parsed back from that text. */
#ifndef IAMC_EMIT_INTERNAL_H
#define IAMC_EMIT_INTERNAL_H
#include "base/buf.h"
#include "emit/emit.h"
#include "emit/spec.h"
#include "oci/ast.h"

typedef struct emit_policy {
    const emit_tenancy *tenancy;   /* where it is attached: the root compartment */
    const char *name;              /* the policy's name */
    const char *description;
    char *text;                    /* one statement a line */
    char *json;                    /* the array `oci iam policy create --statements` takes */
    oci_doc *doc;                  /* TEXT parsed again */
} emit_policy;

typedef struct emit_rule {
    const emit_tenancy *tenancy;
    const emit_principal *group;   /* the dynamic group */
    const char *description;
    char *text;                    /* the matching rule, no newline */
    oci_doc *doc;
} emit_rule;

enum { EMIT_MAX_POLICIES = 2 };

typedef struct emit_iam {
    emit_policy policies[EMIT_MAX_POLICIES];   /* in the order they are applied */
    size_t npolicies;
    emit_rule rule;                /* rule.text NULL: no dynamic group */
} emit_iam;

/* emit/oci.c: the statements and the rule of SPEC, built, printed and parsed back.
 * -1 (with ERRORS) when the printed text does not parse back to the same statements. */
int emit_iam_build(const emit_spec *spec, emit_iam *iam, buf *errors);
void emit_iam_free(emit_iam *iam);

/* emit/prove.c: load the policies into a world of the spec's tenancies and decide the
 * requests that must be allowed and those that must be denied.  -1 (with the failing
 * request and its explanation in ERRORS) unless every answer is the expected one. */
int emit_prove(const emit_spec *spec, const emit_iam *iam, emit_proofs *out, buf *errors);

/* emit/artifacts.c, emit/readme.c: file contents. */
char *emit_setup_sh(const emit_spec *spec, const emit_iam *iam);
char *emit_rotate_sh(const emit_spec *spec);
char *emit_terraform(const emit_spec *spec, const emit_iam *iam);
char *emit_readme(const emit_spec *spec, const emit_iam *iam, const emit_proofs *proofs);
/* emit/manifest.c: emit_manifest_json() for an OKE bundle. */
char *emit_manifest(const emit_spec *spec, const emit_file *files, size_t nfiles, const emit_proofs *proofs);

/* Quoting for the generated languages (emit/quote.c). */
void emit_sh_quote(buf *out, const char *s);     /* POSIX shell: '…' with '\'' */
void emit_hcl_quote(buf *out, const char *s);    /* HCL: "…" with \", \\, $${ and %%{ */
void emit_md_code(buf *out, const char *s);      /* Markdown: a code span, `…`, ``…`…``, … */
/* printf for templates: %s as is, %Q shell-quoted, %H HCL-quoted, %M a Markdown code span;
 * every argument a string. */
void emit_printf(buf *out, const char *fmt, ...);

#endif
