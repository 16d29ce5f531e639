# ACK Secret encryption with KMS (alicloud provider >= 1.274.0 for alicloud_cs_kms_encryption).
# A cluster created by Terraform may instead set encryption_provider_key = "key-hzz6abcd" and
# disable_encryption = false on alicloud_cs_managed_kubernetes (cluster_spec = "ack.pro.small").
provider "alicloud" {
  region = "cn-hangzhou"
}

resource "alicloud_cs_kms_encryption" "secrets" {
  cluster_id         = "c4fe1e3a721544abc"
  kms_key_id         = "key-hzz6abcd"
  disable_encryption = false
}

resource "alicloud_ram_policy" "deny_kms_toggle" {
  policy_name     = "deny-ack-kms-toggle"
  policy_document = file("${path.module}/ram-policy.json")
  description     = "Deny enabling or disabling Secret encryption on ACK cluster c4fe1e3a721544abc"
}

resource "alicloud_ram_user_policy_attachment" "user_alice" {
  policy_name = alicloud_ram_policy.deny_kms_toggle.policy_name
  policy_type = "Custom"
  user_name = "alice"
}

resource "alicloud_ram_role_policy_attachment" "role_ops_admin" {
  policy_name = alicloud_ram_policy.deny_kms_toggle.policy_name
  policy_type = "Custom"
  role_name = "ops-admin"
}
