/* oci/parse: the driver.  Splits the input into statements (or matching rules), feeds each
 * to a fresh lemon parse, and recovers at the next statement after an error, so one run
 * reports every broken statement in a file. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include "oci/build.h"
#include "oci/lex.h"
#include "oci_parse.h"

/* any {…} / all {…} and ( … ) may nest this deep; deeper input is refused with a message
 * (the parser stack is sized for it, so the limit is reached before any overflow). */
enum { OCI_MAX_NESTING = 32 };

static int is_statement_keyword(int code)
{
    return code == TK_ALLOW || code == TK_DENY || code == TK_DEFINE || code == TK_ENDORSE || code == TK_ADMIT;
}

/* The statement keyword that the name TOK misspells by one edit ('Alow', 'Deyn'), or 0. */
static int misspelt_statement_keyword(const oci_doc *d, oci_span tok)
{
    static const struct { const char *word; int code; } kw[] = {
        {"allow", TK_ALLOW}, {"deny", TK_DENY}, {"define", TK_DEFINE}, {"endorse", TK_ENDORSE}, {"admit", TK_ADMIT},
    };
    if (tok.len < 3 || tok.len > 8) return 0;
    for (size_t i = 0; i < sizeof kw / sizeof *kw; i++)
        if (diag_edit_distance(oci_text(d, tok), tok.len, kw[i].word, strlen(kw[i].word), 1) == 1) return kw[i].code;
    return 0;
}

void oci_doc_position(oci_doc *d, uint32_t off, uint32_t *line, uint32_t *col)
{
    source_position(&d->src, oci_doc_source_offset(d, off), line, col);
}

/* Decode one UTF-8 sequence at P (at most N bytes); returns its length or 0 when invalid. */
static size_t utf8_decode(const unsigned char *p, size_t n, uint32_t *cp)
{
    if (p[0] < 0x80) { *cp = p[0]; return 1; }
    size_t len = p[0] >= 0xF0 ? 4 : p[0] >= 0xE0 ? 3 : p[0] >= 0xC2 ? 2 : 0;
    if (!len || len > n || p[0] > 0xF4) return 0;
    uint32_t c = p[0] & (0x7F >> len);
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xC0) != 0x80) return 0;
        c = (c << 6) | (p[i] & 0x3F);
    }
    if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10FFFF)) || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return len;
}

static size_t first_text_offset(const oci_doc *d)
{
    size_t i = 0;
    while (i < d->src.len && (d->src.text[i] == ' ' || d->src.text[i] == '\t' || d->src.text[i] == '\n' || d->src.text[i] == '\r')) i++;
    return i;
}

static void report_bad_char(oci_doc *d, oci_span tok)
{
    const unsigned char *p = (const unsigned char *)oci_text(d, tok);
    uint32_t cp;
    size_t n = utf8_decode(p, tok.len, &cp);
    diag *dg;
    if (n == 0 || (n == 1 && (cp < 0x20 || cp == 0x7F)))
        dg = oci_error(d, tok, "unexpected byte 0x%02X", p[0]);
    else if (n == 1)
        dg = oci_error(d, tok, "unexpected character '%c'", (int)cp);
    else
        dg = oci_error(d, tok, "unexpected character U+%04X '%.*s'", (unsigned)cp, (int)n, (const char *)p);
    if (cp == 0x2018 || cp == 0x2019 || cp == 0x201C || cp == 0x201D)
        diag_set_hint(&d->diags, dg, "values are quoted with the ASCII single quote '");
    else if (cp == 0xA0)
        diag_set_hint(&d->diags, dg, "a non-breaking space (copied from a web page?); use a plain space");
    else if (cp == 0x2026)
        diag_set_hint(&d->diags, dg, "an ellipsis left from a documentation example");
    else if (cp == '"' && oci_doc_source_offset(d, tok.off) == first_text_offset(d))
        diag_set_hint(&d->diags, dg, "statements in JSON form are an array of strings: [\"Allow ...\"]");
    else if (cp == '"')
        diag_set_hint(&d->diags, dg, "values are quoted with single quotes: 'value'");
    else if (cp == '#')
        diag_set_hint(&d->diags, dg, "comments are not allowed inside a JSON statement string");
}

/* Quoted values and comments must be valid UTF-8 without control characters: they end up
 * in JSON, in terminals and in the cloud's API. */
