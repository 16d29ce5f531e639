#include "oci/build.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "oci_parse.h"

static void *node(oci_parser *px, size_t size) { return arena_alloc(&px->doc->mem, size); }

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
    for (oci_principal *p = list; p; p = p->next) last = p->name;
    st->subject_span = span_join(keyword, last);
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
    uint32_t end = at.len ? oci_doc_source_offset(d, at.off + at.len - 1) + 1 : off;
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

/* One phrase per kind of thing the parser can want next; tokens map to phrases so that a
 * message names "a verb (…)" once instead of listing four keywords. */
enum phrase {
    PH_STATEMENT, PH_SUBJECT, PH_VERB, PH_PERMS, PH_ASSOCIATE, PH_LOCATION, PH_XT_TENANCY,
    PH_RESOURCE, PH_GROUP_NAME, PH_SERVICE_NAME, PH_COMPARTMENT, PH_ALIAS, PH_PERMISSION,
    PH_OCID, PH_NAME, PH_VALUE, PH_QSTRING, PH_VARIABLE, PH_OPERATOR, PH_CONDITION,
    PH_KEYWORD, PH_PUNCT, PH_END, PH_COUNT
};

static int name_phrase(int prev)
{
    switch (prev) {
    case TK_INSPECT: case TK_READ: case TK_USE: case TK_MANAGE: case TK_ASSOCIATE: case TK_WITH:
        return PH_RESOURCE;
    case TK_GROUP: case TK_DYNAMIC_GROUP: case TK_SLASH: return PH_GROUP_NAME;
    case TK_SERVICE: return PH_SERVICE_NAME;
    case TK_COMPARTMENT: case TK_COLON: case TK_IN: return PH_COMPARTMENT;
    case TK_TENANCY: case TK_DEFINE: return PH_ALIAS;
    case TK_LBRACE: return PH_PERMISSION;
    case TK_ID: case TK_AS: return PH_OCID;
    default: return PH_NAME;
    }
}

