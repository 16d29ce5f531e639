/* lint/output: findings as compiler-style text, as JSON (one object per finding), or as
 * SARIF 2.1.0 with the rule catalogue, locations and the mechanical fixes; and the
 * catalogue itself as text or Markdown (docs/rules.md). */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include "base/diag.h"
#include "base/json_util.h"
#include "lint/lint.h"

static const char *sarif_level(lint_severity s)
{
    static const char *const levels[] = {"error", "warning", "note", "none"};
    return levels[s];
}

/* "replace `x` by `y`", "delete `x`" or "insert `y`". */
static void fix_description(const lint_finding *f, buf *out)
{
    const char *old = f->src ? f->src->text + f->fix_off : "";
    size_t n = f->fix_end - f->fix_off;
    if (!n) {
        buf_puts(out, "insert `");
        diag_quote(out, f->fix_text, strlen(f->fix_text), 80);
        buf_putc(out, '`');
    } else if (!*f->fix_text) {
        buf_puts(out, "delete `");
        diag_quote(out, old, n, 80);
        buf_putc(out, '`');
    } else {
        buf_puts(out, "replace `");
        diag_quote(out, old, n, 80);
        buf_puts(out, "` by `");
        diag_quote(out, f->fix_text, strlen(f->fix_text), 80);
        buf_putc(out, '`');
    }
}

void lint_print_text(const lint_report *r, buf *out)
{
    size_t count[3] = {0, 0, 0};
    for (size_t i = 0; i < r->n; i++) {
        const lint_finding *f = &r->v[i];
        count[f->severity]++;
        char label[64];
        snprintf(label, sizeof label, "%s[%s]", lint_severity_name(f->severity), lint_rules[f->rule].id);
        if (f->src) {
            diag d = {DIAG_WARNING, f->src, f->off, f->end, f->line, f->col, f->message, f->hint, NULL, NULL};
            diag_render_label(&d, label, out);
            if (f->pointer) buf_printf(out, " at: %s\n", f->pointer);
        } else {
            buf_printf(out, "%s: %s: %s\n", f->file, label, f->message);
            if (f->hint) buf_printf(out, " hint: %s\n", f->hint);
        }
        if (f->has_fix) {
            buf_puts(out, " fix: ");
            fix_description(f, out);
            buf_putc(out, '\n');
        }
        if (f->related_file) buf_printf(out, " note: see %s:%u:%u\n", f->related_file, f->related_line, f->related_col);
    }
    if (r->n)
        buf_printf(out, "%zu finding%s: %zu error%s, %zu warning%s, %zu info\n", r->n, r->n == 1 ? "" : "s", count[0],
                   count[0] == 1 ? "" : "s", count[1], count[1] == 1 ? "" : "s", count[2]);
}

static json_t *str(const char *s) { return json_text(s, strlen(s)); }

static json_t *finding_json(const lint_finding *f)
{
    json_t *o = json_object();
    json_object_set_new(o, "rule", json_string(lint_rules[f->rule].id));
    json_object_set_new(o, "name", json_string(lint_rules[f->rule].name));
    json_object_set_new(o, "severity", json_string(lint_severity_name(f->severity)));
    json_object_set_new(o, "file", str(f->file));
    json_object_set_new(o, "line", json_integer(f->line));
    json_object_set_new(o, "col", json_integer(f->col));
    json_object_set_new(o, "end_line", json_integer(f->end_line));
    json_object_set_new(o, "end_col", json_integer(f->end_col));
    json_object_set_new(o, "offset", json_integer(f->off));
    json_object_set_new(o, "end", json_integer(f->end));
    json_object_set_new(o, "message", str(f->message));
    if (f->pointer) json_object_set_new(o, "pointer", str(f->pointer));
    if (f->hint) json_object_set_new(o, "hint", str(f->hint));
    if (f->has_fix) {
        buf b;
        buf_init(&b);
        fix_description(f, &b);
        json_object_set_new(o, "fix", json_pack("{s:I,s:I,s:o,s:o}", "offset", (json_int_t)f->fix_off, "end",
                                                (json_int_t)f->fix_end, "replacement", str(f->fix_text),
                                                "description", str(b.data)));
        buf_free(&b);
    }
    if (f->related_file)
        json_object_set_new(o, "related", json_pack("{s:o,s:I,s:I}", "file", str(f->related_file), "line",
                                                    (json_int_t)f->related_line, "col", (json_int_t)f->related_col));
    json_object_set_new(o, "fingerprint", json_string(f->fingerprint));
    return o;
}

void lint_print_json(const lint_report *r, buf *out)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < r->n; i++) json_array_append_new(arr, finding_json(&r->v[i]));
    json_print_lines(out, arr);
}

