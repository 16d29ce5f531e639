/* decide/decide: one decision.  For every permission the request needs: a Deny that
 * matches wins (where deny policies are enabled); otherwise, in one tenancy an Allow must
 * match, across tenancies an Endorse in the principal's tenancy and an Admit in the
 * target's.  Reads only the compiled world and the request: no locks, no allocation. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include "base/buf.h"
#include "decide/decide.h"

static const dec_bucket *find_bucket(const dec_world *dw, uint64_t key, uint64_t pin)
{
    size_t h = dec_bucket_hash(key, pin) & (dw->nbuckets - 1);
    for (;; h = (h + 1) & (dw->nbuckets - 1)) {
        const dec_bucket *b = &dw->buckets[h];
        if (!b->count) return NULL;
        if (b->key == key && b->pin == pin) return b;
    }
}

static uint64_t key_for(uint32_t tenancy, uint32_t cls, uint32_t perm, uint32_t principal)
{
    return ((uint64_t)tenancy << 56) | ((uint64_t)cls << 52) | ((uint64_t)(perm & 0x3FFFFFF) << 26) | (principal & 0x3FFFFFF);
}

static size_t tenancy_index(const dec_world *dw, const world_tenancy *t) { return (size_t)(t - dw->w->tenancies); }

/* Location, cross-tenancy partner and condition of one candidate rule. */
static int rule_applies(const dec_world *dw, const dec_rule *rule, const dec_request *r, const char *perm)
{
    switch (rule->cls) {
    case RULE_ENDORSE:
    case RULE_DENY_ENDORSE:
        if (rule->xt_tenancy && rule->xt_tenancy != r->target_tenancy_key) return 0;
        break;
    case RULE_ADMIT:
    case RULE_DENY_ADMIT:
        if (rule->xt_tenancy && rule->xt_tenancy != r->principal_tenancy_key) return 0;
        /* the location is in this tenancy, as for Allow */
        if (rule->location != LOC_TENANCY_WIDE &&
            !world_compartment_within(r->target_tenancy, r->target_compartment, rule->location))
            return 0;
        break;
    default:
        if (rule->location != LOC_TENANCY_WIDE &&
            !world_compartment_within(r->target_tenancy, r->target_compartment, rule->location))
            return 0;
    }
    return !rule->cond || dec_cond_eval(dw, rule->cond, r, perm);
}

/* The first rule of class CLS in tenancy T that grants PERM to this principal. */
static const dec_rule *first_match(const dec_world *dw, const world_tenancy *t, int cls, uint32_t perm,
                                   const char *perm_name, int least, const dec_request *r)
{
    uint32_t ti = (uint32_t)tenancy_index(dw, t);
    const dec_rule *best = NULL;
    for (uint32_t k = 0; k < r->nkeys; k++) {
        for (int any = 0; any < 2; any++) {
            uint32_t p = any ? PERM_ANY : perm;
            if (!any && !perm) continue;
            uint64_t key = key_for(ti, (uint32_t)cls, p, r->keys[k]);
            /* unpinned rules, then those pinned to a value the request carries */
            for (uint32_t pi = 0; pi <= r->npins; pi++) {
                const dec_bucket *b = find_bucket(dw, key, pi ? r->pins[pi - 1] : 0);
                if (!b) continue;
                for (uint32_t i = 0; i < b->count; i++) {
                    const dec_rule *rule = &dw->rules[dw->postings[b->first + i]];
                    if (best && rule >= best) break;   /* postings are in statement order */
                    if (any && rule->all_verb < least) continue;
                    if (rule_applies(dw, rule, r, perm_name)) {
                        best = rule;
                        break;
                    }
                }
            }
        }
    }
    return best;
}

/* A denial shows only the statement that decided it, not the grants before. */
static void forget_refs(iamc_decision *out, json_t *all)
{
    out->nstatements = out->nstatements_total = 0;
    if (all) json_array_clear(all);
}

