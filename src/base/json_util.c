#include "json_util.h"
#include <stdlib.h>
#include <string.h>
#include "buf.h"

json_t *json_text(const char *s, size_t len)
{
    json_t *j = json_stringn(s, len);
    if (j) return j;
    buf b;
    buf_init(&b);
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        size_t n = c < 0x80 ? 1 : c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
        json_t *probe = n && i + n <= len && c ? json_stringn(s + i, n) : NULL;
        if (probe) {
            buf_put(&b, s + i, n);
            json_decref(probe);
            i += n;
        } else {
            buf_puts(&b, "\xEF\xBF\xBD");
            i++;
        }
    }
    j = json_stringn(b.data ? b.data : "", b.len);
    buf_free(&b);
    return j;
}

json_t *json_span(source *src, uint32_t off, uint32_t end)
{
    uint32_t line, col, eline, ecol;
    source_position(src, off, &line, &col);
    source_position(src, end, &eline, &ecol);
    return json_pack("{s:I,s:I,s:I,s:I,s:I,s:I}", "line", (json_int_t)line, "col", (json_int_t)col,
                     "end_line", (json_int_t)eline, "end_col", (json_int_t)ecol,
                     "offset", (json_int_t)off, "end", (json_int_t)end);
}

void json_print_lines(buf *out, json_t *arr)
{
    buf_puts(out, "[");
    for (size_t i = 0; i < json_array_size(arr); i++) {
        char *s = json_dumps(json_array_get(arr, i), JSON_PRESERVE_ORDER | JSON_COMPACT);
        buf_printf(out, "%s\n%s", i ? "," : "", s);
        free(s);
    }
    buf_puts(out, json_array_size(arr) ? "\n]\n" : "]\n");
    json_decref(arr);
}
