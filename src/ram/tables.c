/* ram/tables: dialects and condition operators as tables (docs/json-policies.md). */
#include "ram/tables.h"
#include <string.h>
#include <strings.h>

/* RAM documents five operator families; the AWS-only rows carry RAM_IN_AWS alone.
 * Sources: alibabacloud.com/help/en/ram/conditional-operator and the AWS IAM condition
 * operator reference (docs/json-policies.md lists both). */
#define BOTH (RAM_IN_RAM | RAM_IN_AWS)
static const ram_operator operators[] = {
    /* name                        family           value           neg dialects    ifex single */
    {"StringEquals",              RAM_FAM_STRING,  RAM_VAL_STRING, 0, BOTH,       1, 0},
    {"StringNotEquals",           RAM_FAM_STRING,  RAM_VAL_STRING, 1, BOTH,       1, 0},
    {"StringEqualsIgnoreCase",    RAM_FAM_STRING,  RAM_VAL_STRING, 0, BOTH,       1, 0},
    {"StringNotEqualsIgnoreCase", RAM_FAM_STRING,  RAM_VAL_STRING, 1, BOTH,       1, 0},
    {"StringLike",                RAM_FAM_STRING,  RAM_VAL_STRING, 0, BOTH,       1, 0},
    {"StringNotLike",             RAM_FAM_STRING,  RAM_VAL_STRING, 1, BOTH,       1, 0},
    {"NumericEquals",             RAM_FAM_NUMERIC, RAM_VAL_NUMBER, 0, BOTH,       1, 0},
    {"NumericNotEquals",          RAM_FAM_NUMERIC, RAM_VAL_NUMBER, 1, BOTH,       1, 0},
    {"NumericLessThan",           RAM_FAM_NUMERIC, RAM_VAL_NUMBER, 0, BOTH,       1, 0},
    {"NumericLessThanEquals",     RAM_FAM_NUMERIC, RAM_VAL_NUMBER, 0, BOTH,       1, 0},
    {"NumericGreaterThan",        RAM_FAM_NUMERIC, RAM_VAL_NUMBER, 0, BOTH,       1, 0},
    {"NumericGreaterThanEquals",  RAM_FAM_NUMERIC, RAM_VAL_NUMBER, 0, BOTH,       1, 0},
    {"DateEquals",                RAM_FAM_DATE,    RAM_VAL_DATE,   0, BOTH,       1, 0},
    {"DateNotEquals",             RAM_FAM_DATE,    RAM_VAL_DATE,   1, BOTH,       1, 0},
    {"DateLessThan",              RAM_FAM_DATE,    RAM_VAL_DATE,   0, BOTH,       1, 0},
    {"DateLessThanEquals",        RAM_FAM_DATE,    RAM_VAL_DATE,   0, BOTH,       1, 0},
    {"DateGreaterThan",           RAM_FAM_DATE,    RAM_VAL_DATE,   0, BOTH,       1, 0},
    {"DateGreaterThanEquals",     RAM_FAM_DATE,    RAM_VAL_DATE,   0, BOTH,       1, 0},
    {"Bool",                      RAM_FAM_BOOL,    RAM_VAL_BOOL,   0, BOTH,       1, 1},
    {"IpAddress",                 RAM_FAM_IP,      RAM_VAL_IP,     0, BOTH,       1, 0},
    {"NotIpAddress",              RAM_FAM_IP,      RAM_VAL_IP,     1, BOTH,       1, 0},
    {"ArnEquals",                 RAM_FAM_ARN,     RAM_VAL_ARN,    0, RAM_IN_AWS, 1, 0},
    {"ArnLike",                   RAM_FAM_ARN,     RAM_VAL_ARN,    0, RAM_IN_AWS, 1, 0},
    {"ArnNotEquals",              RAM_FAM_ARN,     RAM_VAL_ARN,    1, RAM_IN_AWS, 1, 0},
    {"ArnNotLike",                RAM_FAM_ARN,     RAM_VAL_ARN,    1, RAM_IN_AWS, 1, 0},
    {"BinaryEquals",              RAM_FAM_BINARY,  RAM_VAL_BASE64, 0, RAM_IN_AWS, 1, 0},
    {"Null",                      RAM_FAM_NULL,    RAM_VAL_BOOL,   0, RAM_IN_AWS, 0, 1},
};
enum { NOPERATORS = sizeof operators / sizeof *operators };