/* ---- SARIF ------------------------------------------------------------------------------ */

/* A relative URI reference: unreserved characters and '/' as they are, the rest %XX. */
static json_t *uri(const char *path)
{
    buf b;
    buf_init(&b);
    if (strncmp(path, "./", 2) == 0) path += 2;
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || strchr("-._~/", *p))
            buf_putc(&b, (char)*p);
        else
            buf_printf(&b, "%%%02X", *p);
    }
    json_t *s = json_string(b.data ? b.data : "");
    buf_free(&b);
    return s;
}

static json_t *rule_json(int i)
{
    const lint_rule *r = &lint_rules[i];
    buf md;
    buf_init(&md);
    buf_printf(&md, "%s\n\nBad:\n\n    %s\n\nGood:\n\n    %s\n", r->why, r->bad, r->good);
    if (r->fix) buf_printf(&md, "\nFix: %s.\n", r->fix);
    buf help;
    buf_init(&help);
    buf_printf(&help, "%s Bad: %s  Good: %s", r->why, r->bad, r->good);
    json_t *o = json_pack("{s:s,s:s,s:{s:s},s:{s:s},s:{s:s,s:s},s:{s:s},s:{s:[s]}}", "id", r->id, "name", r->name,
                          "shortDescription", "text", r->summary, "fullDescription", "text", r->why, "help", "text",
                          help.data, "markdown", md.data, "defaultConfiguration", "level", sarif_level(r->severity),
                          "properties", "tags", r->lang == LINT_LANG_OCI ? "oci" : r->lang == LINT_LANG_RAM ? "ram" : "k8s");
    buf_free(&md);
    buf_free(&help);
    return o;
}

static json_t *region(uint32_t line, uint32_t col, uint32_t end_line, uint32_t end_col)
{
    json_t *o = json_pack("{s:I,s:I}", "startLine", (json_int_t)line, "startColumn", (json_int_t)col);
    if (end_line) {
        json_object_set_new(o, "endLine", json_integer(end_line));
        json_object_set_new(o, "endColumn", json_integer(end_col > col || end_line > line ? end_col : col + 1));
    }
    return o;
}

static json_t *result_json(const lint_finding *f)
{
    json_t *o = json_object();
    json_object_set_new(o, "ruleId", json_string(lint_rules[f->rule].id));
    json_object_set_new(o, "ruleIndex", json_integer(f->rule));
    json_object_set_new(o, "level", json_string(sarif_level(f->severity)));
    buf msg;
    buf_init(&msg);
    buf_puts(&msg, f->message);
    if (f->hint) buf_printf(&msg, " (%s)", f->hint);
    json_object_set_new(o, "message", json_pack("{s:o}", "text", str(msg.data)));
    buf_free(&msg);
    json_t *phys = json_pack("{s:{s:o}}", "artifactLocation", "uri", uri(f->file));
    if (f->src) json_object_set_new(phys, "region", region(f->line, f->col, f->end_line, f->end_col));
    json_object_set_new(o, "locations", json_pack("[{s:o}]", "physicalLocation", phys));
    json_object_set_new(o, "partialFingerprints", json_pack("{s:s}", "iamcFingerprint/v1", f->fingerprint));
    if (f->pointer) json_object_set_new(o, "properties", json_pack("{s:o}", "jsonPointer", str(f->pointer)));
    if (f->related_file) {
        json_t *rel = json_pack("{s:i,s:{s:{s:o},s:o},s:{s:s}}", "id", 1, "physicalLocation", "artifactLocation", "uri",
                                uri(f->related_file), "region", region(f->related_line, f->related_col, 0, 0), "message",
                                "text", "the related statement");
        json_object_set_new(o, "relatedLocations", json_pack("[o]", rel));
    }
    if (f->has_fix) {
        buf desc;
        buf_init(&desc);
        fix_description(f, &desc);
        json_t *rep = json_pack("{s:{s:I,s:I},s:{s:o}}", "deletedRegion", "byteOffset", (json_int_t)f->fix_off,
                                "byteLength", (json_int_t)(f->fix_end - f->fix_off), "insertedContent", "text",
                                str(f->fix_text));
        json_t *fix = json_pack("{s:{s:o},s:[{s:{s:o},s:[o]}]}", "description", "text", str(desc.data), "artifactChanges",
                                "artifactLocation", "uri", uri(f->file), "replacements", rep);
        json_object_set_new(o, "fixes", json_pack("[o]", fix));
        buf_free(&desc);
    }
    return o;
}