/* ALL: every deciding statement, for an explanation (statements[] holds the first ones). */
static void add_ref(iamc_decision *out, json_t *all, const dec_rule *rule, const char *perm)
{
    if (!rule) return;
    out->nstatements_total++;
    if (all)
        json_array_append_new(all, json_pack("{s:s,s:I,s:I,s:s%,s:s}", "file", rule->doc->src.name, "line",
                                             (json_int_t)rule->line, "col", (json_int_t)rule->col, "text",
                                             oci_text(rule->doc, rule->st->span), (size_t)rule->st->span.len,
                                             "permission", perm));
    if (out->nstatements >= IAMC_DECISION_MAX_STATEMENTS) return;
    iamc_statement_ref *s = &out->statements[out->nstatements++];
    s->file = rule->doc->src.name;
    s->line = rule->line;
    s->col = rule->col;
    s->text = oci_text(rule->doc, rule->st->span);
    s->text_len = rule->st->span.len;
    s->permission = perm;
}

/* The decision; ALL (or NULL) receives every deciding statement as JSON. */
static int decide(const dec_world *dw, const dec_request *r, iamc_decision *out, json_t *all)
{
    memset(out, 0, sizeof *out);
    const world_tenancy *pt = r->principal_tenancy, *tt = r->target_tenancy;
    int cross = pt != tt;
    for (uint32_t i = 0; i < r->nperms; i++) {
        uint32_t p = r->perms[i];
        const char *name = r->perm_names[i];
        int least = r->perm_least[i];
        /* Deny first: it takes precedence.  The Default-domain Administrators of a tenancy are
         * exempt from that tenancy's Deny statements only: an administrator of the principal's
         * tenancy is not one of the target's, whose Deny Admit still applies. */
        {
            const dec_rule *deny = NULL;
            if (tt->deny_enabled && !(r->is_admin && !cross))
                deny = first_match(dw, tt, cross ? RULE_DENY_ADMIT : RULE_DENY, p, name, least, r);
            if (!deny && cross && pt->deny_enabled && !r->is_admin)
                deny = first_match(dw, pt, RULE_DENY_ENDORSE, p, name, least, r);
            if (deny) {
                forget_refs(out, all);
                add_ref(out, all, deny, name);
                out->reason = IAMC_REASON_EXPLICIT_DENY;
                out->permission = name;
                return out->allowed = 0;
            }
        }
        if (!cross) {
            const dec_rule *allow = first_match(dw, tt, RULE_ALLOW, p, name, least, r);
            if (!allow) {
                forget_refs(out, all);
                out->reason = IAMC_REASON_IMPLICIT_DENY;
                out->permission = name;
                return out->allowed = 0;
            }
            add_ref(out, all, allow, name);
            continue;
        }
        const dec_rule *endorse = first_match(dw, pt, RULE_ENDORSE, p, name, least, r);
        const dec_rule *admit = first_match(dw, tt, RULE_ADMIT, p, name, least, r);
        if (!endorse || !admit) {
            forget_refs(out, all);
            add_ref(out, all, endorse ? endorse : admit, name);
            out->reason = !endorse && !admit ? IAMC_REASON_IMPLICIT_DENY
                        : !endorse ? IAMC_REASON_MISSING_ENDORSE : IAMC_REASON_MISSING_ADMIT;
            out->permission = name;
            return out->allowed = 0;
        }
        add_ref(out, all, endorse, name);
        add_ref(out, all, admit, name);
    }
    out->reason = IAMC_REASON_ALLOWED;
    return out->allowed = 1;
}

int dec_decide(const dec_world *dw, const dec_request *r, iamc_decision *out) { return decide(dw, r, out, NULL); }

/* ---- explanations ------------------------------------------------------------------- */

/* How far a statement got, in the order the parts are checked: a higher stage is nearer. */
enum stage { ST_SUBJECT = PART_SUBJECT, ST_PERMISSION = PART_PERMISSION, ST_LOCATION = PART_LOCATION,
             ST_PARTNER = PART_TENANCY, ST_CONDITION = PART_CONDITION, ST_OK = PART_NONE };
