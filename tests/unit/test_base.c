/* base: arena, buffers, source positions, diagnostics. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <string.h>
#include "base/arena.h"
#include "base/buf.h"
#include "base/diag.h"
#include "base/outdir.h"
#include "base/sha256.h"
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
    ck_assert_uint_eq(diag_edit_distance("raed", 4, "read", 4, 3), 1);  /* a transposition is one edit */
    ck_assert_uint_eq(diag_edit_distance("Deyn", 4, "Deny", 4, 3), 1);
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
    /* valid UTF-8 as is; never cut inside a character */
    static const struct { const char *in; size_t max; const char *want; } cases[] = {
        {"\xE2\x80\xA6", 10, "\xE2\x80\xA6"},
        {"caf\xC3\xA9 \xF0\x9F\x94\x91", 20, "caf\xC3\xA9 \xF0\x9F\x94\x91"},
        {"ab\xE2\x80\xA6", 4, "ab..."},
        {"\x7F\xC2\x85", 10, "\\x7F\\xC2\\x85"},                               /* DEL, C1 NEL */
        {"a\xE2\x80\xAE" "b\xE2\x81\xA6", 10, "a\\xE2\\x80\\xAEb\\xE2\\x81\\xA6"},  /* RLO, LRI */
        {"\xE2\x80\xA8", 10, "\\xE2\\x80\\xA8"},                                /* LINE SEPARATOR */
        {"\xED\xA0\x80", 10, "\\xED\\xA0\\x80"},                                /* a surrogate */
        {"\xC0\xAF", 10, "\\xC0\\xAF"},                                          /* overlong */
        {"\xE2\x80", 10, "\\xE2\\x80"},                                          /* truncated */
        {"\xF4\x90\x80\x80", 10, "\\xF4\\x90\\x80\\x80"},                          /* above U+10FFFF */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        b.len = 0;
        diag_quote(&b, cases[i].in, strlen(cases[i].in), cases[i].max);
        ck_assert_msg(strcmp(b.data, cases[i].want) == 0, "case %zu: %s", i, b.data);
    }
    buf_free(&b);
}
END_TEST


/* FIPS 180-2, appendix B: one block, two blocks, a million 'a'; then the same messages
 * fed in odd pieces, and lengths around the padding boundary against one-shot digests. */
