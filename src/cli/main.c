/* iamc: the command-line front of libiamc. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
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

/* Output that could not be written is an error: 'iamc fmt x >/dev/full' must not exit 0. */
static int finish_output(int status)
{
    errno = 0;
    if (fflush(stdout) == 0 && !ferror(stdout)) return status;
    fprintf(stderr, "iamc: write error: %s\n", strerror(errno ? errno : EIO));
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
    return finish_output(run(argc, argv));
}