static const char *const stage_names[] = {"subject", "permission", "location", "tenancy", "condition", "none"};

static int has_key(const dec_request *r, const dec_rule *rule)
{
    for (uint32_t s = 0; s < rule->nsubjects; s++)
        for (uint32_t k = 0; k < r->nkeys; k++)
            if (rule->subjects[s] == r->keys[k]) return 1;
    return 0;
}

static int grants(const dec_rule *rule, uint32_t perm, int least)
{
    if (rule->grants_all) return rule->all_verb >= least;
    for (uint32_t i = 0; i < rule->nperms; i++)
        if (rule->perms[i] == perm) return 1;
    return 0;
}

static void quote_values(buf *b, const dec_world *dw, const dec_request *r, uint32_t var, const char *perm)
{
    if (var == dw->var_permission) {
        buf_printf(b, "'%s'", perm);
        return;
    }
    if (var >= r->nvars || !r->vars[var].n) {
        buf_puts(b, "no value (the request does not carry it)");
        return;
    }
    for (uint32_t i = 0; i < r->vars[var].n; i++)
        buf_printf(b, "%s'%.*s'", i ? ", " : "", (int)r->vars[var].lens[i], r->vars[var].values[i]);
}

/* The first clause that is false, described with the request's value beside it. */
static void failing_clause(const dec_world *dw, const dec_cond *c, const dec_request *r, const char *perm,
                           const oci_doc *d, buf *out)
{
    if (c->kind == OCI_COND_ALL) {
        for (uint32_t i = 0; i < c->nkids; i++)
            if (!dec_cond_eval(dw, &c->kids[i], r, perm)) {
                failing_clause(dw, &c->kids[i], r, perm, d, out);
                return;
            }
    }
    if (c->kind == OCI_COND_ANY) {
        buf_puts(out, "none of: ");
        for (uint32_t i = 0; i < c->nkids; i++) {
            if (i) buf_puts(out, "; ");
            failing_clause(dw, &c->kids[i], r, perm, d, out);
        }
        return;
    }
    oci_print_cond(d, c->src, 0, out);
    buf_puts(out, " is false: the request has ");
    buf_printf(out, "%s = ", intern_str(&dw->names, c->var));
    quote_values(out, dw, r, c->var, perm);
}

typedef struct miss { const dec_rule *rule; int stage; } miss;

static int stage_of(const dec_world *dw, const dec_rule *rule, const dec_request *r, uint32_t perm, const char *name,
                    int least)
{
    /* a name that resolved to nothing fails its own part, not an earlier one */
    int broken = rule->unresolved ? rule->unresolved_part : ST_OK;
    if (!has_key(r, rule)) return ST_SUBJECT;
    if (broken == ST_PERMISSION || !grants(rule, perm, least)) return ST_PERMISSION;
    int endorse = rule->cls == RULE_ENDORSE || rule->cls == RULE_DENY_ENDORSE;
    int admit = rule->cls == RULE_ADMIT || rule->cls == RULE_DENY_ADMIT;
    if (broken == ST_LOCATION) return ST_LOCATION;
    if (!endorse && rule->location != LOC_TENANCY_WIDE &&
        !world_compartment_within(r->target_tenancy, r->target_compartment, rule->location))
        return ST_LOCATION;
    if (broken == ST_PARTNER) return ST_PARTNER;
    if (endorse && rule->xt_tenancy && rule->xt_tenancy != r->target_tenancy_key) return ST_PARTNER;
    if (admit && rule->xt_tenancy && rule->xt_tenancy != r->principal_tenancy_key) return ST_PARTNER;
    if (rule->cond && !dec_cond_eval(dw, rule->cond, r, name)) return ST_CONDITION;
    return broken;
}

static json_t *ref_json(const dec_rule *rule)
{
    return json_pack("{s:s,s:I,s:I,s:s%}", "file", rule->doc->src.name, "line", (json_int_t)rule->line,
                     "col", (json_int_t)rule->col, "text", oci_text(rule->doc, rule->st->span),
                     (size_t)rule->st->span.len);
}

