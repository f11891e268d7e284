#!/usr/bin/env bash
# Installs what the build needs when it is missing: Z3's C library and headers (Debian's libz3-dev)
# and pkg-config, through which SwiftPM finds Z3. Safe to run repeatedly.
set -euo pipefail
if command -v pkg-config >/dev/null 2>&1 && pkg-config --exists z3; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
echo "ensure-deps: installing libz3-dev and pkg-config" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libz3-dev pkg-config >/dev/null
pkg-config --exists z3
