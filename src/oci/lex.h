/* oci/lex: the re2c lexer for OCI statements and matching rules (grammar/oci.re). */
#ifndef IAMC_OCI_LEX_H
#define IAMC_OCI_LEX_H
#include "oci/ast.h"

/* Token codes outside lemon's range: handled by the driver, never fed to the parser. */
enum {
    OCI_TOK_EOF = 0,
    OCI_TOK_COMMENT = 1000,   /* '#' to end of line */
    OCI_TOK_BAD_QUOTE,        /* a quote that is not closed on its line */
    OCI_TOK_BAD_PATTERN,      /* a '/pattern' that is not closed on its line */
    OCI_TOK_BAD_CHAR          /* a byte or character that no token starts with */
};

typedef enum { OCI_LEX_STMT, OCI_LEX_COND } oci_lex_mode;

typedef struct oci_lexer {
    const unsigned char *text;   /* start of the document text */
    const unsigned char *cur;
    const unsigned char *lim;    /* the NUL sentinel that ends this range */
    int cond;                    /* re2c condition: statement words or condition words */
    int comments;                /* '#' starts a comment (text files; not inside JSON strings) */
    int newline;                 /* a line break was crossed since the previous token */
} oci_lexer;

void oci_lex_init(oci_lexer *lx, const char *text, size_t begin, size_t end, int comments);
void oci_lex_set_mode(oci_lexer *lx, oci_lex_mode mode);
int oci_lex(oci_lexer *lx, oci_span *tok);

#endif
