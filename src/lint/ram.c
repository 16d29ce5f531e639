/* lint/ram: the rules RAM001… over RAM and AWS IAM JSON policies (docs/rules.md).  Findings
 * point at the JSON token (line:column from the AST spans) and carry its JSON Pointer.  The
 * parser's own diagnostics become RAM001 (errors) and RAM002 (warnings), unless a rule of
 * this file reports the same token more precisely. */
#include <arpa/inet.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "base/diag.h"
#include "lint/lint.h"
#include "ram/ast.h"
#include "ram/check.h"
#include "ram/pattern.h"

typedef struct rctx {
    lint_ctx *cx;
    ram_doc *d;
    const ram_dialect_info *di;
    buf ptr;                 /* scratch JSON Pointer */
} rctx;

/* ---- pointers and findings ------------------------------------------------------------- */

static void ptr_stmt(rctx *r, uint32_t si)
{
    r->ptr.len = 0;
    buf_puts(&r->ptr, "/Statement");
    if (r->d->statement_array) ram_pointer_push_index(&r->ptr, si);
}

static void ptr_item(rctx *r, uint32_t si, const char *elem, const ram_list *l, uint32_t i)
{
    ptr_stmt(r, si);
    ram_pointer_push(&r->ptr, elem, strlen(elem));
    if (l && l->array) ram_pointer_push_index(&r->ptr, i);
}

static void ptr_cond(rctx *r, uint32_t si, const ram_cond *c, const ram_cond_key *k, int value)
{
    ptr_stmt(r, si);
    buf_puts(&r->ptr, "/Condition");
    ram_pointer_push(&r->ptr, c->name.text, c->name.len);
    if (k) ram_pointer_push(&r->ptr, k->key.text, k->key.len);
    if (k && value >= 0 && k->values.array) ram_pointer_push_index(&r->ptr, (size_t)value);
}

static const char *action_elem(const ram_stmt *s) { return s->not_action ? "NotAction" : "Action"; }
static const char *resource_elem(const ram_stmt *s) { return s->not_resource ? "NotResource" : "Resource"; }

