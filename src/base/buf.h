/* buf: a growable byte buffer for printers. */
#ifndef IAMC_BASE_BUF_H
#define IAMC_BASE_BUF_H
#include <stdarg.h>
#include <stddef.h>

typedef struct buf {
    char *data;
    size_t len, cap;
} buf;

void buf_init(buf *b);
void buf_free(buf *b);
void buf_reserve(buf *b, size_t extra);
void buf_put(buf *b, const char *s, size_t n);
void buf_puts(buf *b, const char *s);
void buf_putc(buf *b, char c);
void buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Hand the bytes over (NUL-terminated); the buffer is left empty. */
char *buf_take(buf *b);

#endif
