/* cli: the iamc command line.  Each command is one file with a run function and its help. */
#ifndef IAMC_CLI_H
#define IAMC_CLI_H
#include <stdio.h>
#include "iamc.h"

enum { EXIT_OK = 0, EXIT_FINDINGS = 1, EXIT_INPUT = 2 };

typedef struct cli_command {
    const char *name;
    const char *summary;
    const char *usage;      /* the full --help text */
    int (*run)(int argc, char **argv);
} cli_command;

extern const cli_command cli_fmt, cli_parse, cli_eval, cli_emit, cli_check, cli_emit_k8s, cli_rotate, cli_lint,
    cli_diff;

/* Parse a --lang value; -1 when unknown (a message is printed). */
int cli_parse_lang(const char *cmd, const char *value, iamc_lang *out);
int cli_parse_lang_or(const char *cmd, const char *value, iamc_lang *out, const char *more);
/* Print a document's diagnostics to stderr. */
void cli_print_diagnostics(const iamc_doc *doc);
/* PATH itself, or for a directory the *.pol, *.rules and *.rule files and the *.json files
 * that hold a JSON policy below it (name order, hidden entries skipped). */
typedef struct cli_paths { char **v; size_t n, cap; } cli_paths;
/* Whether TEXT is a JSON object (a RAM / AWS policy): its first non-blank byte, after a
 * UTF-8 byte order mark, is '{'. */
int cli_json_object_text(const char *text, size_t len);
void cli_collect_policies(const char *path, cli_paths *out);
void cli_paths_add(cli_paths *p, const char *s);   /* a copy of S */
void cli_paths_free(cli_paths *p);
/* iamc lint with the name and usage of AS (iamc check runs it too). */
int cli_lint_main(const cli_command *as, int argc, char **argv);
/* iamc emit with the name and usage of AS (iamc emit-k8s runs it too, for its clouds only). */
int cli_emit_main(const cli_command *as, int argc, char **argv);
/* The bundle of the "kubernetes" or "alibaba" spec at PATH into OUT (a k8s_bundle, k8s/emit.h),
 * keys from getrandom or, for tests, from SEED; messages to stderr as iamc CMD.  An exit status. */
struct k8s_bundle;
struct source;
int cli_emit_k8s_make(const char *cmd, const struct source *spec, const char *seed, struct k8s_bundle *out);
int cli_usage_error(const cli_command *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* In a command's getopt_long loop, for any option it does not handle: prints the version
 * for --version (exit 0), else one usage error naming the option (exit 2). */
struct option;
int cli_bad_option(const cli_command *cmd, char **argv, const struct option *opts);

#endif
