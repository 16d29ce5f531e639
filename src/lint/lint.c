/* lint/lint: the engine.  Findings are added by the checkers; lint_finish() applies what
 * the user configured (severities, path ignores, '# iamc:ignore' comments, a baseline),
 * gives each finding a fingerprint and sorts them. */
#include "lint/lint.h"
#include "base/diag.h"
#include <ctype.h>
#include <fnmatch.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void lint_report_init(lint_report *r)
{
    memset(r, 0, sizeof *r);
    arena_init(&r->mem);
}

void lint_report_free(lint_report *r)
{
    free(r->v);
    arena_free(&r->mem);
}

static lint_finding *push(lint_ctx *cx, lint_rule_id rule, const char *file, source *src, uint32_t off, uint32_t end)
{
    lint_report *r = cx->report;
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 64;
        r->v = realloc(r->v, r->cap * sizeof *r->v);
        if (!r->v) abort();
    }
    lint_finding *f = &r->v[r->n++];
    memset(f, 0, sizeof *f);
    f->rule = rule;
    f->severity = lint_rules[rule].severity;
    f->file = file;
    f->src = src;
    f->off = off;
    f->end = end < off ? off : end;
    f->order = cx->cur;
    if (src) {
        source_position(src, off, &f->line, &f->col);
        source_position(src, f->end, &f->end_line, &f->end_col);
        f->anchor = src->text + off;
        f->anchor_len = f->end - off;
    } else {
        f->line = f->col = f->end_line = f->end_col = 1;
    }
    return f;
}

lint_finding *lint_add(lint_ctx *cx, lint_rule_id rule, const oci_doc *d, oci_span at, const char *fmt, ...)
{
    uint32_t off = oci_doc_source_offset(d, at.off);
    uint32_t end = at.len ? oci_doc_source_offset(d, at.off + at.len - 1) + 1 : off;
    lint_finding *f = push(cx, rule, d->src.name, (source *)&d->src, off, end);
    va_list ap;
    va_start(ap, fmt);
    f->message = diag_vformat(&cx->report->mem, fmt, ap);
    va_end(ap);
    return f;
}

lint_finding *lint_add_at(lint_ctx *cx, lint_rule_id rule, const char *file, source *src, uint32_t off,
                          uint32_t end, const char *fmt, ...)
{
    lint_finding *f = push(cx, rule, file, src, off, end);
    va_list ap;
    va_start(ap, fmt);
    f->message = diag_vformat(&cx->report->mem, fmt, ap);
    va_end(ap);
    return f;
}

void lint_hint(lint_ctx *cx, lint_finding *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    f->hint = diag_vformat(&cx->report->mem, fmt, ap);
    va_end(ap);
}

void lint_fix(lint_ctx *cx, lint_finding *f, const oci_doc *d, oci_span span, const char *text)
{
    if (d->map) return;   /* JSON strings: a text offset is not a place to edit */
    f->has_fix = 1;
    f->fix_off = span.off;
    f->fix_end = span.off + span.len;
    f->fix_text = arena_strndup(&cx->report->mem, text, strlen(text));
}

void lint_related(lint_ctx *cx, lint_finding *f, const oci_doc *d, oci_span at)
{
    (void)cx;
    f->related_file = d->src.name;
    oci_doc_position((oci_doc *)d, at.off, &f->related_line, &f->related_col);
}

void lint_about(lint_ctx *cx, lint_finding *f, const oci_doc *d, const oci_stmt *st)
{
    (void)cx;
    uint32_t col;
    oci_doc_position((oci_doc *)d, st->span.off, &f->stmt_line, &col);
    f->anchor = oci_text(d, st->span);
    f->anchor_len = st->span.len;
}

/* ---- configuration ------------------------------------------------------------------ */

void lint_config_init(lint_config *c)
{
    memset(c, 0, sizeof *c);
    for (int i = 0; i < LINT_NRULES; i++) c->severity[i] = lint_rules[i].severity;
    c->fail_on = LINT_WARNING;
}

void lint_config_free(lint_config *c)
{
    for (size_t i = 0; i < c->nignores; i++) free(c->ignores[i].path);
    free(c->ignores);
    for (size_t i = 0; i < c->nbaseline; i++) free(c->baseline[i]);
    free(c->baseline);
    free(c->baseline_used);
}