static int check_text(oci_doc *d, oci_span tok, const char *what)
{
    const unsigned char *p = (const unsigned char *)oci_text(d, tok);
    for (size_t i = 0; i < tok.len;) {
        if (p[i] >= 0x20 && p[i] < 0x7F) {   /* printable ASCII: the common case */
            i++;
            continue;
        }
        uint32_t cp;
        size_t n = utf8_decode(p + i, tok.len - i, &cp);
        if (n == 0 || (n == 1 && (cp < 0x20 || cp == 0x7F) && cp != '\t')) {
            oci_span at = {tok.off + (uint32_t)i, 1};
            oci_error(d, at, n == 0 ? "invalid UTF-8 byte 0x%02X in %s" : "control character 0x%02X in %s",
                      p[i], what);
            return -1;
        }
        i += n;
    }
    return 0;
}

typedef struct fed_token {
    int code;
    oci_span tok;
} fed_token;

typedef struct driver {
    oci_doc *doc;
    oci_parser px;
    void *lemon;
    void *probe;              /* a second parser, to replay a unit when explaining an error */
    fed_token *fed;           /* the tokens of the unit so far */
    size_t nfed, capfed;
    int is_rule;
    int in_unit;              /* a statement or rule has begun */
    int failed;               /* its error is reported; skip to the next one */
    int depth;
    oci_span first, last;     /* first and last token of the unit */
} driver;

/* Explain a syntax error.  Lemon notices an error only after its default reductions, so
 * its state no longer shows what could have come next (after 'compartmnt X' it would not
 * offer ':' or 'where').  Errors are rare: replay the unit's tokens into a second parser
 * and ask that one, in the state just before the refused token. */
static void explain_error(driver *dv, int major, oci_span tok, int starts_line)
{
    oci_parser px = {0};
    oci_stmt scratch;
    px.quiet = 1;
    px.json_element = dv->doc->input == OCI_INPUT_JSON_ARRAY;
    px.first_major = dv->nfed ? dv->fed[0].code : major;
    /* the nearest list still open, for "a permission" vs "a service name" after a comma */
    for (size_t i = dv->nfed; i-- > 0;) {
        int c = dv->fed[i].code;
        if (c == TK_RBRACE || c == TK_WHERE || c == TK_TO || c == TK_IN) break;
        if (c == TK_LBRACE || c == TK_SERVICE || c == TK_GROUP || c == TK_DYNAMIC_GROUP) {
            px.list_opener = c;
            break;
        }
    }
    memset(&scratch, 0, sizeof scratch);
    px.doc = dv->doc;
    px.is_rule = dv->is_rule;
    px.st = dv->is_rule ? NULL : &scratch;
    ociParserFinalize(dv->probe);
    ociParserInit(dv->probe, &px);
    ociParser(dv->probe, dv->is_rule ? TK_START_RULE : TK_START_STMT, dv->first);
    px.prev_major = dv->is_rule ? TK_START_RULE : TK_START_STMT;
    px.prev_tok = dv->first;
    for (size_t i = 0; i < dv->nfed; i++) {
        ociParser(dv->probe, dv->fed[i].code, dv->fed[i].tok);
        px.prev_major = dv->fed[i].code;
        px.prev_tok = dv->fed[i].tok;
    }
    px.starts_line = starts_line;
    oci_build_syntax_error(&px, major, tok, dv->probe);
    ociParserFinalize(dv->probe);
}

static void unit_begin(driver *dv, oci_span tok)
{
    oci_doc *d = dv->doc;
    ociParserFinalize(dv->lemon);
    ociParserInit(dv->lemon, &dv->px);
    dv->px.doc = d;
    dv->px.st = dv->is_rule ? NULL : arena_alloc(&d->mem, sizeof(oci_stmt));
    dv->px.rule = NULL;
    dv->px.failed = dv->px.accepted = 0;
    dv->px.is_rule = dv->is_rule;
    dv->px.semantic = 0;
    dv->nfed = 0;
    dv->in_unit = 1;
    dv->failed = 0;
    dv->depth = 0;
    dv->first = dv->last = tok;
    ociParser(dv->lemon, dv->is_rule ? TK_START_RULE : TK_START_STMT, tok);
}