static json_t *miss_json(const dec_world *dw, const miss *m, const dec_request *r, const char *perm)
{
    json_t *o = ref_json(m->rule);
    json_object_set_new(o, "failed", json_string(stage_names[m->stage]));
    buf b;
    buf_init(&b);
    if (m->rule->unresolved && m->rule->why_unresolved && m->rule->unresolved_part == m->stage) {
        buf_puts(&b, m->rule->why_unresolved);
        json_object_set_new(o, "detail", json_stringn(b.data, b.len));
        buf_free(&b);
        return o;
    }
    switch (m->stage) {
    case ST_SUBJECT: buf_puts(&b, "the principal is not among the statement's subjects"); break;
    case ST_PERMISSION: buf_printf(&b, "the statement does not grant %s", perm); break;
    case ST_LOCATION:
        buf_printf(&b, "the target compartment '%s' is not within the statement's location",
                   r->target_tenancy->compartments[r->target_compartment].name);
        break;
    case ST_PARTNER: buf_puts(&b, "the statement names another tenancy"); break;
    case ST_CONDITION: failing_clause(dw, m->rule->cond, r, perm, m->rule->doc, &b); break;
    default: break;
    }
    json_object_set_new(o, "detail", json_stringn(b.data ? b.data : "", b.len));
    buf_free(&b);
    return o;
}

/* The rules that came nearest to granting PERM: those that got furthest through subject,
 * permission, location, tenancy and condition; three at most. */
static json_t *near_misses(const dec_world *dw, const dec_request *r, uint32_t perm, const char *name, int least)
{
    enum { KEEP = 3 };
    miss best[KEEP];
    int nbest = 0;
    int cross = r->principal_tenancy != r->target_tenancy;
    for (size_t i = 0; i < dw->nrules; i++) {
        const dec_rule *rule = &dw->rules[i];
        int relevant = cross ? (rule->cls == RULE_ENDORSE && rule->tenancy == r->principal_tenancy) ||
                                   (rule->cls == RULE_ADMIT && rule->tenancy == r->target_tenancy)
                             : rule->cls == RULE_ALLOW && rule->tenancy == r->target_tenancy;
        if (!relevant) continue;
        int st = stage_of(dw, rule, r, perm, name, least);
        if (st == ST_OK) continue;
        /* subjects that are not the principal at all are not "near" unless the permission fits
         * (a subject that resolves to nothing, a likely typo, is near anyway) */
        if (st == ST_SUBJECT && !(rule->unresolved && rule->unresolved_part == PART_SUBJECT) && !grants(rule, perm, least))
            continue;
        int pos = nbest;
        while (pos > 0 && best[pos - 1].stage < st) pos--;
        if (pos >= KEEP) continue;
        if (nbest < KEEP) nbest++;
        memmove(&best[pos + 1], &best[pos], (size_t)(nbest - 1 - pos) * sizeof *best);
        best[pos] = (miss){rule, st};
    }
    json_t *a = json_array();
    for (int i = 0; i < nbest; i++) json_array_append_new(a, miss_json(dw, &best[i], r, name));
    return a;
}

char *dec_explain_json(const dec_world *dw, const dec_request *r)
{
    iamc_decision d;
    json_t *stmts = json_array();
    decide(dw, r, &d, stmts);
    json_t *o = json_pack("{s:s,s:s}", "decision", d.allowed ? "allow" : "deny", "reason", iamc_reason_name(d.reason));
    if (!d.allowed) json_object_set_new(o, "permission", json_string(d.permission));
    json_object_set_new(o, "statements", stmts);
    if (!d.allowed && d.reason != IAMC_REASON_EXPLICIT_DENY) {
        uint32_t perm = 0;
        int least = 0;
        for (uint32_t i = 0; i < r->nperms; i++)
            if (r->perm_names[i] == d.permission) perm = r->perms[i], least = r->perm_least[i];
        json_object_set_new(o, "near_misses", near_misses(dw, r, perm, d.permission, least));
    }
    char *s = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(o);
    return s;
}
