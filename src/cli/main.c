/* iamc: the command-line front of libiamc. */
/* fopencookie (glibc) for standard output: see wrap_stdout */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "cli/cli.h"

static const cli_command *const commands[] = {&cli_fmt, &cli_parse, &cli_check, &cli_lint, &cli_diff, &cli_eval,
                                              &cli_emit, &cli_rotate, &cli_emit_k8s};
enum { NCOMMANDS = sizeof commands / sizeof *commands };

static void usage(FILE *out)
{
    fputs("Usage: iamc COMMAND [OPTIONS] [FILE...]\n"
          "A compiler for cloud access policies: OCI IAM statements and dynamic-group rules,\n"
          "Alibaba Cloud RAM and AWS IAM JSON policies.\n"
          "\nCommands:\n", out);
    for (int i = 0; i < NCOMMANDS; i++) fprintf(out, "  %-8s %s\n", commands[i]->name, commands[i]->summary);
    fputs("\nRun 'iamc COMMAND --help' for a command's options.  '-' is standard input.\n"
          "Exit status: 0 ok, 1 findings, 2 usage or input error.\n"
          "  --help       this text\n  --version    print the version\n", out);
}

/* Standard output through a stream that remembers why its first write failed: stdio keeps
 * only an error flag, and a large fwrite that failed (emit -o -) leaves nothing for the
 * final fflush to fail on, so errno would be lost ("Input/output error" for a full disk).
 * glibc lets stdout be replaced (its manual says so); elsewhere the final flush's errno is
 * all there is. */
typedef struct out_sink { int fd, first_errno; } out_sink;

static ssize_t sink_write(void *cookie, const char *data, size_t n)
{
    out_sink *o = cookie;
    size_t done = 0;
    while (done < n) {
        ssize_t w = write(o->fd, data + done, n - done);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) {
            if (!o->first_errno) o->first_errno = w < 0 ? errno : EIO;
            return done ? (ssize_t)done : -1;
        }
        done += (size_t)w;
    }
    return (ssize_t)n;
}

static void wrap_stdout(out_sink *o)
{
#ifdef __GLIBC__
    cookie_io_functions_t io = {NULL, sink_write, NULL, NULL};
    FILE *f = fopencookie(o, "w", io);
    if (!f) return;
    if (isatty(o->fd)) setvbuf(f, NULL, _IOLBF, 0);
    stdout = f;
#else
    (void)o;
#endif
}

/* Output that could not be written is an error: 'iamc fmt x >/dev/full' must not exit 0. */
static int finish_output(int status, const out_sink *o)
{
    errno = 0;
    if (fflush(stdout) == 0 && !ferror(stdout)) return status;
    int e = o->first_errno ? o->first_errno : errno ? errno : EIO;
    fprintf(stderr, "iamc: write error: %s\n", strerror(e));
    return EXIT_INPUT;
}

static int run(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_INPUT;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 || strcmp(name, "help") == 0) {
        if (argc > 2)
            for (int i = 0; i < NCOMMANDS; i++)
                if (strcmp(argv[2], commands[i]->name) == 0) {
                    fputs(commands[i]->usage, stdout);
                    return EXIT_OK;
                }
        usage(stdout);
        return EXIT_OK;
    }
    if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0) {
        printf("iamc %s\n", iamc_version());
        return EXIT_OK;
    }
    opterr = 0;   /* commands report refused options themselves: cli_bad_option */
    for (int i = 0; i < NCOMMANDS; i++)
        if (strcmp(name, commands[i]->name) == 0) return commands[i]->run(argc - 1, argv + 1);
    fprintf(stderr, "iamc: unknown command '%s'\n", name);
    usage(stderr);
    return EXIT_INPUT;
}

int main(int argc, char **argv)
{
    out_sink sink = {STDOUT_FILENO, 0};
    wrap_stdout(&sink);
    return finish_output(run(argc, argv), &sink);
}
