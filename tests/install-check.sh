#!/bin/sh
# Install into a scratch prefix, then build examples/libiamc/check_policy.c against the
# installed library through pkg-config, shared and static, and run both.
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
make -s install PREFIX="$tmp/usr" >/dev/null
for f in bin/iamc lib/libiamc.a lib/libiamc.so lib/libiamc.so.0 include/iamc.h lib/pkgconfig/iamc.pc share/man/man1/iamc.1; do
  [ -e "$tmp/usr/$f" ] || { echo "install-check: missing $f"; echo "install: 0 passed, 1 failed"; exit 1; }
done
export PKG_CONFIG_PATH="$tmp/usr/lib/pkgconfig"
# shellcheck disable=SC2046
cc -Wall -Werror examples/libiamc/check_policy.c $(pkg-config --cflags --libs iamc) -o "$tmp/shared"
# shellcheck disable=SC2046
cc -Wall -Werror examples/libiamc/check_policy.c $(pkg-config --cflags iamc) "$tmp/usr/lib/libiamc.a" \
   $(pkg-config --libs jansson yaml-0.1) -o "$tmp/static"
LD_LIBRARY_PATH="$tmp/usr/lib" "$tmp/shared" examples/policies/oke-same-tenancy.pol > "$tmp/out"
grep -q 'oke-same-tenancy.pol: 3 statements or rules, 0 errors' "$tmp/out"
"$tmp/static" examples/policies/typos.pol > "$tmp/out2" && exit 1 || true
grep -q 'typos.pol: 0 statements or rules, 3 errors' "$tmp/out2"
# shellcheck disable=SC2046
cc -Wall -Werror examples/libiamc/may_decrypt.c $(pkg-config --cflags --libs iamc) -o "$tmp/may_decrypt"
LD_LIBRARY_PATH="$tmp/usr/lib" "$tmp/may_decrypt" examples/worlds/oke.json examples/requests/cluster-decrypt-cross.json > "$tmp/out3"
grep -q '^allow (allowed)' "$tmp/out3"
if LD_LIBRARY_PATH="$tmp/usr/lib" "$tmp/may_decrypt" examples/worlds/oke.json examples/requests/cluster-other-key.json > "$tmp/out4"; then exit 1; fi
grep -q '^deny (missing-admit)' "$tmp/out4"
readelf -d "$tmp/usr/lib/libiamc.so" | grep -q 'SONAME.*libiamc.so.0'
# the shared library exports the functions of iamc.h and nothing else
nm -D --defined-only "$tmp/usr/lib/libiamc.so" | awk '$2 == "T" {print $3}' | sed 's/@.*//' | sort -u > "$tmp/exported"
grep -oE '\biamc_[a-z_0-9]+ *\(' "$tmp/usr/include/iamc.h" | tr -d '( ' | sort -u > "$tmp/declared"
if ! cmp -s "$tmp/exported" "$tmp/declared"; then
  echo "install-check: libiamc.so exports differ from iamc.h:"; diff "$tmp/declared" "$tmp/exported" | head
  echo "install: 0 passed, 1 failed"; exit 1
fi
"$tmp/usr/bin/iamc" --version | grep -q '^iamc '
echo "install: 1 passed, 0 failed"
