#!/usr/bin/env python3
"""Writes the EncryptionConfiguration corpus: valid/*.yaml|json (no finding) and
invalid/*.yaml|json, each with the API server's message fragment it must produce (the
.fragment side file; the .expect side file, one "LINE:COL: MESSAGE" per finding, is
written by `K8S_UPDATE=1 make unit` from the checker and reviewed).  Run once; the files are committed."""
import base64, os
here = os.path.dirname(os.path.abspath(__file__))
K32 = base64.b64encode(bytes(range(32))).decode()
K16 = base64.b64encode(bytes(range(16))).decode()
K24 = base64.b64encode(bytes(range(24))).decode()
K8 = base64.b64encode(bytes(range(8))).decode()
K31 = base64.b64encode(bytes(range(31))).decode()
K33 = base64.b64encode(bytes(range(33))).decode()
H = "apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\n"

def doc(resources="      - secrets\n", providers=None, header=H):
    if providers is None:
        providers = f"      - aescbc:\n          keys:\n            - name: key1\n              secret: {K32}\n      - identity: {{}}\n"
    return header + "resources:\n  - resources:\n" + resources + "    providers:\n" + providers

def kms(body):
    return "      - kms:\n" + "".join(f"          {l}\n" for l in body)

def local(p, keys):
    s = f"      - {p}:\n          keys:\n"
    for k in keys:
        s += "            - " + "\n              ".join(k) + "\n"
    return s

KMS_OK = ["apiVersion: v2", "name: kek", "endpoint: unix:///var/run/kms.sock"]
valid = {
 "001-aescbc": doc(),
 "002-aesgcm-rotated": "# iamc-check: disable=K8S051 automatic rotation by the platform\n" + doc(providers=local("aesgcm", [["name: k1", f"secret: {K32}"]])),
 "003-secretbox": doc(providers=local("secretbox", [["name: box", f"secret: {K32}"]]) + "      - identity: {}\n"),
 "004-kms-v2": doc(providers=kms(KMS_OK + ["timeout: 3s"]) + "      - identity: {}\n"),
 "005-kms-v2-abstract-socket": doc(providers=kms(["apiVersion: v2", "name: kek", "endpoint: unix:///@foo"])),
 "006-wildcard-exempt": H + 'resources:\n  - resources: [events, "configmaps."]\n    providers: [{identity: {}}]\n  - resources: ["*.*"]\n    providers:\n      - kms: {apiVersion: v2, name: kek, endpoint: "unix:///var/run/kms.sock"}\n',
 "007-two-keys": doc(providers=local("aescbc", [["name: key2", f"secret: {K32}"], ["name: key1", f"secret: {K32}"]])),
 "008-core-wildcard": doc(resources='      - "*."\n', providers=kms(KMS_OK)),
 "009-crd": doc(resources="      - secrets\n      - pandas.awesome.bears.example\n", providers=kms(KMS_OK)),
 "010-group-wildcard": doc(resources='      - secrets\n      - "*.apps"\n', providers=kms(KMS_OK)),
 "011-multi-kms": H + "resources:\n  - resources: [secrets]\n    providers:\n" + kms(["apiVersion: v2", "name: a", "endpoint: unix:///a.sock"]) + kms(["apiVersion: v2", "name: b", "endpoint: unix:///b.sock"]),
 "012-anchors": H + f"x: &k\n" if False else H + "resources:\n  - resources: &r [secrets]\n    providers:\n" + kms(KMS_OK) + "  - resources: [configmaps]\n    providers:\n" + kms(["apiVersion: v2", "name: kek2", "endpoint: unix:///var/run/kms.sock"]),
 "013-specific-before-wildcard": H + "resources:\n  - resources: [secrets]\n    providers:\n" + kms(KMS_OK) + '  - resources: ["*.*"]\n    providers: [{identity: {}}]\n',
 "014-aescbc-crlf": doc().replace("\n", "\r\n"),
 "015-kms-timeout-ms": doc(providers=kms(KMS_OK + ["timeout: 1500ms"])),
 "016-uppercase-scheme": doc(providers=kms(["apiVersion: v2", "name: kek", "endpoint: UNIX:///var/run/kms.sock"])),
 "017-key-name-quoted": doc(providers=local("secretbox", [['name: "1"', f'secret: "{K32}"']])),
}
valid_json = {
 "050-json-secretbox": '{"apiVersion": "apiserver.config.k8s.io/v1", "kind": "EncryptionConfiguration",\n "resources": [{"resources": ["secrets"],\n   "providers": [{"secretbox": {"keys": [{"name": "b", "secret": "%s"}]}}, {"identity": {}}]}]}\n' % K32,
 "051-json-kms": '{\n  "apiVersion": "apiserver.config.k8s.io/v1",\n  "kind": "EncryptionConfiguration",\n  "resources": [\n    {"resources": ["secrets"], "providers": [{"kms": {"apiVersion": "v2", "name": "kek", "endpoint": "unix:///k.sock", "timeout": "10s"}}]}\n  ]\n}\n',
}

