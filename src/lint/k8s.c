/* lint/k8s: Kubernetes EncryptionConfiguration findings as lint findings.  k8s/check.c
 * applies the API server's validation (its messages, the K8S rows of lint/rules.c); here
 * each of its diagnostics becomes a finding at the same place of the redacted source, so
 * that configuration, ignores, baselines, --fail-on and every output format apply. */
#include <string.h>
#include "base/diag.h"
#include "k8s/k8s.h"
#include "lint/lint.h"

void lint_k8s_doc(lint_ctx *cx, lint_input *in)
{
    for (const diag *d = k8s_doc_findings(in->k8s); d; d = d->next) {
        int rule = d->code ? lint_rule_find(d->code, strlen(d->code)) : -1;
        if (rule < 0 || lint_rules[rule].lang != LINT_LANG_K8S) rule = LINT_K8S_YAML_SYNTAX_ERROR;
        /* d->src is the source with every secret replaced by REDACTED */
        lint_finding *f = lint_add_at(cx, (lint_rule_id)rule, k8s_doc_name(in->k8s), (source *)d->src, d->off, d->end, "%s", d->message);
        if (d->hint) lint_hint(cx, f, "%s", d->hint);
    }
}
