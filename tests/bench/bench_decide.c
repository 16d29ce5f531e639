/* Decision benchmark: worlds of 10, 1 000 and 10 000 statements (many groups and
 * compartments, conditions on key OCIDs), side by side: load (parse + compile) time and
 * memory, decisions/s on one thread and on two, median and p99 latency. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include "../gen/oci_gen.h"
#include "iamc.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long rss_kb(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    long pages = 0, res = 0;
    if (f) {
        if (fscanf(f, "%ld %ld", &pages, &res) != 2) res = 0;
        fclose(f);
    }
    return res * 4;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

enum { COMPARTMENTS = 200, KEYS = 500 };

static void write_world(const char *path, int nstmts, int ngroups)
{
    FILE *f = fopen(path, "w");
    if (!f) { perror(path); exit(2); }
    gen_rng r = {(uint64_t)nstmts};
    fprintf(f, "{\"tenancies\": [{\"name\": \"Bench\", \"id\": \"ocid1.tenancy.oc1..bench\", \"compartments\": [\n");
    /* 20 top-level compartments with 9 children each */
    for (int i = 0; i < 20; i++) {
        fprintf(f, "%s{\"name\": \"c%d\", \"id\": \"ocid1.compartment.oc1..c%d\", \"compartments\": [", i ? ",\n" : "", i, i);
        for (int k = 0; k < COMPARTMENTS / 20 - 1; k++)
            fprintf(f, "%s{\"name\": \"c%d-%d\", \"id\": \"ocid1.compartment.oc1..c%d-%d\"}", k ? ", " : "", i, k, i, k);
        fprintf(f, "]}");
    }
    fprintf(f, "],\n\"groups\": [");
    for (int g = 0; g < ngroups; g++) fprintf(f, "%s{\"name\": \"team-%d\", \"id\": \"ocid1.group.oc1..g%d\"}", g ? ", " : "", g, g);
    fprintf(f, "],\n\"dynamic_groups\": [{\"name\": \"clusters\", \"id\": \"ocid1.dynamicgroup.oc1..dg\", "
               "\"rule\": \"ALL {resource.type = 'cluster', resource.compartment.id = 'ocid1.compartment.oc1..c0'}\"}],\n"
               "\"policies\": [{\"name\": \"p\", \"statements\": [\n");
    static const char *const verbs[] = {"inspect", "read", "use", "manage"};
    static const char *const types[] = {"keys", "vaults", "secret-family", "clusters", "key-delegate"};
    for (int i = 0; i < nstmts; i++) {
        unsigned g = (unsigned)(gen_next(&r) % (uint64_t)ngroups), c = (unsigned)(gen_next(&r) % 20);
        unsigned k = (unsigned)(gen_next(&r) % KEYS), kind = (unsigned)(gen_next(&r) % 10);
        fprintf(f, "%s\"", i ? ",\n" : "");
        if (kind < 6)
            fprintf(f, "Allow group team-%u to use keys in compartment c%u where target.key.id = 'ocid1.key.oc1.iad.k%u'", g, c, k);
        else if (kind < 8)
            fprintf(f, "Allow group team-%u to %s %s in compartment c%u:c%u-%u", g, verbs[gen_next(&r) % 4],
                    types[gen_next(&r) % 5], c, c, (unsigned)(gen_next(&r) % 9));
        else if (kind < 9)
            fprintf(f, "Allow any-user to use keys in compartment c%u where ALL {request.principal.type = 'cluster', "
                       "target.key.id = 'ocid1.key.oc1.iad.k%u'}", c, k);
        else
            fprintf(f, "Allow group team-%u to {KEY_READ, KEY_DECRYPT} in compartment id ocid1.compartment.oc1..c%u", g, c);
        fprintf(f, "\"");
    }
    fprintf(f, "]}]}]}\n");
    fclose(f);
}

typedef struct job { const iamc_world *w; iamc_request **reqs; int nreq, iters; long allowed; } job;