inv = {}
def case(name, text, frag):
    inv[name] = (text, frag)

# syntax, header, strict decoding, types
case("001-syntax-tab", H + "resources:\n\t- resources: [secrets]\n", "found character that cannot start any token")
case("002-syntax-unclosed-flow", H + "resources: [{resources: [secrets]\n", "did not find expected")
case("003-empty", "", "is empty")
case("004-only-comments", "# nothing\n", "is empty")
case("005-root-list", "- a\n- b\n", "couldn't get version/kind")
case("006-no-kind", "apiVersion: apiserver.config.k8s.io/v1\nresources:\n  - resources: [secrets]\n    providers: [{identity: {}}]\n", "Object 'Kind' is missing")
case("007-no-apiversion", "kind: EncryptionConfiguration\nresources:\n  - resources: [secrets]\n    providers: [{identity: {}}]\n", "Object 'apiVersion' is missing")
case("008-wrong-kind", doc(header="apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfig\n"), 'no kind "EncryptionConfig" is registered for version "apiserver.config.k8s.io/v1"')
case("009-wrong-version", doc(header="apiVersion: apiserver.config.k8s.io/v2\nkind: EncryptionConfiguration\n"), "is registered for version")
case("010-legacy", doc(header="apiVersion: v1\nkind: EncryptionConfig\n"), "legacy (pre-1.13) form")
case("011-unknown-top", doc() + "metadata:\n  name: x\n", 'unknown field "metadata"')
case("012-unknown-kms-pandas", doc(providers=kms(KMS_OK + ["pandas: 1"])), 'unknown field "resources[0].providers[0].kms.pandas"')
case("013-cacheSize-camel", doc(providers=kms(["name: kek", "endpoint: unix:///k.sock", "cacheSize: 10"])), 'unknown field "resources[0].providers[0].kms.cacheSize"')
case("014-unknown-key-field", doc(providers=local("aescbc", [["name: k", f"secret: {K32}", "algo: x"]])), 'keys[0].algo"')
case("015-misspelled-provider", doc(providers="      - aesbc:\n          keys: []\n"), "did you mean 'aescbc'")
case("016-duplicate-field", doc(providers=local("aescbc", [["name: a", "name: b", f"secret: {K32}"]])), 'key "name" already set in map')
case("017-name-number", doc(providers=kms(["apiVersion: v2", "name: 123", "endpoint: unix:///k.sock"])), "cannot unmarshal number into Go struct field KMSConfiguration.resources.providers.kms.name of type string")
case("018-cachesize-string", doc(providers=kms(["name: kek", "endpoint: unix:///k.sock", 'cachesize: "100"'])), "of type int32")
case("019-timeout-number", doc(providers=kms(KMS_OK + ["timeout: 3"])), "cannot unmarshal number into Go value of type string")
case("020-timeout-bad", doc(providers=kms(KMS_OK + ["timeout: 3x"])), 'time: invalid duration "3x"')
case("021-timeout-no-unit", doc(providers=kms(KMS_OK + ['timeout: "3"'])), 'time: missing unit in duration "3"')
case("022-resources-map", H + "resources:\n  secrets: true\n", "of type []v1.ResourceConfiguration")
case("023-providers-string", H + "resources:\n  - resources: [secrets]\n    providers: identity\n", "of type []v1.ProviderConfiguration")
case("024-resource-bool", doc(resources="      - yes\n", providers=kms(KMS_OK)), "cannot unmarshal bool into Go struct field")
case("025-cachesize-float", doc(providers=kms(["name: kek", "endpoint: unix:///k.sock", "cachesize: 1.5"])), "cannot unmarshal number 1.5")
case("026-identity-list", doc(providers="      - identity: []\n"), "of type v1.IdentityConfiguration")
# structure
case("030-no-resources", H, "resources: Required value: at least one resources is required")
case("031-empty-resources", H + "resources: []\n", "at least one resources is required")
case("032-list-no-resources", H + "resources:\n  - providers: [{identity: {}}]\n", "at least one resources[0].resources is required")
case("033-list-no-providers", H + "resources:\n  - resources: [secrets]\n", "at least one resources[0].providers is required")
case("034-provider-empty", doc(providers="      - {}\n"), "provider does not contain any of the expected providers: KMS, AESGCM, AESCBC, Secretbox, Identity")
case("035-identity-null", doc(providers="      - identity:\n"), "provider does not contain any of the expected providers")
case("036-two-providers", doc(providers=f"      - aescbc:\n          keys:\n            - name: k\n              secret: {K32}\n        identity: {{}}\n"), "more than one provider specified in a single element, should split into different list elements")
case("037-no-keys", doc(providers="      - aescbc: {}\n"), "resources[0].providers[0].aescbc.keys: Required value: at least one keys is required")
case("038-empty-keys", doc(providers="      - secretbox:\n          keys: []\n"), "secretbox.keys: Required value: at least one keys is required")
case("039-key-no-name", doc(providers=local("aescbc", [[f"secret: {K32}"]])), "keys[0].name: Required value: name is a mandatory field for a key")
case("040-key-no-secret", doc(providers=local("aescbc", [["name: k"]])), "keys[0].secret: Required value: secret is a mandatory field for a key")
case("041-key-empty-secret", doc(providers=local("aesgcm", [["name: k", 'secret: ""']])), "secret is a mandatory field for a key")
case("042-secret-not-base64", doc(providers=local("aescbc", [["name: k", "secret: not-base64!!"]])), 'Invalid value: "REDACTED": secrets must be base64 encoded')
case("043-secret-urlsafe", doc(providers=local("aescbc", [["name: k", "secret: " + base64.urlsafe_b64encode(bytes([251]*32)).decode()]])), "secrets must be base64 encoded")
case("044-secret-unpadded", doc(providers=local("aescbc", [["name: k", "secret: " + K31.rstrip("=")]])), "secrets must be base64 encoded")
case("045-aescbc-8", doc(providers=local("aescbc", [["name: k", f"secret: {K8}"]])), "secret is not of the expected length, got 8, expected one of [16 24 32]")
case("046-aescbc-31", doc(providers=local("aescbc", [["name: k", f"secret: {K31}"]])), "got 31, expected one of [16 24 32]")
case("047-aesgcm-33", doc(providers=local("aesgcm", [["name: k", f"secret: {K33}"]])), "got 33, expected one of [16 24 32]")
case("048-secretbox-16", doc(providers=local("secretbox", [["name: k", f"secret: {K16}"]])), "got 16, expected one of [32]")
case("049-secretbox-24", doc(providers=local("secretbox", [["name: k", f"secret: {K24}"]])), "expected one of [32]")
case("050-aescbc-16-note", doc(providers=local("aescbc", [["name: k", f"secret: {K16}"]])), "the aescbc key is 16 bytes")
case("051-aescbc-24-note", doc(providers=local("aescbc", [["name: k", f"secret: {K24}"]])), "the aescbc key is 24 bytes")
case("052-second-key-bad", doc(providers=local("aescbc", [["name: a", f"secret: {K32}"], ["name: b", "secret: abc"]])), "keys[1].secret")
# kms
case("060-kms-v3", doc(providers=kms(["apiVersion: v3", "name: kek", "endpoint: unix:///k.sock"])), "unsupported apiVersion apiVersion for KMS provider, only v1 and v2 are supported")
case("061-kms-no-name", doc(providers=kms(["apiVersion: v2", "endpoint: unix:///k.sock"])), "kms.name: Required value: name is a mandatory field for a provider")
case("062-kms-name-colon", doc(providers=kms(["apiVersion: v2", "name: a:b", "endpoint: unix:///k.sock"])), "invalid KMS provider name a:b, must not contain ':'")
case("063-kms-dup-v2", H + "resources:\n  - resources: [secrets]\n    providers:\n" + kms(KMS_OK) + kms(KMS_OK), "duplicate KMS provider name kek, names must be unique")
case("064-kms-dup-across-lists", H + "resources:\n  - resources: [secrets]\n    providers:\n" + kms(KMS_OK) + "  - resources: [configmaps]\n    providers:\n" + kms(KMS_OK), "duplicate KMS provider name kek")
case("065-kms-no-endpoint", doc(providers=kms(["apiVersion: v2", "name: kek"])), 'kms.endpoint: Invalid value: "": endpoint is a mandatory field for a kms')
case("066-kms-tcp", doc(providers=kms(["apiVersion: v2", "name: kek", "endpoint: tcp://localhost:8080"])), 'unsupported scheme "tcp" for KMS provider, only unix is supported')
case("067-kms-path-only", doc(providers=kms(["apiVersion: v2", "name: kek", "endpoint: /var/run/kms.sock"])), 'unsupported scheme "" for KMS provider')
case("068-kms-bad-escape", doc(providers=kms(["apiVersion: v2", "name: kek", "endpoint: unix:///a%zz"])), "invalid endpoint for kms provider, error: parse")
case("069-kms-v2-cachesize", doc(providers=kms(KMS_OK + ["cachesize: 1000"])), "cachesize: Invalid value: 1000: cachesize is not supported in v2")
case("070-kms-v1-cachesize-0", doc(providers=kms(["apiVersion: v1", "name: kek", "endpoint: unix:///k.sock", "cachesize: 0"])), "cachesize should be a positive value, or negative to disable")
case("071-kms-timeout-0", doc(providers=kms(KMS_OK + ["timeout: 0s"])), "timeout: Invalid value: 0s: timeout should be a positive value")
case("072-kms-timeout-negative", doc(providers=kms(KMS_OK + ["timeout: -1s"])), "timeout should be a positive value")
case("073-kms-v1-deprecated", doc(providers=kms(["apiVersion: v1", "name: kek", "endpoint: unix:///k.sock"])), "Set --feature-gates=KMSv1=true to use the deprecated KMSv1 feature.")
case("074-kms-default-v1", doc(providers=kms(["name: kek", "endpoint: unix:///k.sock"])), "KMS v1 is deprecated")
case("075-kms-v1-colon-ok-but-deprecated", doc(providers=kms(["apiVersion: v1", "name: a:b", "endpoint: unix:///k.sock"])), "KMS v1 is deprecated")
case("076-kms-v3-cachesize", doc(providers=kms(["apiVersion: v3", "name: kek", "endpoint: unix:///k.sock", "cachesize: 5"])), "cachesize is not supported in v2")
case("077-kms-control-char", doc(providers=kms(["apiVersion: v2", "name: kek", 'endpoint: "unix:///a\\tb"'])), "invalid control character in URL")
# resources
case("080-capital", doc(resources="      - Secrets\n"), 'resources[0].resources[0]: Invalid value: "Secrets": resource name should not contain capital letters')
case("081-star", doc(resources='      - "*"\n'), "use '*.' to encrypt all the resources from core API group or *.* to encrypt all resources")
case("082-apiserveripinfo", doc(resources="      - apiserveripinfo\n"), "resources which do not have REST API/s cannot be encrypted")
case("083-serviceipallocations", doc(resources="      - serviceipallocations\n"), "do not have REST API/s")
case("084-servicenodeportallocations", doc(resources="      - servicenodeportallocations\n"), "do not have REST API/s")
case("085-events-k8s-io", doc(resources="      - events.events.k8s.io\n"), "'*.events.k8s.io' objects are stored using the 'events' API group in etcd. Use 'events' instead in the config file")
case("086-events-wildcard", doc(resources='      - "*.events.k8s.io"\n'), "Use 'events' instead")
case("087-extensions", doc(resources="      - deployments.extensions\n"), "'extensions' group has been removed and cannot be used for encryption")
case("088-across-groups", doc(resources='      - "secrets.*"\n'), "encrypting the same resource across groups is not supported")
case("089-duplicate", doc(resources="      - secrets\n      - secrets\n"), "the same resource cannot be specified multiple times")
case("090-duplicate-dot", doc(resources='      - secrets\n      - "secrets."\n'), "cannot be specified multiple times")
case("091-overlap-core", doc(resources='      - secrets\n      - "*."\n'), "using overlapping resources such as 'secrets' and '*.' in the same resource list is not allowed as they will be masked")
case("092-overlap-all", doc(resources='      - "*.*"\n      - configmaps\n'), "will be masked")
case("093-overlap-group", doc(resources='      - "*.apps"\n      - deployments.apps\n'), "will be masked")
case("094-masked-core", H + 'resources:\n  - resources: ["*."]\n    providers: [{identity: {}}]\n  - resources: [secrets]\n    providers:\n' + kms(KMS_OK), 'resource "secrets" is masked by earlier rule "*."')
case("095-masked-all", H + 'resources:\n  - resources: ["*.*"]\n    providers:\n' + kms(KMS_OK) + '  - resources: [deployments.apps]\n    providers: [{identity: {}}]\n', 'resource "deployments.apps" is masked by earlier rule "*.*"')
case("096-masked-group", H + 'resources:\n  - resources: ["*.apps"]\n    providers:\n' + kms(KMS_OK) + '  - resources: [deployments.apps, secrets]\n    providers:\n' + kms(["apiVersion: v2", "name: k2", "endpoint: unix:///k.sock"]), 'is masked by earlier rule "*.apps"')
case("097-empty-resource", doc(resources='      - ""\n', providers=kms(KMS_OK)), "Secrets are stored in plaintext")
# hazards
case("100-identity-first", doc(providers="      - identity: {}\n" + local("aescbc", [["name: k", f"secret: {K32}"]])), "identity is the first provider")
case("101-aesgcm", doc(providers=local("aesgcm", [["name: k", f"secret: {K32}"]])), "aesgcm keys must be rotated every 200,000 writes")
case("102-dup-key-names", doc(providers=local("aescbc", [["name: k", f"secret: {K32}"], ["name: k", f"secret: {K16}"]])), 'key name "k" is used twice by aescbc')
case("103-dup-key-names-two-elements", doc(providers=local("secretbox", [["name: k", f"secret: {K32}"]]) + local("secretbox", [["name: k", f"secret: {K32}"]])), "is used twice by secretbox")
case("104-secrets-not-covered", doc(resources="      - configmaps\n"), "Secrets are stored in plaintext")
case("105-identity-only", doc(providers="      - identity: {}\n"), "Secrets are stored in plaintext")
case("110-secrets-exempt-before-wildcard", H + "resources:\n  - resources: [secrets]\n    providers: [identity: {}]\n  - resources: [\"*.*\"]\n    providers:\n" + local("aescbc", [["name: key1", f"secret: {K32}"]]), "resources[1] would encrypt them, but this list takes precedence")
case("111-core-exempt-before-wildcard", H + "resources:\n  - resources: [\"*.\"]\n    providers: [identity: {}]\n  - resources: [\"*.*\"]\n    providers:\n" + kms(KMS_OK), "this list decides how Secrets are stored")
case("106-two-documents", doc() + "---\n" + doc(), "reads the first document only")
case("107-excessive-aliasing", "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\nkind: EncryptionConfiguration\n", "excessive aliasing")
case("108-unknown-anchor", H + "resources: *nope\n", "unknown anchor")
case("109-kms-reload-not-set-v1-dup", H + "resources:\n  - resources: [secrets]\n    providers:\n" + kms(["apiVersion: v1", "name: kek", "endpoint: unix:///a.sock"]) + kms(["apiVersion: v1", "name: kek", "endpoint: unix:///b.sock"]), "KMS v1 is deprecated")
inv_json = {
 "120-json-unknown": ('{"apiVersion": "apiserver.config.k8s.io/v1", "kind": "EncryptionConfiguration",\n "resources": [{"resources": ["secrets"], "providers": [{"identity": {}}], "extra": 1}]}\n', 'unknown field "resources[0].extra"'),
 "121-json-duplicate": ('{"apiVersion": "apiserver.config.k8s.io/v1", "kind": "EncryptionConfiguration", "kind": "EncryptionConfiguration",\n "resources": [{"resources": ["secrets"], "providers": [{"identity": {}}]}]}\n', 'strict decoding error: duplicate field "kind"'),
 "122-json-syntax": ('{"apiVersion": "apiserver.config.k8s.io/v1", "kind": "EncryptionConfiguration",\n "resources": [\n}\n', "did not find expected"),
 "123-json-bad-secret": ('{"apiVersion": "apiserver.config.k8s.io/v1", "kind": "EncryptionConfiguration",\n "resources": [{"resources": ["secrets"],\n  "providers": [{"aescbc": {"keys": [{"name": "k", "secret": "%s"}]}}]}]}\n' % K8, "got 8, expected one of [16 24 32]"),
 "124-json-name-number": ('{"apiVersion": "apiserver.config.k8s.io/v1", "kind": "EncryptionConfiguration",\n "resources": [{"resources": ["secrets"], "providers": [{"kms": {"apiVersion": "v2", "name": 5, "endpoint": "unix:///k.sock"}}]}]}\n', "cannot unmarshal number into Go struct field KMSConfiguration.resources.providers.kms.name of type string"),
 "125-json-legacy": ('{"apiVersion": "v1", "kind": "EncryptionConfig",\n "resources": [{"resources": ["secrets"], "providers": [{"kms": {"apiVersion": "v2", "name": "k", "endpoint": "unix:///k.sock"}}]}]}\n', "legacy"),
}

for d in ("valid", "invalid"):
    os.makedirs(os.path.join(here, d), exist_ok=True)
for n, t in valid.items():
    open(os.path.join(here, "valid", n + ".yaml"), "w", newline="").write(t)
for n, t in valid_json.items():
    open(os.path.join(here, "valid", n + ".json"), "w").write(t)
for n, (t, f) in list(inv.items()) + [(k, v) for k, v in inv_json.items()]:
    ext = ".json" if n in inv_json else ".yaml"
    open(os.path.join(here, "invalid", n + ext), "w").write(t)
    open(os.path.join(here, "invalid", n + ext + ".fragment"), "w").write(f + "\n")
print(len(valid) + len(valid_json), "valid,", len(inv) + len(inv_json), "invalid")
