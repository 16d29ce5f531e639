/* iamc eval: decisions for one request or a JSON Lines stream of them. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "base/buf.h"
#include "base/source.h"
#include "cli/cli.h"

static void print_text(const iamc_decision *d, const char *explain)
{
    printf("%s (%s)", d->allowed ? "allow" : "deny", iamc_reason_name(d->reason));
    if (!d->allowed && d->permission) printf(": %s", d->permission);
    putchar('\n');
    for (size_t i = 0; i < d->nstatements; i++) {
        const iamc_statement_ref *s = &d->statements[i];
        printf("  %s:%u:%u: %.*s  [%s]\n", s->file, s->line, s->col, (int)s->text_len, s->text, s->permission);
    }
    /* near misses come from the JSON explanation */
    const char *nm = explain ? strstr(explain, "\"near_misses\"") : NULL;
    if (nm) printf("  nearest statements: see --format json\n");
}

static int decide_one(const iamc_world *w, const char *json, size_t len, const char *what, int as_json, int compact)
{
    char err[512];
    iamc_request *r = iamc_request_parse(w, json, len, err, sizeof err);
    if (!r) {
        fprintf(stderr, "iamc eval: %s: %s\n", what, err);
        if (as_json) printf("{\"error\": \"request\", \"where\": \"%s\"}\n", what);
        return EXIT_INPUT;
    }
    iamc_decision d;
    int allowed = iamc_decide(w, r, &d);
    if (as_json) {
        char *ex = iamc_explain(w, r);
        if (compact) {   /* one line per decision in a stream */
            for (char *p = ex; *p; p++)
                if (*p == '\n') *p = ' ';
        }
        puts(ex);
        free(ex);
    } else {
        print_text(&d, NULL);
    }
    iamc_request_free(r);
    return allowed ? EXIT_OK : EXIT_FINDINGS;
}

static int run(int argc, char **argv)
{
    static const struct option opts[] = {
        {"world", required_argument, 0, 'w'}, {"request", required_argument, 0, 'r'},
        {"requests", required_argument, 0, 'R'}, {"format", required_argument, 0, 'f'},
        {"help", no_argument, 0, 'h'}, {0, 0, 0, 0},
    };
    const char *world_path = NULL, *request = NULL, *requests = NULL;
    int as_json = 0, opt;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "w:r:R:f:h", opts, NULL)) != -1) {
        switch (opt) {
        case 'w': world_path = optarg; break;
        case 'r': request = optarg; break;
        case 'R': requests = optarg; break;
        case 'f':
            if (strcmp(optarg, "json") == 0) as_json = 1;
            else if (strcmp(optarg, "text") == 0) as_json = 0;
            else return cli_usage_error(&cli_eval, "--format takes text or json, not '%s'", optarg);
            break;
        case 'h': fputs(cli_eval.usage, stdout); return EXIT_OK;
        default: return cli_usage_error(&cli_eval, "unknown option");
        }
    }
    if (!world_path) return cli_usage_error(&cli_eval, "--world FILE is required");
    if (!!request == !!requests) return cli_usage_error(&cli_eval, "give one of --request FILE or --requests FILE");
    char err[512];
    iamc_world *w = iamc_world_load(world_path, err, sizeof err);
    if (!w) {
        fprintf(stderr, "iamc eval: %s\n", err);
        return EXIT_INPUT;
    }
    if (iamc_world_error_count(w)) {
        char *text = iamc_world_render_diagnostics(w);
        fputs(text, stderr);
        free(text);
        iamc_world_free(w);
        return EXIT_INPUT;
    }
    source src;
    if (source_load(&src, request ? request : requests, err, sizeof err)) {
        fprintf(stderr, "iamc eval: %s\n", err);
        iamc_world_free(w);
        return EXIT_INPUT;
    }
    int status = EXIT_OK;
    if (request) {
        status = decide_one(w, src.text, src.len, src.name, as_json, 0);
    } else {
        size_t line = 0;
        for (char *p = src.text, *end = src.text + src.len; p < end; line++) {
            char *nl = memchr(p, '\n', (size_t)(end - p));
            size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
            int blank = 1;
            for (size_t i = 0; i < len; i++)
                if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r') blank = 0;
            if (!blank) {
                char what[600];
                snprintf(what, sizeof what, "%s:%zu", src.name, line + 1);
                int s = decide_one(w, p, len, what, as_json, 1);
                if (s > status) status = s;
            }
            p += len + 1;
        }
    }
    source_free(&src);
    iamc_world_free(w);
    return status;
}

const cli_command cli_eval = {
    "eval", "decide requests against a world of tenancies and policies",
    "Usage: iamc eval --world WORLD.json (--request REQ.json | --requests REQS.jsonl) [--format text|json]\n"
    "Decide whether each request is allowed by the policies of the world (docs/world.md,\n"
    "docs/requests.md) and say which statements decided; for a denial, --format json also\n"
    "lists the statements that almost applied and the first part of each that failed.\n"
    "\n"
    "Options:\n"
    "  -w, --world FILE      tenancies, compartments, groups, dynamic groups, policies\n"
    "  -r, --request FILE    one request (JSON); '-' is standard input\n"
    "  -R, --requests FILE   one request per line (JSON Lines); one decision per line\n"
    "  -f, --format FMT      text (default) or json\n"
    "  -h, --help            this text\n"
    "\n"
    "Exit status: 0 allowed (every request), 1 denied (any request), 2 usage or input error.\n",
    run,
};
