#!/usr/bin/env bash
# Builds a release binary that runs on glibc 2.17 and later (old jump hosts), using zig as
# the linker through cargo-zigbuild (both from PyPI). Prints the binary's path.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v cargo-zigbuild >/dev/null 2>&1; then
  python3 -m pip install --quiet ziglang cargo-zigbuild
fi
cargo zigbuild --release --target x86_64-unknown-linux-gnu.2.17
bin=target/x86_64-unknown-linux-gnu/release/edgeplan
newest=$(objdump -T "$bin" | grep -o 'GLIBC_[0-9.]*' | sort -Vu | tail -n 1)
echo "$bin (needs $newest at most)"
