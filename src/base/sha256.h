/* sha256: SHA-256 (FIPS 180-4), for the digests an emitted bundle's manifest records.
 * Small and dependency-free; checked against the FIPS 180-2 test vectors (tests/unit). */
#ifndef IAMC_BASE_SHA256_H
#define IAMC_BASE_SHA256_H
#include <stddef.h>
#include <stdint.h>

enum { SHA256_BYTES = 32, SHA256_HEX = 65 };   /* digest; hex text with its NUL */

typedef struct sha256_ctx {
    uint32_t h[8];
    uint64_t bytes;          /* message length so far */
    unsigned char block[64];
    size_t fill;             /* bytes waiting in block */
} sha256_ctx;

void sha256_init(sha256_ctx *c);
void sha256_update(sha256_ctx *c, const void *data, size_t len);
void sha256_final(sha256_ctx *c, unsigned char out[SHA256_BYTES]);
/* The digest of LEN bytes of DATA as 64 lower-case hex digits. */
void sha256_hex(const void *data, size_t len, char out[SHA256_HEX]);

#endif
