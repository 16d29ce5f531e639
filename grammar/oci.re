/* The OCI policy lexer (re2c).  Two conditions: STMT for statement words, where '/' separates
 * an identity domain from a group name and ':' a compartment path; COND after 'where' and for
 * matching rules, where '/…/' is a pattern and dotted words are variables.
 * Input is NUL-terminated; the NUL at lx->lim is the sentinel, other NULs are ordinary bytes. */
#include "oci/lex.h"
#include "oci_parse.h"

/*!types:re2c */

void oci_lex_init(oci_lexer *lx, const char *text, size_t begin, size_t end, int comments)
{
    lx->text = (const unsigned char *)text;
    lx->cur = lx->text + begin;
    lx->lim = lx->text + end;
    lx->cond = yycSTMT;
    lx->comments = comments;
    lx->newline = 1;
}

void oci_lex_set_mode(oci_lexer *lx, oci_lex_mode mode)
{
    lx->cond = mode == OCI_LEX_COND ? yycCOND : yycSTMT;
}

int oci_lex(oci_lexer *lx, oci_span *tok)
{
    const unsigned char *YYCURSOR = lx->cur, *YYLIMIT = lx->lim, *YYMARKER = YYCURSOR;
    const unsigned char *start;
    int code;
loop:
    start = YYCURSOR;
/*!re2c
    re2c:define:YYCTYPE = "unsigned char";
    re2c:define:YYGETCONDITION = "lx->cond";
    re2c:define:YYGETCONDITION:naked = 1;
    re2c:define:YYSETCONDITION = "lx->cond = @@;";
    re2c:define:YYSETCONDITION:naked = 1;
    re2c:yyfill:enable = 0;
    re2c:eof = 0;

    utf8    = [\xc2-\xdf][\x80-\xbf] | [\xe0-\xef][\x80-\xbf][\x80-\xbf]
            | [\xf0-\xf4][\x80-\xbf][\x80-\xbf][\x80-\xbf];
    phc     = [\x21-\x3b\x3d\x3f-\x7e] | utf8;
    ph      = "<" phc* ("<" phc* ">" phc*)* ">";   // a documentation placeholder: <compartment-name>
    namec1  = [A-Za-z0-9_] | ph;
    namec   = [A-Za-z0-9._@-] | ph;
    name    = namec1 namec*;
    ocid    = 'ocid1.' ([A-Za-z0-9._-] | ph)*;
    varseg  = ([A-Za-z0-9_@:-] | ph | "{" [A-Za-z0-9_-]* "}")+;
    var     = [A-Za-z_] [A-Za-z0-9_-]* ("." varseg)+;

    <*> $                   { lx->cur = YYCURSOR; tok->off = (uint32_t)(start - lx->text); tok->len = 0; return OCI_TOK_EOF; }
    <STMT,COND> [ \t\r\f\v]+        { goto loop; }
    <STMT,COND> "\n"                { lx->newline = 1; goto loop; }
    <STMT,COND> "#" [^\n]*          { if (lx->comments) { code = OCI_TOK_COMMENT; goto done; } YYCURSOR = start + 1; code = OCI_TOK_BAD_CHAR; goto done; }
    <STMT,COND> "'" [^'\n]* "'"     { code = TK_QSTRING; goto done; }
    <STMT,COND> "'" [^'\n]*         { code = OCI_TOK_BAD_QUOTE; goto done; }
    <STMT,COND> ocid                { code = TK_OCID; goto done; }
    <STMT,COND> ","                 { code = TK_COMMA; goto done; }
    <STMT,COND> "{"                 { code = TK_LBRACE; goto done; }
    <STMT,COND> "}"                 { code = TK_RBRACE; goto done; }
    <STMT,COND> "("                 { code = TK_LPAREN; goto done; }
    <STMT,COND> ")"                 { code = TK_RPAREN; goto done; }
    <STMT,COND> "="                 { code = TK_EQ; goto done; }
    <STMT,COND> "!="                { code = TK_NE; goto done; }
    <STMT,COND> 'allow'             { code = TK_ALLOW; goto done; }
    <STMT,COND> 'deny'              { code = TK_DENY; goto done; }
    <STMT,COND> 'define'            { code = TK_DEFINE; goto done; }
    <STMT,COND> 'endorse'           { code = TK_ENDORSE; goto done; }
    <STMT,COND> 'admit'             { code = TK_ADMIT; goto done; }
    <STMT,COND> 'in'                { code = TK_IN; goto done; }

    <STMT> 'where' => COND  { code = TK_WHERE; goto done; }
    <STMT> 'to'             { code = TK_TO; goto done; }
    <STMT> 'as'             { code = TK_AS; goto done; }
    <STMT> 'of'             { code = TK_OF; goto done; }
    <STMT> 'with'           { code = TK_WITH; goto done; }
    <STMT> 'id'             { code = TK_ID; goto done; }
    <STMT> 'group'          { code = TK_GROUP; goto done; }
    <STMT> 'dynamic-group'  { code = TK_DYNAMIC_GROUP; goto done; }
    <STMT> 'dynamic'        { code = TK_DYNAMIC; goto done; }
    <STMT> 'any-group'      { code = TK_ANY_GROUP; goto done; }
    <STMT> 'any-user'       { code = TK_ANY_USER; goto done; }
    <STMT> 'service'        { code = TK_SERVICE; goto done; }
    <STMT> 'tenancy'        { code = TK_TENANCY; goto done; }
    <STMT> 'any-tenancy'    { code = TK_ANY_TENANCY; goto done; }
    <STMT> 'compartment'    { code = TK_COMPARTMENT; goto done; }
    <STMT> 'associate'      { code = TK_ASSOCIATE; goto done; }
    <STMT> 'inspect'        { code = TK_INSPECT; goto done; }
    <STMT> 'read'           { code = TK_READ; goto done; }
    <STMT> 'use'            { code = TK_USE; goto done; }
    <STMT> 'manage'         { code = TK_MANAGE; goto done; }
    <STMT> name             { code = TK_NAME; goto done; }
    <STMT> ":"              { code = TK_COLON; goto done; }
    <STMT> "/"              { code = TK_SLASH; goto done; }

    <COND> 'any'            { code = TK_ANY; goto done; }
    <COND> 'all'            { code = TK_ALL; goto done; }
    <COND> 'not'            { code = TK_NOT; goto done; }
    <COND> 'before'         { code = TK_BEFORE; goto done; }
    <COND> 'after'          { code = TK_AFTER; goto done; }
    <COND> 'between'        { code = TK_BETWEEN; goto done; }
    <COND> 'and'            { code = TK_AND; goto done; }
    <COND> 'sets-intersect' { code = TK_SETS_INTERSECT; goto done; }
    <COND> var              { code = TK_VARIABLE; goto done; }
    <COND> name             { code = TK_NAME; goto done; }
    <COND> "/" [^/\n]* "/"  { code = TK_PATTERN; goto done; }
    <COND> "/" [^/\n]*      { code = OCI_TOK_BAD_PATTERN; goto done; }
    <COND> ":"              { code = TK_COLON; goto done; }

    <*> utf8                { code = OCI_TOK_BAD_CHAR; goto done; }
    <*> *                   { code = OCI_TOK_BAD_CHAR; goto done; }
*/
done:
    lx->cur = YYCURSOR;
    tok->off = (uint32_t)(start - lx->text);
    tok->len = (uint32_t)(YYCURSOR - start);
    (void)YYMARKER;
    return code;
}
