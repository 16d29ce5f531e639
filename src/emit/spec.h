/* emit/spec: the bundle spec (docs/bundle.md), loaded and checked field by field.  Every
 * error names its field by JSON Pointer, with line:column in the spec file. */
#ifndef IAMC_EMIT_SPEC_H
#define IAMC_EMIT_SPEC_H
#include <stddef.h>
#include "base/arena.h"
#include "base/buf.h"

typedef struct emit_strings {
    const char **v;
    size_t n;
} emit_strings;

/* A group or dynamic group of a tenancy; NAME is NULL when the spec has none. */
typedef struct emit_principal {
    const char *name, *id;
    const char *alias;        /* the name the other tenancy's Define gives it, or NULL */
} emit_principal;

typedef struct emit_tenancy {
    const char *key;          /* its name in "tenancies": file names, default alias */
    const char *id;
    const char *alias;        /* the name the other tenancy's Define gives it, or NULL */
    emit_principal admin_group, dynamic_group;
} emit_tenancy;

typedef enum { EMIT_GRANT_ANY_USER, EMIT_GRANT_DYNAMIC_GROUP } emit_grant;

typedef struct emit_spec {
    arena mem;
    const char *file;         /* as named on the command line */
    char *text;               /* the spec's bytes (for the manifest's digest) */
    size_t len;
    const char *name, *cloud, *grant_name;
    emit_grant grant;
    struct { const char *id, *tenancy, *compartment; } key;
    struct {
        const char *name, *tenancy, *compartment_id, *kubernetes_version, *vcn_id, *id;
        emit_strings service_lb_subnet_ids;
    } cluster;
    emit_tenancy *tenancies;
    size_t ntenancies;
    /* resolved */
    const emit_tenancy *key_tenancy, *cluster_tenancy;
    int cross;                /* key and cluster in two tenancies */
    const char *region;       /* the cluster's region key, from the VCN OCID */
} emit_spec;

/* Read the spec from LEN bytes of TEXT, named NAME in messages.  On any error returns NULL
 * and appends one line per error to ERRORS ("NAME:LINE:COL: /pointer: message"). */
emit_spec *emit_spec_parse(const char *name, const char *text, size_t len, buf *errors);
void emit_spec_free(emit_spec *s);

/* The alias the other tenancy uses for T, for its group G (admin or dynamic). */
const char *emit_tenancy_alias(const emit_tenancy *t);
const char *emit_principal_alias(const emit_principal *p, arena *mem);

#endif
