#include <dirent.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cli/cli.h"

int cli_parse_lang(const char *cmd, const char *value, iamc_lang *out)
{
    return cli_parse_lang_or(cmd, value, out, "");
}

/* The same, for a command that also takes the languages MORE (", k8s") of its own. */
int cli_parse_lang_or(const char *cmd, const char *value, iamc_lang *out, const char *more)
{
    static const struct { const char *name; iamc_lang lang; } langs[] = {
        {"auto", IAMC_LANG_AUTO}, {"oci", IAMC_LANG_OCI},
        {"rule", IAMC_LANG_OCI_RULE}, {"rules", IAMC_LANG_OCI_RULES},
        {"ram", IAMC_LANG_RAM}, {"aws", IAMC_LANG_AWS},
    };
    for (size_t i = 0; i < sizeof langs / sizeof *langs; i++)
        if (strcmp(value, langs[i].name) == 0) {
            *out = langs[i].lang;
            return 0;
        }
    /* a usage error like the others: the command's name, then where to look */
    fprintf(stderr, "iamc %s: unknown language '%s' (auto, oci, rule, rules, ram, aws%s)\nTry 'iamc %s --help'.\n", cmd, value,
            more, cmd);
    return -1;
}

void cli_print_diagnostics(const iamc_doc *doc)
{
    char *text = iamc_doc_render_diagnostics(doc);
    fputs(text, stderr);
    free(text);
}

int cli_usage_error(const cli_command *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "iamc %s: ", cmd->name);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'iamc %s --help'.\n", cmd->name);
    return EXIT_INPUT;
}

/* The option getopt_long refused (opterr is off: main.c), described once under the
 * command's name.  --version is common to every command, so it is answered here. */
int cli_bad_option(const cli_command *cmd, char **argv, const struct option *opts)
{
    const char *arg = optind > 0 ? argv[optind - 1] : "";
    int is_long = strncmp(arg, "--", 2) == 0 && arg[2] != '\0';
    const char *name = is_long ? arg + 2 : "", *eq = strchr(name, '=');
    size_t len = eq ? (size_t)(eq - name) : strlen(name);
    /* optopt is 0 for an unknown long option, the option's letter for a refused value; a
     * short option refused inside a group (-xc) leaves the previous word in argv[optind-1] */
    if (is_long && optopt) {
        is_long = 0;
        for (const struct option *o = opts; o->name; o++)
            if (o->val == optopt && strncmp(o->name, name, len) == 0) is_long = 1;
    }
    if (is_long) {
        if (!eq && strcmp(name, "version") == 0) {
            printf("iamc %s\n", iamc_version());
            return EXIT_OK;
        }
        const struct option *found = NULL;
        int matches = 0;
        for (const struct option *o = opts; o->name; o++)
            if (strncmp(o->name, name, len) == 0) {
                if (strlen(o->name) == len) { found = o; matches = 1; break; }
                found = o;
                matches++;
            }
        if (matches == 1 && eq && found->has_arg == no_argument)
            return cli_usage_error(cmd, "option '--%s' takes no value", found->name);
        if (matches == 1 && found->has_arg == required_argument)
            return cli_usage_error(cmd, "option '--%s' requires a value", found->name);
        if (matches > 1) return cli_usage_error(cmd, "option '--%.*s' is ambiguous", (int)len, name);
        return cli_usage_error(cmd, "unknown option '--%.*s'", (int)len, name);
    }
    for (const struct option *o = opts; o->name; o++)
        if (optopt && o->val == optopt && o->has_arg == required_argument)
            return cli_usage_error(cmd, "option '-%c' requires a value", optopt);
    if (optopt > 0x20 && optopt < 0x7F) return cli_usage_error(cmd, "unknown option '-%c'", optopt);
    return cli_usage_error(cmd, "unknown option");
}

void cli_paths_add(cli_paths *p, const char *s)
{
    if (p->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 16;
        p->v = realloc(p->v, p->cap * sizeof *p->v);
        if (!p->v) abort();
    }
    p->v[p->n++] = strdup(s);
}

void cli_paths_free(cli_paths *p)
{
    for (size_t i = 0; i < p->n; i++) free(p->v[i]);
    free(p->v);
    memset(p, 0, sizeof *p);
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static int policy_name(const char *name)
{
    size_t n = strlen(name);
    return (n > 4 && strcmp(name + n - 4, ".pol") == 0) || (n > 6 && strcmp(name + n - 6, ".rules") == 0) ||
           (n > 5 && strcmp(name + n - 5, ".rule") == 0);
}

/* A *.json file in a directory is taken when it holds a JSON policy: an object with a
 * "Statement" member (world files, configurations and the like are left out). */
static int json_policy_file(const char *path)
{
    size_t n = strlen(path);
    if (n <= 5 || strcmp(path + n - 5, ".json") != 0) return 0;
    FILE *f = fopen(path, "rb");
    if (!f) return 0;
    char head[65536];
    size_t len = fread(head, 1, sizeof head - 1, f);
    fclose(f);
    head[len] = '\0';
    return cli_json_object_text(head, len) && strstr(head, "\"Statement\"") != NULL;
}

int cli_json_object_text(const char *text, size_t len)
{
    size_t i = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    while (i < len && text[i] && strchr(" \t\r\n", text[i])) i++;
    return i < len && text[i] == '{';
}

static void collect(const char *path, cli_paths *out, int top)
{
    struct stat st;
    if (strcmp(path, "-") == 0 || stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
        if (top || policy_name(path) || json_policy_file(path)) cli_paths_add(out, path);
        return;
    }
    DIR *d = opendir(path);
    if (!d) {
        cli_paths_add(out, path);   /* reading it will say why */
        return;
    }
    cli_paths kids = {0};
    struct dirent *e;
    while ((e = readdir(d)))
        if (e->d_name[0] != '.') {
            char full[4096];
            size_t n = strlen(path);
            snprintf(full, sizeof full, "%s%s%s", path, n && path[n - 1] == '/' ? "" : "/", e->d_name);
            cli_paths_add(&kids, full);
        }
    closedir(d);
    if (kids.n) qsort(kids.v, kids.n, sizeof *kids.v, cmp_str);
    for (size_t i = 0; i < kids.n; i++) collect(kids.v[i], out, 0);
    cli_paths_free(&kids);
}

void cli_collect_policies(const char *path, cli_paths *out) { collect(path, out, 1); }
