/* k8s/keysrc: where key material comes from.  getrandom(2) in production; a seeded
 * generator (splitmix64) so that tests and golden files are reproducible. */
#include <errno.h>
#include <string.h>
#include <sys/random.h>
#include "k8s/emit.h"

void k8s_keysrc_system(k8s_keysrc *k) { memset(k, 0, sizeof *k); }

void k8s_keysrc_seeded(k8s_keysrc *k, uint64_t seed)
{
    k->seeded = 1;
    k->state = seed;
}

static uint64_t splitmix64(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

int k8s_keysrc_fill(k8s_keysrc *k, unsigned char *out, size_t n)
{
    if (k->seeded) {
        for (size_t i = 0; i < n; i += 8) {
            uint64_t v = splitmix64(&k->state);
            for (size_t j = 0; j < 8 && i + j < n; j++) out[i + j] = (unsigned char)(v >> (8 * j));
        }
        return 0;
    }
    for (size_t off = 0; off < n;) {
        ssize_t r = getrandom(out + off, n - off, 0);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return -1;
        off += (size_t)r;
    }
    return 0;
}

const char *k8s_keysrc_base64(k8s_keysrc *k, arena *mem, size_t n)
{
    unsigned char raw[64];
    if (n > sizeof raw || k8s_keysrc_fill(k, raw, n) != 0) return NULL;
    buf b;
    buf_init(&b);
    k8s_base64_encode(raw, n, &b);
    explicit_bzero(raw, sizeof raw);   /* not optimised away, unlike memset before free */
    const char *s = arena_strndup(mem, b.data, b.len);
    explicit_bzero(b.data, b.len);
    buf_free(&b);
    return s;
}
