/* lint/cross: rules over several policies at once — the statement limit along a compartment
 * path, the same grant in two files, and Endorse/Admit pairs across tenancies. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "lint/lint.h"
#include "lint/oci_util.h"
#include "model/oci_model.h"
#include "world/world.h"

enum { PATH_STATEMENT_MAX = 500 };

static size_t count_statements(const oci_doc *d)
{
    return d && d->kind == OCI_DOC_POLICY ? d->nstmts : 0;
}

/* The statement that crosses the limit: the (MAX+1)th counting inputs in order. */
static void report_path_limit(lint_ctx *cx, size_t *which, size_t nwhich, size_t total, const char *where)
{
    size_t seen = 0;
    for (size_t k = 0; k < nwhich; k++) {
        lint_input *in = &cx->inputs[which[k]];
        size_t n = count_statements(in->doc);
        if (seen + n > PATH_STATEMENT_MAX) {
            const oci_stmt *st = in->doc->stmts;
            for (size_t i = seen; i < PATH_STATEMENT_MAX; i++) st = st->next;
            cx->cur = which[k];
            lint_finding *f = lint_add(cx, LINT_OCI_PATH_LIMIT, in->doc, st->span,
                                       "%zu statements along %s: the limit is %d", total, where, PATH_STATEMENT_MAX);
            lint_oci_about(cx, f, in->doc, st);
            lint_hint(cx, f, "this is statement %d on that path", PATH_STATEMENT_MAX + 1);
            return;
        }
        seen += n;
    }
}

static void check_path_limit(lint_ctx *cx)
{
    size_t *which = calloc(cx->ninputs + 1, sizeof *which);
    if (!which) abort();
    if (!cx->w) {
        /* files given together are taken as one compartment path: the worst case */
        size_t total = 0;
        for (size_t i = 0; i < cx->ninputs; i++) which[i] = i, total += count_statements(cx->inputs[i].doc);
        if (total > PATH_STATEMENT_MAX) report_path_limit(cx, which, cx->ninputs, total, "the given files");
        free(which);
        return;
    }
    for (size_t ti = 0; ti < cx->w->ntenancies; ti++) {
        const world_tenancy *t = &cx->w->tenancies[ti];
        size_t worst = 0;
        int worst_leaf = -1;
        for (size_t c = 0; c < t->ncompartments; c++) {
            size_t total = 0;
            for (size_t i = 0; i < cx->ninputs; i++)
                if (cx->inputs[i].tenancy == (int)ti && cx->inputs[i].compartment >= 0 &&
                    world_compartment_within(t, (int)c, cx->inputs[i].compartment))
                    total += count_statements(cx->inputs[i].doc);
            if (total > worst) worst = total, worst_leaf = (int)c;
        }
        if (worst <= PATH_STATEMENT_MAX) continue;
        size_t n = 0;
        for (size_t i = 0; i < cx->ninputs; i++)
            if (cx->inputs[i].tenancy == (int)ti && cx->inputs[i].compartment >= 0 &&
                world_compartment_within(t, worst_leaf, cx->inputs[i].compartment))
                which[n++] = i;
        char where[300];
        snprintf(where, sizeof where, "the path to compartment %s of tenancy %s", t->compartments[worst_leaf].name, t->name);
        report_path_limit(cx, which, n, worst, where);
    }
    free(which);
}

/* ---- the same grant in two files ----------------------------------------------------------- */

typedef struct grant {
    char *key;                 /* subject kind, principal, canonical action/location/condition */
    size_t input;
    const oci_stmt *st;
    oci_span at;
} grant;

static int cmp_grant(const void *a, const void *b)
{
    const grant *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    if (c) return c;
    if (x->input != y->input) return x->input < y->input ? -1 : 1;
    return x->st->span.off < y->st->span.off ? -1 : x->st->span.off > y->st->span.off;
}

