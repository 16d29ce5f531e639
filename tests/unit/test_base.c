/* base: arena, buffers, source positions, diagnostics. */
#include <stdlib.h>
#include <string.h>
#include "base/arena.h"
#include "base/buf.h"
#include "base/diag.h"
#include "base/source.h"
#include "suites.h"

START_TEST(arena_zeroed_aligned_and_grows)
{
    arena a;
    arena_init(&a);
    for (int i = 0; i < 10000; i++) {
        char *p = arena_alloc(&a, (size_t)(i % 97) + 1);
        ck_assert_uint_eq((uintptr_t)p % _Alignof(max_align_t), 0);
        for (int k = 0; k < i % 97 + 1; k++) ck_assert_int_eq(p[k], 0);
        memset(p, 0xAB, (size_t)(i % 97) + 1);
    }
    char *big = arena_alloc(&a, 5 * 1024 * 1024);   /* larger than any chunk */
    big[5 * 1024 * 1024 - 1] = 1;
    ck_assert(a.used >= 5u * 1024 * 1024);
    ck_assert(a.reserved >= a.used);
    arena_free(&a);
    ck_assert_ptr_null(a.head);
}
END_TEST

START_TEST(buf_printf_and_take)
{
    buf b;
    buf_init(&b);
    for (int i = 0; i < 1000; i++) buf_printf(&b, "%d,", i);
    ck_assert_uint_eq(b.len, strlen(b.data));
    ck_assert(strncmp(b.data, "0,1,2,", 6) == 0);
    char *s = buf_take(&b);
    ck_assert_ptr_null(b.data);
    ck_assert_uint_eq(b.len, 0);
    free(s);
}
END_TEST

START_TEST(source_positions)
{
    source s;
    source_init_copy(&s, "t", "ab\ncd\r\n\nlast", 12);
    uint32_t line, col;
    source_position(&s, 0, &line, &col);
    ck_assert_uint_eq(line, 1); ck_assert_uint_eq(col, 1);
    source_position(&s, 3, &line, &col);
    ck_assert_uint_eq(line, 2); ck_assert_uint_eq(col, 1);
    source_position(&s, 5, &line, &col);   /* the \r */
    ck_assert_uint_eq(line, 2); ck_assert_uint_eq(col, 3);
    source_position(&s, 11, &line, &col);
    ck_assert_uint_eq(line, 4); ck_assert_uint_eq(col, 4);
    size_t len;
    const char *l2 = source_line(&s, 2, &len);
    ck_assert_uint_eq(len, 2);   /* \r stripped */
    ck_assert(strncmp(l2, "cd", 2) == 0);
    source_line(&s, 3, &len);
    ck_assert_uint_eq(len, 0);
    source_line(&s, 99, &len);
    ck_assert_uint_eq(len, 0);
    source_free(&s);
}
END_TEST

START_TEST(edit_distance_and_suggest)
{
    ck_assert_uint_eq(diag_edit_distance("usee", 4, "use", 3, 3), 1);
    ck_assert_uint_eq(diag_edit_distance("MANAGE", 6, "manage", 6, 3), 0);
    ck_assert_uint_eq(diag_edit_distance("kitten", 6, "sitting", 7, 5), 3);
    ck_assert_uint_eq(diag_edit_distance("a", 1, "abcdef", 6, 2), 3);  /* capped at limit+1 */
    const char *verbs[] = {"inspect", "read", "use", "manage"};
    ck_assert_str_eq(diag_suggest("usee", 4, verbs, 4), "use");
    ck_assert_str_eq(diag_suggest("mange", 5, verbs, 4), "manage");
    ck_assert_str_eq(diag_suggest("INSPEKT", 7, verbs, 4), "inspect");
    ck_assert_ptr_null(diag_suggest("xyz", 3, verbs, 4));
    ck_assert_ptr_null(diag_suggest("use", 3, verbs, 4));   /* exact: nothing to suggest */
}
END_TEST

START_TEST(diag_render_caret_and_hint)
{
    arena a;
    arena_init(&a);
    source s;
    source_init_copy(&s, "p.pol", "Allow group A to usee keys in tenancy\n", 38);
    diag_list l;
    diag_list_init(&l, &a);
    diag *d = diag_add(&l, DIAG_ERROR, &s, 17, 21, "expected a verb, found '%s'", "usee");
    diag_set_hint(&l, d, "did you mean '%s'?", "use");
    ck_assert_uint_eq(l.errors, 1);
    buf out;
    buf_init(&out);
    diag_render(d, &out);
    ck_assert_str_eq(out.data, "p.pol:1:18: error: expected a verb, found 'usee'\n"
                               " Allow group A to usee keys in tenancy\n"
                               "                  ^~~~\n"
                               " hint: did you mean 'use'?\n");
    buf_free(&out);
    source_free(&s);
    arena_free(&a);
}
END_TEST

START_TEST(diag_render_long_line_is_windowed)
{
    arena a;
    arena_init(&a);
    size_t n = 100000;
    char *text = malloc(n);
    memset(text, 'x', n);
    text[50000] = '!';
    source s;
    source_init_copy(&s, "big", text, n);
    diag_list l;
    diag_list_init(&l, &a);
    diag *d = diag_add(&l, DIAG_ERROR, &s, 50000, 50001, "bad");
    buf out;
    buf_init(&out);
    diag_render(d, &out);
    ck_assert_uint_lt(out.len, 400);
    /* the caret sits under the '!' */
    char *line1 = strchr(out.data, '\n') + 1;
    char *line2 = strchr(line1, '\n') + 1;
    ck_assert_int_eq(line1[strchr(line2, '^') - line2], '!');
    buf_free(&out);
    source_free(&s);
    free(text);
    arena_free(&a);
}
END_TEST

START_TEST(diag_quote_escapes)
{
    buf b;
    buf_init(&b);
    diag_quote(&b, "a\x01\xff" "b", 4, 10);
    ck_assert_str_eq(b.data, "a\\x01\\xFFb");
    b.len = 0;
    diag_quote(&b, "abcdef", 6, 3);
    ck_assert_str_eq(b.data, "abc...");
    buf_free(&b);
}
END_TEST

Suite *base_suite(void)
{
    Suite *s = suite_create("base");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, arena_zeroed_aligned_and_grows);
    tcase_add_test(tc, buf_printf_and_take);
    tcase_add_test(tc, source_positions);
    tcase_add_test(tc, edit_distance_and_suggest);
    tcase_add_test(tc, diag_render_caret_and_hint);
    tcase_add_test(tc, diag_render_long_line_is_windowed);
    tcase_add_test(tc, diag_quote_escapes);
    suite_add_tcase(s, tc);
    return s;
}
