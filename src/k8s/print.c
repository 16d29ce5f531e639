/* k8s/print: the canonical YAML of an EncryptionConfiguration, in the layout the Kubernetes
 * docs use.  Only the fields the API server knows are printed (strict decoding). */
#include <string.h>
#include "k8s/config.h"
#include "k8s/tree.h"

/* A plain scalar when YAML reads it back as this same string, else double-quoted. */
static void put_scalar(buf *out, const char *s)
{
    size_t n = strlen(s);
    int plain = n > 0 && ((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= '0' && s[0] <= '9'))
                && s[n - 1] != ':' && k8s_resolve_plain(s, n) == K8S_SCALAR_STR;
    for (size_t i = 0; i < n && plain; i++)
        if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:+=", s[i])) plain = 0;
    if (plain) {
        buf_puts(out, s);
        return;
    }
    buf_putc(out, '"');
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '"' || c == '\\') buf_printf(out, "\\%c", c);
        else if (c < 0x20 || c == 0x7f) buf_printf(out, "\\x%02X", c);
        else buf_putc(out, (char)c);
    }
    buf_putc(out, '"');
}

static void print_kms(const k8s_kms *k, buf *out)
{
    buf_puts(out, "      - kms:\n");
    if (*k->api_version) {
        buf_puts(out, "          apiVersion: ");
        put_scalar(out, k->api_version);
        buf_putc(out, '\n');
    }
    buf_puts(out, "          name: ");
    put_scalar(out, k->name);
    buf_puts(out, "\n          endpoint: ");
    put_scalar(out, k->endpoint);
    buf_putc(out, '\n');
    if (k->has_cachesize) buf_printf(out, "          cachesize: %lld\n", (long long)k->cachesize);
    if (k->has_timeout) {
        buf_puts(out, "          timeout: ");
        put_scalar(out, k->timeout_text ? k->timeout_text : "3s");
        buf_putc(out, '\n');
    }
}

void k8s_config_print(const k8s_config *cfg, buf *out)
{
    buf_printf(out, "apiVersion: %s\nkind: %s\nresources:\n", cfg->api_version, cfg->kind);
    for (const k8s_rlist *l = cfg->lists; l; l = l->next) {
        buf_puts(out, "  - resources:\n");
        for (size_t i = 0; i < l->nresources; i++) {
            buf_puts(out, "      - ");
            put_scalar(out, l->resources[i]);
            buf_putc(out, '\n');
        }
        buf_puts(out, "    providers:\n");
        for (const k8s_provider *p = l->providers; p; p = p->next) {
            switch (p->type) {
            case K8S_PROVIDER_KMS:
                print_kms(&p->kms, out);
                break;
            case K8S_PROVIDER_IDENTITY:
                buf_puts(out, "      - identity: {}\n");
                break;
            case K8S_PROVIDER_AESCBC:
            case K8S_PROVIDER_AESGCM:
            case K8S_PROVIDER_SECRETBOX:
                buf_printf(out, "      - %s:\n          keys:\n", k8s_provider_names[p->type]);
                for (const k8s_key *k = p->keys; k; k = k->next) {
                    buf_puts(out, "            - name: ");
                    put_scalar(out, k->name);
                    buf_puts(out, "\n              secret: ");
                    put_scalar(out, k->secret);
                    buf_putc(out, '\n');
                }
                break;
            default:
                buf_puts(out, "      - {}\n");
                break;
            }
        }
    }
}