/* The statement without its subject: " to … in … where …", from the canonical text. */
static const char *after_subject(const char *canon)
{
    const char *p = strstr(canon, " to ");
    return p ? p : canon;
}

static void check_duplicate_grants(lint_ctx *cx)
{
    grant *v = NULL;
    size_t n = 0, cap = 0;
    for (size_t i = 0; i < cx->ninputs; i++) {
        const oci_doc *d = cx->inputs[i].doc;
        if (!d || d->kind != OCI_DOC_POLICY) continue;
        for (const oci_stmt *st = d->stmts; st; st = st->next) {
            if (st->kind != OCI_STMT_ALLOW) continue;
            char *canon = lint_oci_canonical(d, st);
            const oci_principal *p = st->principals;
            do {
                if (n == cap) {
                    cap = cap ? cap * 2 : 256;
                    v = realloc(v, cap * sizeof *v);
                    if (!v) abort();
                }
                buf b;
                buf_init(&b);
                buf_printf(&b, "%d|%d|", st->subject, st->deny);
                if (p) {
                    const char *x;
                    size_t xn;
                    if (p->domain.len) {
                        lint_oci_value(d, p->domain, &x, &xn);
                        if (!(xn == 7 && strncasecmp(x, "default", 7) == 0))
                            for (size_t k = 0; k < xn; k++) buf_putc(&b, (char)(x[k] | 0x20));
                    }
                    buf_putc(&b, '/');
                    lint_oci_value(d, p->name, &x, &xn);
                    for (size_t k = 0; k < xn; k++) buf_putc(&b, (char)(x[k] >= 'A' && x[k] <= 'Z' ? x[k] + 32 : x[k]));
                }
                buf_printf(&b, "|%s", after_subject(canon));
                v[n++] = (grant){buf_take(&b), i, st, p ? p->name : st->subject_span};
                p = p ? p->next : NULL;
            } while (p);
            free(canon);
        }
    }
    if (n) qsort(v, n, sizeof *v, cmp_grant);
    for (size_t i = 1; i < n; i++) {
        if (strcmp(v[i].key, v[i - 1].key) != 0) continue;
        size_t first = i - 1;
        while (first > 0 && strcmp(v[first - 1].key, v[i].key) == 0) first--;
        if (v[first].input == v[i].input) continue;   /* within one file: duplicate-statement */
        const oci_doc *d = cx->inputs[v[i].input].doc, *fd = cx->inputs[v[first].input].doc;
        cx->cur = v[i].input;
        lint_finding *f = lint_add(cx, LINT_OCI_DUPLICATE_GRANT_ACROSS_FILES, d, v[i].at,
                                   "'%s' is granted this already in %s", lint_tok(cx, d, v[i].at), fd->src.name);
        lint_oci_about(cx, f, d, v[i].st);
        lint_related(cx, f, fd, v[first].st->span);
        lint_hint(cx, f, "keep one grant");
    }
    for (size_t i = 0; i < n; i++) free(v[i].key);
    free(v);
}

/* ---- Endorse and Admit ------------------------------------------------------------------------ */

/* The OCID a tenancy location names through its policy's Define, NULL for any-tenancy. */
static int xt_ocid(const oci_doc *d, const oci_location *loc, const char **p, size_t *n)
{
    if (loc->kind == OCI_LOC_ANY_TENANCY) return 0;
    if (loc->kind != OCI_LOC_TENANCY_ALIAS) return -1;
    const oci_stmt *def = lint_oci_find_define(d, OCI_DEFINE_TENANCY, d, loc->path->tok);
    if (!def) return -1;
    lint_oci_value(d, def->perms->tok, p, n);
    return 1;
}

static int same_text(const char *a, size_t an, const char *b, size_t bn)
{
    return an == bn && strncasecmp(a, b, an) == 0;
}

/* Tenancies of files without a world: a file that Defines tenancy X is not in X; when the
 * files name tenancies and a file leaves exactly one of them undefined, it is in that one. */