static void *run_job(void *arg)
{
    job *j = arg;
    iamc_decision d;
    for (int it = 0; it < j->iters; it++)
        for (int i = 0; i < j->nreq; i++) j->allowed += iamc_decide(j->w, j->reqs[i], &d);
    return NULL;
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "build/bench";
    static const int sizes[] = {10, 1000, 10000};
    printf("decide: %-8s %10s %10s %12s %12s %10s %10s %8s\n", "stmts", "load ms", "load MB", "dec/s 1thr",
           "dec/s 2thr", "median ns", "p99 ns", "allowed");
    for (size_t si = 0; si < 3; si++) {
        int n = sizes[si], ngroups = n < 100 ? 5 : n / 20;
        char path[4096];
        snprintf(path, sizeof path, "%s/world-%d.json", dir, n);
        write_world(path, n, ngroups);
        char err[512];
        long before = rss_kb();
        double t0 = now();
        iamc_world *w = iamc_world_load(path, err, sizeof err);
        double load = now() - t0;
        long after = rss_kb();
        if (!w || iamc_world_error_count(w)) {
            fprintf(stderr, "bench: world %d failed: %s\n", n, w ? iamc_world_render_diagnostics(w) : err);
            return 2;
        }
        /* 1000 requests: users of random groups and clusters, keys in random compartments */
        enum { NREQ = 1000 };
        iamc_request *reqs[NREQ];
        gen_rng r = {99};
        for (int i = 0; i < NREQ; i++) {
            char json[1024];
            unsigned c = (unsigned)(gen_next(&r) % 20), k = (unsigned)(gen_next(&r) % KEYS);
            if (i % 5 == 0)
                snprintf(json, sizeof json, "{\"principal\": {\"tenancy\": \"Bench\", \"type\": \"cluster\", \"id\": \"ocid1.cluster.oc1..x%d\", "
                         "\"compartment\": \"c0\"}, \"permission\": \"KEY_DECRYPT\", \"target\": {\"compartment\": \"c%u:c%u-%u\"}, "
                         "\"variables\": {\"target.key.id\": \"ocid1.key.oc1.iad.k%u\", \"request.utc-timestamp\": \"2026-11-30T12:00:00Z\"}}",
                         i, c, c, (unsigned)(gen_next(&r) % 9), k);
            else
                snprintf(json, sizeof json, "{\"principal\": {\"tenancy\": \"Bench\", \"groups\": [\"team-%u\", \"team-%u\"]}, "
                         "\"permission\": \"%s\", \"target\": {\"compartment\": \"c%u\"}, "
                         "\"variables\": {\"target.key.id\": \"ocid1.key.oc1.iad.k%u\", \"request.utc-timestamp\": \"2026-11-30T12:00:00Z\"}}",
                         (unsigned)(gen_next(&r) % (uint64_t)ngroups), (unsigned)(gen_next(&r) % (uint64_t)ngroups),
                         i % 3 ? "KEY_DECRYPT" : "KEY_READ", c, k);
            reqs[i] = iamc_request_parse(w, json, strlen(json), err, sizeof err);
            if (!reqs[i]) {
                fprintf(stderr, "bench: request: %s\n", err);
                return 2;
            }
        }
        /* latency: each decision timed on its own */
        enum { LAT = 200000 };
        static double lat[LAT];
        iamc_decision d;
        long allowed = 0;
        for (int i = 0; i < LAT; i++) {
            double a = now();
            allowed += iamc_decide(w, reqs[i % NREQ], &d);
            lat[i] = now() - a;
        }
        qsort(lat, LAT, sizeof *lat, cmp_double);
        /* throughput: one thread, then two */
        int iters = 2000;
        job j1 = {w, reqs, NREQ, iters, 0};
        t0 = now();
        run_job(&j1);
        double one = (double)NREQ * iters / (now() - t0);
        job ja = {w, reqs, NREQ, iters, 0}, jb = {w, reqs, NREQ, iters, 0};
        pthread_t ta, tb;
        t0 = now();
        pthread_create(&ta, NULL, run_job, &ja);
        pthread_create(&tb, NULL, run_job, &jb);
        pthread_join(ta, NULL);
        pthread_join(tb, NULL);
        double two = 2.0 * NREQ * iters / (now() - t0);
        printf("decide: %-8d %10.1f %10.1f %12.0f %12.0f %10.0f %10.0f %7.0f%%\n", n, load * 1e3,
               (double)(after - before) / 1024.0, one, two, lat[LAT / 2] * 1e9, lat[LAT * 99 / 100] * 1e9,
               100.0 * (double)allowed / LAT);
        for (int i = 0; i < NREQ; i++) iamc_request_free(reqs[i]);
        iamc_world_free(w);
    }
    printf("decide: targets: median < 1000 ns and >= 1000000 dec/s on one thread at 10000 statements\n");
    return 0;
}
