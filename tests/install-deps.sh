#!/bin/sh
# Installs the build dependencies that are missing (Debian): re2c, lemon, jansson, libyaml,
# check, pkg-config, shellcheck (make check lints the scripts iamc emit writes); with the
# argument "fuzz", clang and its libFuzzer runtime for `make fuzz`.  Run by make itself; safe
# to run again.
set -eu
missing=""
if [ "${1:-}" = fuzz ]; then
  command -v clang >/dev/null 2>&1 || missing="$missing clang"
  # libFuzzer's runtime comes with the versioned compiler-rt package
  if ! echo 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n){(void)d;(void)n;return 0;}' |
       clang -x c -fsanitize=fuzzer -o /dev/null - >/dev/null 2>&1; then
    v=$(clang --version 2>/dev/null | sed -n 's/.*clang version \([0-9]*\).*/\1/p')
    missing="$missing libclang-rt-${v:-14}-dev"
  fi
fi
command -v re2c >/dev/null 2>&1 || missing="$missing re2c"
command -v lemon >/dev/null 2>&1 || missing="$missing lemon"
command -v pkg-config >/dev/null 2>&1 || missing="$missing pkg-config"
command -v cc >/dev/null 2>&1 || missing="$missing gcc libc6-dev"
command -v make >/dev/null 2>&1 || missing="$missing make"
command -v shellcheck >/dev/null 2>&1 || missing="$missing shellcheck"
if command -v pkg-config >/dev/null 2>&1; then
  pkg-config --exists jansson || missing="$missing libjansson-dev"
  pkg-config --exists check || missing="$missing check"
  pkg-config --exists yaml-0.1 || missing="$missing libyaml-dev"
else
  missing="$missing libjansson-dev check libyaml-dev"
fi
[ -z "$missing" ] && exit 0
echo "iamc: installing build dependencies:$missing"
if [ "$(id -u)" != 0 ]; then
  echo "iamc: not root; run: sudo apt-get install -y$missing" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
