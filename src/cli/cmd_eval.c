/* iamc eval: decisions for one request or a JSON Lines stream of them. */
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include "base/buf.h"
#include "base/diag.h"
#include "base/source.h"
#include "cli/cli.h"

/* One line for a deciding statement: an OCI statement with its line breaks folded, a JSON
 * policy statement as its Effect, its Sid when it has one, and its compact JSON. */
static void print_statement(const iamc_statement_ref *s)
{
    printf("  %s:%u:%u: ", s->file, s->line, s->col);
    json_t *st = s->text_len && s->text[0] == '{' ? json_loadb(s->text, s->text_len, 0, NULL) : NULL;
    if (json_is_object(st)) {
        const char *effect = json_string_value(json_object_get(st, "Effect"));
        const char *sid = json_string_value(json_object_get(st, "Sid"));
        char *compact = json_dumps(st, JSON_COMPACT | JSON_PRESERVE_ORDER);
        printf("%s", effect ? effect : "?");
        if (sid) printf(" (Sid %s)", sid);
        printf(": %s", compact ? compact : "");
        free(compact);
    } else {
        int space = 0;
        for (size_t i = 0; i < s->text_len; i++) {
            char c = s->text[i];
            if (c == '\n' || c == '\r' || c == '\t' || c == ' ') space = 1;
            else {
                if (space) putchar(' ');
                space = 0;
                putchar(c);
            }
        }
    }
    json_decref(st);
    printf("  [%s]\n", s->permission);
}

/* "allow (allowed)" or "deny (REASON)", then on a denial the permission that was denied or
 * not granted, and the statements that decided, one line each. */
static void print_text(const iamc_decision *d)
{
    printf("%s (%s)\n", d->allowed ? "allow" : "deny", iamc_reason_name(d->reason));
    if (!d->allowed && d->permission)
        printf("  %s: %s\n", d->reason == IAMC_REASON_EXPLICIT_DENY ? "denied" : "not granted", d->permission);
    for (size_t i = 0; i < d->nstatements; i++) print_statement(&d->statements[i]);
    if (d->nstatements_total > d->nstatements)
        printf("  ... and %zu more (--format json lists them all)\n", (size_t)(d->nstatements_total - d->nstatements));
}

/* Against a world (OCI) or a policy set (RAM/AWS JSON): one of the two is given. */
typedef struct target { const iamc_world *world; const iamc_policy_set *set; } target;

/* A request error "LINE:COL: message" from the library, shown as a diagnostic at that place
 * of SRC, where the request's JSON starts at byte OFF (a line of a JSON Lines stream). */
static void report_request_error(source *src, size_t off, size_t len, const char *err, int as_json)
{
    unsigned line = 1, col = 1;
    int n = 0;
    if (sscanf(err, "%u:%u: %n", &line, &col, &n) != 2 || n == 0) line = col = 1, n = 0;
    const char *json = src->text + off;
    size_t at = 0;
    for (unsigned l = 1; l < line && at < len; at++)
        if (json[at] == '\n') l++;
    at += col - 1;
    if (at > len) at = len;
    arena mem;
    arena_init(&mem);
    diag_list dl;
    diag_list_init(&dl, &mem);
    uint32_t pos = (uint32_t)(off + at);
    diag *d = diag_add(&dl, DIAG_ERROR, src, pos, pos < src->len ? pos + 1 : pos, "%s", err + n);
    buf out;
    buf_init(&out);
    diag_render(d, &out);
    fputs(out.data, stderr);
    buf_free(&out);
    if (as_json) {
        json_t *o = json_pack("{s:s, s:s, s:I, s:I, s:s}", "error", "request", "file", src->name, "line",
                              (json_int_t)d->line, "col", (json_int_t)d->col, "message", d->message);
        char *text = json_dumps(o, JSON_COMPACT | JSON_ENSURE_ASCII);
        puts(text ? text : "{\"error\": \"request\"}");
        free(text);
        json_decref(o);
    }
    arena_free(&mem);
}

static int decide_one(const target *t, source *src, size_t off, size_t len, int as_json, int compact)
{
    char err[1024];
    const char *json = src->text + off;
    iamc_request *r = NULL;
    iamc_action_request *ar = NULL;
    if (t->world) r = iamc_request_parse(t->world, json, len, err, sizeof err);
    else ar = iamc_action_request_parse(json, len, err, sizeof err);
    if (!r && !ar) {
        report_request_error(src, off, len, err, as_json);
        return EXIT_INPUT;
    }
    iamc_decision d;
    int allowed = r ? iamc_decide(t->world, r, &d) : iamc_policy_decide(t->set, ar, &d);
    if (as_json) {
        char *ex = r ? iamc_explain(t->world, r) : iamc_policy_explain(t->set, ar);
        if (compact) {   /* one line per decision in a stream */
            for (char *p = ex; *p; p++)
                if (*p == '\n') *p = ' ';
        }
        puts(ex);
        free(ex);
    } else {
        print_text(&d);
    }
    iamc_request_free(r);
    iamc_action_request_free(ar);
    return allowed ? EXIT_OK : EXIT_FINDINGS;
}

