/* emit/oci: the bundle's statements and matching rule, built as AST nodes over a text of
 * their own tokens, printed by oci/print.c (what `iamc fmt` prints) and parsed back by the
 * OCI front end.  What is written and proved is always the parsed-back document. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "emit/internal.h"

/* A document under construction: node spans point into TEXT, the tokens written so far. */
typedef struct builder {
    oci_doc *d;
    buf text;
} builder;

static void builder_init(builder *b, int rules)
{
    b->d = calloc(1, sizeof *b->d);
    if (!b->d) abort();
    arena_init(&b->d->mem);
    diag_list_init(&b->d->diags, &b->d->mem);
    b->d->kind = rules ? OCI_DOC_RULES : OCI_DOC_POLICY;
    buf_init(&b->text);
}

/* The text becomes the document's once every token is in. */
static oci_doc *builder_finish(builder *b)
{
    b->d->text = arena_strndup(&b->d->mem, b->text.data ? b->text.data : "", b->text.len);
    b->d->text_len = b->text.len;
    buf_free(&b->text);
    return b->d;
}

static oci_span tok(builder *b, const char *s)
{
    oci_span sp = {(uint32_t)b->text.len, (uint32_t)strlen(s)};
    buf_puts(&b->text, s);
    buf_putc(&b->text, ' ');
    return sp;
}

static oci_span quoted(builder *b, const char *s)
{
    buf q;
    buf_init(&q);
    buf_printf(&q, "'%s'", s);
    oci_span sp = tok(b, q.data);
    buf_free(&q);
    return sp;
}

static void *node(builder *b, size_t size) { return arena_alloc(&b->d->mem, size); }

/* ---- conditions ------------------------------------------------------------------------ */

static oci_cond *eq(builder *b, const char *var, const char *value)
{
    oci_cond *c = node(b, sizeof *c);
    c->kind = OCI_COND_PRED;
    c->op = OCI_OP_EQ;
    c->var = tok(b, var);
    oci_value *v = node(b, sizeof *v);
    v->kind = OCI_VAL_STRING;
    v->tok = quoted(b, value);
    c->u.values = v;
    return c;
}

/* all {…} of the non-NULL conditions in KIDS (NULL-terminated after N). */
static oci_cond *all(builder *b, oci_cond **kids, size_t n)
{
    oci_cond *c = node(b, sizeof *c), **tail = &c->u.children;
    c->kind = OCI_COND_ALL;
    for (size_t i = 0; i < n; i++)
        if (kids[i]) *tail = kids[i], tail = &kids[i]->next;
    return c;
}

/* What the key may be used by: the cluster principal type, the key, and one cluster. */
static oci_cond *key_condition(builder *b, const emit_spec *s, int principal_type)
{
    oci_cond *key = eq(b, "target.key.id", s->key.id);
    if (!principal_type) return key;
    oci_cond *kids[3] = {eq(b, "request.principal.type", "cluster"), key,
                         s->cluster.id ? eq(b, "request.principal.id", s->cluster.id) : NULL};
    return all(b, kids, 3);
}

/* ---- statements ------------------------------------------------------------------------- */

static oci_stmt *stmt(builder *b, int kind)
{
    oci_stmt *st = node(b, sizeof *st);
    st->kind = (uint8_t)kind;
    if (b->d->stmts_tail) b->d->stmts_tail->next = st;
    else b->d->stmts = st;
    b->d->stmts_tail = st;
    b->d->nstmts++;
    return st;
}

static void define(builder *b, int what, const char *alias, const char *ocid)
{
    oci_stmt *st = stmt(b, OCI_STMT_DEFINE);
    st->define_kind = (uint8_t)what;
    st->resource = tok(b, alias);
    oci_list *l = node(b, sizeof *l);
    l->tok = tok(b, ocid);
    st->perms = l;
}

/* SUBJECT (with NAME unless any-user) to use keys: the rest is the caller's. */
static oci_stmt *use_keys(builder *b, int kind, int subject, const char *name)
{
    oci_stmt *st = stmt(b, kind);
    st->subject = (uint8_t)subject;
    if (name) {
        oci_principal *p = node(b, sizeof *p);
        p->kind = OCI_PRINCIPAL_NAME;
        p->name = tok(b, name);
        st->principals = p;
    }
    st->verb = OCI_VERB_USE;
    st->resource = tok(b, "keys");
    return st;
}

static oci_location tenancy_alias(builder *b, const char *alias)
{
    oci_location loc = {.kind = OCI_LOC_TENANCY_ALIAS};
    loc.path = node(b, sizeof *loc.path);
    loc.path->tok = tok(b, alias);
    return loc;
}