static void unit_end(driver *dv)
{
    if (!dv->in_unit) return;
    dv->in_unit = 0;
    oci_doc *d = dv->doc;
    if (!dv->failed) {
        oci_span end = {dv->last.off + dv->last.len, 0};
        ociParser(dv->lemon, 0, end);
        if (dv->px.failed && !dv->px.semantic) explain_error(dv, 0, end, 0);
        if (dv->px.failed || !dv->px.accepted) return;
        oci_span span = {dv->first.off, dv->last.off + dv->last.len - dv->first.off};
        if (dv->is_rule) {
            oci_rule *r = arena_alloc(&d->mem, sizeof *r);
            r->span = span;
            r->expr = dv->px.rule;
            if (d->rules_tail) d->rules_tail->next = r; else d->rules = r;
            d->rules_tail = r;
            d->nrules++;
        } else {
            oci_stmt *st = dv->px.st;
            st->span = span;
            if (d->stmts_tail) d->stmts_tail->next = st; else d->stmts = st;
            d->stmts_tail = st;
            d->nstmts++;
        }
    }
}

static void add_comment(oci_doc *d, oci_span tok)
{
    oci_comment *c = arena_alloc(&d->mem, sizeof *c);
    c->span = tok;
    if (d->comments_tail) d->comments_tail->next = c; else d->comments = c;
    d->comments_tail = c;
}

/* Feed one token; returns nonzero when the unit has failed. */
static int feed(driver *dv, int code, oci_span tok, int starts_line)
{
    oci_doc *d = dv->doc;
    switch (code) {
    case OCI_TOK_BAD_QUOTE:
        oci_error(d, tok, "unterminated quoted value: a closing ' is missing on this line");
        return 1;
    case OCI_TOK_BAD_PATTERN:
        oci_error(d, tok, "unterminated pattern: a closing / is missing on this line");
        return 1;
    case OCI_TOK_BAD_CHAR:
        report_bad_char(d, tok);
        return 1;
    case TK_QSTRING:
        if (check_text(d, tok, "a quoted value")) return 1;
        break;
    case TK_PATTERN:
        if (check_text(d, tok, "a pattern")) return 1;
        break;
    case TK_LBRACE: case TK_LPAREN:
        if (++dv->depth > OCI_MAX_NESTING) {
            oci_error(d, tok, "conditions nest deeper than %d levels", OCI_MAX_NESTING);
            return 1;
        }
        break;
    case TK_RBRACE: case TK_RPAREN:
        dv->depth--;
        break;
    }
    ociParser(dv->lemon, code, tok);
    if (dv->px.failed) {
        if (!dv->px.semantic) explain_error(dv, code, tok, starts_line);
        return 1;
    }
    if (dv->nfed == dv->capfed) {
        dv->capfed = dv->capfed ? dv->capfed * 2 : 64;
        dv->fed = realloc(dv->fed, dv->capfed * sizeof *dv->fed);
        if (!dv->fed) abort();
    }
    dv->fed[dv->nfed++] = (fed_token){code, tok};
    dv->last = tok;
    return 0;
}

/* Does CODE, the first token on its line, start a new statement?  A statement keyword does,
 * except Endorse or Admit after Deny ('Deny' / 'Endorse …' is one statement).  So does a
 * misspelt one ('Alow') where the statement so far cannot take a name: reported on its own
 * line, it does not hide the next statement or draw an unrelated message. */
static int starts_statement(driver *dv, int code, oci_span tok, int prev)
{
    if (is_statement_keyword(code)) return prev != TK_DENY || (code != TK_ENDORSE && code != TK_ADMIT);
    if (code != TK_NAME) return 0;
    int kw = misspelt_statement_keyword(dv->doc, tok);
    if (!kw || (prev == TK_DENY && (kw == TK_ENDORSE || kw == TK_ADMIT))) return 0;
    return dv->failed || !ociParserAccepts(dv->lemon, TK_NAME);
}

/* Parse [begin, end) of the document text.  SPLIT: a statement keyword that starts a line
 * starts a new statement (text files); otherwise the range is exactly one unit. */
