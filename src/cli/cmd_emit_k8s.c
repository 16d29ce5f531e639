/* iamc emit-k8s: bundle spec ("cloud": "kubernetes" or "alibaba") → artifact directory. */
#include "cli/cli.h"
static int run(int argc, char **argv) { fputs("iamc emit-k8s: not implemented yet\n", stderr); return EXIT_INPUT; }
const cli_command cli_emit_k8s = {"emit-k8s", "write a Kubernetes/ACK encryption bundle", "Usage: iamc emit-k8s SPEC.json -o DIR\n", run};
