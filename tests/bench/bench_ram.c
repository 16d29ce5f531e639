/* bench_ram: throughput of the JSON policy front end (iamc_doc_parse on RAM and AWS policies)
 * against jansson's own json_loadb on the same bytes, in the same run.  The corpus (>= 50 MB
 * of realistic documents, each within the clouds' size limits) is generated in memory from a
 * fixed seed, so runs compare.  Prints the median of REPS repetitions.
 * Usage: bench-ram [MEGABYTES [REPS]] */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "base/buf.h"
#include "iamc.h"

static uint64_t rng = 0x9E3779B97F4A7C15u;
static unsigned rnd(unsigned n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng % n);
}
#define PICK(a) (a)[rnd(sizeof(a) / sizeof *(a))]

static const char *const ram_actions[] = {
    "ecs:DescribeInstances", "ecs:StartInstance", "ecs:StopInstance", "ecs:Describe*", "oss:GetObject",
    "oss:PutObject", "oss:ListObjects", "kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey",
    "cs:DescribeClusters", "cs:UpdateKMSEncryption", "cs:Get*", "vpc:DescribeVpcs", "rds:Describe*",
    "ram:GetUser", "log:GetLogStore", "slb:DescribeLoadBalancers", "kms:GetSecretValue"};
static const char *const aws_actions[] = {
    "s3:GetObject", "s3:PutObject", "s3:ListBucket", "ec2:DescribeInstances", "ec2:StartInstances",
    "kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey*", "iam:GetRole", "eks:DescribeCluster",
    "dynamodb:GetItem", "sqs:SendMessage", "sns:Publish", "logs:PutLogEvents", "lambda:InvokeFunction"};
static const char *const regions[] = {"cn-hangzhou", "cn-beijing", "cn-shanghai", "*", "ap-southeast-1"};
static const char *const aws_regions[] = {"us-east-1", "us-west-2", "eu-west-1", "*", "ap-northeast-1"};
static const char *const ram_types[] = {"instance/i-bp1", "key/key-hzz6", "cluster/c815", "bucket-", "dbinstance/rm-"};

static void list(buf *b, const char *key, const char *const *items, size_t n, int indent)
{
    buf_printf(b, "%*s\"%s\": [\n", indent, "", key);
    for (size_t i = 0; i < n; i++) buf_printf(b, "%*s\"%s\"%s\n", indent + 2, "", items[i], i + 1 < n ? "," : "");
    buf_printf(b, "%*s]", indent, "");
}

static void ram_condition(buf *b)
{
    switch (rnd(5)) {
    case 0: buf_printf(b, ",\n      \"Condition\": {\n        \"IpAddress\": {\n          \"acs:SourceIp\": [\"%u.%u.0.0/16\", \"203.0.113.%u\"]\n        }\n      }", 10 + rnd(200), rnd(255), rnd(255)); break;
    case 1: buf_printf(b, ",\n      \"Condition\": {\n        \"Bool\": {\n          \"acs:MFAPresent\": \"true\"\n        }\n      }"); break;
    case 2: buf_printf(b, ",\n      \"Condition\": {\n        \"DateLessThan\": {\n          \"acs:CurrentTime\": \"20%02u-0%u-1%uT12:00:00+08:00\"\n        },\n        \"StringEquals\": {\n          \"acs:SourceVpc\": \"vpc-bp1k4jgl1rz%04u\"\n        }\n      }", 20 + rnd(10), 1 + rnd(9), rnd(10), rnd(10000)); break;
    default: break;
    }
}

static void ram_doc(buf *b)
{
    int trust = rnd(6) == 0;
    buf_puts(b, "{\n  \"Version\": \"1\",\n  \"Statement\": [\n");
    unsigned n = trust ? 1 : 1 + rnd(6);
    for (unsigned s = 0; s < n; s++) {
        buf_printf(b, "    {\n      \"Effect\": \"%s\",\n", rnd(4) ? "Allow" : "Deny");
        if (trust) {
            buf_printf(b, "      \"Principal\": {\n        \"RAM\": [\"acs:ram::%016u:root\"],\n        \"Service\": [\"ecs.aliyuncs.com\"]\n      },\n", rnd(1000000000));
            buf_puts(b, "      \"Action\": \"sts:AssumeRole\"");
        } else {
            const char *acts[8], *res[4];
            char rbuf[4][96];
            unsigned na = 1 + rnd(8), nr = 1 + rnd(4);
            for (unsigned i = 0; i < na; i++) acts[i] = PICK(ram_actions);
            for (unsigned i = 0; i < nr; i++) {
                snprintf(rbuf[i], sizeof rbuf[i], "acs:%s:%s:%016u:%s%08u*", rnd(2) ? "ecs" : "kms", PICK(regions),
                         rnd(1000000000), PICK(ram_types), rnd(100000000));
                res[i] = rbuf[i];
            }
            list(b, "Action", acts, na, 6);
            buf_puts(b, ",\n");
            list(b, "Resource", res, nr, 6);
        }
        ram_condition(b);
        buf_printf(b, "\n    }%s\n", s + 1 < n ? "," : "");
    }
    buf_puts(b, "  ]\n}\n");
}