static void infer_tenancies(lint_ctx *cx)
{
    const char *ids[64];
    size_t lens[64], nids = 0;
    for (size_t i = 0; i < cx->ninputs; i++)
        for (const oci_stmt *s = cx->inputs[i].doc ? cx->inputs[i].doc->stmts : NULL; s; s = s->next) {
            if (s->kind != OCI_STMT_DEFINE || s->define_kind != OCI_DEFINE_TENANCY) continue;
            const char *p;
            size_t n;
            lint_oci_value(cx->inputs[i].doc, s->perms->tok, &p, &n);
            size_t k = 0;
            while (k < nids && !same_text(ids[k], lens[k], p, n)) k++;
            if (k == nids && nids < 64) ids[nids] = p, lens[nids++] = n;
        }
    for (size_t i = 0; i < cx->ninputs; i++) {
        lint_input *in = &cx->inputs[i];
        if (in->tenancy_id || !in->doc) continue;
        int pick = -1, count = 0;
        for (size_t k = 0; k < nids; k++) {
            int defined = 0;
            for (const oci_stmt *s = in->doc->stmts; s; s = s->next) {
                const char *p;
                size_t n;
                if (s->kind != OCI_STMT_DEFINE || s->define_kind != OCI_DEFINE_TENANCY) continue;
                lint_oci_value(in->doc, s->perms->tok, &p, &n);
                if (same_text(ids[k], lens[k], p, n)) defined = 1;
            }
            if (!defined) pick = (int)k, count++;
        }
        if (count == 1 && nids >= 2) in->tenancy_id = arena_strndup(&cx->report->mem, ids[pick], lens[pick]);
    }
}

static int input_in(const lint_input *in, const char *p, size_t n)
{
    return in->tenancy_id && same_text(in->tenancy_id, strlen(in->tenancy_id), p, n);
}

/* Do the Endorse E (in D) and the Admit A (in AD) name the same principals?  Admit names
 * them through Define aliases; the alias equal to the group's name, or its OCID equal to a
 * 'group id' of the Endorse, or a world group of that name with that OCID, counts; without
 * a world any group name may be the one defined. */
static int subjects_pair(lint_ctx *cx, const lint_input *ein, const oci_stmt *e, const oci_doc *ad, const oci_stmt *a)
{
    const oci_doc *d = ein->doc;
    if (a->subject == OCI_SUBJ_ANY_USER) return 1;
    if (a->subject == OCI_SUBJ_ANY_GROUP) return e->subject != OCI_SUBJ_SERVICE && e->subject != OCI_SUBJ_ANY_USER;
    if (a->subject != e->subject) return 0;
    for (const oci_principal *ap = a->principals; ap; ap = ap->next) {
        const oci_stmt *def = lint_oci_find_define(ad, a->subject == OCI_SUBJ_GROUP ? OCI_DEFINE_GROUP : OCI_DEFINE_DYNAMIC_GROUP,
                                                   ad, ap->name);
        const char *ocid = NULL;
        size_t on = 0;
        if (def) lint_oci_value(ad, def->perms->tok, &ocid, &on);
        for (const oci_principal *ep = e->principals; ep; ep = ep->next) {
            if (ep->kind == OCI_PRINCIPAL_ID) {
                const char *p;
                size_t n;
                lint_oci_value(d, ep->name, &p, &n);
                if (ocid && same_text(p, n, ocid, on)) return 1;
                continue;
            }
            if (lint_spans_eq(d, ep->name, ad, ap->name)) return 1;
            /* without a world a group name cannot be matched to the Admit's OCID: the
             * statements may well pair, so only actions and tenancies are compared */
            if (!cx->w) return 1;
            if (ein->tenancy >= 0 && ocid) {
                const world_tenancy *t = &cx->w->tenancies[ein->tenancy];
                int dyn = e->subject == OCI_SUBJ_DYNAMIC_GROUP;
                size_t ng = dyn ? t->ndynamic_groups : t->ngroups;
                for (size_t i = 0; i < ng; i++) {
                    const char *name = dyn ? t->dynamic_groups[i].name : t->groups[i].name;
                    const char *id = dyn ? t->dynamic_groups[i].id : t->groups[i].id;
                    if (lint_span_eq(d, ep->name, name) && same_text(id, strlen(id), ocid, on)) return 1;
                }
            }
        }
    }
    return 0;
}