void lint_print_sarif(const lint_report *r, buf *out)
{
    json_t *rules = json_array();
    for (int i = 0; i < LINT_NRULES; i++) json_array_append_new(rules, rule_json(i));
    json_t *results = json_array();
    for (size_t i = 0; i < r->n; i++) json_array_append_new(results, result_json(&r->v[i]));
    json_t *driver = json_pack("{s:s,s:s,s:s,s:o}", "name", "iamc", "version", IAMC_VERSION, "informationUri",
                               "https://github.com/iamc/iamc/blob/main/docs/rules.md", "rules", rules);
    json_t *root = json_pack("{s:s,s:s,s:[{s:{s:o},s:o}]}", "$schema", "https://json.schemastore.org/sarif-2.1.0.json",
                             "version", "2.1.0", "runs", "tool", "driver", driver, "results", results);
    char *s = json_dumps(root, JSON_PRESERVE_ORDER | JSON_INDENT(2));
    buf_puts(out, s);
    buf_putc(out, '\n');
    free(s);
    json_decref(root);
}

/* ---- the catalogue ---------------------------------------------------------------------- */

static void indent_block(buf *out, const char *text)
{
    buf_puts(out, "```\n");
    buf_puts(out, text);
    buf_puts(out, "\n```\n");
}

/* The catalogue as a JSON array, one object per rule (docs/lint.md). */
void lint_print_rules_json(buf *out)
{
    static const char *const langs[] = {"oci", "ram", "k8s"};
    json_t *arr = json_array();
    for (int i = 0; i < LINT_NRULES; i++) {
        const lint_rule *r = &lint_rules[i];
        json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "id", r->id, "name", r->name, "lang",
                              langs[r->lang], "severity", lint_severity_name(r->severity), "summary", r->summary,
                              "why", r->why, "bad", r->bad, "good", r->good);
        json_object_set_new(o, "fix", r->fix ? json_string(r->fix) : json_null());
        json_array_append_new(arr, o);
    }
    char *text = json_dumps(arr, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    buf_puts(out, text);
    buf_putc(out, '\n');
    free(text);
    json_decref(arr);
}

void lint_print_rules(int markdown, buf *out)
{
    if (!markdown) {
        /* columns as wide as the longest name and severity in the table */
        int wname = 0, wsev = 0;
        for (int i = 0; i < LINT_NRULES; i++) {
            int n = (int)strlen(lint_rules[i].name), v = (int)strlen(lint_severity_name(lint_rules[i].severity));
            if (n > wname) wname = n;
            if (v > wsev) wsev = v;
        }
        for (int i = 0; i < LINT_NRULES; i++)
            buf_printf(out, "%s  %-*s  %-*s  %s\n", lint_rules[i].id, wname, lint_rules[i].name, wsev,
                       lint_severity_name(lint_rules[i].severity), lint_rules[i].summary);
        return;
    }
    buf_puts(out,
             "# Lint rules\n\n"
             "<!-- Generated by `iamc lint --list-rules --format markdown` from src/lint/rules.c;\n"
             "     tests/golden/cases/lint-rules-markdown keeps the two equal. -->\n\n"
             "`iamc lint` (and `iamc check`) checks OCI policies (OCI…), RAM / AWS JSON policies (RAM…)\n"
             "and Kubernetes EncryptionConfiguration files (K8S…, with the API server's own messages;\n"
             "docs/encryption-config.md) against the rules below. Every rule has a stable ID and\n"
             "name (either may be used in `.iamc.json`, `# iamc:ignore` comments and `--fail-on`),\n"
             "a default severity (`error`, `warning` or `info`), and, where the change is mechanical,\n"
             "a fix that `--format sarif` carries as a SARIF `fix` and text output shows as `fix:`.\n"
             "Rules marked *(cross-file)* look at several files (or a `--world`) together;\n"
             "*(--world)* ones need the world.  Usage, output formats and configuration: docs/lint.md.\n\n"
             "| ID | name | severity | summary |\n|---|---|---|---|\n");
    for (int i = 0; i < LINT_NRULES; i++)
        buf_printf(out, "| [%s](#%s) | `%s` | %s | %s |\n", lint_rules[i].id, lint_rules[i].id, lint_rules[i].name,
                   lint_severity_name(lint_rules[i].severity), lint_rules[i].summary);
    for (int i = 0; i < LINT_NRULES; i++) {
        const lint_rule *r = &lint_rules[i];
        buf_printf(out, "\n<a id=\"%s\"></a>\n## %s `%s` (%s)\n\n%s.\n\n**Why.** %s\n\n**Bad**\n", r->id, r->id, r->name,
                   lint_severity_name(r->severity), r->summary, r->why);
        indent_block(out, r->bad);
        buf_puts(out, "\n**Good**\n");
        indent_block(out, r->good);
        if (r->fix) buf_printf(out, "\n**Fix.** %s.\n", r->fix);
    }
}