static void aws_doc(buf *b)
{
    buf_puts(b, "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n");
    unsigned n = 1 + rnd(5);
    for (unsigned s = 0; s < n; s++) {
        const char *acts[6], *res[3];
        char rbuf[3][96];
        unsigned na = 1 + rnd(6), nr = 1 + rnd(3);
        for (unsigned i = 0; i < na; i++) acts[i] = PICK(aws_actions);
        for (unsigned i = 0; i < nr; i++) {
            snprintf(rbuf[i], sizeof rbuf[i], "arn:aws:%s:%s:%012u:%s/%u", rnd(2) ? "s3" : "kms", PICK(aws_regions),
                     rnd(1000000000), rnd(2) ? "key" : "bucket", rnd(100000));
            res[i] = rbuf[i];
        }
        buf_printf(b, "    {\n      \"Sid\": \"Stmt%u\",\n      \"Effect\": \"%s\",\n", s, rnd(4) ? "Allow" : "Deny");
        list(b, "Action", acts, na, 6);
        buf_puts(b, ",\n");
        list(b, "Resource", res, nr, 6);
        if (rnd(2))
            buf_printf(b, ",\n      \"Condition\": {\n        \"StringEquals\": {\"aws:PrincipalTag/team\": \"t%u\"},\n"
                          "        \"NumericLessThanIfExists\": {\"s3:max-keys\": \"%u\"},\n"
                          "        \"ForAnyValue:StringLike\": {\"aws:TagKeys\": [\"env*\", \"team\"]}\n      }", rnd(100), rnd(1000));
        buf_printf(b, "\n    }%s\n", s + 1 < n ? "," : "");
    }
    buf_puts(b, "  ]\n}\n");
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    size_t mb = argc > 1 ? (size_t)atoi(argv[1]) : 50;
    int reps = argc > 2 ? atoi(argv[2]) : 5;
    if (reps < 1 || reps > 99) reps = 5;
    buf all;
    buf_init(&all);
    size_t cap = 1 << 16, ndocs = 0, nram = 0;
    size_t *offs = malloc(cap * sizeof *offs);
    while (all.len < mb << 20) {
        if (ndocs + 1 >= cap) offs = realloc(offs, (cap *= 2) * sizeof *offs);
        if (!offs) return 1;
        offs[ndocs++] = all.len;
        if (rnd(3)) {
            ram_doc(&all);
            nram++;
        } else {
            aws_doc(&all);
        }
    }
    offs[ndocs] = all.len;
    double mbytes = (double)all.len / (1 << 20);
    printf("bench-ram: %zu documents (%zu RAM, %zu AWS), %.1f MB, median of %d runs\n", ndocs, nram, ndocs - nram, mbytes, reps);

    double t_iamc[99], t_jansson[99];
    for (int r = 0; r < reps; r++) {
        size_t errors = 0;
        double t0 = now();
        for (size_t i = 0; i < ndocs; i++) {
            iamc_doc *d = iamc_doc_parse("bench.json", all.data + offs[i], offs[i + 1] - offs[i], IAMC_LANG_AUTO);
            errors += iamc_doc_error_count(d);
            iamc_doc_free(d);
        }
        t_iamc[r] = now() - t0;
        if (errors) {
            fprintf(stderr, "bench-ram: %zu errors in the generated corpus\n", errors);
            return 1;
        }
        t0 = now();
        for (size_t i = 0; i < ndocs; i++) {
            json_error_t err;
            json_t *j = json_loadb(all.data + offs[i], offs[i + 1] - offs[i], JSON_REJECT_DUPLICATES, &err);
            if (!j) return 1;
            json_decref(j);
        }
        t_jansson[r] = now() - t0;
    }
    qsort(t_iamc, (size_t)reps, sizeof *t_iamc, cmp_double);
    qsort(t_jansson, (size_t)reps, sizeof *t_jansson, cmp_double);
    double ti = t_iamc[reps / 2], tj = t_jansson[reps / 2];
    printf("  iamc JSON front end : %8.3f s  %10.0f docs/s  %7.1f MB/s\n", ti, (double)ndocs / ti, mbytes / ti);
    printf("  jansson json_loadb  : %8.3f s  %10.0f docs/s  %7.1f MB/s\n", tj, (double)ndocs / tj, mbytes / tj);
    printf("  ratio iamc/jansson  : %8.2fx the time of jansson alone\n", ti / tj);
    buf_free(&all);
    free(offs);
    return 0;
}