/* Do the two actions share a permission? */
static int actions_meet(const oci_doc *d1, const oci_stmt *s1, const oci_doc *d2, const oci_stmt *s2)
{
    if (s1->verb == OCI_VERB_ASSOCIATE || s2->verb == OCI_VERB_ASSOCIATE)
        return s1->verb == s2->verb && lint_spans_eq(d1, s1->resource, d2, s2->resource);
    return lint_oci_action_within(d1, s1, d2, s2) || lint_oci_action_within(d2, s2, d1, s1) ||
           (s1->verb != OCI_VERB_NONE && s2->verb != OCI_VERB_NONE &&
            (oci_model_is_all_resources(oci_text(d1, s1->resource), s1->resource.len) ||
             oci_model_is_all_resources(oci_text(d2, s2->resource), s2->resource.len)));
}

static void check_pairs(lint_ctx *cx)
{
    if (!cx->w) infer_tenancies(cx);
    for (size_t i = 0; i < cx->ninputs; i++) {
        lint_input *in = &cx->inputs[i];
        const oci_doc *d = in->doc;
        if (!d || !in->tenancy_id) continue;
        for (const oci_stmt *st = d->stmts; st; st = st->next) {
            int endorse = st->kind == OCI_STMT_ENDORSE;
            if ((!endorse && st->kind != OCI_STMT_ADMIT) || st->deny) continue;
            const char *other;
            size_t on;
            int named = xt_ocid(d, endorse ? (st->with ? &st->with->in : &st->in) : st->of, &other, &on);
            if (named != 1) continue;   /* any-tenancy, or an undefined alias (reported elsewhere) */
            int given = 0, matched = 0;
            for (size_t k = 0; k < cx->ninputs && !matched; k++) {
                lint_input *o = &cx->inputs[k];
                if (k == i || !o->doc || !input_in(o, other, on)) continue;
                given = 1;
                for (const oci_stmt *s2 = o->doc->stmts; s2 && !matched; s2 = s2->next) {
                    if (s2->kind != (endorse ? OCI_STMT_ADMIT : OCI_STMT_ENDORSE) || s2->deny) continue;
                    const char *back;
                    size_t bn;
                    int r = xt_ocid(o->doc, endorse ? s2->of : (s2->with ? &s2->with->in : &s2->in), &back, &bn);
                    if (r < 0 || (r == 1 && !same_text(back, bn, in->tenancy_id, strlen(in->tenancy_id)))) continue;
                    int subj = endorse ? subjects_pair(cx, in, st, o->doc, s2) : subjects_pair(cx, o, s2, d, st);
                    if (subj && actions_meet(d, st, o->doc, s2)) matched = 1;
                }
            }
            if (!given || matched) continue;
            cx->cur = i;
            lint_finding *f = lint_add(cx, endorse ? LINT_OCI_ENDORSE_WITHOUT_ADMIT : LINT_OCI_ADMIT_WITHOUT_ENDORSE, d,
                                       st->span, "%s without a matching %s in tenancy %s", endorse ? "Endorse" : "Admit",
                                       endorse ? "Admit" : "Endorse", lint_quote(cx, other, on));
            lint_oci_about(cx, f, d, st);
            lint_hint(cx, f, "both tenancies must agree: add the %s there, for the same principals and permissions",
                      endorse ? "Admit" : "Endorse");
        }
    }
}

void lint_oci_cross(lint_ctx *cx)
{
    check_path_limit(cx);
    if (cx->ninputs > 1) check_duplicate_grants(cx);
    check_pairs(cx);
}
