/* iamc diff: the access two versions of a policy set grant differently (docs/diff.md). */
#include <dirent.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "base/buf.h"
#include "base/diag.h"
#include "cli/cli.h"
#include "diff/diff.h"

typedef struct version {
    cli_paths files;
    oci_doc **docs;
    size_t n;
    iamc_policy_set *json;   /* JSON policies (RAM, AWS IAM) instead of OCI documents */
} version;

/* Whether PATH (after collection) holds a JSON policy. */
static int json_file(const char *path)
{
    source src;
    char err[600];
    if (source_load(&src, path, err, sizeof err)) return 0;
    int j = cli_json_object_text(src.text, src.len);
    source_free(&src);
    return j;
}

/* Load the JSON policies of V; -1 (after printing why) when one cannot be read or parsed. */
static int load_json_version(version *v)
{
    char err[600];
    for (size_t i = 0; i < v->files.n; i++)
        if (!json_file(v->files.v[i])) {
            fprintf(stderr, "iamc diff: %s is not a JSON policy; a version holds JSON policies or OCI policies, not both\n",
                    v->files.v[i]);
            return -1;
        }
    v->json = iamc_policy_set_load((const char *const *)v->files.v, v->files.n, IAMC_LANG_AUTO, err, sizeof err);
    if (!v->json) {
        fprintf(stderr, "iamc diff: %s\n", err);
        return -1;
    }
    if (iamc_policy_set_error_count(v->json)) {
        char *text = iamc_policy_set_render_diagnostics(v->json);
        fputs(text, stderr);
        free(text);
        return -1;
    }
    return 0;
}

static int cmp_path(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static int ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), k = strlen(tail);
    return n > k && strcmp(s + n - k, tail) == 0;
}

static void paths_add(cli_paths *p, const char *s)
{
    if (p->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 16;
        p->v = realloc(p->v, p->cap * sizeof *p->v);
        if (!p->v) abort();
    }
    p->v[p->n++] = strdup(s);
}

/* The policies of a directory: its own *.pol files (OCI), or its *.json files that hold a
 * JSON policy (an object with a "Statement"); not those of its subdirectories.  *JSON says
 * which; -1 (after printing why) when it holds both kinds. */
static int collect_dir(const char *path, cli_paths *out, int *json)
{
    DIR *d = opendir(path);
    if (!d) {
        paths_add(out, path);   /* reading it will say why */
        return 0;
    }
    cli_paths pol = {0}, js = {0};
    struct dirent *e;
    while ((e = readdir(d))) {
        char full[4096];
        struct stat st;
        size_t n = strlen(path);
        if (e->d_name[0] == '.') continue;
        snprintf(full, sizeof full, "%s%s%s", path, n && path[n - 1] == '/' ? "" : "/", e->d_name);
        if (stat(full, &st) != 0 || !S_ISREG(st.st_mode)) continue;
        if (ends_with(e->d_name, ".pol")) paths_add(&pol, full);
        else if (ends_with(e->d_name, ".json") && json_file(full)) {
            source src;
            char err[600];
            if (source_load(&src, full, err, sizeof err)) continue;
            for (size_t i = 0; i + 11 <= src.len; i++)
                if (memcmp(src.text + i, "\"Statement\"", 11) == 0) {
                    paths_add(&js, full);
                    break;
                }
            source_free(&src);
        }
    }
    closedir(d);
    int rc = 0;
    if (pol.n && js.n) {
        fprintf(stderr, "iamc diff: %s holds OCI policies (%s) and JSON policies (%s); a version holds one kind\n", path,
                pol.v[0], js.v[0]);
        rc = -1;
    }
    *json = js.n > 0;
    cli_paths *keep = js.n ? &js : &pol;
    if (keep->n) qsort(keep->v, keep->n, sizeof *keep->v, cmp_path);
    for (size_t i = 0; i < keep->n; i++) paths_add(out, keep->v[i]);
    cli_paths_free(&pol), cli_paths_free(&js);
    return rc;
}

/* Parse every policy of PATH; -1 (after printing why) when one cannot be read or parsed. */
static int load_version(const char *path, version *v)
{
    struct stat st;
    int json = 0;
    if (strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        if (collect_dir(path, &v->files, &json)) return -1;
    } else {
        paths_add(&v->files, path);
        json = json_file(path);
    }
    if (json) return load_json_version(v);
    v->docs = calloc(v->files.n + 1, sizeof *v->docs);
    if (!v->docs) abort();
    int bad = 0;
    for (size_t i = 0; i < v->files.n; i++) {
        char err[600];
        source src;
        if (source_load(&src, v->files.v[i], err, sizeof err)) {
            fprintf(stderr, "iamc diff: %s\n", err);
            bad = 1;
            continue;
        }
        oci_doc *d = oci_parse(&src, 0);
        v->docs[v->n++] = d;
        if (d->diags.errors) {
            buf b;
            buf_init(&b);
            for (const diag *g = d->diags.head; g; g = g->next) diag_render(g, &b);
            fputs(b.data, stderr);
            buf_free(&b);
            bad = 1;
        }
    }
    return bad ? -1 : 0;
}

