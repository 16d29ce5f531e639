/* emit/proofs: what the proofs of every bundle (OKE, ACK) share: recording an answer, the
 * message of a wrong one, the README's table, and freeing. */
#include <stdlib.h>
#include "emit/emit.h"

emit_proof *emit_proofs_add(emit_proofs *ps, const char *name, char *request, int expect_allow, const iamc_decision *d,
                            char *statements)
{
    emit_proof *p = &ps->p[ps->n++];
    p->name = name;
    p->request = request;
    p->expect_allow = expect_allow;
    p->allowed = d->allowed;
    p->reason = iamc_reason_name(d->reason);
    p->statements = statements;
    return p;
}

void emit_proof_failure(const emit_proof *p, const char *expected, const char *why, buf *errors)
{
    buf_printf(errors, "iamc emit: proof failed: %s: expected %s, the policies %s it (%s)\nrequest: %s\ndecision: %s\n", p->name,
               expected, p->allowed ? "allow" : "deny", p->reason, p->request, why);
}

void emit_proofs_table(const emit_proofs *ps, buf *out)
{
    buf_puts(out, "| request | expected | decision |\n|---|---|---|\n");
    for (size_t i = 0; i < ps->n; i++) {
        const emit_proof *p = &ps->p[i];
        buf_printf(out, "| %s | %s | %s (%s) |\n", p->name, p->expect_allow ? "allow" : "deny", p->allowed ? "allow" : "deny",
                   p->reason);
    }
}

void emit_proofs_free(emit_proofs *ps)
{
    for (size_t i = 0; i < ps->n; i++) free(ps->p[i].request), free(ps->p[i].statements);
    ps->n = 0;
}
