/* iamc check: iamc lint under another name.  Policies and Kubernetes EncryptionConfiguration
 * files (detected by content) go through the one lint report, rules OCI…, RAM… and K8S…. */
#include "cli/cli.h"

static int run(int argc, char **argv) { return cli_lint_main(&cli_check, argc, argv); }

const cli_command cli_check = {
    "check", "lint policies (OCI, RAM / AWS JSON) and Kubernetes EncryptionConfigurations (as iamc lint)",
    "Usage: iamc check [OPTIONS] FILE...  ('-' is standard input)\n"
    "Check each FILE: what 'iamc lint' does, with the same options, configuration (.iamc.json),\n"
    "baselines and output.  A Kubernetes EncryptionConfiguration (YAML or JSON, kind\n"
    "EncryptionConfiguration or the legacy EncryptionConfig) gets every validation rule of the\n"
    "API server, with its messages, and warnings on documented hazards (rules K8S001...,\n"
    "docs/rules.md and docs/encryption-config.md).  Key material is never printed: secrets show\n"
    "as REDACTED.  Other files are linted as policies (OCI001..., RAM001...).  A *.yaml or\n"
    "*.yml file is an EncryptionConfiguration; another file, or standard input, is one when a\n"
    "line begins with 'apiVersion:' or 'kind:' (JSON: a \"kind\" member naming the kind), or\n"
    "with --lang k8s.\n"
    "\n"
    "Options:\n"
    "  -f, --format FMT        text (default: file:line:col: error[K8S018]: ... with the\n"
    "                          source line and a caret), json (one object per finding), or\n"
    "                          sarif (SARIF 2.1.0)\n"
    "  -F, --fail-on LEVEL     exit 1 when a finding is at least LEVEL: error, warning\n"
    "                          (default), info (or note), never (or none)\n"
    "  -c, --config FILE       configuration (default: .iamc.json in the current directory)\n"
    "  -n, --no-config         ignore .iamc.json\n"
    "  -b, --baseline FILE     leave out the findings of an earlier '--format json' run\n"
    "  -w, --world FILE        lint the policies of a world (docs/world.md)\n"
    "  -l, --lang LANG         auto (default), oci, rule, rules, ram, aws, k8s\n"
    "      --automatic-reload  the API server runs with\n"
    "                          --encryption-provider-config-automatic-reload (KMS v1 names\n"
    "                          must then be unique too)\n"
    "  -L, --list-rules        print the rule catalogue and exit (--format json, markdown, sarif)\n"
    "  -h, --help              this text\n"
    "\n"
    "A comment '# iamc-check: disable=K8S051,K8S050' in an EncryptionConfiguration turns those\n"
    "rules off for it; '.iamc.json' (\"disable\", \"severity\", \"ignore\") works for every file.\n"
    "\n"
    "Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage or input error (an\n"
    "unreadable file, K8S001 not YAML/JSON, K8S039 empty).\n",
    run,
};
