# ACK Secret encryption with KMS (alicloud provider >= 1.274.0 for alicloud_cs_kms_encryption).
# A cluster created by Terraform may instead set encryption_provider_key = "key-bjj6abcd" and
# disable_encryption = false on alicloud_cs_managed_kubernetes (cluster_spec = "ack.pro.small").
provider "alicloud" {
  region = "cn-beijing"
}

resource "alicloud_cs_kms_encryption" "secrets" {
  cluster_id         = "c4fe1e3a721544abc"
  kms_key_id         = "key-bjj6abcd"
  disable_encryption = false
}

resource "alicloud_ram_policy" "deny_kms_toggle" {
  policy_name     = "deny-ack-kms-toggle"
  policy_document = file("${path.module}/ram-policy.json")
  description     = "Deny enabling or disabling Secret encryption on ACK cluster c4fe1e3a721544abc"
}

resource "alicloud_ram_group_policy_attachment" "group_k8s_operators" {
  policy_name = alicloud_ram_policy.deny_kms_toggle.policy_name
  policy_type = "Custom"
  group_name = "k8s-operators"
}
