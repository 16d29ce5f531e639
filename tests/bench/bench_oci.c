/* OCI front-end benchmark: parse throughput on a ~100 MB generated policy file next to
 * `wc -l` on the same file in the same run, arena bytes per statement, peak RSS, and the
 * latency of parsing one small policy.  Figures to compare run to run; not a test. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include "../gen/oci_gen.h"
#include "iamc.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return v[n / 2];
}

/* Realistic mix: three in four statements canonical, one written by hand (odd case and
 * spacing, line breaks inside), a comment line now and then. */
static void generate(const char *path, size_t target)
{
    struct stat st;
    if (stat(path, &st) == 0 && (size_t)st.st_size >= target) return;
    FILE *f = fopen(path, "wb");
    if (!f) { perror(path); exit(2); }
    gen_rng r = {1};
    buf b;
    buf_init(&b);
    size_t total = 0;
    while (total < target) {
        b.len = 0;
        for (int i = 0; i < 1000; i++) {
            if (gen_next(&r) % 50 == 0) buf_puts(&b, "# reviewed by the platform team\n");
            gen_oci_statement(&r, &b, gen_next(&r) % 4 == 0);
            buf_putc(&b, '\n');
        }
        fwrite(b.data, 1, b.len, f);
        total += b.len;
    }
    buf_free(&b);
    fclose(f);
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "build/bench";
    int reps = argc > 2 ? atoi(argv[2]) : 5;
    char path[4096], cmd[4200];
    snprintf(path, sizeof path, "%s/oci-100mb.pol", dir);
    generate(path, 100u * 1000 * 1000);
    struct stat st;
    stat(path, &st);
    double mb = (double)st.st_size / 1e6;

    /* wc -l on the same file, warm cache, same repetitions */
    snprintf(cmd, sizeof cmd, "wc -l < '%s' > /dev/null", path);
    if (system(cmd) != 0) return 2;
    double wc[32], parse[32];
    for (int i = 0; i < reps; i++) {
        double t = now();
        if (system(cmd) != 0) return 2;
        wc[i] = now() - t;
    }
    size_t nstmts = 0, mem = 0;
    for (int i = 0; i < reps; i++) {
        char err[256];
        double t = now();
        iamc_doc *doc = iamc_doc_load(path, IAMC_LANG_OCI, err, sizeof err);
        parse[i] = now() - t;
        if (!doc || iamc_doc_error_count(doc)) {
            fprintf(stderr, "bench: unexpected parse failure\n");
            return 2;
        }
        nstmts = iamc_doc_count(doc);
        mem = iamc_doc_memory(doc);
        iamc_doc_free(doc);
    }
    double wc_s = median(wc, reps), parse_s = median(parse, reps);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);

    /* latency: one 20-statement policy, parsed from memory many times */
    gen_rng r = {7};
    buf small;
    buf_init(&small);
    for (int i = 0; i < 20; i++) {
        gen_oci_statement(&r, &small, 0);
        buf_putc(&small, '\n');
    }
    enum { LAT = 20000 };
    static double lat[LAT];
    for (int i = 0; i < LAT; i++) {
        double t = now();
        iamc_doc *doc = iamc_doc_parse("small.pol", small.data, small.len, IAMC_LANG_OCI);
        iamc_doc_free(doc);
        lat[i] = now() - t;
    }
    qsort(lat, LAT, sizeof *lat, cmp_double);

    printf("oci-parse: file %.1f MB, %zu statements, median of %d runs\n", mb, nstmts, reps);
    printf("oci-parse: throughput %.1f MB/s, %.0f statements/s (%.3f s)\n", mb / parse_s, (double)nstmts / parse_s, parse_s);
    printf("oci-parse: wc -l %.1f MB/s (%.3f s); iamc/wc ratio %.1f%% (target >= 25%%)\n", mb / wc_s, wc_s,
           100.0 * wc_s / parse_s);
    printf("oci-parse: arena %.1f bytes/statement (target <= 256); peak RSS %.1f MB\n", (double)mem / (double)nstmts,
           (double)ru.ru_maxrss / 1024.0);
    printf("oci-parse: 20-statement policy (%zu bytes): median %.1f us, p99 %.1f us, %.0f policies/s\n", small.len,
           lat[LAT / 2] * 1e6, lat[LAT * 99 / 100] * 1e6, 1.0 / lat[LAT / 2]);
    buf_free(&small);
    return 0;
}