START_TEST(sha256_fips_vectors)
{
    char hex[SHA256_HEX];
    sha256_hex("abc", 3, hex);
    ck_assert_str_eq(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    sha256_hex(two, strlen(two), hex);
    ck_assert_str_eq(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    sha256_hex("", 0, hex);
    ck_assert_str_eq(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    static char million[1000000];
    memset(million, 'a', sizeof million);
    sha256_hex(million, sizeof million, hex);
    ck_assert_str_eq(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    sha256_ctx c;
    unsigned char d[SHA256_BYTES], e[SHA256_BYTES];
    sha256_init(&c);
    for (size_t at = 0, step = 1; at < sizeof million; at += step, step = step % 131 + 7)
        sha256_update(&c, million + at, at + step > sizeof million ? sizeof million - at : step);
    sha256_final(&c, d);
    static const unsigned char want[4] = {0xcd, 0xc7, 0x6e, 0x5c};
    ck_assert_mem_eq(d, want, 4);
    for (size_t n = 50; n < 140; n++) {
        sha256_init(&c);
        sha256_update(&c, million, n);
        sha256_final(&c, d);
        sha256_init(&c);
        for (size_t i = 0; i < n; i++) sha256_update(&c, million + i, 1);
        sha256_final(&c, e);
        ck_assert_mem_eq(d, e, SHA256_BYTES);
    }
}
END_TEST

static char *tmp_path(const char *name)
{
    static char dir[64];
    static char path[256];
    if (!dir[0]) {
        strcpy(dir, "/tmp/iamc-outdir-XXXXXX");
        ck_assert_ptr_nonnull(mkdtemp(dir));
    }
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return path;
}

static unsigned file_mode(const char *path)
{
    struct stat st;
    ck_assert_int_eq(stat(path, &st), 0);
    return st.st_mode & 07777;
}

START_TEST(outdir_writes_all_or_nothing)
{
    char err[512], p[512];
    const char *dir = tmp_path("out");
    char target[256];
    snprintf(target, sizeof target, "%s", dir);
    outdir *o = outdir_open(target, 0, "MANIFEST.json", err, sizeof err);
    ck_assert_msg(o != NULL, "%s", err);
    ck_assert_int_eq(outdir_add(o, "a/b/c.txt", "hello\n", 6, 0644, err, sizeof err), 0);
    ck_assert_int_eq(outdir_add(o, "run.sh", "#!/bin/sh\n", 10, 0755, err, sizeof err), 0);
    ck_assert_int_eq(outdir_add(o, "MANIFEST.json", "{}\n", 3, 0644, err, sizeof err), 0);
    ck_assert_int_eq(outdir_add(o, "../escape", "x", 1, 0644, err, sizeof err), -1);
    ck_assert_int_eq(outdir_add(o, "run.sh", "x", 1, 0644, err, sizeof err), -1);   /* twice */
    ck_assert_int_eq(access(target, F_OK), -1);             /* nothing there before commit */
    ck_assert_int_eq(outdir_commit(o, err, sizeof err), 0);
    snprintf(p, sizeof p, "%s/a/b/c.txt", target);
    ck_assert_uint_eq(file_mode(p), 0644);
    snprintf(p, sizeof p, "%s/run.sh", target);
    ck_assert_uint_eq(file_mode(p), 0755);
    ck_assert_uint_eq(file_mode(target), 0755);

    /* an existing directory: refused, then replaced with OUTDIR_REPLACE (it has the marker) */
    ck_assert_ptr_null(outdir_open(target, 0, "MANIFEST.json", err, sizeof err));
    ck_assert_msg(strstr(err, "exists (use --force to replace it)") != NULL, "%s", err);
    o = outdir_open(target, OUTDIR_REPLACE, "MANIFEST.json", err, sizeof err);
    ck_assert_msg(o != NULL, "%s", err);
    ck_assert_int_eq(outdir_add(o, "MANIFEST.json", "{}\n", 3, 0644, err, sizeof err), 0);
    ck_assert_int_eq(outdir_add(o, "secret.key", "k", 1, 0600, err, sizeof err), 0);
    ck_assert_int_eq(outdir_commit(o, err, sizeof err), 0);
    ck_assert_int_eq(access(p, F_OK), -1);                  /* run.sh went with the old one */
    snprintf(p, sizeof p, "%s/secret.key", target);
    ck_assert_uint_eq(file_mode(p), 0600);
    ck_assert_uint_eq(file_mode(target), 0700);

    /* aborted: the old directory stays as it was */
    o = outdir_open(target, OUTDIR_REPLACE, "MANIFEST.json", err, sizeof err);
    ck_assert_int_eq(outdir_add(o, "new.txt", "n", 1, 0644, err, sizeof err), 0);
    outdir_abort(o);
    ck_assert_int_eq(access(p, F_OK), 0);

    /* a directory without the marker is never replaced */
    const char *other = tmp_path("mine");
    char mine[256];
    snprintf(mine, sizeof mine, "%s", other);
    ck_assert_int_eq(mkdir(mine, 0755), 0);
    snprintf(p, sizeof p, "%s/notes.txt", mine);
    FILE *f = fopen(p, "w");
    fputs("mine\n", f);
    fclose(f);
    ck_assert_ptr_null(outdir_open(mine, OUTDIR_REPLACE, "MANIFEST.json", err, sizeof err));
    ck_assert_msg(strstr(err, "not replacing a directory iamc did not write") != NULL, "%s", err);
    ck_assert_int_eq(access(p, F_OK), 0);

    /* the directory that holds an input, at any depth, through "..", but not a sibling */
    ck_assert(outdir_holds(mine, p));
    snprintf(p, sizeof p, "%s/../mine/notes.txt", mine);
    ck_assert(outdir_holds(mine, p));
    ck_assert(outdir_holds("/", p));
    ck_assert(!outdir_holds(target, p));
    char min[256];
    snprintf(min, sizeof min, "%.*s", (int)strlen(mine) - 1, mine);   /* "min": a prefix of "mine" */
    ck_assert_int_eq(mkdir(min, 0755), 0);
    ck_assert(!outdir_holds(min, p));
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%.*s'", (int)(strrchr(mine, '/') - mine), mine);
    ck_assert_int_eq(system(cmd), 0);
    ck_assert(outdir_valid_path("a/b"));
    ck_assert(!outdir_valid_path("/a") && !outdir_valid_path("a//b") && !outdir_valid_path("a/./b") && !outdir_valid_path(""));
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
    tcase_add_test(tc, sha256_fips_vectors);
    tcase_add_test(tc, outdir_writes_all_or_nothing);
    suite_add_tcase(s, tc);
    return s;
}