static oci_location compartment_path(builder *b, const char *path)
{
    oci_location loc = {.kind = OCI_LOC_COMPARTMENT};
    oci_list **tail = &loc.path;
    for (const char *p = path;;) {
        const char *colon = strchr(p, ':');
        char part[128];
        snprintf(part, sizeof part, "%.*s", (int)(colon ? colon - p : (long)strlen(p)), p);
        *tail = node(b, sizeof **tail);
        (*tail)->tok = tok(b, part);
        tail = &(*tail)->next;
        if (!colon) return loc;
        p = colon + 1;
    }
}

static int subject_of(const emit_spec *s) { return s->grant == EMIT_GRANT_DYNAMIC_GROUP ? OCI_SUBJ_DYNAMIC_GROUP : OCI_SUBJ_ANY_USER; }

/* One tenancy: plain Allow in the key's compartment. */
static void same_tenancy(builder *b, const emit_spec *s)
{
    const emit_principal *dg = &s->cluster_tenancy->dynamic_group;
    oci_stmt *st = use_keys(b, OCI_STMT_ALLOW, subject_of(s), s->grant == EMIT_GRANT_DYNAMIC_GROUP ? dg->name : NULL);
    st->in = compartment_path(b, s->key.compartment);
    st->where = key_condition(b, s, s->grant == EMIT_GRANT_ANY_USER);
}

/* The cluster's tenancy: endorse its principals to use keys in the key's tenancy (the
 * statement order of the OKE guide's example). */
static void cluster_side(builder *b, const emit_spec *s)
{
    const emit_tenancy *ct = s->cluster_tenancy, *kt = s->key_tenancy;
    const char *kalias = emit_tenancy_alias(kt);
    define(b, OCI_DEFINE_TENANCY, kalias, kt->id);
    if (ct->admin_group.name) use_keys(b, OCI_STMT_ENDORSE, OCI_SUBJ_GROUP, ct->admin_group.name)->in = tenancy_alias(b, kalias);
    if (s->grant == EMIT_GRANT_DYNAMIC_GROUP) {
        use_keys(b, OCI_STMT_ENDORSE, OCI_SUBJ_DYNAMIC_GROUP, ct->dynamic_group.name)->in = tenancy_alias(b, kalias);
        oci_stmt *st = use_keys(b, OCI_STMT_ALLOW, OCI_SUBJ_DYNAMIC_GROUP, ct->dynamic_group.name);
        st->in.kind = OCI_LOC_TENANCY;
        st->where = key_condition(b, s, 0);
    } else {
        oci_stmt *st = use_keys(b, OCI_STMT_ENDORSE, OCI_SUBJ_ANY_USER, NULL);
        st->in = tenancy_alias(b, kalias);
        st->where = key_condition(b, s, 1);
    }
}

static oci_stmt *admit(builder *b, int subject, const char *name, const char *calias)
{
    oci_stmt *st = use_keys(b, OCI_STMT_ADMIT, subject, name);
    st->of = node(b, sizeof *st->of);
    *st->of = tenancy_alias(b, calias);
    st->in.kind = OCI_LOC_TENANCY;
    return st;
}

/* The key's tenancy: define the cluster's tenancy and principals, admit them to the key. */
static void key_side(builder *b, const emit_spec *s, arena *mem)
{
    const emit_tenancy *ct = s->cluster_tenancy;
    const char *calias = emit_tenancy_alias(ct);
    const char *dg = ct->dynamic_group.name ? emit_principal_alias(&ct->dynamic_group, mem) : NULL;
    const char *admin = ct->admin_group.name ? emit_principal_alias(&ct->admin_group, mem) : NULL;
    define(b, OCI_DEFINE_TENANCY, calias, ct->id);
    if (dg) define(b, OCI_DEFINE_DYNAMIC_GROUP, dg, ct->dynamic_group.id);
    if (admin) define(b, OCI_DEFINE_GROUP, admin, ct->admin_group.id);
    if (dg) admit(b, OCI_SUBJ_DYNAMIC_GROUP, dg, calias)->where = key_condition(b, s, 0);
    else admit(b, OCI_SUBJ_ANY_USER, NULL, calias)->where = key_condition(b, s, 1);
    if (admin) admit(b, OCI_SUBJ_GROUP, admin, calias)->where = key_condition(b, s, 0);
}

static oci_doc *rule_doc(const emit_spec *s)
{
    builder b;
    builder_init(&b, 1);
    oci_cond *kids[2] = {eq(&b, "resource.type", "cluster"),
                         s->cluster.id ? eq(&b, "resource.id", s->cluster.id)
                                       : eq(&b, "resource.compartment.id", s->cluster.compartment_id)};
    oci_rule *r = node(&b, sizeof *r);
    r->expr = all(&b, kids, 2);
    b.d->rules = b.d->rules_tail = r;
    b.d->nrules = 1;
    return builder_finish(&b);
}

