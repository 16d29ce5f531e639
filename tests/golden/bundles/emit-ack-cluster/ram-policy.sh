#!/bin/sh
# Create the RAM policy that denies enabling or disabling ACK Secret encryption, and attach it.
set -eu
cd "$(dirname "$0")"
aliyun ram CreatePolicy --PolicyName 'deny-ack-kms-toggle' \
  --Description 'Deny enabling or disabling Secret encryption on ACK cluster c4fe1e3a721544abc' \
  --PolicyDocument "$(cat ram-policy.json)"
aliyun ram AttachPolicyToUser --PolicyType Custom --PolicyName 'deny-ack-kms-toggle' --UserName 'alice'
aliyun ram AttachPolicyToRole --PolicyType Custom --PolicyName 'deny-ack-kms-toggle' --RoleName 'ops-admin'
