#!/bin/sh
# Installs the build dependencies that are missing (Debian): re2c, lemon, jansson, libyaml, check,
# pkg-config, and clang for `make fuzz`.  Run by make itself; safe to run again.
set -eu
missing=""
command -v re2c >/dev/null 2>&1 || missing="$missing re2c"
command -v lemon >/dev/null 2>&1 || missing="$missing lemon"
command -v pkg-config >/dev/null 2>&1 || missing="$missing pkg-config"
command -v cc >/dev/null 2>&1 || missing="$missing gcc libc6-dev"
command -v make >/dev/null 2>&1 || missing="$missing make"
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