/* ---- print, parse back, compare ---------------------------------------------------------- */

static char *print_doc(const oci_doc *d)
{
    buf out;
    buf_init(&out);
    for (const oci_stmt *st = d->stmts; st; st = st->next) {
        oci_print_stmt(d, st, &out);
        buf_putc(&out, '\n');
    }
    for (const oci_rule *r = d->rules; r; r = r->next) oci_print_cond(d, r->expr, 1, &out);
    return buf_take(&out);
}

/* Parse TEXT back; it must parse cleanly and print to the same text. */
static oci_doc *parse_back(const char *name, const char *text, int rules, buf *errors)
{
    source src;
    source_init_copy(&src, name, text, strlen(text));
    oci_doc *d = oci_parse(&src, rules ? OCI_PARSE_RULES : 0);
    char *again = d->diags.errors ? NULL : print_doc(d);
    if (!again || strcmp(again, text) != 0) {
        buf_printf(errors, "iamc emit: %s does not parse back to what was built:\n%s", name, text);
        for (const diag *g = d->diags.head; g; g = g->next) diag_render(g, errors);
        if (again) buf_printf(errors, "printed again:\n%s\n", again);
        free(again);
        oci_doc_free(d);
        return NULL;
    }
    free(again);
    return d;
}

static char *json_of(const oci_doc *d)
{
    buf out;
    buf_init(&out);
    oci_format_doc(d, 1, &out);
    return buf_take(&out);
}

/* Print the built document BUILT (freed here) into *TEXT and parse that back. */
static oci_doc *print_and_parse(oci_doc *built, const char *name, int rules, char **text, buf *errors)
{
    *text = print_doc(built);
    oci_doc_free(built);
    return parse_back(name, *text, rules, errors);
}

/* Never cut: a cluster name of 255 characters may take 1020 bytes, and a cut one could end
 * inside a character. */
static const char *describe(arena *mem, const char *fmt, const char *a, const char *b)
{
    buf text;
    buf_init(&text);
    buf_printf(&text, fmt, a, b);
    const char *out = arena_strndup(mem, text.data, text.len);
    buf_free(&text);
    return out;
}

int emit_iam_build(const emit_spec *s, emit_iam *iam, buf *errors)
{
    arena *mem = (arena *)&s->mem;
    memset(iam, 0, sizeof *iam);
    const emit_tenancy *order[2] = {s->cluster_tenancy, s->key_tenancy};
    iam->npolicies = s->cross ? 2 : 1;
    for (size_t i = 0; i < iam->npolicies; i++) {
        emit_policy *p = &iam->policies[i];
        p->tenancy = order[i];
        p->name = describe(mem, "%s-%s", s->name, p->tenancy->key);
        p->description = describe(mem, !s->cross ? "Lets the OKE cluster %s use the Vault key that encrypts its Secrets"
                                  : i == 0 ? "Lets the OKE cluster %s use the Vault key held in tenancy %s"
                                           : "Admits the OKE cluster %s of tenancy %s to the Vault key that encrypts its Secrets",
                                  s->cluster.name, i == 0 ? s->key_tenancy->key : s->cluster_tenancy->key);
        builder b;
        builder_init(&b, 0);
        if (!s->cross) same_tenancy(&b, s);
        else if (i == 0) cluster_side(&b, s);
        else key_side(&b, s, mem);
        char name[128];
        snprintf(name, sizeof name, "policies/%s.pol", p->tenancy->key);
        p->doc = print_and_parse(builder_finish(&b), name, 0, &p->text, errors);
        if (!p->doc) return -1;
        p->json = json_of(p->doc);
    }
    if (s->grant == EMIT_GRANT_DYNAMIC_GROUP) {
        emit_rule *r = &iam->rule;
        r->tenancy = s->cluster_tenancy;
        r->group = &s->cluster_tenancy->dynamic_group;
        r->description = describe(mem, s->cluster.id ? "The OKE cluster %s, by its OCID%s"
                                                     : "The OKE clusters of the compartment of cluster %s%s", s->cluster.name, "");
        char name[160];
        snprintf(name, sizeof name, "dynamic-groups/%s.rule", r->group->name);
        r->doc = print_and_parse(rule_doc(s), name, 1, &r->text, errors);
        if (!r->doc) return -1;
    }
    return 0;
}

void emit_iam_free(emit_iam *iam)
{
    for (size_t i = 0; i < iam->npolicies; i++) {
        free(iam->policies[i].text);
        free(iam->policies[i].json);
        oci_doc_free(iam->policies[i].doc);
    }
    free(iam->rule.text);
    oci_doc_free(iam->rule.doc);
    memset(iam, 0, sizeof *iam);
}