/* A finding at SPAN, about statement SI, at the pointer in r->ptr. */
static lint_finding *add(rctx *r, lint_rule_id rule, uint32_t si, ram_span at, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static lint_finding *add(rctx *r, lint_rule_id rule, uint32_t si, ram_span at, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    ram_doc *d = r->d;
    lint_finding *f = lint_add_at(r->cx, rule, d->src.name, &d->src, at.off, at.off + at.len, "%s", msg);
    if (si < d->nstmts) {
        const ram_stmt *s = &d->stmts[si];
        uint32_t col;
        source_position(&d->src, s->span.off, &f->stmt_line, &col);
        f->anchor = d->src.text + s->span.off;
        f->anchor_len = s->span.len;
    }
    if (r->ptr.len) f->pointer = arena_strndup(&r->cx->report->mem, r->ptr.data, r->ptr.len);
    return f;
}

/* Replace the token at SPAN by TEXT. */
static void fix(rctx *r, lint_finding *f, ram_span at, const char *text)
{
    f->has_fix = 1;
    f->fix_off = at.off;
    f->fix_end = at.off + at.len;
    f->fix_text = arena_strndup(&r->cx->report->mem, text, strlen(text));
}

static const char *quote(rctx *r, const char *s, size_t n)
{
    buf b;
    buf_init(&b);
    diag_quote(&b, s, n, 80);
    const char *q = arena_strndup(&r->cx->report->mem, b.data ? b.data : "", b.len);
    buf_free(&b);
    return q;
}

/* ---- small predicates ------------------------------------------------------------------- */

static int is_star(const ram_str *s) { return s->len == 1 && s->text[0] == '*'; }
static int is_any_action(const ram_str *s) { return is_star(s) || (s->len == 3 && memcmp(s->text, "*:*", 3) == 0); }

static int list_has_star(const ram_list *l)
{
    for (uint32_t i = 0; l && i < l->n; i++)
        if (is_star(&l->items[i])) return 1;
    return 0;
}

static int has_wildcard(const char *s, size_t n) { return memchr(s, '*', n) || memchr(s, '?', n); }

/* "svc:*": a whole service, named literally. */
static int is_service_wildcard(const ram_str *a)
{
    const char *colon = memchr(a->text, ':', a->len);
    if (!colon || colon == a->text || has_wildcard(a->text, (size_t)(colon - a->text))) return 0;
    return (size_t)(colon - a->text) + 2 == a->len && colon[1] == '*';
}

static int service_is(const ram_str *a, const char *svc)
{
    size_t n = strlen(svc);
    return a->len > n && strncasecmp(a->text, svc, n) == 0 && a->text[n] == ':';
}

/* A resource item that matches every resource of SERVICE and TYPE ("key", "cluster") in any
 * region and account: "*", or a pattern that matches two unrelated sample ARNs. */
static int any_resource_of(const ram_doc *d, const ram_str *res, const char *service, const char *type)
{
    if (is_star(res)) return 1;
    const char *pre = d->dialect == RAM_DIALECT_AWS ? "arn:aws:" : "acs:";
    char a[200], b[200];
    snprintf(a, sizeof a, "%s%s:cn-iamc-1:100000000000001:%s/iamc-a1", pre, service, type);
    snprintf(b, sizeof b, "%s%s:us-iamc-2:200000000000002:%s/zz-b2", pre, service, type);
    return ram_glob(res->text, a, 0) && ram_glob(res->text, b, 0);
}

static int list_any_resource_of(const ram_doc *d, const ram_stmt *s, const char *service, const char *type)
{
    if (!s->resource) return 0;
    if (s->not_resource) return 1;   /* every resource but some */
    for (uint32_t i = 0; i < s->resource->n; i++)
        if (any_resource_of(d, &s->resource->items[i], service, type)) return 1;
    return 0;
}

/* ---- the parser's diagnostics ------------------------------------------------------------- */

static void parser_diagnostics(rctx *r, size_t first)
{
    lint_report *rep = r->cx->report;
    for (const diag *g = r->d->diags.head; g; g = g->next) {
        int taken = 0;
        for (size_t i = first; i < rep->n && !taken; i++)
            taken = rep->v[i].src == &r->d->src && rep->v[i].off == g->off && rep->v[i].end == g->end;
        if (taken) continue;
        /* the parser ends its messages with " (at POINTER)": the pointer goes to its own field */
        r->ptr.len = 0;
        size_t mlen = strlen(g->message);
        const char *at = strstr(g->message, " (at /");
        if (at && g->message[mlen - 1] == ')' && !strstr(at + 1, " (at /")) {
            buf_put(&r->ptr, at + 5, mlen - (size_t)(at - g->message) - 6);
            mlen = (size_t)(at - g->message);
        }
        lint_finding *f = add(r, g->severity == DIAG_ERROR ? LINT_RAM_INVALID : LINT_RAM_SYNTAX_WARNING, UINT32_MAX,
                              (ram_span){g->off, g->end - g->off}, "%.*s", (int)mlen, g->message);
        if (g->hint) f->hint = g->hint;
    }
}

/* ---- grants ----------------------------------------------------------------------------- */

static void check_grants(rctx *r, uint32_t si)
{
    const ram_stmt *s = &r->d->stmts[si];
    if (s->effect != RAM_ALLOW || !s->action) return;
    const ram_list *a = s->action;
    int any_res = s->resource && !s->not_resource && list_has_star(s->resource);
    if (s->not_action) {
        ptr_item(r, si, "NotAction", a, 0);
        lint_finding *f = add(r, LINT_RAM_ALLOW_NOT_ACTION, si, a->span,
                              "Allow with NotAction grants every action except %u listed", a->n);
        lint_hint(r->cx, f, "list the actions to allow in \"Action\"");
    }
    if (s->resource && s->not_resource) {
        ptr_item(r, si, "NotResource", s->resource, 0);
        lint_finding *f = add(r, LINT_RAM_ALLOW_NOT_RESOURCE, si, s->resource->span,
                              "Allow with NotResource grants on every resource except %u listed", s->resource->n);
        lint_hint(r->cx, f, "list the resources in \"Resource\"");
    }
    if (s->principal && s->not_principal) {
        ptr_stmt(r, si);
        buf_puts(&r->ptr, "/NotPrincipal");
        add(r, LINT_RAM_ALLOW_NOT_PRINCIPAL, si, s->principal->span,
            "Allow with NotPrincipal trusts every principal except the ones listed");
    }
    if (s->not_action) return;
    for (uint32_t i = 0; i < a->n; i++) {
        const ram_str *it = &a->items[i];
        ptr_item(r, si, "Action", a, i);
        if (is_any_action(it)) {
            if (any_res && !s->ncond) {
                lint_finding *f = add(r, LINT_RAM_FULL_ADMIN, si, it->span,
                                      "Allow of every action on every resource, without a condition: full administrator access");
                lint_hint(r->cx, f, "grant the actions and resources the principal needs");
            } else {
                add(r, LINT_RAM_ANY_ACTION, si, it->span, "Allow of \"%s\": every action of every service",
                    quote(r, it->text, it->len));
            }
            continue;
        }
        int svc_wild = is_service_wildcard(it) && any_res && !s->ncond;
        if (svc_wild)
            add(r, LINT_RAM_SERVICE_WILDCARD, si, it->span, "Allow of \"%s\" on Resource \"*\": every action of the service on every resource",
                quote(r, it->text, it->len));
        if (service_is(it, "kms") && ram_glob(it->text, "kms:Decrypt", 1) && !s->ncond && !svc_wild &&
            list_any_resource_of(r->d, s, "kms", "key"))
            add(r, LINT_RAM_DECRYPT_ANY_KEY, si, it->span, "\"%s\" allows kms:Decrypt with any key of any account",
                quote(r, it->text, it->len));
        const char *pass = r->d->dialect == RAM_DIALECT_AWS ? "iam" : "ram";
        char pass_action[32];
        snprintf(pass_action, sizeof pass_action, "%s:PassRole", pass);
        if (service_is(it, pass) && ram_glob(it->text, pass_action, 1) && !svc_wild &&
            list_any_resource_of(r->d, s, pass, "role"))
            add(r, LINT_RAM_PASS_ROLE_ANY, si, it->span, "\"%s\" allows %s on every role", quote(r, it->text, it->len), pass_action);
    }
}

/* Any principal: "*", {"RAM": "*"}, or an account field that is a wildcard (acs:ram::*:root). */
static int wildcard_principal_id(const ram_doc *d, const ram_str *id)
{
    if (is_star(id)) return 1;
    size_t plen = d->dialect == RAM_DIALECT_AWS ? 4 : 4;
    if (id->len <= plen) return 0;
    int account_field = d->dialect == RAM_DIALECT_AWS ? 4 : 3, field = 0;
    const char *p = id->text, *e = id->text + id->len, *start = p;
    for (; p <= e; p++)
        if (p == e || *p == ':') {
            if (field == account_field) return memchr(start, '*', (size_t)(p - start)) != NULL;
            field++;
            start = p + 1;
        }
    return 0;
}

static void check_principal(rctx *r, uint32_t si)
{
    const ram_stmt *s = &r->d->stmts[si];
    const ram_principal *p = s->principal;
    if (!p || s->not_principal || s->effect != RAM_ALLOW || s->ncond) return;
    if (p->wildcard) {
        ptr_stmt(r, si);
        buf_puts(&r->ptr, "/Principal");
        lint_finding *f = add(r, LINT_RAM_PUBLIC_PRINCIPAL, si, p->star.span, "Principal \"*\" trusts every principal of every account");
        lint_hint(r->cx, f, "name the account or role (%s), or add a condition", r->di->principal_example);
        return;
    }
    for (uint32_t e = 0; e < p->n; e++) {
        const ram_principal_entry *en = &p->entries[e];
        if (en->kind == RAM_PRINCIPAL_SERVICE) continue;
        for (uint32_t i = 0; i < en->ids.n; i++) {
            if (!wildcard_principal_id(r->d, &en->ids.items[i])) continue;
            ptr_stmt(r, si);
            buf_puts(&r->ptr, "/Principal");
            ram_pointer_push(&r->ptr, en->key.text, en->key.len);
            if (en->ids.array) ram_pointer_push_index(&r->ptr, i);
            lint_finding *f = add(r, LINT_RAM_PUBLIC_PRINCIPAL, si, en->ids.items[i].span,
                                  "\"%s\" trusts principals of any account, without a condition",
                                  quote(r, en->ids.items[i].text, en->ids.items[i].len));
            lint_hint(r->cx, f, "name the account (%s), or add a condition", r->di->principal_example);
        }
    }
}

static void check_not_action(rctx *r, uint32_t si)
{
    const ram_stmt *s = &r->d->stmts[si];
    if (!s->action || !s->not_action) return;
    for (uint32_t i = 0; i < s->action->n; i++) {
        if (!is_any_action(&s->action->items[i])) continue;
        ptr_item(r, si, "NotAction", s->action, i);
        add(r, LINT_RAM_NOT_ACTION_NOTHING, si, s->action->items[i].span,
            s->effect == RAM_DENY ? "NotAction \"*\": the Deny applies to no action and blocks nothing"
                                  : "NotAction \"*\": the Allow applies to no action and grants nothing");
    }
}

/* ---- ACK: cs:UpdateKMSEncryption ----------------------------------------------------------- */

static int denies_action(const ram_doc *d, const char *action)
{
    for (uint32_t i = 0; i < d->nstmts; i++) {
        const ram_stmt *s = &d->stmts[i];
        if (s->effect != RAM_DENY || !s->action || s->not_action) continue;
        for (uint32_t k = 0; k < s->action->n; k++)
            if (ram_glob(s->action->items[k].text, action, 1)) return 1;
    }
    return 0;
}

static void check_ack(rctx *r, uint32_t si, int guarded)
{
    const ram_stmt *s = &r->d->stmts[si];
    if (guarded || s->effect != RAM_ALLOW || !s->action || s->not_action || r->d->dialect != RAM_DIALECT_RAM) return;
    if (!list_any_resource_of(r->d, s, "cs", "cluster")) return;
    for (uint32_t i = 0; i < s->action->n; i++) {
        const ram_str *it = &s->action->items[i];
        if (!service_is(it, "cs") || !ram_glob(it->text, "cs:UpdateKMSEncryption", 1)) continue;
        ptr_item(r, si, "Action", s->action, i);
        lint_finding *f = add(r, LINT_RAM_ACK_KMS_UNGUARDED, si, it->span,
                              "\"%s\" grants cs:UpdateKMSEncryption on every cluster, and no Deny guards it",
                              quote(r, it->text, it->len));
        if (has_wildcard(it->text, it->len))
            lint_hint(r->cx, f, "add {\"Effect\": \"Deny\", \"Action\": \"cs:UpdateKMSEncryption\", \"Resource\": \"*\"}");
        else
            lint_hint(r->cx, f, "name the cluster: acs:cs:REGION:ACCOUNT:cluster/CLUSTER_ID");
    }
}

/* ---- conditions ------------------------------------------------------------------------- */

/* Global keys (ram-policy.md §1.6; the AWS global condition key reference).  A trailing '/'
 * is a prefix: acs:ResourceTag/<key>. */
static const char *const ram_global_keys[] = {
    "acs:SourceIp", "acs:SourceVpc", "acs:SourceVpce", "acs:CurrentTime", "acs:SecureTransport", "acs:MFAPresent",
    "acs:UserAgent", "acs:Referer", "acs:TagKeys", "acs:SourceIdentity", "acs:PrincipalARN", "acs:AccessId",
    "acs:ResourceTag/", "acs:RequestTag/", "acs:SessionTag/", NULL,
};
static const char *const aws_global_keys[] = {
    "aws:CalledVia", "aws:CalledViaFirst", "aws:CalledViaLast", "aws:CurrentTime", "aws:EpochTime",
    "aws:FederatedProvider", "aws:MultiFactorAuthAge", "aws:MultiFactorAuthPresent", "aws:PrincipalAccount",
    "aws:PrincipalArn", "aws:PrincipalIsAWSService", "aws:PrincipalOrgID", "aws:PrincipalOrgPaths",
    "aws:PrincipalServiceName", "aws:PrincipalServiceNamesList", "aws:PrincipalType", "aws:Referer",
    "aws:RequestedRegion", "aws:ResourceAccount", "aws:ResourceOrgID", "aws:ResourceOrgPaths", "aws:SecureTransport",
    "aws:SourceAccount", "aws:SourceArn", "aws:SourceIdentity", "aws:SourceIp", "aws:SourceOrgID",
    "aws:SourceOrgPaths", "aws:SourceVpc", "aws:SourceVpce", "aws:SourceVpcArn", "aws:TagKeys", "aws:TokenIssueTime",
    "aws:UserAgent", "aws:userid", "aws:username", "aws:ViaAWSService", "aws:VpcSourceIp",
    "aws:Ec2InstanceSourceVpc", "aws:Ec2InstanceSourcePrivateIPv4", "aws:IsMcpServiceAction",
    "aws:PrincipalTag/", "aws:RequestTag/", "aws:ResourceTag/", NULL,
};

static void check_global_key(rctx *r, uint32_t si, const ram_cond *c, const ram_cond_key *k)
{
    const char *const *keys = r->d->dialect == RAM_DIALECT_AWS ? aws_global_keys : ram_global_keys;
    const char *pre = r->d->dialect == RAM_DIALECT_AWS ? "aws:" : "acs:";
    if (k->key.len <= 4 || strncasecmp(k->key.text, pre, 4) != 0) return;
    size_t n = 0;
    for (; keys[n]; n++) {
        size_t kl = strlen(keys[n]);
        if (keys[n][kl - 1] == '/' ? k->key.len > kl && strncasecmp(k->key.text, keys[n], kl) == 0
                                   : kl == k->key.len && strncasecmp(k->key.text, keys[n], kl) == 0)
            return;
    }
    ptr_cond(r, si, c, k, -1);
    lint_finding *f = add(r, LINT_RAM_UNKNOWN_GLOBAL_KEY, si, k->key.span, "unknown global condition key \"%s\"",
                          quote(r, k->key.text, k->key.len));
    const char *s = diag_suggest(k->key.text, k->key.len, keys, n);
    if (s && s[strlen(s) - 1] != '/') {
        lint_hint(r->cx, f, "did you mean '%s'?", s);
        char q[128];
        snprintf(q, sizeof q, "\"%s\"", s);
        fix(r, f, k->key.span, q);
    } else {
        lint_hint(r->cx, f, "%s global keys: docs/rules.md#RAM014", r->di->title);
    }
}

static int prefix_equal(const unsigned char *a, const unsigned char *b, int bits)
{
    for (int i = 0; i < bits; i++)
        if (((a[i / 8] >> (7 - i % 8)) & 1) != ((b[i / 8] >> (7 - i % 8)) & 1)) return 0;
    return 1;
}

/* Private, loopback, link-local and shared address space (RFC 1918, 6598, 4193, …). */
static const char *private_range(const unsigned char *addr, int family, int bits)
{
    static const struct { const char *net; int family, bits; } ranges[] = {
        {"10.0.0.0", 4, 8}, {"172.16.0.0", 4, 12}, {"192.168.0.0", 4, 16}, {"127.0.0.0", 4, 8},
        {"169.254.0.0", 4, 16}, {"100.64.0.0", 4, 10}, {"fc00::", 6, 7}, {"fe80::", 6, 10}, {"::1", 6, 128},
    };
    for (size_t i = 0; i < sizeof ranges / sizeof *ranges; i++) {
        unsigned char net[16];
        if (ranges[i].family != family || bits < ranges[i].bits) continue;
        inet_pton(family == 6 ? AF_INET6 : AF_INET, ranges[i].net, net);
        if (prefix_equal(net, addr, ranges[i].bits)) return ranges[i].net;
    }
    return NULL;
}

static void check_ip_value(rctx *r, uint32_t si, const ram_cond *c, const ram_cond_key *k, uint32_t vi)
{
    const ram_str *v = &k->values.items[vi];
    unsigned char addr[16];
    int family, bits;
    if (v->type != RAM_JSON_STRING || !ram_parse_cidr(v->text, v->len, addr, &family, &bits)) return;
    int source_ip = strcasecmp(k->key.text, "acs:SourceIp") == 0 || strcasecmp(k->key.text, "aws:SourceIp") == 0;
    const char *priv = source_ip ? private_range(addr, family, bits) : NULL;
    ptr_cond(r, si, c, k, (int)vi);
    if (priv) {
        lint_finding *f = add(r, LINT_RAM_PRIVATE_SOURCE_IP, si, v->span,
                              "\"%s\" is a private range: %s holds the public address the request came from",
                              quote(r, v->text, v->len), k->key.text);
        lint_hint(r->cx, f, "for requests from a VPC, test %s instead",
                  r->d->dialect == RAM_DIALECT_AWS ? "aws:SourceVpc" : "acs:SourceVpc");
    }
    unsigned char net[16];
    memcpy(net, addr, sizeof net);
    int total = family == 6 ? 128 : 32;
    for (int i = bits; i < total; i++) net[i / 8] &= (unsigned char)~(1u << (7 - i % 8));
    if (memcmp(net, addr, (size_t)total / 8) == 0) return;
    char text[INET6_ADDRSTRLEN + 8], q[INET6_ADDRSTRLEN + 32];
    inet_ntop(family == 6 ? AF_INET6 : AF_INET, net, text, sizeof text);
    snprintf(q, sizeof q, "\"%s/%d\"", text, bits);
    lint_finding *f = add(r, LINT_RAM_IP_HOST_BITS, si, v->span, "\"%s\" has host bits set: the range is %s/%d",
                          quote(r, v->text, v->len), text, bits);
    fix(r, f, v->span, q);
}

/* The operator name with FROM (once) replaced by TO: keeps ForAnyValue: and IfExists. */
static const char *renamed(rctx *r, const ram_cond *c, const char *from, const char *to)
{
    const char *at = strstr(c->name.text, from);
    if (!at) return NULL;
    char q[160];
    snprintf(q, sizeof q, "\"%.*s%s%s\"", (int)(at - c->name.text), c->name.text, to, at + strlen(from));
    return arena_strndup(&r->cx->report->mem, q, strlen(q));
}

static void check_condition_block(rctx *r, uint32_t si, const ram_cond *c)
{
    const ram_stmt *s = &r->d->stmts[si];
    const ram_operator *op = c->op;
    if (!op) return;
    int like = op->family == RAM_FAM_STRING && strstr(op->name, "Like") != NULL;
    int equals = !strcmp(op->name, "StringEquals") || !strcmp(op->name, "StringNotEquals");
    int wild_values = 0, nvalues = 0, fixed = 0;
    for (uint32_t ki = 0; ki < c->n; ki++) {
        const ram_cond_key *k = &c->keys[ki];
        check_global_key(r, si, c, k);
        for (uint32_t vi = 0; vi < k->values.n; vi++) {
            const ram_str *v = &k->values.items[vi];
            nvalues++;
            int wild = has_wildcard(v->text, v->len);
            wild_values += wild;
            if (op->family == RAM_FAM_IP) check_ip_value(r, si, c, k, vi);
            if (op->family == RAM_FAM_BOOL && strcmp(v->text, "true") != 0 && strcmp(v->text, "false") != 0) {
                ptr_cond(r, si, c, k, (int)vi);
                lint_finding *f = add(r, LINT_RAM_INVALID_BOOL, si, v->span, "Bool value \"%s\" is neither \"true\" nor \"false\"",
                                      quote(r, v->text, v->len));
                if (!strcasecmp(v->text, "true") || !strcasecmp(v->text, "false"))
                    fix(r, f, v->span, v->text[0] == 't' || v->text[0] == 'T' ? "\"true\"" : "\"false\"");
            }
            if (equals && wild) {
                ptr_cond(r, si, c, k, (int)vi);
                lint_finding *f = add(r, LINT_RAM_WILDCARD_WITHOUT_LIKE, si, v->span,
                                      "%s compares \"%s\" literally: '*' and '?' are wildcards only for the Like operators",
                                      op->name, quote(r, v->text, v->len));
                const char *to = renamed(r, c, "Equals", "Like");
                if (to && !fixed++) fix(r, f, c->name.span, to);
                else if (to) lint_hint(r->cx, f, "use %s", to);
            }
            if (op->family == RAM_FAM_BOOL && s->effect == RAM_DENY && !c->if_exists && !strcasecmp(v->text, "false") &&
                (!strcasecmp(k->key.text, "acs:MFAPresent") || !strcasecmp(k->key.text, "aws:MultiFactorAuthPresent"))) {
                ptr_cond(r, si, c, k, (int)vi);
                lint_finding *f = add(r, LINT_RAM_DENY_MFA_FALSE, si, v->span,
                                      "the Deny does not apply to requests without %s (access keys): it never fires for them",
                                      k->key.text);
                if (r->d->dialect == RAM_DIALECT_AWS) {
                    lint_hint(r->cx, f, "BoolIfExists makes it apply when the key is absent");
                    fix(r, f, c->name.span, "\"BoolIfExists\"");
                } else {
                    lint_hint(r->cx, f, "allow the actions only when %s is \"true\" instead", k->key.text);
                }
            }
        }
    }
    if (like && nvalues && !wild_values) {
        ptr_cond(r, si, c, NULL, -1);
        const char *to = renamed(r, c, "Like", "Equals");
        lint_finding *f = add(r, LINT_RAM_LIKE_WITHOUT_WILDCARD, si, c->name.span,
                              "%s with no '*' or '?' in its values is an exact comparison", c->name.text);
        if (to) fix(r, f, c->name.span, to);
    }
}

/* ---- statements compared --------------------------------------------------------------- */

/* The canonical text of a statement's conditions: one "op|key|v1,v2" line per key, sorted. */
static int cmp_cstr(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

typedef struct canon {
    char **conds;            /* sorted "op|key|values" */
    size_t nconds;
    char *principal;         /* canonical, or NULL */
    char *all;               /* the whole statement but its Sid */
} canon;

static void lower(char *s)
{
    for (; *s; s++)
        if (*s >= 'A' && *s <= 'Z') *s = (char)(*s + 32);
}

static char *list_text(const ram_list *l, int fold)
{
    char **v = calloc(l->n + 1, sizeof *v);
    if (!v) abort();
    for (uint32_t i = 0; i < l->n; i++) {
        v[i] = strdup(l->items[i].text);
        if (fold) lower(v[i]);
    }
    qsort(v, l->n, sizeof *v, cmp_cstr);
    buf b;
    buf_init(&b);
    for (uint32_t i = 0; i < l->n; i++) {
        if (i && !strcmp(v[i], v[i - 1])) continue;
        buf_printf(&b, "%s\x1f", v[i]);
    }
    for (uint32_t i = 0; i < l->n; i++) free(v[i]);
    free(v);
    if (!b.data) buf_puts(&b, "");
    return buf_take(&b);
}

static void canon_build(const ram_stmt *s, canon *c)
{
    memset(c, 0, sizeof *c);
    for (uint32_t i = 0; i < s->ncond; i++) c->nconds += s->conds[i].n;
    c->conds = calloc(c->nconds + 1, sizeof *c->conds);
    if (!c->conds) abort();
    size_t n = 0;
    for (uint32_t i = 0; i < s->ncond; i++)
        for (uint32_t k = 0; k < s->conds[i].n; k++) {
            char *vals = list_text(&s->conds[i].keys[k].values, 0), *key = strdup(s->conds[i].keys[k].key.text);
            lower(key);
            buf b;
            buf_init(&b);
            buf_printf(&b, "%s|%s|%s", s->conds[i].name.text, key, vals);
            c->conds[n++] = buf_take(&b);
            free(vals), free(key);
        }
    qsort(c->conds, c->nconds, sizeof *c->conds, cmp_cstr);
    buf b;
    buf_init(&b);
    if (s->principal) {
        if (s->principal->wildcard) buf_puts(&b, "*");
        for (uint32_t i = 0; i < s->principal->n; i++) {
            char *ids = list_text(&s->principal->entries[i].ids, 0);
            buf_printf(&b, "%s=%s;", s->principal->entries[i].key.text, ids);
            free(ids);
        }
        c->principal = buf_take(&b);
    }
    buf_init(&b);
    char *acts = s->action ? list_text(s->action, 1) : strdup(""), *res = s->resource ? list_text(s->resource, 0) : strdup("");
    buf_printf(&b, "%d|%d%d%d|%s|%s|%s|%s|", s->effect, s->not_action, s->not_resource, s->not_principal, acts, res,
               c->principal ? c->principal : "", s->resource ? "R" : "-");
    for (size_t i = 0; i < c->nconds; i++) buf_printf(&b, "%s\x1e", c->conds[i]);
    c->all = buf_take(&b);
    free(acts), free(res);
}

static void canon_free(canon *c)
{
    for (size_t i = 0; i < c->nconds; i++) free(c->conds[i]);
    free(c->conds), free(c->principal), free(c->all);
}

/* Every pattern of B within some pattern of A. */
static int list_covers(const ram_list *a, const ram_list *b, int fold)
{
    for (uint32_t j = 0; j < b->n; j++) {
        int ok = 0;
        for (uint32_t i = 0; i < a->n && !ok; i++) ok = ram_pattern_covers(a->items[i].text, b->items[j].text, fold);
        if (!ok) return 0;
    }
    return 1;
}

/* Statement A grants (or denies) everything B does: same effect and principal, B's actions and
 * resources within A's, and every condition of A also a condition of B. */
static int stmt_covers(const ram_stmt *a, const canon *ca, const ram_stmt *b, const canon *cb)
{
    if (a->effect != b->effect || a->not_action || b->not_action || a->not_resource || b->not_resource ||
        a->not_principal || b->not_principal || !a->action || !b->action)
        return 0;
    if ((ca->principal == NULL) != (cb->principal == NULL) || (ca->principal && strcmp(ca->principal, cb->principal)))
        return 0;
    if ((a->resource == NULL) != (b->resource == NULL)) return 0;
    if (!list_covers(a->action, b->action, 1) || (a->resource && !list_covers(a->resource, b->resource, 0))) return 0;
    for (size_t i = 0; i < ca->nconds; i++)
        if (!bsearch(&ca->conds[i], cb->conds, cb->nconds, sizeof *cb->conds, cmp_cstr)) return 0;
    return 1;
}

static void related_stmt(rctx *r, lint_finding *f, uint32_t other)
{
    f->related_file = r->d->src.name;
    source_position(&r->d->src, r->d->stmts[other].span.off, &f->related_line, &f->related_col);
}

static void check_statement_pairs(rctx *r)
{
    enum { MAX_STMTS = 500 };   /* quadratic; the size limits keep documents far below */
    ram_doc *d = r->d;
    if (d->nstmts < 2 || d->nstmts > MAX_STMTS || d->diags.errors) return;
    canon *c = calloc(d->nstmts, sizeof *c);
    if (!c) abort();
    for (uint32_t i = 0; i < d->nstmts; i++) canon_build(&d->stmts[i], &c[i]);
    for (uint32_t j = 0; j < d->nstmts; j++) {
        ptr_stmt(r, j);
        ram_span brace = {d->stmts[j].span.off, 1};
        int done = 0;
        for (uint32_t i = 0; i < j && !done; i++)
            if (!strcmp(c[i].all, c[j].all)) {
                lint_finding *f = add(r, LINT_RAM_DUPLICATE_STATEMENT, j, brace, "statement %u repeats statement %u", j, i);
                related_stmt(r, f, i);
                done = 1;
            }
        for (uint32_t i = 0; i < d->nstmts && !done; i++) {
            if (i == j || !strcmp(c[i].all, c[j].all) || !stmt_covers(&d->stmts[i], &c[i], &d->stmts[j], &c[j])) continue;
            lint_finding *f = add(r, LINT_RAM_REDUNDANT_STATEMENT, j, brace,
                                  "statement %u is redundant: statement %u already %s everything it does", j, i,
                                  d->stmts[j].effect == RAM_DENY ? "denies" : "allows");
            related_stmt(r, f, i);
            done = 1;
        }
    }
    for (uint32_t i = 0; i < d->nstmts; i++) canon_free(&c[i]);
    free(c);
}

/* Items of one list covered by another item of the same list. */
static void check_redundant_items(rctx *r, uint32_t si, const ram_list *l, const char *elem, int fold)
{
    if (!l || l->n < 2 || l->n > 200) return;
    for (uint32_t j = 0; j < l->n; j++)
        for (uint32_t i = 0; i < l->n; i++) {
            if (i == j) continue;
            int same = ram_pattern_covers(l->items[j].text, l->items[i].text, fold);
            if (!ram_pattern_covers(l->items[i].text, l->items[j].text, fold) || (same && i > j)) continue;
            ptr_item(r, si, elem, l, j);
            lint_finding *f = add(r, LINT_RAM_REDUNDANT_PATTERN, si, l->items[j].span, same ? "\"%s\" repeats \"%s\"" : "\"%s\" is covered by \"%s\"",
                                  quote(r, l->items[j].text, l->items[j].len), quote(r, l->items[i].text, l->items[i].len));
            f->related_file = r->d->src.name;
            source_position(&r->d->src, l->items[i].span.off, &f->related_line, &f->related_col);
            break;
        }
}

/* ---- the document --------------------------------------------------------------------------- */

static void check_size(rctx *r)
{
    size_t n = ram_compact_length(r->d->src.text, r->d->src.len);
    unsigned limit = r->di->size_warning ? r->di->size_warning : r->di->size_error;
    if ((size_t)limit * 9 > n * 10 || n > limit || !r->d->index.n) return;
    r->ptr.len = 0;
    ram_span brace = {r->d->index.nodes[0].off, 1};
    lint_finding *f = add(r, LINT_RAM_SIZE_NEAR_LIMIT, UINT32_MAX, brace,
                          "the policy is %zu characters long without whitespace, %zu %% of the %s limit of %u", n,
                          n * 100 / limit, r->di->title, limit);
    lint_hint(r->cx, f, "split it, or cover long action lists with patterns");
}

void lint_ram_doc(lint_ctx *cx, lint_input *in)
{
    rctx r = {cx, in->ram, ram_dialect_get((ram_dialect)in->ram->dialect), {0}};
    buf_init(&r.ptr);
    size_t first = cx->report->n;
    ram_doc *d = r.d;
    int guarded = denies_action(d, "cs:UpdateKMSEncryption");
    for (uint32_t si = 0; si < d->nstmts; si++) {
        const ram_stmt *s = &d->stmts[si];
        check_grants(&r, si);
        check_principal(&r, si);
        check_not_action(&r, si);
        check_ack(&r, si, guarded);
        for (uint32_t c = 0; c < s->ncond; c++) check_condition_block(&r, si, &s->conds[c]);
        check_redundant_items(&r, si, s->action, action_elem(s), 1);
        check_redundant_items(&r, si, s->resource, s->resource ? resource_elem(s) : "Resource", 0);
        if (d->dialect == RAM_DIALECT_AWS && d->nstmts > 1 && !s->sid && s->span.len) {
            ptr_stmt(&r, si);
            lint_finding *f = add(&r, LINT_RAM_MISSING_SID, si, (ram_span){s->span.off, 1},
                                  "statement %u of %u has no Sid", si, d->nstmts);
            lint_hint(cx, f, "add \"Sid\": a unique name (letters and digits) for what the statement is for");
        }
    }
    check_statement_pairs(&r);
    check_size(&r);
    parser_diagnostics(&r, first);
    buf_free(&r.ptr);
}
