#!/bin/sh
# Enable Secret encryption with KMS on ACK cluster c4fe1e3a721544abc (UpdateKMSEncryption, PUT /clusters/{id}/kms).
# The cluster goes running -> updating -> running; another call within 5 minutes of completion
# fails with HTTP 409.  The caller needs cluster RBAC admin/O&M and AliyunKMSCryptoAdminAccess.
set -eu
aliyun cs PUT /clusters/c4fe1e3a721544abc/kms --region 'cn-beijing' \
  --header "Content-Type=application/json" \
  --body '{"kms_key_id":"key-bjj6abcd","disable_encryption":false}'
aliyun cs GET /clusters/c4fe1e3a721544abc --region 'cn-beijing'   # wait for state running