static int token_phrase(int tok, int prev)
{
    switch (tok) {
    case TK_ALLOW: case TK_DENY: case TK_DEFINE: case TK_ENDORSE: case TK_ADMIT: return PH_STATEMENT;
    case TK_GROUP: case TK_DYNAMIC_GROUP: case TK_DYNAMIC: case TK_SERVICE: case TK_ANY_USER:
    case TK_ANY_GROUP:
        return prev == TK_COMMA ? PH_GROUP_NAME : PH_SUBJECT;
    case TK_INSPECT: case TK_READ: case TK_USE: case TK_MANAGE: return PH_VERB;
    case TK_LBRACE: return prev == TK_TO ? PH_PERMS : PH_PUNCT;
    case TK_ASSOCIATE: return PH_ASSOCIATE;
    case TK_TENANCY: case TK_COMPARTMENT: return prev == TK_IN ? PH_LOCATION : PH_KEYWORD;
    case TK_ANY_TENANCY: return PH_XT_TENANCY;
    case TK_NAME: return name_phrase(prev);
    case TK_OCID: return PH_OCID;
    case TK_QSTRING: return PH_QSTRING;
    case TK_PATTERN: return PH_VALUE;
    case TK_VARIABLE: return PH_VARIABLE;
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

static void append_phrase(buf *b, int ph, int tok, int rule)
{
    if (ph == PH_OPERATOR && rule) {
        buf_puts(b, "an operator (=, !=)");
        return;
    }
    if (ph == PH_END && rule) {
        buf_puts(b, "end of rule");
        return;
    }
    static const char *const text[PH_COUNT] = {
        [PH_STATEMENT] = "a statement (Allow, Deny, Define, Endorse, Admit)",
        [PH_SUBJECT] = "a subject (group, dynamic-group, service, any-user, any-group)",
        [PH_VERB] = "a verb (inspect, read, use, manage)",
        [PH_PERMS] = "a permission list '{...}'",
        [PH_ASSOCIATE] = "'associate'",
        [PH_LOCATION] = "a location (tenancy, compartment NAME, compartment id OCID)",
        [PH_XT_TENANCY] = "'tenancy ALIAS' or 'any-tenancy'",
        [PH_RESOURCE] = "a resource type (such as keys, vaults, cluster-family, all-resources)",
        [PH_GROUP_NAME] = "a name, 'Domain'/'Name' or id OCID",
        [PH_SERVICE_NAME] = "a service name",
        [PH_COMPARTMENT] = "a compartment name",
        [PH_ALIAS] = "an alias",
        [PH_PERMISSION] = "a permission (such as KEY_READ)",
        [PH_OCID] = "an OCID",
        [PH_NAME] = "a name",
        [PH_VALUE] = "a value ('text', /pattern/ or a variable)",
        [PH_QSTRING] = "a quoted value",
        [PH_VARIABLE] = "a variable (such as target.key.id)",
        [PH_OPERATOR] = "an operator (=, !=, in, not in, before, after, between)",
        [PH_CONDITION] = "a condition",
        [PH_END] = "end of statement",
    };
    if (text[ph]) buf_puts(b, text[ph]);
    else buf_printf(b, "'%s'", oci_token_spelling(tok));
}

static void describe_token(const oci_doc *d, int major, oci_span tok, buf *b, int rule)
{
    if (major == 0) {
        buf_puts(b, rule ? "end of rule" : "end of statement");
        return;
    }
    buf_putc(b, '\'');
    diag_quote(b, oci_text(d, tok), tok.len, 40);
    buf_putc(b, '\'');
}

void oci_build_syntax_error(oci_parser *px, int major, oci_span tok, void *lemon)
{
    oci_doc *d = px->doc;
    px->failed = 1;
    int ntok = ociParserTokenCount();
    enum { MAXP = PH_COUNT + 128 };
    int seen[MAXP] = {0};
    int phrases[MAXP], nph = 0, phrase_tok[MAXP];
    const char *cands[64];
    size_t ncands = 0;
    int value_like = 0;
    for (int t = 0; t < ntok; t++) {
        if (t == TK_START_STMT || t == TK_START_RULE) continue;
        if (!ociParserAccepts(lemon, t)) continue;
        /* Fallback to NAME is not simulated: a keyword counts only where it is a keyword. */
        if (t == TK_QSTRING || t == TK_PATTERN || t == TK_VARIABLE) value_like |= 1 << (t == TK_QSTRING ? 0 : t == TK_PATTERN ? 1 : 2);
        int ph = token_phrase(t, px->prev_major);
        if (oci_token_spelling(t) && ncands < 64 && t != 0) {
            const char *sp = oci_token_spelling(t);
            if (sp[0] >= 'A' && sp[1]) cands[ncands++] = sp;
        }
        /* named phrases appear once; single keywords and punctuation once each */
        int key = ph < PH_KEYWORD ? ph : PH_COUNT + (t & 127);
        if (!seen[key]) {
            seen[key] = 1;
            phrase_tok[nph] = t;
            phrases[nph++] = ph;
        }
    }
    /* 'text', /pattern/ and variables together are "a value". */
    if (value_like == 7) {
        for (int i = 0; i < nph; i++)
            if (phrases[i] == PH_QSTRING || phrases[i] == PH_VARIABLE) phrases[i] = -1;
    }
    /* After 'in', the location phrase already covers a bare compartment name. */
    if (seen[PH_LOCATION])
        for (int i = 0; i < nph; i++)
            if (phrases[i] == PH_COMPARTMENT) phrases[i] = -1;
    buf msg;
    buf_init(&msg);
    buf_puts(&msg, "expected ");
    int shown = 0, total = 0;
    for (int i = 0; i < nph; i++) total += phrases[i] >= 0;
    for (int i = 0; i < nph; i++) {
        if (phrases[i] < 0) continue;
        if (shown) buf_puts(&msg, shown == total - 1 ? " or " : ", ");
        append_phrase(&msg, phrases[i], phrase_tok[i], px->is_rule);
        shown++;
    }
    if (px->prev_major > 0 && px->prev_major != TK_START_STMT && px->prev_major != TK_START_RULE) {
        buf_puts(&msg, " after ");
        describe_token(d, px->prev_major, px->prev_tok, &msg, px->is_rule);
    }
    buf_puts(&msg, ", found ");
    describe_token(d, major, tok, &msg, px->is_rule);
    diag *dg = oci_error(d, major == 0 ? (oci_span){px->prev_tok.off + px->prev_tok.len, 0} : tok, "%s", msg.data);
    buf_free(&msg);

    /* Hints: a near keyword for the token found, or for a name just read that was probably
     * meant as a keyword ('compartmnt X'), or a statement keyword in mid-line. */
    if (major != 0 && tok.len < 64) {
        const char *s = diag_suggest(oci_text(d, tok), tok.len, cands, ncands);
        if (s) {
            diag_set_hint(&d->diags, dg, "did you mean '%s'?", s);
            return;
        }
    }
    if (px->prev_major == TK_NAME && px->prev_tok.len < 64) {
        static const char *const kw[] = {"compartment", "tenancy", "where", "group", "dynamic-group", "service"};
        const char *s = diag_suggest(oci_text(d, px->prev_tok), px->prev_tok.len, kw, sizeof kw / sizeof *kw);
        if (s) {
            buf h;
            buf_init(&h);
            buf_puts(&h, "'");
            diag_quote(&h, oci_text(d, px->prev_tok), px->prev_tok.len, 40);
            buf_printf(&h, "' was read as a name; did you mean '%s'?", s);
            diag_set_hint(&d->diags, dg, "%s", h.data);
            buf_free(&h);
            return;
        }
    }
    if (major >= TK_ALLOW && major <= TK_ADMIT && !px->starts_line)
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
