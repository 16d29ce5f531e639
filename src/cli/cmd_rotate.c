/* iamc rotate: the files and runbook of an HA-safe EncryptionConfiguration rotation. */
#include "cli/cli.h"
static int run(int argc, char **argv) { fputs("iamc rotate: not implemented yet\n", stderr); return EXIT_INPUT; }
const cli_command cli_rotate = {"rotate", "plan an EncryptionConfiguration key rotation", "Usage: iamc rotate FILE.yaml -o DIR\n", run};