static int run(int argc, char **argv)
{
    static const struct option opts[] = {
        {"world", required_argument, 0, 'w'}, {"request", required_argument, 0, 'r'},
        {"requests", required_argument, 0, 'R'}, {"format", required_argument, 0, 'f'},
        {"policy", required_argument, 0, 'p'}, {"lang", required_argument, 0, 'l'},
        {"help", no_argument, 0, 'h'}, {0, 0, 0, 0},
    };
    const char *world_path = NULL, *request = NULL, *requests = NULL;
    const char *policies[64];
    size_t npolicies = 0;
    iamc_lang lang = IAMC_LANG_AUTO;
    int as_json = 0, opt;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "w:r:R:f:p:l:h", opts, NULL)) != -1) {
        switch (opt) {
        case 'p':
            if (npolicies == sizeof policies / sizeof *policies) return cli_usage_error(&cli_eval, "at most 64 --policy files");
            policies[npolicies++] = optarg;
            break;
        case 'l': if (cli_parse_lang("eval", optarg, &lang)) return EXIT_INPUT; break;
        case 'w': world_path = optarg; break;
        case 'r': request = optarg; break;
        case 'R': requests = optarg; break;
        case 'f':
            if (strcmp(optarg, "json") == 0) as_json = 1;
            else if (strcmp(optarg, "text") == 0) as_json = 0;
            else return cli_usage_error(&cli_eval, "--format takes text or json, not '%s'", optarg);
            break;
        case 'h': fputs(cli_eval.usage, stdout); return EXIT_OK;
        default: return cli_bad_option(&cli_eval, argv, opts);
        }
    }
    if (world_path && npolicies) return cli_usage_error(&cli_eval, "--world (OCI) and --policy (RAM/AWS JSON) cannot be combined");
    if (!world_path && !npolicies) return cli_usage_error(&cli_eval, "give --world FILE (OCI) or --policy FILE... (RAM/AWS JSON)");
    if (!!request == !!requests) return cli_usage_error(&cli_eval, "give one of --request FILE or --requests FILE");
    char err[512];
    iamc_world *w = NULL;
    iamc_policy_set *set = NULL;
    if (world_path) w = iamc_world_load(world_path, err, sizeof err);
    else set = iamc_policy_set_load(policies, npolicies, lang, err, sizeof err);
    if (!w && !set) {
        fprintf(stderr, "iamc eval: %s\n", err);
        return EXIT_INPUT;
    }
    if (w ? iamc_world_error_count(w) : iamc_policy_set_error_count(set)) {
        char *text = w ? iamc_world_render_diagnostics(w) : iamc_policy_set_render_diagnostics(set);
        fputs(text, stderr);
        free(text);
        iamc_world_free(w);
        iamc_policy_set_free(set);
        return EXIT_INPUT;
    }
    target t = {w, set};
    source src;
    if (source_load(&src, request ? request : requests, err, sizeof err)) {
        fprintf(stderr, "iamc eval: %s\n", err);
        iamc_world_free(w);
        iamc_policy_set_free(set);
        return EXIT_INPUT;
    }
    int status = EXIT_OK;
    if (request) {
        status = decide_one(&t, &src, 0, src.len, as_json, 0);
    } else {
        size_t line = 0;
        for (char *p = src.text, *end = src.text + src.len; p < end; line++) {
            char *nl = memchr(p, '\n', (size_t)(end - p));
            size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
            int blank = 1;
            for (size_t i = 0; i < len; i++)
                if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r') blank = 0;
            if (!blank) {
                int s = decide_one(&t, &src, (size_t)(p - src.text), len, as_json, 1);
                if (s > status) status = s;
            }
            p += len + 1;
        }
    }
    source_free(&src);
    iamc_world_free(w);
    iamc_policy_set_free(set);
    return status;
}

const cli_command cli_eval = {
    "eval", "decide requests against a world of tenancies and policies",
    "Usage: iamc eval --world WORLD.json (--request REQ.json | --requests REQS.jsonl) [--format text|json]\n"
    "       iamc eval --policy POLICY.json [--policy ...] (--request ... | --requests ...)\n"
    "Decide whether each request is allowed by the policies of the world (OCI: docs/world.md)\n"
    "or by the JSON policies (RAM / AWS IAM), as docs/requests.md describes, and say which\n"
    "statements decided; for a denial, --format json also lists the statements that almost\n"
    "applied and the first part of each that failed.\n"
    "\n"
    "Options:\n"
    "  -w, --world FILE      tenancies, compartments, groups, dynamic groups, policies\n"
    "  -p, --policy FILE     a RAM or AWS IAM JSON policy (repeat for several)\n"
    "  -l, --lang LANG       ram or aws, to force the policies' dialect (default: detected)\n"
    "  -r, --request FILE    one request (JSON); '-' is standard input\n"
    "  -R, --requests FILE   one request per line (JSON Lines); one decision per line\n"
    "  -f, --format FMT      text (default) or json\n"
    "  -h, --help            this text\n"
    "\n"
    "Exit status: 0 allowed (every request), 1 denied (any request), 2 usage or input error.\n",
    run,
};
