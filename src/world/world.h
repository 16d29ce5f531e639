/* world: the tenancy model a decision is made in (docs/world.md): tenancies with their
 * compartment trees, groups, dynamic groups (with matching rules) and policies (with
 * parsed statements), loaded from one JSON file. */
#ifndef IAMC_WORLD_WORLD_H
#define IAMC_WORLD_WORLD_H
#include <stddef.h>
#include "base/arena.h"
#include "base/diag.h"
#include "oci/ast.h"

typedef struct world_compartment {
    const char *name, *id;
    int parent;               /* index in the tenancy's array; -1 for the root (the tenancy) */
    int depth;                /* root 0 */
} world_compartment;

typedef struct world_group {
    const char *name, *domain, *id;
} world_group;

typedef struct world_dynamic_group {
    const char *name, *domain, *id;
    oci_doc *rule;            /* the matching rule */
} world_dynamic_group;

typedef struct world_policy {
    const char *name;
    int compartment;          /* where it is attached */
    oci_doc *doc;             /* its statements */
    const char *pointer;      /* JSON Pointer of the policy in the world file */
} world_policy;

typedef struct world_tenancy {
    const char *name, *id;
    int deny_enabled;         /* the opt-in Deny feature */
    world_compartment *compartments;  /* [0] is the root compartment: the tenancy itself */
    size_t ncompartments;
    world_group *groups;
    size_t ngroups;
    world_dynamic_group *dynamic_groups;
    size_t ndynamic_groups;
    world_policy *policies;
    size_t npolicies;
} world_tenancy;

typedef struct world {
    arena mem;
    source src;
    diag_list diags;          /* errors in the world file and in every policy */
    world_tenancy *tenancies;
    size_t ntenancies;
} world;

/* Load PATH.  NULL only when the file cannot be read (ERR says why); otherwise check
 * w->diags.errors. */
world *world_load(const char *path, char *err, size_t errlen);
/* A world from LEN bytes of JSON TEXT (copied), named NAME in diagnostics; policies must
 * have inline "statements" (a "file" is read relative to the working directory). */
world *world_load_text(const char *name, const char *text, size_t len);
void world_free(world *w);

const world_tenancy *world_tenancy_find(const world *w, const char *name_or_id);
/* A compartment by OCID, name, or path A:B:C from the root; -1 when there is none. */
int world_compartment_find(const world_tenancy *t, const char *ref);
/* Is compartment C the same as, or below, compartment ANCESTOR? */
int world_compartment_within(const world_tenancy *t, int c, int ancestor);

#endif