static int cfg_error(char *err, size_t errlen, const char *path, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static int cfg_error(char *err, size_t errlen, const char *path, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    snprintf(err, errlen, "%s: %s", path, msg);
    return -1;
}

static int rule_arg(json_t *v, const char *path, const char *what, int *rule, char *err, size_t errlen)
{
    const char *s = json_string_value(v);
    if (!s) return cfg_error(err, errlen, path, "%s: a rule is a string (an ID such as OCI012, or a name)", what);
    *rule = lint_rule_find(s, strlen(s));
    if (*rule < 0) return cfg_error(err, errlen, path, "%s: unknown rule '%s'", what, s);
    return 0;
}

static int load_ignores(lint_config *c, json_t *list, const char *path, char *err, size_t errlen)
{
    if (!json_is_array(list)) return cfg_error(err, errlen, path, "\"ignore\" must be an array");
    for (size_t i = 0; i < json_array_size(list); i++) {
        json_t *e = json_array_get(list, i);
        const char *pat = json_is_string(e) ? json_string_value(e) : json_string_value(json_object_get(e, "path"));
        if (!pat) return cfg_error(err, errlen, path, "ignore[%zu]: a path pattern, or {\"path\": …, \"rules\": […]}", i);
        c->ignores = realloc(c->ignores, (c->nignores + 1) * sizeof *c->ignores);
        if (!c->ignores) abort();
        lint_ignore *ig = &c->ignores[c->nignores++];
        memset(ig, 0, sizeof *ig);
        ig->path = strdup(pat);
        json_t *rules = json_is_object(e) ? json_object_get(e, "rules") : NULL;
        if (!rules) {
            ig->any_rule = 1;
            continue;
        }
        if (!json_is_array(rules)) return cfg_error(err, errlen, path, "ignore[%zu].rules must be an array", i);
        for (size_t k = 0; k < json_array_size(rules); k++) {
            int r;
            if (rule_arg(json_array_get(rules, k), path, "ignore", &r, err, errlen)) return -1;
            ig->rules[r] = 1;
        }
    }
    return 0;
}

int lint_config_load(lint_config *c, const char *path, char *err, size_t errlen)
{
    json_error_t jerr;
    json_t *root = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
    if (!root) {
        if (jerr.line < 0 || jerr.position == 0) return cfg_error(err, errlen, path, "%s", jerr.text);
        return cfg_error(err, errlen, path, "line %d, column %d: %s", jerr.line, jerr.column, jerr.text);
    }
    int rc = -1;
    json_t *lint = json_object_get(root, "lint");
    if (!json_is_object(root) || !json_is_object(lint)) {
        cfg_error(err, errlen, path, "expected {\"lint\": {…}} (docs/lint.md, Configuration)");
        goto out;
    }
    const char *key;
    json_t *v;
    json_object_foreach(lint, key, v) {
        if (strcmp(key, "disable") == 0) {
            if (!json_is_array(v)) { cfg_error(err, errlen, path, "\"disable\" must be an array of rules"); goto out; }
            for (size_t i = 0; i < json_array_size(v); i++) {
                int r;
                if (rule_arg(json_array_get(v, i), path, "disable", &r, err, errlen)) goto out;
                c->severity[r] = LINT_OFF;
            }
        } else if (strcmp(key, "severity") == 0) {
            if (!json_is_object(v)) { cfg_error(err, errlen, path, "\"severity\" must map rules to severities"); goto out; }
            const char *rk;
            json_t *sv;
            json_object_foreach(v, rk, sv) {
                int r = lint_rule_find(rk, strlen(rk));
                lint_severity s;
                if (r < 0) { cfg_error(err, errlen, path, "severity: unknown rule '%s'", rk); goto out; }
                if (!json_is_string(sv) || lint_severity_parse(json_string_value(sv), &s)) {
                    cfg_error(err, errlen, path, "severity of %s: error, warning, info or off", rk);
                    goto out;
                }
                c->severity[r] = s;
            }
        } else if (strcmp(key, "ignore") == 0) {
            if (load_ignores(c, v, path, err, errlen)) goto out;
        } else if (strcmp(key, "fail_on") == 0) {
            lint_severity s;
            if (!json_is_string(v) || lint_severity_parse(json_string_value(v), &s) || s == LINT_OFF) {
                cfg_error(err, errlen, path, "\"fail_on\": error, warning or info");
                goto out;
            }
            c->fail_on = s;
            c->fail_on_set = 1;
        } else {
            cfg_error(err, errlen, path, "unknown member \"lint.%s\" (disable, severity, ignore, fail_on)", key);
            goto out;
        }
    }
    rc = 0;
out:
    json_decref(root);
    return rc;
}

static int cmp_cstr(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int lint_baseline_load(lint_config *c, const char *path, char *err, size_t errlen)
{
    json_error_t jerr;
    json_t *root = json_load_file(path, 0, &jerr);
    if (!root) return cfg_error(err, errlen, path, "%s", jerr.text);
    json_t *list = json_is_array(root) ? root : json_object_get(root, "findings");
    if (!json_is_array(list)) {
        json_decref(root);
        return cfg_error(err, errlen, path, "a baseline is the output of 'iamc lint --format json'");
    }
    for (size_t i = 0; i < json_array_size(list); i++) {
        const char *fp = json_string_value(json_object_get(json_array_get(list, i), "fingerprint"));
        if (!fp) {
            json_decref(root);
            return cfg_error(err, errlen, path, "finding %zu has no \"fingerprint\"", i);
        }
        c->baseline = realloc(c->baseline, (c->nbaseline + 1) * sizeof *c->baseline);
        if (!c->baseline) abort();
        c->baseline[c->nbaseline++] = strdup(fp);
    }
    json_decref(root);
    if (c->nbaseline) qsort(c->baseline, c->nbaseline, sizeof *c->baseline, cmp_cstr);
    c->baseline_used = calloc(c->nbaseline + 1, 1);
    if (!c->baseline_used) abort();
    return 0;
}

/* ---- finishing ---------------------------------------------------------------------- */

/* FNV-1a over the rule, the file, the statement text with blanks collapsed and ASCII case
 * folded, and the message: moving a statement to another line keeps its fingerprint. */
static void fingerprint(lint_report *r, lint_finding *f)
{
    uint64_t h = 14695981039346656037ull;
#define MIX(c) (h = (h ^ (unsigned char)(c)) * 1099511628211ull)
    for (const char *p = lint_rules[f->rule].id; *p; p++) MIX(*p);
    MIX(0);
    for (const char *p = f->file; *p; p++) MIX(*p);
    MIX(0);
    int blank = 0;
    for (uint32_t i = 0; i < f->anchor_len; i++) {
        unsigned char c = (unsigned char)f->anchor[i];
        if (isspace(c)) {
            blank = 1;
            continue;
        }
        if (blank) MIX(' ');
        blank = 0;
        MIX(tolower(c));
    }
    MIX(0);
    for (const char *p = f->message; *p; p++) MIX(*p);
#undef MIX
    char text[40];
    snprintf(text, sizeof text, "%s/%016llx", lint_rules[f->rule].id, (unsigned long long)h);
    f->fingerprint = arena_strndup(&r->mem, text, strlen(text));
}

/* Does the comment at C (in D) say to ignore RULE?  "# iamc:ignore" alone ignores every rule;
 * "# iamc:ignore OCI012, unknown-variable" the ones named.  FILE_WIDE: the ignore-file form. */
static int text_ignores(const char *t, const char *end, lint_rule_id rule, int *file_wide)
{
    const char *p = t;
    while (p < end && (*p == '#' || *p == ' ' || *p == '\t')) p++;
    static const char tag[] = "iamc:ignore";
    if ((size_t)(end - p) < sizeof tag - 1 || strncasecmp(p, tag, sizeof tag - 1) != 0) return 0;
    p += sizeof tag - 1;
    *file_wide = 0;
    if ((size_t)(end - p) >= 5 && strncasecmp(p, "-file", 5) == 0) *file_wide = 1, p += 5;
    if (p < end && *p != ' ' && *p != '\t' && *p != ':') return 0;
    int named = 0;
    while (p < end) {
        while (p < end && (*p == ' ' || *p == '\t' || *p == ',' || *p == ':')) p++;
        const char *w = p;
        while (p < end && (isalnum((unsigned char)*p) || *p == '-' || *p == '_')) p++;
        if (p == w) break;   /* the rest is a free-text reason */
        int r = lint_rule_find(w, (size_t)(p - w));
        if (r < 0) break;
        named = 1;
        if (r == (int)rule) return 1;
    }
    return !named;
}

static int comment_ignores(const oci_doc *d, const oci_comment *c, lint_rule_id rule, int *file_wide)
{
    const char *t = d->src.text + oci_doc_source_offset(d, c->span.off);
    return text_ignores(t, t + c->span.len, rule, file_wide);
}

/* EncryptionConfiguration (YAML): the same comments, found by scanning the lines ('#' at the
 * start of a line or after a blank).  A comment covers the line it ends (or, alone on its
 * line, the next line that is not blank or a comment) and the lines nested under that one. */
static int line_indent(const char *ls, const char *le, int *blank)
{
    const char *p = ls;
    while (p < le && (*p == ' ' || *p == '\t')) p++;
    *blank = p == le || *p == '#' || *p == '\r';
    return (int)(p - ls);
}

static int yaml_ignored(const lint_finding *f)
{
    const char *t = f->src->text, *end = t + f->src->len;
    uint32_t line = 1;
    for (const char *ls = t; ls < end; line++) {
        const char *le = memchr(ls, '\n', (size_t)(end - ls));
        if (!le) le = end;
        int alone = 1;
        for (const char *p = ls; p < le; p++) {
            if (*p == '#' && (p == ls || p[-1] == ' ' || p[-1] == '\t')) {
                int file_wide = 0;
                if (!text_ignores(p, le, f->rule, &file_wide)) break;
                if (file_wide) return 1;
                /* the covered line: this one, or the next that holds code */
                const char *cs = ls, *ce = le;
                uint32_t first = line;
                int blank = 0, indent = line_indent(cs, ce, &blank);
                while (alone && cs < end) {
                    cs = ce + 1;
                    if (cs >= end) return 0;
                    ce = memchr(cs, '\n', (size_t)(end - cs));
                    if (!ce) ce = end;
                    first++;
                    indent = line_indent(cs, ce, &blank);
                    if (!blank) break;
                }
                if (f->line < first) break;
                if (f->line == first) return 1;
                /* the lines nested under it: more indented, up to the next line that is not */
                uint32_t last = first;
                for (const char *ns = ce + 1; ns < end; ) {
                    const char *ne = memchr(ns, '\n', (size_t)(end - ns));
                    if (!ne) ne = end;
                    int nb, ni = line_indent(ns, ne, &nb);
                    if (!nb && ni <= indent) break;
                    last++;
                    ns = ne + 1;
                }
                if (f->line <= last) return 1;
                break;
            }
            if (*p != ' ' && *p != '\t') alone = 0;
        }
        ls = le + 1;
    }
    return 0;
}

static int inline_ignored(lint_ctx *cx, const lint_finding *f)
{
    if (f->order >= cx->ninputs || !f->src) return 0;
    if (cx->inputs[f->order].k8s) return yaml_ignored(f);
    const oci_doc *d = cx->inputs[f->order].doc;
    if (!d || f->src != &d->src) return 0;
    for (const oci_comment *c = d->comments; c; c = c->next) {
        int file_wide = 0;
        if (!comment_ignores(d, c, f->rule, &file_wide)) continue;
        if (file_wide) return 1;
        uint32_t off = oci_doc_source_offset(d, c->span.off), line, col;
        source_position((source *)&d->src, off, &line, &col);
        /* a comment after code covers that line; a comment alone on its line the next line */
        const char *ls = d->src.text + off - (col - 1);
        int alone = 1;
        for (const char *p = ls; p < d->src.text + off; p++)
            if (*p != ' ' && *p != '\t') alone = 0;
        uint32_t covers = alone ? line + 1 : line;
        if (f->line == covers || f->stmt_line == covers || (!alone && f->stmt_line && f->stmt_line <= line && line <= f->line))
            return 1;
    }
    return 0;
}

static int path_ignored(const lint_config *cfg, const lint_finding *f)
{
    for (size_t i = 0; i < cfg->nignores; i++) {
        const lint_ignore *ig = &cfg->ignores[i];
        if (!ig->any_rule && !ig->rules[f->rule]) continue;
        const char *file = f->file;
        if (strncmp(file, "./", 2) == 0) file += 2;
        if (fnmatch(ig->path, file, 0) == 0) return 1;
        /* a directory pattern covers what is below it */
        size_t n = strlen(ig->path);
        if (n && strncmp(file, ig->path, n) == 0 && (ig->path[n - 1] == '/' || file[n] == '/')) return 1;
    }
    return 0;
}

static int in_baseline(const lint_config *cfg, const char *fp)
{
    size_t lo = 0, hi = cfg->nbaseline;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (strcmp(cfg->baseline[mid], fp) < 0) lo = mid + 1;
        else hi = mid;
    }
    /* a multiset: each baseline entry excuses one finding */
    for (size_t i = lo; i < cfg->nbaseline && strcmp(cfg->baseline[i], fp) == 0; i++)
        if (!cfg->baseline_used[i]) {
            cfg->baseline_used[i] = 1;
            return 1;
        }
    return 0;
}

static int cmp_finding(const void *a, const void *b)
{
    const lint_finding *x = a, *y = b;
    if (x->order != y->order) return x->order < y->order ? -1 : 1;
    if (x->file != y->file) {
        int c = strcmp(x->file, y->file);
        if (c) return c;
    }
    if (x->off != y->off) return x->off < y->off ? -1 : 1;
    if (x->rule != y->rule) return x->rule < y->rule ? -1 : 1;
    return strcmp(x->message, y->message);
}

size_t lint_finish(lint_ctx *cx, const lint_config *cfg)
{
    lint_report *r = cx->report;
    if (r->n) qsort(r->v, r->n, sizeof *r->v, cmp_finding);
    size_t kept = 0, failing = 0;
    for (size_t i = 0; i < r->n; i++) {
        lint_finding f = r->v[i];
        f.severity = cfg->severity[f.rule];
        if (f.severity == LINT_OFF || path_ignored(cfg, &f) || inline_ignored(cx, &f)) continue;
        fingerprint(r, &f);
        if (cfg->nbaseline && in_baseline(cfg, f.fingerprint)) continue;
        if (cfg->fail_on != LINT_OFF && f.severity <= cfg->fail_on) failing++;
        r->v[kept++] = f;
    }
    r->n = kept;
    return failing;
}
