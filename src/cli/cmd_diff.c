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
    const char *path;
    int is_dir;
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

static int ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), k = strlen(tail);
    return n > k && strcmp(s + n - k, tail) == 0;
}

/* The policies below a directory, as iamc lint collects them: *.pol files (OCI), or *.json
 * files that hold a JSON policy (an object with a "Statement"); matching rules grant nothing
 * and are left out.  *JSON says which kind; -1 (after printing why) when it holds both. */
static int collect_dir(const char *path, cli_paths *out, int *json)
{
    cli_paths all = {0}, pol = {0}, js = {0};
    cli_collect_policies(path, &all);
    for (size_t i = 0; i < all.n; i++) {
        if (ends_with(all.v[i], ".pol")) cli_paths_add(&pol, all.v[i]);
        else if (ends_with(all.v[i], ".json") && json_file(all.v[i])) cli_paths_add(&js, all.v[i]);
    }
    cli_paths_free(&all);
    int rc = 0;
    if (pol.n && js.n) {
        fprintf(stderr, "iamc diff: %s holds OCI policies (%s) and JSON policies (%s); a version holds one kind\n", path,
                pol.v[0], js.v[0]);
        rc = -1;
    }
    *json = js.n > 0;
    cli_paths *keep = js.n ? &js : &pol;
    for (size_t i = 0; i < keep->n; i++) cli_paths_add(out, keep->v[i]);
    cli_paths_free(&pol), cli_paths_free(&js);
    return rc;
}

/* The kind of policies PATH holds: 1 JSON, 0 OCI, -1 none found (or not a directory). */
static int dir_kind(const char *path)
{
    struct stat st;
    if (strcmp(path, "-") == 0 || stat(path, &st) != 0) return -1;
    if (!S_ISDIR(st.st_mode)) return json_file(path);
    cli_paths p = {0};
    cli_collect_policies(path, &p);
    int rc = -1;
    for (size_t i = 0; i < p.n && rc < 1; i++) {
        if (ends_with(p.v[i], ".pol")) rc = 0;
        else if (ends_with(p.v[i], ".json") && json_file(p.v[i])) rc = 1;
    }
    cli_paths_free(&p);
    return rc;
}

/* Parse every policy of PATH; -1 (after printing why) when one cannot be read or parsed. */
static int load_version(const char *path, version *v, int want_json)
{
    struct stat st;
    int json = 0;
    v->path = path;
    if (strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        v->is_dir = 1;
        if (collect_dir(path, &v->files, &json)) return -1;
        if (v->files.n == 0) json = want_json;   /* an empty version: no access, of the other's kind */
    } else {
        cli_paths_add(&v->files, path);
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

/* Statements diff does not compare by access: Endorse and Admit (and their Deny forms),
 * associate, and the Defines they name, which need both tenancies' policies. */
static int cross_tenancy(const oci_stmt *s)
{
    return s->kind == OCI_STMT_ENDORSE || s->kind == OCI_STMT_ADMIT || s->verb == OCI_VERB_ASSOCIATE ||
           (s->kind == OCI_STMT_DEFINE && s->define_kind != OCI_DEFINE_COMPARTMENT);
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* The canonical text of V's cross-tenancy statements, sorted. */
static void cross_texts(const version *v, cli_paths *out)
{
    for (size_t i = 0; i < v->n; i++)
        for (const oci_stmt *s = v->docs[i]->stmts; s; s = s->next)
            if (cross_tenancy(s)) {
                buf b;
                buf_init(&b);
                oci_print_stmt(v->docs[i], s, &b);
                cli_paths_add(out, b.data ? b.data : "");
                buf_free(&b);
            }
    if (out->n) qsort(out->v, out->n, sizeof *out->v, cmp_str);
}

/* Print the cross-tenancy statements only one version has; 1 when there is any.  The rows
 * cannot show what they change, so the run fails rather than pass a gate it did not check. */
static int cross_changed(const version *old, const version *new_v)
{
    cli_paths a = {0}, b = {0};
    cross_texts(old, &a);
    cross_texts(new_v, &b);
    size_t i = 0, j = 0;
    int changed = 0;
    while (i < a.n || j < b.n) {
        int c = i == a.n ? 1 : j == b.n ? -1 : strcmp(a.v[i], b.v[j]);
        if (c == 0) { i++, j++; continue; }
        if (!changed)
            fprintf(stderr, "iamc diff: warning: cross-tenancy statements changed; diff does not compare them by "
                            "access (it needs both tenancies' policies), so review them:\n");
        changed = 1;
        fprintf(stderr, "  %c %s\n", c < 0 ? '-' : '+', c < 0 ? a.v[i++] : b.v[j++]);
    }
    cli_paths_free(&a), cli_paths_free(&b);
    return changed;
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
    /* a directory with no policy is a version that grants nothing (a policy set added or
     * removed), of the other version's kind; two of them compare nothing, which is an error */
    int old_json = dir_kind(argv[optind]), new_json = dir_kind(argv[optind + 1]);
    if (load_version(argv[optind], &old, new_json > 0) | load_version(argv[optind + 1], &new_v, old_json > 0))
        status = EXIT_INPUT;
    if (status == EXIT_OK && old.files.n == 0 && new_v.files.n == 0) {
        fprintf(stderr, "iamc diff: neither %s nor %s holds a policy (*.pol files or *.json policies)\n", argv[optind],
                argv[optind + 1]);
        status = EXIT_INPUT;
    }
    for (version *v = &old; status == EXIT_OK && v; v = v == &old ? &new_v : NULL)
        if (v->is_dir && v->files.n == 0)
            fprintf(stderr, "iamc diff: warning: %s holds no policy: that version grants nothing\n", v->path);
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
        if (cross_changed(&old, &new_v)) status = EXIT_INPUT;
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
    "files or directories (the *.pol files or the *.json policies below them, as iamc lint\n"
    "collects them; a directory holding both is refused).  OCI policies (*.pol, taken as\n"
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
    "Endorse/Admit/associate statements (and their Defines) are not compared by access: when\n"
    "they changed, the changed ones are printed with a warning and the exit status is 2.\n"
    "\n"
    "Exit status: 0 access not widened, 1 widened (a CI gate), 2 usage or input error, or an\n"
    "incomplete comparison (more than 4096 condition scenarios, or cross-tenancy statements\n"
    "changed: the rows found are printed).\n",
    run,
};
