/* iamc diff: the access two versions of a policy set grant differently. */
#include "cli/cli.h"

static int run(int argc, char **argv)
{
    (void)argc, (void)argv;
    fputs("iamc diff: not yet\n", stderr);
    return EXIT_INPUT;
}

const cli_command cli_diff = {"diff", "the access two versions of a policy set grant differently",
                              "Usage: iamc diff OLD NEW\n", run};
