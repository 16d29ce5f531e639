/* lib: the decision API (src/iamc.h) over world/ and decide/. */
#include <stdlib.h>
#include "base/buf.h"
#include "decide/decide.h"
#include "iamc.h"

const char *iamc_reason_name(iamc_reason reason)
{
    static const char *const names[] = {"allowed", "explicit-deny", "implicit-deny", "missing-endorse", "missing-admit"};
    return (unsigned)reason < sizeof names / sizeof *names ? names[reason] : "unknown";
}

static size_t doc_errors(const oci_doc *d) { return d ? d->diags.errors : 0; }

iamc_world *iamc_world_load(const char *path, char *err, size_t errlen)
{
    world *w = world_load(path, err, errlen);
    if (!w) return NULL;
    return dec_compile(w);
}

size_t iamc_world_error_count(const iamc_world *dw)
{
    const world *w = dw->w;
    size_t n = w->diags.errors;
    for (size_t i = 0; i < w->ntenancies; i++) {
        for (size_t k = 0; k < w->tenancies[i].npolicies; k++) n += doc_errors(w->tenancies[i].policies[k].doc);
        for (size_t k = 0; k < w->tenancies[i].ndynamic_groups; k++) n += doc_errors(w->tenancies[i].dynamic_groups[k].rule);
    }
    return n;
}

static void render(const diag_list *l, buf *out)
{
    for (const diag *d = l->head; d; d = d->next) diag_render(d, out);
}

char *iamc_world_render_diagnostics(const iamc_world *dw)
{
    const world *w = dw->w;
    buf out;
    buf_init(&out);
    render(&w->diags, &out);
    for (size_t i = 0; i < w->ntenancies; i++) {
        for (size_t k = 0; k < w->tenancies[i].ndynamic_groups; k++)
            if (w->tenancies[i].dynamic_groups[k].rule) render(&w->tenancies[i].dynamic_groups[k].rule->diags, &out);
        for (size_t k = 0; k < w->tenancies[i].npolicies; k++)
            if (w->tenancies[i].policies[k].doc) render(&w->tenancies[i].policies[k].doc->diags, &out);
    }
    return buf_take(&out);
}

void iamc_world_free(iamc_world *dw) { dec_world_free(dw); }

iamc_request *iamc_request_parse(const iamc_world *dw, const char *json, size_t len, char *err, size_t errlen)
{
    return dec_request_parse_strict(dw, json, len, err, errlen);
}

void iamc_request_free(iamc_request *r) { dec_request_free(r); }
int iamc_decide(const iamc_world *dw, const iamc_request *r, iamc_decision *out) { return dec_decide(dw, r, out); }
char *iamc_explain(const iamc_world *dw, const iamc_request *r) { return dec_explain_json(dw, r); }
