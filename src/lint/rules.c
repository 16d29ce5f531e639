/* lint/rules: the rule catalogue, one table for every language.  IDs and names are stable:
 * configurations, inline ignores and baselines refer to them.  docs/rules.md is printed
 * from this table (iamc lint --list-rules --format markdown); a golden test keeps it so. */
#include <string.h>
#include <strings.h>
#include "lint/lint.h"

#define OCI(ix, ident, nm, sev, sum, wh, b, g, fx) \
    [ix] = {ident, nm, LINT_LANG_OCI, sev, sum, wh, b, g, fx}

const lint_rule lint_rules[LINT_NRULES] = {
    OCI(LINT_OCI_SYNTAX, "OCI001", "syntax-error", LINT_ERROR,
        "the statement does not parse",
        "IAM refuses the whole policy when one statement is malformed, so nothing in it takes effect.",
        "Allow group Admins to manage keys in tenancy where",
        "Allow group Admins to manage keys in tenancy", NULL),
    OCI(LINT_OCI_MISSING_LOCATION, "OCI002", "missing-location", LINT_WARNING,
        "the statement has no location ('in tenancy' or 'in compartment …')",
        "The syntax pages require a location; where a statement without one is accepted, it applies only "
        "to the compartment the policy is attached to, which a reader cannot see in the statement.",
        "Allow group WorkWeek to manage instance-family where request.utc-timestamp.day-of-week = 'monday'",
        "Allow group WorkWeek to manage instance-family in tenancy where request.utc-timestamp.day-of-week = 'monday'",
        NULL),
    OCI(LINT_OCI_DYNAMIC_GROUP_SPACE, "OCI003", "dynamic-group-space", LINT_WARNING,
        "'dynamic group' is written with a space",
        "The subject keyword is 'dynamic-group'; the spaced form is a documentation typo that tools and the "
        "Console may reject.",
        "Allow dynamic group VolumeWriters to use key-delegate in compartment ABC where target.key.id = 'ocid1.key.oc1..aaaa'",
        "Allow dynamic-group VolumeWriters to use key-delegate in compartment ABC where target.key.id = 'ocid1.key.oc1..aaaa'",
        "replace 'dynamic group' by 'dynamic-group'"),
    OCI(LINT_OCI_UNQUOTED_OCID, "OCI004", "unquoted-ocid", LINT_WARNING,
        "an OCID in a condition is not quoted",
        "Condition values are quoted strings; an unquoted OCID is a documentation typo that IAM may reject.",
        "Allow service objectstorage-us-ashburn-1 to use keys in tenancy where target.key.id = ocid1.key.oc1..aaaa",
        "Allow service objectstorage-us-ashburn-1 to use keys in tenancy where target.key.id = 'ocid1.key.oc1..aaaa'",
        "quote the OCID"),
    OCI(LINT_OCI_BARE_COMPARTMENT, "OCI005", "bare-compartment", LINT_WARNING,
        "the location names a compartment without the 'compartment' keyword",
        "'in NAME' is a documentation shorthand; the syntax is 'in compartment NAME'.",
        "Allow any-group to use buckets in Finance",
        "Allow any-group to use buckets in compartment Finance", "insert 'compartment '"),
    OCI(LINT_OCI_DEFINE_AS_ID, "OCI006", "define-as-id", LINT_INFO,
        "'Define … as id OCID': the 'id' is not needed",
        "Both forms appear on one documentation page; 'Define … as OCID' is the documented syntax elsewhere.",
        "Define compartment acceptorComp as id ocid1.compartment.oc1..aaaa",
        "Define compartment acceptorComp as ocid1.compartment.oc1..aaaa", "delete 'id '"),
    OCI(LINT_OCI_REPEATED_KEYWORD, "OCI007", "repeated-principal-keyword", LINT_INFO,
        "the subject keyword is repeated inside the list ('group id X, group id Y')",
        "The repeated keyword is the Private Cloud Appliance form; public OCI documents 'group id X, id Y'.",
        "Allow group id ocid1.group.oc1..aaaa, group id ocid1.group.oc1..bbbb to read keys in tenancy",
        "Allow group id ocid1.group.oc1..aaaa, id ocid1.group.oc1..bbbb to read keys in tenancy",
        "delete the repeated keyword"),
    OCI(LINT_OCI_MIXED_PRINCIPALS, "OCI008", "mixed-principal-list", LINT_WARNING,
        "the subject mixes names and OCIDs",
        "Oracle documents lists of names or lists of OCIDs; a mix is accepted by some tools only.",
        "Allow group Admins, id ocid1.group.oc1..aaaa to read keys in tenancy",
        "Allow group Admins, Auditors to read keys in tenancy", NULL),
    OCI(LINT_OCI_PLACEHOLDER, "OCI009", "placeholder", LINT_ERROR,
        "a documentation placeholder was left in ('<compartment-name>', '…', '______')",
        "Placeholders copied from the documentation name nothing: the statement grants nothing, or "
        "grants something else than intended.",
        "Allow group Admins to use keys in compartment <compartment-name>",
        "Allow group Admins to use keys in compartment Security", NULL),
    OCI(LINT_OCI_UNKNOWN_VERB, "OCI010", "unknown-verb", LINT_ERROR,
        "the verb is not inspect, read, use or manage",
        "IAM knows four verbs; any other word makes the policy invalid.",
        "Allow group Admins to administer keys in tenancy",
        "Allow group Admins to manage keys in tenancy", "replace by the suggested verb"),
    OCI(LINT_OCI_UNKNOWN_RESOURCE_TYPE, "OCI011", "unknown-resource-type", LINT_WARNING,
        "the resource type is not in iamc's model",
        "A misspelt resource type is refused by IAM, or grants nothing; the model (docs/model.md) lists the "
        "types and families iamc knows.",
        "Allow group Admins to manage keyz in tenancy",
        "Allow group Admins to manage keys in tenancy", "replace by the suggested type"),
    OCI(LINT_OCI_UNKNOWN_VARIABLE, "OCI012", "unknown-variable", LINT_WARNING,
        "the condition uses a variable iamc does not know",
        "A condition on a variable no request carries is never true: the statement grants nothing.",
        "Allow group Admins to use keys in tenancy where target.kye.id = 'ocid1.key.oc1..aaaa'",
        "Allow group Admins to use keys in tenancy where target.key.id = 'ocid1.key.oc1..aaaa'",
        "replace by the suggested variable"),
    OCI(LINT_OCI_UNKNOWN_PERMISSION, "OCI013", "unknown-permission", LINT_WARNING,
        "the permission list names a permission iamc does not know",
        "A misspelt permission grants nothing, and the operation that needed it keeps failing.",
        "Allow group Admins to {KEY_DECRYPTS} in tenancy",
        "Allow group Admins to {KEY_DECRYPT} in tenancy", "replace by the suggested permission"),
    OCI(LINT_OCI_RESOURCE_TYPE_ALIAS, "OCI014", "resource-type-alias", LINT_INFO,
        "the resource type is written in a non-canonical spelling",
        "Several spellings appear in Oracle's pages (key-delegates, bucket); the canonical name is the one "
        "in the policy reference tables.",
        "Allow service oke to use key-delegates in tenancy where target.key.id = 'ocid1.key.oc1..aaaa'",
        "Allow service oke to use key-delegate in tenancy where target.key.id = 'ocid1.key.oc1..aaaa'",
        "replace by the canonical name"),
    OCI(LINT_OCI_MALFORMED_OCID, "OCI015", "malformed-ocid", LINT_ERROR,
        "the OCID is malformed",
        "An OCID is ocid1.TYPE.REALM.[REGION][.FUTURE].UNIQUE; a malformed one matches no resource.",
        "Define tenancy Partner as ocid1.tenancy.oc1",
        "Define tenancy Partner as ocid1.tenancy.oc1..aaaaaaaabbbb", NULL),
    OCI(LINT_OCI_OCID_WRONG_TYPE, "OCI016", "ocid-wrong-type", LINT_ERROR,
        "the OCID is of the wrong resource type for its place",
        "A group OCID after 'dynamic-group id', or a vault OCID compared to target.key.id, never matches.",
        "Allow dynamic-group id ocid1.group.oc1..aaaa to use keys in tenancy where target.key.id = 'ocid1.key.oc1..bbbb'",
        "Allow dynamic-group id ocid1.dynamicgroup.oc1..aaaa to use keys in tenancy where target.key.id = 'ocid1.key.oc1..bbbb'",
        NULL),
    OCI(LINT_OCI_ANY_PRINCIPAL_UNCONDITIONED, "OCI017", "any-principal-unconditioned", LINT_WARNING,
        "'any-user' or 'any-group' is granted access without a condition",
        "Without a 'where' clause every user, instance, resource (and for any-user, service) principal of "
        "the tenancy gets the access.",
        "Allow any-user to use keys in compartment Security",
        "Allow any-user to use keys in compartment Security where ALL {request.principal.type = 'cluster', "
        "request.principal.id = 'ocid1.cluster.oc1..aaaa', target.key.id = 'ocid1.key.oc1..bbbb'}", NULL),
    OCI(LINT_OCI_MANAGE_ALL_RESOURCES, "OCI018", "manage-all-resources-in-tenancy", LINT_WARNING,
        "'manage all-resources in tenancy' grants full administration",
        "This is what the Administrators group has; granted to any other principal it is a full takeover.",
        "Allow group Developers to manage all-resources in tenancy",
        "Allow group Developers to manage cluster-family in compartment Dev", NULL),
    OCI(LINT_OCI_KEY_UNPINNED, "OCI019", "key-use-unpinned", LINT_WARNING,
        "key use is granted without a 'target.key.id' condition",
        "Every key in the location becomes usable (decrypt, sign, associate), not just the one intended. "
        "Endorse statements are exempt: the key is pinned by the other tenancy's Admit.",
        "Allow service oke to use keys in compartment Security",
        "Allow service oke to use keys in compartment Security where target.key.id = 'ocid1.key.oc1..aaaa'", NULL),
    OCI(LINT_OCI_OKE_KEY_UNPINNED_CLUSTER, "OCI020", "oke-key-unpinned-cluster", LINT_WARNING,
        "the OKE key grant is for any cluster, not one",
        "request.principal.type = 'cluster' without request.principal.id lets every cluster of the tenancy "
        "use the key; Oracle's page adds the cluster OCID to the ALL {…}.",
        "Allow any-user to use keys in tenancy where ALL {request.principal.type = 'cluster', target.key.id = 'ocid1.key.oc1..aaaa'}",
        "Allow any-user to use keys in tenancy where ALL {request.principal.type = 'cluster', target.key.id = "
        "'ocid1.key.oc1..aaaa', request.principal.id = 'ocid1.cluster.oc1..bbbb'}", NULL),
    OCI(LINT_OCI_UNDEFINED_ALIAS, "OCI021", "undefined-alias", LINT_ERROR,
        "Admit or Endorse names an alias that no Define in the same policy defines",
        "Aliases are scoped to their policy: an undefined alias makes the cross-tenancy statement grant nothing.",
        "Define tenancy OKE_Tenancy as ocid1.tenancy.oc1..aaaa\n"
        "Admit dynamic-group OKEAdmins of tenancy ClusterTenancy to use keys in tenancy",
        "Define tenancy ClusterTenancy as ocid1.tenancy.oc1..aaaa\n"
        "Define dynamic-group OKEAdmins as ocid1.dynamicgroup.oc1..bbbb\n"
        "Admit dynamic-group OKEAdmins of tenancy ClusterTenancy to use keys in tenancy", NULL),
    OCI(LINT_OCI_DEFINE_NOT_FIRST, "OCI022", "define-not-first", LINT_ERROR,
        "a Define follows another kind of statement",
        "\"All Define statements in a policy must be the first ones\" (Oracle's cross-tenancy pages).",
        "Endorse group Admins to read objects in tenancy Partner\nDefine tenancy Partner as ocid1.tenancy.oc1..aaaa",
        "Define tenancy Partner as ocid1.tenancy.oc1..aaaa\nEndorse group Admins to read objects in tenancy Partner",
        NULL),
    OCI(LINT_OCI_ENDORSE_WITHOUT_ADMIT, "OCI023", "endorse-without-admit", LINT_WARNING,
        "the Endorse has no matching Admit in the other tenancy's policies (cross-file)",
        "Both tenancies must agree: an Endorse alone grants nothing. Checked when both tenancies' "
        "policies are given (files or --world).",
        "Endorse group Admins to use keys in tenancy KeyTenancy   (no Admit in KeyTenancy)",
        "Admit group Admins of tenancy ClusterTenancy to use keys in tenancy   (in KeyTenancy)", NULL),
    OCI(LINT_OCI_ADMIT_WITHOUT_ENDORSE, "OCI024", "admit-without-endorse", LINT_WARNING,
        "the Admit has no matching Endorse in the other tenancy's policies (cross-file)",
        "Both tenancies must agree: an Admit alone grants nothing. Checked when both tenancies' policies "
        "are given (files or --world).",
        "Admit group Admins of tenancy ClusterTenancy to use keys in tenancy   (no Endorse in ClusterTenancy)",
        "Endorse group Admins to use keys in tenancy KeyTenancy   (in ClusterTenancy)", NULL),
    OCI(LINT_OCI_PERMISSION_NE, "OCI025", "permission-deny-list", LINT_WARNING,
        "'request.permission !=' (or 'not in') lets future permissions through",
        "A deny-list on permissions admits every permission the service adds later; list what is allowed.",
        "Allow group Ops to manage groups in tenancy where request.permission != 'GROUP_DELETE'",
        "Allow group Ops to manage groups in tenancy where any {request.permission = 'GROUP_INSPECT', "
        "request.permission = 'GROUP_UPDATE'}", NULL),
    OCI(LINT_OCI_VARIABLE_NOT_APPLICABLE, "OCI026", "variable-not-applicable", LINT_WARNING,
        "the condition tests a variable the resource type never has: it can never be true",
        "A variable that is not applicable makes its predicate false (docs: \"the request will be denied\").",
        "Allow group Ops to use keys in tenancy where target.bucket.name = 'logs'",
        "Allow group Ops to use buckets in tenancy where target.bucket.name = 'logs'", NULL),
    OCI(LINT_OCI_DUPLICATE_STATEMENT, "OCI027", "duplicate-statement", LINT_WARNING,
        "the statement repeats an earlier one",
        "A duplicate adds nothing and counts against the statement limits; when one copy is edited the "
        "other keeps the old access.",
        "Allow group Ops to read keys in tenancy\nAllow group ops to read keys in tenancy",
        "Allow group Ops to read keys in tenancy", NULL),
    OCI(LINT_OCI_SUBSUMED_STATEMENT, "OCI028", "subsumed-statement", LINT_INFO,
        "another statement already grants everything this one grants",
        "A redundant statement hides the real grant and stays behind when the broader one is narrowed.",
        "Allow group Ops to read keys in compartment Sec\nAllow group Ops to manage keys in tenancy",
        "Allow group Ops to manage keys in tenancy", NULL),
    OCI(LINT_OCI_PATH_LIMIT, "OCI029", "compartment-path-limit", LINT_ERROR,
        "more than 500 statements along one compartment path (cross-file)",
        "IAM refuses policies beyond 500 statements along any root-to-leaf compartment path (hard limit).",
        "(501 statements in policies of the root and one compartment)",
        "(fewer statements: merge principals into lists, use families)", NULL),
    OCI(LINT_OCI_PCA_POLICY_LIMIT, "OCI030", "pca-policy-limit", LINT_INFO,
        "more than 50 statements in one policy (the Private Cloud Appliance limit)",
        "Private Cloud Appliance accepts at most 50 statements per policy; public OCI documents no per-policy limit.",
        "(51 statements in one file)", "(two policies of at most 50 statements)", NULL),
    OCI(LINT_OCI_DUPLICATE_GRANT_ACROSS_FILES, "OCI031", "duplicate-grant-across-files", LINT_WARNING,
        "the same principal is granted the same thing in another file (cross-file)",
        "Two policies granting the same access drift apart: removing one grant leaves the access in place.",
        "a.pol: Allow group Ops to read keys in tenancy\nb.pol: Allow group Ops, Audit to read keys in tenancy",
        "b.pol: Allow group Ops, Audit to read keys in tenancy", NULL),
    OCI(LINT_OCI_OPERATOR_FOR_VARIABLE, "OCI032", "operator-not-for-variable", LINT_WARNING,
        "the operator does not apply to this variable (before/after, between)",
        "before/after compare request.utc-timestamp, between compares request.utc-timestamp.time-of-day; "
        "on another variable the predicate is never true.",
        "Allow group Ops to read keys in tenancy where request.utc-timestamp.month-of-year before '6'",
        "Allow group Ops to read keys in tenancy where request.utc-timestamp before '2026-06-01T00:00:00Z'", NULL),
    OCI(LINT_OCI_CONTRADICTORY_CONDITION, "OCI033", "contradictory-condition", LINT_WARNING,
        "the condition requires one variable to have two different values: it can never be true",
        "all {v = 'a', v = 'b'} is false for every request, so the statement grants nothing.",
        "Allow any-user to use keys in tenancy where all {request.principal.type = 'cluster', "
        "request.principal.type = 'nodepool'}",
        "Allow any-user to use keys in tenancy where any {request.principal.type = 'cluster', "
        "request.principal.type = 'nodepool'}", NULL),
    OCI(LINT_OCI_INVALID_TIME, "OCI034", "invalid-time-value", LINT_ERROR,
        "the time value is not ISO 8601 UTC (or not a valid month, day or time of day)",
        "A value the service cannot read makes the predicate false or the policy invalid.",
        "Allow group Ops to read keys in tenancy where request.utc-timestamp before '2026/01/01'",
        "Allow group Ops to read keys in tenancy where request.utc-timestamp before '2026-01-01T00:00:00Z'", NULL),
    OCI(LINT_OCI_LITERAL_WILDCARD, "OCI035", "literal-wildcard", LINT_WARNING,
        "'*' inside quotes is a literal for this variable; patterns are written /…/",
        "Oracle documents '*' in quotes as a wildcard only for target.object.name and tag values; elsewhere "
        "the value matches only a name that contains a star.",
        "Allow group Ops to read buckets in tenancy where target.bucket.name = 'logs-*'",
        "Allow group Ops to read buckets in tenancy where target.bucket.name = /logs-*/", "write it as /…/"),
    OCI(LINT_OCI_INVALID_BOOLEAN, "OCI036", "invalid-boolean-value", LINT_WARNING,
        "a boolean variable is compared to something other than 'true' or 'false'",
        "The predicate is never true for any other value.",
        "Allow group Ops to read keys in tenancy where request.user.mfaTotpVerified = 'yes'",
        "Allow group Ops to read keys in tenancy where request.user.mfaTotpVerified = 'true'", NULL),
    OCI(LINT_OCI_DUPLICATE_DEFINE, "OCI037", "duplicate-define", LINT_ERROR,
        "the alias is defined twice in the policy",
        "Which OCID the alias means is ambiguous; IAM refuses or takes one of them.",
        "Define tenancy Partner as ocid1.tenancy.oc1..aaaa\nDefine tenancy Partner as ocid1.tenancy.oc1..bbbb",
        "Define tenancy Partner as ocid1.tenancy.oc1..aaaa", NULL),
    OCI(LINT_OCI_UNUSED_DEFINE, "OCI038", "unused-define", LINT_INFO,
        "the alias is defined but no statement of the policy uses it",
        "A leftover Define suggests a statement was removed or misspells the alias.",
        "Define tenancy Partner as ocid1.tenancy.oc1..aaaa\nAllow group Ops to read keys in tenancy",
        "Allow group Ops to read keys in tenancy", NULL),
    OCI(LINT_OCI_ADMIT_BY_ID, "OCI039", "admit-by-id", LINT_ERROR,
        "Admit names a principal by OCID instead of a Define alias",
        "Admit refers to the other tenancy's groups through Define aliases; 'group id' is refused there.",
        "Admit group id ocid1.group.oc1..aaaa of tenancy Partner to read objects in tenancy",
        "Define group PartnerOps as ocid1.group.oc1..aaaa\nAdmit group PartnerOps of tenancy Partner to read "
        "objects in tenancy", NULL),
    OCI(LINT_OCI_PRIVILEGE_ESCALATION, "OCI040", "privilege-escalation", LINT_WARNING,
        "the grant lets its holder raise its own access (policies, groups, dynamic groups)",
        "Who may write policies or change group membership may grant themselves anything.",
        "Allow group Developers to manage policies in tenancy",
        "Allow group Developers to read policies in tenancy", NULL),
    OCI(LINT_OCI_DUPLICATE_PRINCIPAL, "OCI041", "duplicate-principal", LINT_WARNING,
        "the subject names the same principal twice",
        "Usually a typo for another name.",
        "Allow group Ops, Ops to read keys in tenancy", "Allow group Ops, Audit to read keys in tenancy", NULL),
    OCI(LINT_OCI_DUPLICATE_PERMISSION, "OCI042", "duplicate-permission", LINT_INFO,
        "the permission list names the same permission twice",
        "Usually a typo for another permission.",
        "Allow group Ops to {KEY_READ, KEY_READ} in tenancy", "Allow group Ops to {KEY_READ, KEY_INSPECT} in tenancy",
        NULL),
    OCI(LINT_OCI_SINGLE_QUANTIFIER, "OCI043", "single-element-quantifier", LINT_INFO,
        "any {…} or all {…} with one condition",
        "The quantifier changes nothing; a second condition was perhaps lost.",
        "Allow group Ops to use keys in tenancy where all {target.key.id = 'ocid1.key.oc1..aaaa'}",
        "Allow group Ops to use keys in tenancy where target.key.id = 'ocid1.key.oc1..aaaa'", NULL),
    OCI(LINT_OCI_DENY_OPT_IN, "OCI044", "deny-needs-opt-in", LINT_INFO,
        "a Deny statement takes effect only where deny policies are enabled",
        "Deny is an opt-in feature of the tenancy; where it is not enabled, the statement is ignored.",
        "Deny group Interns to manage keys in tenancy   (deny policies not enabled)",
        "(enable deny policies, or remove the grant the Deny should cancel)", NULL),
    OCI(LINT_OCI_UNKNOWN_GROUP, "OCI045", "unknown-group", LINT_WARNING,
        "the group or dynamic group is not in the tenancy (--world)",
        "A name that resolves to nothing makes the statement grant nothing.",
        "Allow group OKEAdmin to use clusters in tenancy   (the world has OKEAdmins)",
        "Allow group OKEAdmins to use clusters in tenancy", NULL),
    OCI(LINT_OCI_UNKNOWN_COMPARTMENT, "OCI046", "unknown-compartment", LINT_WARNING,
        "the compartment is not below the policy's compartment (--world)",
        "Compartment paths start below the compartment the policy is attached to; an unknown one grants nothing.",
        "Allow group Ops to read keys in compartment Securty", "Allow group Ops to read keys in compartment Security",
        NULL),
    OCI(LINT_OCI_CROSS_TENANCY_NOT_ROOT, "OCI047", "cross-tenancy-not-root", LINT_ERROR,
        "Define, Endorse or Admit in a policy not attached to the root compartment (--world)",
        "Cross-tenancy policies must be attached to the tenancy's root compartment.",
        "(a policy in compartment Dev with Endorse statements)", "(the same policy attached to the root)", NULL),
    OCI(LINT_OCI_EMPTY_POLICY, "OCI048", "empty-policy", LINT_INFO,
        "the policy has no statements",
        "IAM refuses a policy without statements.", "(an empty file, or comments only)",
        "Allow group Ops to read keys in tenancy", NULL),
    OCI(LINT_OCI_ENDORSE_ANY_TENANCY, "OCI049", "endorse-any-tenancy", LINT_WARNING,
        "the Endorse lets the principal act in any tenancy that admits it",
        "'in any-tenancy' trusts every tenancy; naming the partner tenancy keeps the access where it belongs.",
        "Endorse group StorageAdmins to manage object-family in any-tenancy",
        "Define tenancy Partner as ocid1.tenancy.oc1..aaaa\nEndorse group StorageAdmins to manage object-family "
        "in tenancy Partner", NULL),
    OCI(LINT_OCI_ADMIT_ANY_TENANCY, "OCI050", "admit-any-tenancy", LINT_WARNING,
        "the Admit accepts principals of any tenancy",
        "'of any-tenancy' lets principals of every tenancy that endorses them in.",
        "Admit any-user of any-tenancy to read objects in tenancy",
        "Define tenancy Partner as ocid1.tenancy.oc1..aaaa\nAdmit any-user of tenancy Partner to read objects "
        "in tenancy where request.principal.type = 'nodepool'", NULL),
};

int lint_rule_find(const char *s, size_t len)
{
    for (int i = 0; i < LINT_NRULES; i++)
        if ((strlen(lint_rules[i].id) == len && strncasecmp(lint_rules[i].id, s, len) == 0) ||
            (strlen(lint_rules[i].name) == len && strncasecmp(lint_rules[i].name, s, len) == 0))
            return i;
    return -1;
}

const char *lint_severity_name(lint_severity s)
{
    static const char *const names[] = {"error", "warning", "info", "off"};
    return names[s];
}

int lint_severity_parse(const char *s, lint_severity *out)
{
    static const struct { const char *name; lint_severity sev; } sevs[] = {
        {"error", LINT_ERROR}, {"warning", LINT_WARNING}, {"info", LINT_INFO}, {"note", LINT_INFO}, {"off", LINT_OFF},
    };
    for (size_t i = 0; i < sizeof sevs / sizeof *sevs; i++)
        if (strcasecmp(s, sevs[i].name) == 0) {
            *out = sevs[i].sev;
            return 0;
        }
    return -1;
}
