/* emit/quote: values into the generated languages.  Every value a script or Terraform file
 * holds passes through here, so no spec value can end a quote early. */
#include <stdarg.h>
#include <string.h>
#include "emit/internal.h"

/* POSIX shell: single quotes keep every byte literal; a ' is closed, escaped, reopened. */
void emit_sh_quote(buf *out, const char *s)
{
    buf_putc(out, '\'');
    for (; *s; s++) {
        if (*s == '\'') buf_puts(out, "'\\''");
        else buf_putc(out, *s);
    }
    buf_putc(out, '\'');
}

/* HCL: a quoted template; ${ and %{ would start an interpolation or a directive. */
void emit_hcl_quote(buf *out, const char *s)
{
    buf_putc(out, '"');
    for (; *s; s++) {
        switch (*s) {
        case '"': buf_puts(out, "\\\""); break;
        case '\\': buf_puts(out, "\\\\"); break;
        case '\n': buf_puts(out, "\\n"); break;
        case '\t': buf_puts(out, "\\t"); break;
        case '$':
        case '%':
            buf_putc(out, *s);
            if (s[1] == '{') buf_putc(out, *s);
            break;
        default: buf_putc(out, *s);
        }
    }
    buf_putc(out, '"');
}

/* Markdown: a code span shows its text as is (no emphasis, links or HTML).  The fence is one
 * backtick longer than the longest run inside; a space pads text that starts or ends with a
 * backtick or a space, as CommonMark strips one from each side. */
void emit_md_code(buf *out, const char *s)
{
    size_t n = strlen(s), run = 0, longest = 0, spaces = 0;
    for (size_t i = 0; i < n; i++) {
        run = s[i] == '`' ? run + 1 : 0;
        if (run > longest) longest = run;
        spaces += s[i] == ' ';
    }
    int pad = n && spaces < n && (s[0] == '`' || s[0] == ' ' || s[n - 1] == '`' || s[n - 1] == ' ');
    for (size_t i = 0; i <= longest; i++) buf_putc(out, '`');
    if (pad) buf_putc(out, ' ');
    buf_puts(out, s);
    if (pad) buf_putc(out, ' ');
    for (size_t i = 0; i <= longest; i++) buf_putc(out, '`');
}

/* A printf for templates: %s as is, %Q shell-quoted, %H HCL-quoted, %M a Markdown code span
 * (all strings), %%. */
void emit_printf(buf *out, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    for (const char *p = fmt; *p; p++) {
        const char *pct = strchr(p, '%');
        if (!pct) {
            buf_puts(out, p);
            break;
        }
        buf_put(out, p, (size_t)(pct - p));
        p = pct + 1;
        switch (*p) {
        case 's': buf_puts(out, va_arg(ap, const char *)); break;
        case 'Q': emit_sh_quote(out, va_arg(ap, const char *)); break;
        case 'H': emit_hcl_quote(out, va_arg(ap, const char *)); break;
        case 'M': emit_md_code(out, va_arg(ap, const char *)); break;
        case '%': buf_putc(out, '%'); break;
        default: buf_putc(out, '%'), buf_putc(out, *p); break;
        }
        if (!*p) break;
    }
    va_end(ap);
}