static void free_version(version *v)
{
    for (size_t i = 0; i < v->n; i++) oci_doc_free(v->docs[i]);
    free(v->docs);
    iamc_policy_set_free(v->json);
    cli_paths_free(&v->files);
}

/* Past DIFF_MAX_SCENARIOS the comparison is partial: the rows printed hold, but a change may
 * be missing, so the run fails rather than pass a gate it did not check. */
static int incomplete(const char *what)
{
    fprintf(stderr,
            "iamc diff: warning: the two versions' conditions need more than %d %s; the combinations past it were not "
            "compared, so access may have changed beyond the rows shown\n",
            DIFF_MAX_SCENARIOS, what);
    return EXIT_INPUT;
}

static int diff_json(version *old, version *new_v, int format)
{
    diff_ram_result r;
    char err[600];
    if (diff_ram_compare(old->json, new_v->json, &r, err, sizeof err)) {
        fprintf(stderr, "iamc diff: %s\n", err);
        diff_ram_result_free(&r);
        return EXIT_INPUT;
    }
    buf out;
    buf_init(&out);
    if (format == 1) diff_ram_print_json(&r, &out);
    else if (format == 2) diff_ram_print_sarif(&r, &out);
    else diff_ram_print_text(&r, &out);
    if (out.len) fwrite(out.data, 1, out.len, stdout);
    buf_free(&out);
    int status = r.widened ? EXIT_FINDINGS : EXIT_OK;
    if (r.incomplete) status = incomplete("condition contexts");
    diff_ram_result_free(&r);
    return status;
}

static int run(int argc, char **argv)
{
    static const struct option opts[] = {
        {"format", required_argument, 0, 'f'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0},
    };
    int format = 0, opt;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "f:h", opts, NULL)) != -1) {
        switch (opt) {
        case 'f':
            if (strcmp(optarg, "text") == 0) format = 0;
            else if (strcmp(optarg, "json") == 0) format = 1;
            else if (strcmp(optarg, "sarif") == 0) format = 2;
            else return cli_usage_error(&cli_diff, "--format takes text, json or sarif, not '%s'", optarg);
            break;
        case 'h': fputs(cli_diff.usage, stdout); return EXIT_OK;
        default: return cli_bad_option(&cli_diff, argv, opts);
        }
    }
    if (argc - optind != 2) return cli_usage_error(&cli_diff, "give OLD and NEW (files or directories)");
    version old = {0}, new_v = {0};
    int status = EXIT_OK;
    if (load_version(argv[optind], &old) | load_version(argv[optind + 1], &new_v)) status = EXIT_INPUT;
    if (status == EXIT_OK && (!old.json) != (!new_v.json)) {
        fprintf(stderr, "iamc diff: one version holds JSON policies and the other OCI policies\n");
        status = EXIT_INPUT;
    }
    if (status == EXIT_OK && old.json) {
        status = diff_json(&old, &new_v, format);
        goto done;
    }
    diff_result r;
    char err[600];
    if (status == EXIT_OK && diff_compare(old.docs, old.n, new_v.docs, new_v.n, &r, err, sizeof err)) {
        fprintf(stderr, "iamc diff: %s\n", err);
        status = EXIT_INPUT;
    }
    if (status == EXIT_OK) {
        buf out;
        buf_init(&out);
        if (format == 1) diff_print_json(&r, &out);
        else if (format == 2) diff_print_sarif(&r, &out);
        else diff_print_text(&r, &out);
        if (out.len) fwrite(out.data, 1, out.len, stdout);
        buf_free(&out);
        status = r.widened ? EXIT_FINDINGS : EXIT_OK;
        if (r.incomplete) status = incomplete("condition scenarios");
        diff_result_free(&r);
    }
done:
    free_version(&old);
    free_version(&new_v);
    return status;
}

const cli_command cli_diff = {
    "diff", "the access two versions of a policy set grant differently",
    "Usage: iamc diff [--format text|json|sarif] OLD NEW\n"
    "Compare what two versions of a policy set allow, not their text: OLD and NEW are policy\n"
    "files or directories (their own *.pol files, or their own *.json policies; not their\n"
    "subdirectories; a directory holding both is refused).  OCI policies (*.pol, taken as\n"
    "attached to the root compartment of one tenancy): each row is a principal, permissions,\n"
    "a location and the condition of the request.  JSON policies (RAM, AWS IAM): each row is\n"
    "an action, a resource, the principal (trust policies) and the condition context.  A row is\n"
    "what NEW allows and OLD did not (+, widened) or OLD allowed and NEW does not (-, narrowed),\n"
    "with the statement that decides it.  Decided by the decision engine over what the two\n"
    "versions mention (docs/diff.md).  A change of spelling, case, spacing or order gives no row.\n"
    "\n"
    "Options:\n"
    "  -f, --format FMT   text (default), json (one object per row) or sarif\n"
    "  -h, --help         this text\n"
    "\n"
    "Exit status: 0 access not widened, 1 widened (a CI gate), 2 usage or input error, or an\n"
    "incomplete comparison (more than 4096 condition scenarios: the rows found are printed).\n",
    run,
};
