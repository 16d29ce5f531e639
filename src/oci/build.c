#include "oci/build.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "oci_parse.h"

static void *node(oci_parser *px, size_t size) { return arena_alloc(&px->doc->mem, size); }

/* An action refuses what the grammar cannot (a word where an OCID belongs, a verb where a
 * resource type belongs): the statement fails with this message. */
static diag *refuse(oci_parser *px, oci_span at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static diag *refuse(oci_parser *px, oci_span at, const char *fmt, ...)
{
    if (px->failed || px->quiet) return NULL;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    px->failed = px->semantic = 1;
    return oci_error(px->doc, at, "%s", msg);
}

static int word_is(const oci_doc *d, oci_span s, const char *w)
{
    return s.len == strlen(w) && strncasecmp(oci_text(d, s), w, s.len) == 0;
}

/* A span from the start of A to the end of B. */
static oci_span span_join(oci_span a, oci_span b)
{
    oci_span s = {a.off, b.off + b.len - a.off};
    return s;
}

void oci_build_kind(oci_parser *px, int kind, int deny)
{
    px->st->kind = (uint8_t)kind;
    px->st->deny = (uint8_t)deny;
}

void oci_build_subject(oci_parser *px, int kind, oci_span keyword, oci_principal *list)
{
    oci_stmt *st = px->st;
    st->subject = (uint8_t)kind;
    st->principals = list;
    oci_span last = keyword;
    for (oci_principal *p = list; p; p = p->next) {
        last = p->name;
        /* one kind of principal per statement: no 'dynamic-group id X' in a group list */
        if (p->repeated && (p->repeated == 1) != (kind == OCI_SUBJ_GROUP))
            refuse(px, p->name, "a statement names one kind of principal: %s id in a list of %s",
                   p->repeated == 1 ? "'group'" : "'dynamic-group'", kind == OCI_SUBJ_GROUP ? "groups" : "dynamic groups");
    }
    st->subject_span = span_join(keyword, last);
}

oci_principal *oci_build_repeated(oci_parser *px, oci_span keyword, oci_span ocid)
{
    return oci_build_principal(px, NULL, ocid, OCI_PRINCIPAL_ID, word_is(px->doc, keyword, "group") ? 1 : 2);
}

oci_span oci_build_placeholder_ocid(oci_parser *px, oci_span name)
{
    if (!memchr(oci_text(px->doc, name), '<', name.len)) {
        buf b;
        buf_init(&b);
        diag_quote(&b, oci_text(px->doc, name), name.len, 40);
        diag *d = refuse(px, name, "expected an OCID, found '%s'", b.data);
        if (d) diag_set_hint(&px->doc->diags, d, "OCIDs start with ocid1. (ocid1.compartment.oc1..aaaa...)");
        buf_free(&b);
    }
    return name;
}

void oci_build_dynamic_space(oci_parser *px) { px->st->lenient |= OCI_LENIENT_DYNAMIC_GROUP; }

oci_principal_list oci_build_principal_list(oci_principal_list *list, oci_principal *p)
{
    oci_principal_list l = {p, p};
    if (!list) return l;
    list->tail->next = p;
    list->tail = p;
    return *list;
}

oci_principal *oci_build_principal(oci_parser *px, const oci_span *domain, oci_span name, int kind, int repeated)
{
    oci_principal *p = node(px, sizeof *p);
    if (domain) p->domain = *domain;
    p->name = name;
    p->kind = (uint8_t)kind;
    p->repeated = (uint8_t)repeated;
    return p;
}

void oci_build_verb(oci_parser *px, int verb, oci_span resource)
{
    static const char *const verbs[] = {"inspect", "read", "use", "manage"};
    for (size_t i = 0; i < 4; i++)
        if (word_is(px->doc, resource, verbs[i])) {
            diag *d = refuse(px, resource, "expected a resource type, found the verb '%s'", verbs[i]);
            if (d) diag_set_hint(&px->doc->diags, d, "a statement has one verb; list permissions as {PERM, PERM} to grant several");
        }
    px->st->verb = (uint8_t)verb;
    px->st->resource = resource;
}

void oci_build_perms(oci_parser *px, oci_list *perms)
{
    px->st->verb = OCI_VERB_NONE;
    px->st->perms = perms;
}

oci_list_builder oci_build_list(oci_parser *px, oci_list_builder *list, oci_span tok)
{
    oci_list *e = node(px, sizeof *e);
    e->tok = tok;
    oci_list_builder l = {e, e};
    if (!list) return l;
    list->tail->next = e;
    list->tail = e;
    return *list;
}

oci_location oci_build_location(oci_parser *px, int kind, oci_span first, oci_list *path, int bare)
{
    (void)px;
    oci_location loc = {0};
    loc.kind = (uint8_t)kind;
    loc.bare = (uint8_t)bare;
    loc.path = path;
    oci_span last = first;
    for (oci_list *e = path; e; e = e->next) last = e->tok;
    loc.span = span_join(first, last);
    return loc;
}

oci_location oci_build_compartment_id(oci_parser *px, oci_span keyword, oci_span ocid)
{
    oci_list_builder l = oci_build_list(px, NULL, ocid);
    return oci_build_location(px, OCI_LOC_COMPARTMENT_ID, keyword, l.head, 0);
}

oci_location oci_build_tenancy_alias(oci_parser *px, oci_span keyword, oci_span alias)
{
    oci_list_builder l = oci_build_list(px, NULL, alias);
    return oci_build_location(px, OCI_LOC_TENANCY_ALIAS, keyword, l.head, 0);
}

void oci_build_in(oci_parser *px, oci_location loc) { px->st->in = loc; }

void oci_build_of(oci_parser *px, oci_location loc)
{
    oci_location *of = node(px, sizeof *of);
    *of = loc;
    px->st->of = of;
}

void oci_build_with(oci_parser *px, oci_span resource, oci_location loc)
{
    oci_with *w = node(px, sizeof *w);
    w->resource = resource;
    w->in = loc;
    px->st->with = w;
}

void oci_build_no_location(oci_parser *px)
{
    px->st->in.kind = OCI_LOC_NONE;
    px->st->lenient |= OCI_LENIENT_NO_LOCATION;
}

void oci_build_define_kind(oci_parser *px, int kind)
{
    px->st->kind = OCI_STMT_DEFINE;
    px->st->define_kind = (uint8_t)kind;
}

void oci_build_define(oci_parser *px, oci_span alias, oci_span ocid, int with_id)
{
    px->st->resource = alias;
    px->st->perms = oci_build_list(px, NULL, ocid).head;
    if (with_id) px->st->lenient |= OCI_LENIENT_DEFINE_ID;
}

void oci_build_where(oci_parser *px, oci_cond *c) { px->st->where = c; }

oci_cond *oci_build_group(oci_parser *px, int kind, oci_span keyword, oci_cond *children, oci_span close)
{
    oci_cond *c = node(px, sizeof *c);
    c->kind = (uint8_t)kind;
    c->span = span_join(keyword, close);
    c->u.children = children;
    return c;
}

oci_cond_list oci_build_cond_list(oci_cond_list *list, oci_cond *c)
{
    oci_cond_list l = {c, c};
    if (!list) return l;
    list->tail->next = c;
    list->tail = c;
    return *list;
}

oci_cond *oci_build_pred(oci_parser *px, oci_span var, int op, oci_value *values, oci_span last)
{
    oci_cond *c = node(px, sizeof *c);
    c->kind = OCI_COND_PRED;
    c->op = (uint8_t)op;
    c->var = var;
    c->span = span_join(var, last);
    c->u.values = values;
    return c;
}

oci_cond *oci_build_between(oci_parser *px, oci_span var, oci_span lo, oci_span hi)
{
    oci_value *a = oci_build_value(px, lo, OCI_VAL_STRING);
    a->next = oci_build_value(px, hi, OCI_VAL_STRING);
    return oci_build_pred(px, var, OCI_OP_BETWEEN, a, hi);
}

oci_cond *oci_build_sets_intersect(oci_parser *px, oci_span keyword, oci_span var, oci_value *values, oci_span close)
{
    oci_cond *c = oci_build_pred(px, var, OCI_OP_SETS_INTERSECT, values, close);
    c->span = span_join(keyword, close);
    return c;
}

oci_value *oci_build_value(oci_parser *px, oci_span tok, int kind)
{
    oci_value *v = node(px, sizeof *v);
    v->tok = tok;
    v->kind = (uint8_t)kind;
    return v;
}

oci_value_list oci_build_value_list(oci_value_list *list, oci_value *v)
{
    oci_value_list l = {v, v};
    if (!list) return l;
    list->tail->next = v;
    list->tail = v;
    return *list;
}

void oci_build_rule(oci_parser *px, oci_cond *expr) { px->rule = expr; }

diag *oci_error(oci_doc *d, oci_span at, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    uint32_t off = oci_doc_source_offset(d, at.off);
    uint32_t end = at.len ? oci_doc_source_offset(d, at.off + at.len) : off;
    return diag_add(&d->diags, DIAG_ERROR, &d->src, off, end, "%s", msg);
}

/* ---- "expected …" messages ------------------------------------------------------------ */

static const char *const token_spellings[] = {
    [TK_ALLOW] = "Allow", [TK_DENY] = "Deny", [TK_DEFINE] = "Define", [TK_ENDORSE] = "Endorse",
    [TK_ADMIT] = "Admit", [TK_TO] = "to", [TK_IN] = "in", [TK_WHERE] = "where", [TK_AS] = "as",
    [TK_OF] = "of", [TK_WITH] = "with", [TK_ID] = "id", [TK_GROUP] = "group",
    [TK_DYNAMIC_GROUP] = "dynamic-group", [TK_DYNAMIC] = "dynamic", [TK_ANY_GROUP] = "any-group",
    [TK_ANY_USER] = "any-user", [TK_SERVICE] = "service", [TK_TENANCY] = "tenancy",
    [TK_ANY_TENANCY] = "any-tenancy", [TK_COMPARTMENT] = "compartment", [TK_ASSOCIATE] = "associate",
    [TK_INSPECT] = "inspect", [TK_READ] = "read", [TK_USE] = "use", [TK_MANAGE] = "manage",
    [TK_ANY] = "any", [TK_ALL] = "all", [TK_NOT] = "not", [TK_BEFORE] = "before",
    [TK_AFTER] = "after", [TK_BETWEEN] = "between", [TK_AND] = "and",
    [TK_SETS_INTERSECT] = "sets-intersect", [TK_COMMA] = ",", [TK_COLON] = ":", [TK_SLASH] = "/",
    [TK_LBRACE] = "{", [TK_RBRACE] = "}", [TK_LPAREN] = "(", [TK_RPAREN] = ")", [TK_EQ] = "=",
    [TK_NE] = "!=",
};

const char *oci_token_spelling(int major)
{
    if (major <= 0 || (size_t)major >= sizeof token_spellings / sizeof *token_spellings) return NULL;
    return token_spellings[major];
}

/* What the parser can want next, said the way a person would: one phrase per kind of thing
 * ("a verb (…)") rather than a list of keywords.  Phrases depend on what was accepted and
 * on the context (after 'Define', inside a permission list, in a matching rule). */
enum phrase {
    PH_STATEMENT, PH_SUBJECT, PH_DEFINE_KIND, PH_VERB, PH_PERMS, PH_ASSOCIATE, PH_LOCATION,
    PH_XT_TENANCY, PH_RESOURCE, PH_PRINCIPAL, PH_GROUP_NAME, PH_SERVICE_NAME, PH_COMPARTMENT,
    PH_ALIAS, PH_PERMISSION, PH_OCID, PH_NAME, PH_VALUE, PH_QSTRING, PH_VARIABLE, PH_OPERATOR,
    PH_CONDITION, PH_KEYWORD, PH_PUNCT, PH_END, PH_COUNT
};

typedef struct expect {
    unsigned char acc[128];   /* terminal -> accepted in this state */
    int prev, first, list, rule, json;
} expect;

static int is_kind_keyword(int t)
{
    return t == TK_TENANCY || t == TK_GROUP || t == TK_DYNAMIC_GROUP || t == TK_COMPARTMENT;
}

static int name_phrase(const expect *e)
{
    switch (e->prev) {
    case TK_INSPECT: case TK_READ: case TK_USE: case TK_MANAGE: case TK_ASSOCIATE: case TK_WITH:
        return PH_RESOURCE;
    case TK_SLASH: return PH_GROUP_NAME;
    case TK_SERVICE: return PH_SERVICE_NAME;
    case TK_COMPARTMENT: case TK_COLON: case TK_IN: return PH_COMPARTMENT;
    case TK_LBRACE: return PH_PERMISSION;
    case TK_ID: case TK_AS: return PH_OCID;
    case TK_TENANCY: return PH_ALIAS;
    case TK_COMMA:
        return e->list == TK_LBRACE ? PH_PERMISSION : e->list == TK_SERVICE ? PH_SERVICE_NAME : PH_NAME;
    default:
        return e->first == TK_DEFINE && is_kind_keyword(e->prev) ? PH_ALIAS : PH_NAME;
    }
}

static int token_phrase(const expect *e, int tok)
{
    int prev = e->prev;
    /* a subject's name list: names, quoted names, id OCID (and the repeated keyword) */
    int in_list = prev == TK_GROUP || prev == TK_DYNAMIC_GROUP ||
                  (prev == TK_COMMA && (e->list == TK_GROUP || e->list == TK_DYNAMIC_GROUP));
    int principal = in_list && e->acc[TK_ID] && e->acc[TK_NAME] && e->acc[TK_QSTRING];
    if (principal && (tok == TK_ID || tok == TK_NAME || tok == TK_QSTRING || tok == TK_GROUP || tok == TK_DYNAMIC_GROUP))
        return PH_PRINCIPAL;
    if (prev == TK_DEFINE && is_kind_keyword(tok)) return PH_DEFINE_KIND;
    if ((prev == TK_COMPARTMENT || prev == TK_COLON) && (tok == TK_NAME || tok == TK_QSTRING || tok == TK_OCID)) return PH_COMPARTMENT;
    switch (tok) {
    case TK_ALLOW: case TK_DENY: case TK_DEFINE: case TK_ENDORSE: case TK_ADMIT:
        return prev == TK_DENY ? PH_KEYWORD : PH_STATEMENT;
    case TK_GROUP: case TK_DYNAMIC_GROUP: case TK_DYNAMIC: case TK_SERVICE: case TK_ANY_USER:
    case TK_ANY_GROUP:
        return PH_SUBJECT;
    case TK_INSPECT: case TK_READ: case TK_USE: case TK_MANAGE: return PH_VERB;
    case TK_LBRACE: return prev == TK_TO ? PH_PERMS : PH_PUNCT;
    case TK_ASSOCIATE: return PH_ASSOCIATE;
    case TK_TENANCY:
        if (e->acc[TK_ANY_TENANCY]) return PH_XT_TENANCY;
        return prev == TK_IN ? PH_LOCATION : PH_KEYWORD;
    case TK_COMPARTMENT: return prev == TK_IN ? PH_LOCATION : PH_KEYWORD;
    case TK_ANY_TENANCY: return PH_XT_TENANCY;
    case TK_NAME: return e->acc[TK_TENANCY] && e->acc[TK_COMPARTMENT] ? PH_LOCATION : name_phrase(e);
    case TK_OCID: return e->acc[TK_TENANCY] && e->acc[TK_COMPARTMENT] ? PH_LOCATION : PH_OCID;
    case TK_QSTRING:
        if (e->acc[TK_TENANCY] && e->acc[TK_COMPARTMENT]) return PH_LOCATION;
        return e->acc[TK_PATTERN] ? PH_VALUE : PH_QSTRING;
    case TK_PATTERN: return PH_VALUE;
    case TK_VARIABLE: return e->acc[TK_PATTERN] ? PH_VALUE : PH_VARIABLE;
    case TK_EQ: case TK_NE: case TK_BEFORE: case TK_AFTER: case TK_BETWEEN: case TK_NOT:
        return PH_OPERATOR;
    case TK_IN: return prev == TK_VARIABLE ? PH_OPERATOR : PH_KEYWORD;
    case TK_ANY: case TK_ALL: case TK_SETS_INTERSECT: return PH_CONDITION;
    case 0: return PH_END;
    case TK_TO: case TK_WHERE: case TK_AS: case TK_OF: case TK_WITH: case TK_ID: case TK_AND:
        return PH_KEYWORD;
    default: return PH_PUNCT;
    }
}

static void append_phrase(buf *b, const expect *e, int ph, int tok)
{
    static const char *const text[PH_COUNT] = {
        [PH_STATEMENT] = "a statement (Allow, Deny, Define, Endorse, Admit)",
        [PH_SUBJECT] = "a subject (group, dynamic-group, service, any-user, any-group)",
        [PH_DEFINE_KIND] = "what to define (tenancy, group, dynamic-group, compartment)",
        [PH_VERB] = "a verb (inspect, read, use, manage)",
        [PH_PERMS] = "a permission list '{...}'",
        [PH_ASSOCIATE] = "'associate'",
        [PH_LOCATION] = "a location (tenancy, compartment NAME, compartment id OCID)",
        [PH_XT_TENANCY] = "the other tenancy ('tenancy ALIAS' or 'any-tenancy')",
        [PH_RESOURCE] = "a resource type (such as keys, vaults, cluster-family, all-resources)",
        [PH_PRINCIPAL] = "a name, a 'quoted name', 'Domain'/'Name' or id OCID",
        [PH_GROUP_NAME] = "a name",
        [PH_SERVICE_NAME] = "a service name",
        [PH_COMPARTMENT] = "a compartment name or path",
        [PH_ALIAS] = "an alias",
        [PH_PERMISSION] = "a permission (such as KEY_READ)",
        [PH_OCID] = "an OCID",
        [PH_NAME] = "a name",
        [PH_VALUE] = "a value ('text', /pattern/ or a variable)",
        [PH_QSTRING] = "a quoted value",
        [PH_CONDITION] = "a condition",
    };
    switch (ph) {
    case PH_OPERATOR: buf_puts(b, e->rule ? "an operator (=, !=)" : "an operator (=, !=, in, not in, before, after, between)"); return;
    case PH_VARIABLE: buf_puts(b, e->rule ? "a variable (such as instance.compartment.id)" : "a variable (such as target.key.id)"); return;
    case PH_END: buf_puts(b, e->rule ? "end of rule" : "end of statement"); return;
    }
    if (text[ph]) buf_puts(b, text[ph]);
    else buf_printf(b, "'%s'", oci_token_spelling(tok));
}

/* 'x' for a token; a quoted value is shown as written, not quoted twice. */
static void describe_token(const oci_doc *d, int major, oci_span tok, buf *b, int rule)
{
    if (major == 0) {
        buf_puts(b, rule ? "end of rule" : "end of statement");
        return;
    }
    const char *t = oci_text(d, tok);
    int quoted = tok.len >= 2 && t[0] == '\'' && t[tok.len - 1] == '\'';
    if (!quoted) buf_putc(b, '\'');
    diag_quote(b, t, tok.len, 40);
    if (!quoted) buf_putc(b, '\'');
}

static int adjacent(oci_span a, oci_span b) { return a.off + a.len == b.off; }

/* A hint for a mistake people make often, when the token found says which one. */
static const char *mistake_hint(const oci_parser *px, const expect *e, int major, oci_span tok)
{
    const oci_doc *d = px->doc;
    if (major == TK_EQ && e->prev == TK_EQ) return "'=' compares; there is no '=='";
    if (major == TK_NAME && word_is(d, tok, "<>")) return "use != for 'not equal'";
    if (major == TK_AND && e->prev != TK_QSTRING) return "combine conditions with all {a, b} (any {a, b} for 'or')";
    if (major == TK_NAME && word_is(d, tok, "or")) return "combine conditions with any {a, b}";
    if (major == TK_NAME && e->acc[TK_VARIABLE] && !e->acc[TK_NAME])
        return e->rule ? "variables have dotted names, such as resource.compartment.id"
                       : "variables have dotted names, such as request.principal.type";
    if (major == TK_QSTRING && e->prev == TK_QSTRING && adjacent(px->prev_tok, tok))
        return "a quoted value cannot contain a single quote";
    if (major == TK_SLASH && e->prev != TK_SLASH && oci_text(d, tok)[1] == '/') return "comments start with #";
    if (major == TK_NAME && e->prev == TK_TENANCY && !e->acc[TK_NAME] && e->first != TK_ENDORSE && e->first != TK_ADMIT)
        return "'tenancy ALIAS' names another tenancy in Endorse and Admit; 'in tenancy' alone is this tenancy";
    if (major == TK_OF && e->first != TK_ADMIT) return "'of tenancy ALIAS' belongs in an Admit statement";
    if (major == TK_ANY_TENANCY && e->first != TK_ENDORSE) return "'any-tenancy' belongs in Endorse (in any-tenancy) or Admit (of any-tenancy)";
    if (e->json && (major == TK_ALLOW || major == TK_DENY || major == TK_DEFINE || major == TK_ENDORSE || major == TK_ADMIT))
        return "one statement per element of the JSON array";
    if (e->rule && (major == TK_ANY || major == TK_ALL || major == TK_VARIABLE) && e->acc[0])
        return "one matching rule per .rule file; a .rules file takes one rule per line";
    return NULL;
}

void oci_build_syntax_error(oci_parser *px, int major, oci_span tok, void *lemon)
{
    oci_doc *d = px->doc;
    px->failed = 1;
    expect e = {{0}, px->prev_major, px->first_major, px->list_opener, px->is_rule, px->json_element};
    int ntok = ociParserTokenCount();
    /* Fallback to NAME is not simulated: a keyword counts only where it is a keyword. */
    for (int t = 0; t < ntok && t < 128; t++)
        if (t != TK_START_STMT && t != TK_START_RULE) e.acc[t] = (unsigned char)ociParserAccepts(lemon, t);

    enum { MAXP = PH_COUNT + 128 };
    int seen[MAXP] = {0}, phrases[MAXP], phrase_tok[MAXP], nph = 0;
    const char *cands[64];
    size_t ncands = 0;
    for (int t = 0; t < ntok && t < 128; t++) {
        if (!e.acc[t]) continue;
        const char *sp = oci_token_spelling(t);
        if (sp && ncands < 64 && sp[0] >= 'A' && sp[1]) cands[ncands++] = sp;
        int ph = token_phrase(&e, t);
        /* named phrases appear once; single keywords and punctuation once each */
        int key = ph < PH_KEYWORD ? ph : PH_COUNT + t;
        if (seen[key]) continue;
        seen[key] = 1;
        phrase_tok[nph] = t;
        phrases[nph++] = ph;
    }
    buf msg;
    buf_init(&msg);
    buf_puts(&msg, "expected ");
    for (int i = 0; i < nph; i++) {
        if (i) buf_puts(&msg, i == nph - 1 ? " or " : ", ");
        append_phrase(&msg, &e, phrases[i], phrase_tok[i]);
    }
    if (px->prev_major > 0 && px->prev_major != TK_START_STMT && px->prev_major != TK_START_RULE) {
        buf_puts(&msg, " after ");
        describe_token(d, px->prev_major, px->prev_tok, &msg, px->is_rule);
    }
    buf_puts(&msg, ", found ");
    describe_token(d, major, tok, &msg, px->is_rule);
    diag *dg = oci_error(d, major == 0 ? (oci_span){px->prev_tok.off + px->prev_tok.len, 0} : tok, "%s", msg.data);
    buf_free(&msg);

    /* Hints: a near keyword for the token found; a name just read that was probably meant
     * as a keyword ('compartmnt X'); a known mistake; a statement keyword in mid-line. */
    if (major != 0 && tok.len < 64) {
        const char *s = diag_suggest(oci_text(d, tok), tok.len, cands, ncands);
        if (s) {
            diag_set_hint(&d->diags, dg, "did you mean '%s'?", s);
            return;
        }
    }
    const char *h = mistake_hint(px, &e, major, tok);
    if (h) {
        diag_set_hint(&d->diags, dg, "%s", h);
        return;
    }
    if (px->prev_major == TK_NAME && px->prev_tok.len < 64) {
        static const char *const kw[] = {"compartment", "tenancy", "where", "group", "dynamic-group", "service"};
        const char *s = diag_suggest(oci_text(d, px->prev_tok), px->prev_tok.len, kw, sizeof kw / sizeof *kw);
        if (s) {
            buf hb;
            buf_init(&hb);
            diag_quote(&hb, oci_text(d, px->prev_tok), px->prev_tok.len, 40);
            diag_set_hint(&d->diags, dg, "'%s' was read as a name; did you mean '%s'?", hb.data, s);
            buf_free(&hb);
            return;
        }
    }
    if (major >= TK_ALLOW && major <= TK_ADMIT && !px->starts_line && e.prev != TK_DENY && !px->json_element)
        diag_set_hint(&d->diags, dg, "each statement starts on a new line");
}

void oci_build_note_error(oci_parser *px, int major, oci_span tok)
{
    px->failed = 1;
    px->error_major = major;
    px->error_tok = tok;
}

void oci_build_overflow(oci_parser *px)
{
    px->failed = 1;
    oci_error(px->doc, px->prev_tok, "statement is nested too deeply");
}