const ram_operator *ram_operator_find(const char *name, size_t len)
{
    for (size_t i = 0; i < NOPERATORS; i++)
        if (strlen(operators[i].name) == len && memcmp(operators[i].name, name, len) == 0) return &operators[i];
    return NULL;
}

const ram_operator *ram_operator_find_nocase(const char *name, size_t len)
{
    for (size_t i = 0; i < NOPERATORS; i++)
        if (strlen(operators[i].name) == len && strncasecmp(operators[i].name, name, len) == 0) return &operators[i];
    return NULL;
}

const ram_operator *ram_operators(size_t *n)
{
    *n = NOPERATORS;
    return operators;
}

const char *ram_family_name(ram_family f)
{
    static const char *const names[] = {"string", "numeric", "date", "bool", "ip", "arn", "binary", "null"};
    return names[f];
}

const char *ram_value_kind_name(ram_value_kind v)
{
    static const char *const names[] = {"string", "number", "date", "bool", "ip", "arn", "base64"};
    return names[v];
}

static const char *const principal_kinds[] = {"RAM", "AWS", "Service", "Federated", "CanonicalUser"};

const char *ram_principal_kind_name(ram_principal_kind k) { return principal_kinds[k]; }

int ram_principal_kind_find(const char *name, size_t len)
{
    for (size_t i = 0; i < sizeof principal_kinds / sizeof *principal_kinds; i++)
        if (strlen(principal_kinds[i]) == len && memcmp(principal_kinds[i], name, len) == 0) return (int)i;
    return -1;
}

static const char *const ram_versions[] = {"1", NULL};
static const char *const aws_versions[] = {"2012-10-17", "2008-10-17", NULL};
static const char *const ram_top[] = {"Version", "Statement", NULL};
static const char *const aws_top[] = {"Version", "Id", "Statement", NULL};
/* Sid: RAM's KMS key policies carry one.  NotPrincipal and NotResource: see the docs. */
static const char *const ram_stmt[] = {"Sid", "Effect", "Principal", "Action", "NotAction",
                                       "Resource", "NotResource", "Condition", NULL};
static const char *const aws_stmt[] = {"Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction",
                                       "Resource", "NotResource", "Condition", NULL};

/* Sizes count characters without the whitespace between tokens: AWS documents that rule;
 * RAM's 6,144 is not documented either way, and we take the lenient reading. */
static const ram_dialect_info dialects[] = {
    {"ram", "RAM", "acs:", 5, "acs:SERVICE:REGION:ACCOUNT:RESOURCE", "acs:ram::UID:root", "ecs.aliyuncs.com", ram_versions, ram_top, ram_stmt,
     1u << RAM_PRINCIPAL_RAM | 1u << RAM_PRINCIPAL_SERVICE | 1u << RAM_PRINCIPAL_FEDERATED,
     6144, 0, 0, 1, 0, 0},
    {"aws", "AWS IAM", "arn:", 6, "arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE", "arn:aws:iam::ACCOUNT:root",
     "ec2.amazonaws.com", aws_versions, aws_top, aws_stmt,
     1u << RAM_PRINCIPAL_AWS | 1u << RAM_PRINCIPAL_SERVICE | 1u << RAM_PRINCIPAL_FEDERATED |
         1u << RAM_PRINCIPAL_CANONICAL_USER,
     10240, 6144, 1, 0, 1, 1},
};

const ram_dialect_info *ram_dialect_get(ram_dialect d) { return &dialects[d == RAM_DIALECT_AWS]; }