static void parse_range(driver *dv, size_t begin, size_t end, int split, int comments)
{
    oci_doc *d = dv->doc;
    oci_lexer lx;
    oci_lex_init(&lx, d->text, begin, end, comments);
    oci_lex_set_mode(&lx, dv->is_rule ? OCI_LEX_COND : OCI_LEX_STMT);
    int prev = 0, broken_comment = 0;
    for (;;) {
        oci_span tok;
        int code = oci_lex(&lx, &tok);
        if (code == OCI_TOK_EOF) break;
        if (code == OCI_TOK_COMMENT) {
            /* a broken comment fails the statement it sits in (or the next one) */
            if (check_text(d, tok, "a comment")) dv->failed = dv->in_unit, broken_comment = !dv->in_unit;
            else add_comment(d, tok);
            continue;
        }
        int starts_line = lx.newline;
        lx.newline = 0;
        if (split && dv->in_unit && starts_line && starts_statement(dv, code, tok, prev)) unit_end(dv);
        if (!dv->in_unit) {
            unit_begin(dv, tok);
            if (!dv->is_rule) oci_lex_set_mode(&lx, OCI_LEX_STMT);
            dv->failed = broken_comment;
            broken_comment = 0;
        }
        prev = code;
        if (dv->failed) continue;
        if (feed(dv, code, tok, starts_line)) dv->failed = 1;
    }
    if (!split && !dv->in_unit) {
        oci_span at = {(uint32_t)begin, 0};
        oci_error(d, at, dv->is_rule ? "empty matching rule" : "empty statement");
    }
    unit_end(dv);
}

/* ---- JSON array of statement strings (what `oci iam policy create --statements` takes) -- */

static size_t skip_ws(const char *s, size_t i, size_t n)
{
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) i++;
    return i;
}

static int hexval(const char *p)
{
    int v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        v = v * 16 + (c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c - 'A' + 10);
    }
    return v;
}

/* Decode the JSON string literal at SRC[i] (jansson has already validated it) into OUT,
 * recording for every output byte the source offset it came from. */
static size_t decode_string(const char *src, size_t i, char *out, uint32_t *map, size_t *outlen)
{
    size_t o = 0;
    i++; /* opening quote */
    while (src[i] != '"') {
        size_t at = i;
        if (src[i] != '\\') {
            out[o] = src[i++];
            map[o++] = (uint32_t)at;
            continue;
        }
        char e = src[i + 1];
        i += 2;
        uint32_t cp = 0;
        switch (e) {
        case 'n': cp = '\n'; break;
        case 't': cp = '\t'; break;
        case 'r': cp = '\r'; break;
        case 'b': cp = '\b'; break;
        case 'f': cp = '\f'; break;
        case 'u':
            cp = (uint32_t)hexval(src + i);
            i += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF && src[i] == '\\' && src[i + 1] == 'u') {
                uint32_t lo = (uint32_t)hexval(src + i + 2);
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                i += 6;
            }
            break;
        default: cp = (unsigned char)e; break;
        }
        unsigned char u[4];
        size_t n;
        if (cp < 0x80) { u[0] = (unsigned char)cp; n = 1; }
        else if (cp < 0x800) { u[0] = 0xC0 | (cp >> 6); u[1] = 0x80 | (cp & 0x3F); n = 2; }
        else if (cp < 0x10000) { u[0] = 0xE0 | (cp >> 12); u[1] = 0x80 | ((cp >> 6) & 0x3F); u[2] = 0x80 | (cp & 0x3F); n = 3; }
        else { u[0] = 0xF0 | (cp >> 18); u[1] = 0x80 | ((cp >> 12) & 0x3F); u[2] = 0x80 | ((cp >> 6) & 0x3F); u[3] = 0x80 | (cp & 0x3F); n = 4; }
        for (size_t k = 0; k < n; k++) {
            out[o] = (char)u[k];
            map[o++] = (uint32_t)at;
        }
    }
    *outlen = o;
    return i + 1;
}

