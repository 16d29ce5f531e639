/* May this cluster decrypt with this key?  A program that links the installed libiamc:
 *   cc may_decrypt.c $(pkg-config --cflags --libs iamc) -o may_decrypt
 *   ./may_decrypt WORLD.json REQUEST.json
 * Loads and compiles the world once, then decides; prints the deciding statements. */
#include <iamc.h>
#include <stdio.h>
#include <stdlib.h>

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 4096, n = 0, got;
    char *s = malloc(cap);
    while (s && (got = fread(s + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) s = realloc(s, cap *= 2);
    }
    fclose(f);
    *len = n;
    return s;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: may_decrypt WORLD.json REQUEST.json\n");
        return 2;
    }
    char err[512];
    iamc_world *world = iamc_world_load(argv[1], err, sizeof err);
    if (!world || iamc_world_error_count(world)) {
        fprintf(stderr, "%s\n", world ? iamc_world_render_diagnostics(world) : err);
        return 2;
    }
    size_t len;
    char *json = slurp(argv[2], &len);
    iamc_request *request = json ? iamc_request_parse(world, json, len, err, sizeof err) : NULL;
    if (!request) {
        /* the library's message starts with LINE:COL: when it is about a place in the JSON */
        const char *msg = json ? err : "cannot read";
        fprintf(stderr, "%s:%s%s\n", argv[2], *msg >= '0' && *msg <= '9' ? "" : " ", msg);
        return 2;
    }
    iamc_decision d;
    int allowed = iamc_decide(world, request, &d);
    printf("%s (%s)\n", allowed ? "allow" : "deny", iamc_reason_name(d.reason));
    for (size_t i = 0; i < d.nstatements; i++)
        printf("  %s:%u: %.*s\n", d.statements[i].file, d.statements[i].line, (int)d.statements[i].text_len,
               d.statements[i].text);
    iamc_request_free(request);
    iamc_world_free(world);
    free(json);
    return allowed ? 0 : 1;
}