static void parse_json_array(driver *dv)
{
    oci_doc *d = dv->doc;
    const char *src = d->src.text;
    size_t n = d->src.len;
    json_error_t err;
    json_t *root = json_loadb(src, n, JSON_ALLOW_NUL, &err);   /* a \u0000 is reported where it stands */
    if (!root) {
        size_t pos = (size_t)err.position;
        oci_span at = {(uint32_t)(pos > 0 ? pos - 1 : 0), 1};
        if (at.off >= n) at.len = 0;
        oci_error(d, at, "invalid JSON: %s", err.text);
        return;
    }
    if (!json_is_array(root)) {
        json_decref(root);
        oci_error(d, (oci_span){0, 1}, "expected a JSON array of statement strings");
        return;
    }
    /* Decoded text is never longer than the source; one NUL per element as the sentinel. */
    size_t count = json_array_size(root);
    char *text = arena_alloc(&d->mem, n + count + 1);
    uint32_t *map = arena_alloc(&d->mem, (n + count + 1) * sizeof *map);
    d->text = text;
    d->map = map;
    size_t i = skip_ws(src, 0, n) + 1, t = 0;
    for (size_t k = 0; k < count; k++) {
        i = skip_ws(src, i, n);
        if (!json_is_string(json_array_get(root, k))) {
            diag_add(&d->diags, DIAG_ERROR, &d->src, (uint32_t)i, (uint32_t)i + 1,
                     "expected a statement string in the JSON array (element %zu)", k + 1);
            break;
        }
        size_t len, start = t;
        i = decode_string(src, i, text + t, map + t, &len);
        t += len;
        text[t] = '\0';
        map[t] = (uint32_t)i - 1; /* the closing quote */
        d->text_len = t;
        parse_range(dv, start, t, 0, 0);
        t++;
        i = skip_ws(src, i, n);
        if (i < n && src[i] == ',') i++;
    }
    d->text_len = t ? t - 1 : 0;
    json_decref(root);
}

/* .rules files: one rule per line; the lexer needs a NUL after each, so the text is a copy
 * with line breaks turned into NULs (same offsets, so no map). */
static void parse_rule_lines(driver *dv)
{
    oci_doc *d = dv->doc;
    char *text = arena_alloc(&d->mem, d->src.len + 1);
    memcpy(text, d->src.text, d->src.len);
    d->text = text;
    size_t start = 0;
    for (size_t i = 0; i <= d->src.len; i++) {
        if (i < d->src.len && text[i] != '\n') continue;
        text[i] = '\0';
        size_t b = start;
        while (b < i && (text[b] == ' ' || text[b] == '\t' || text[b] == '\r')) b++;
        if (b < i && text[b] == '#') {
            oci_span c = {(uint32_t)b, (uint32_t)(i - b)};
            while (c.len && text[c.off + c.len - 1] == '\r') c.len--;
            if (!check_text(d, c, "a comment")) add_comment(d, c);
        } else if (b < i) {
            parse_range(dv, start, i, 0, 1);
        }
        start = i + 1;
    }
}

static int looks_like_json_array(const source *s)
{
    size_t i = skip_ws(s->text, 0, s->len);
    return i < s->len && s->text[i] == '[';
}

oci_doc *oci_parse(source *src, unsigned flags)
{
    oci_doc *d = calloc(1, sizeof *d);
    if (!d) abort();
    arena_init(&d->mem);
    d->src = *src;
    memset(src, 0, sizeof *src);
    source_blank_bom(&d->src);
    diag_list_init(&d->diags, &d->mem);
    d->text = d->src.text;
    d->text_len = d->src.len;
    d->kind = flags & OCI_PARSE_RULES ? OCI_DOC_RULES : OCI_DOC_POLICY;

    driver dv = {0};
    dv.doc = d;
    dv.is_rule = d->kind == OCI_DOC_RULES;
    dv.lemon = ociParserAlloc(malloc, &dv.px);
    dv.probe = ociParserAlloc(malloc, &dv.px);
    if (!dv.lemon || !dv.probe) abort();
    if (dv.is_rule && (flags & OCI_PARSE_RULE_LINES)) {
        d->input = OCI_INPUT_RULE_LINES;
        parse_rule_lines(&dv);
    } else if (dv.is_rule) {
        d->input = OCI_INPUT_RULE;
        parse_range(&dv, 0, d->src.len, 0, 1);
    } else if (looks_like_json_array(&d->src)) {
        d->input = OCI_INPUT_JSON_ARRAY;
        parse_json_array(&dv);
    } else {
        d->input = OCI_INPUT_TEXT;
        parse_range(&dv, 0, d->src.len, 1, 1);
    }
    ociParserFree(dv.lemon, free);
    ociParserFree(dv.probe, free);
    free(dv.fed);
    return d;
}

void oci_doc_free(oci_doc *d)
{
    if (!d) return;
    arena_free(&d->mem);
    source_free(&d->src);
    free(d);
}
