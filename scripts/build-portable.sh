#!/usr/bin/env bash
# Builds the release binary for old jump hosts: linked against glibc 2.17 (CentOS 7,
# RHEL 7 and later) with zig as the linker through cargo-zigbuild (both from PyPI),
# stripped and with LTO in one codegen unit (4.2 MiB without them; the target is < 5 MB). Fails when any symbol needs a newer glibc. Prints the binary's path, the
# newest glibc symbol it needs and its size.
set -euo pipefail
cd "$(dirname "$0")/.."
target=x86_64-unknown-linux-gnu
if ! command -v cargo-zigbuild >/dev/null 2>&1; then
  python3 -m pip install --quiet ziglang cargo-zigbuild
fi
rustup target list --installed 2>/dev/null | grep -qx "$target" || rustup target add "$target"
CARGO_PROFILE_RELEASE_STRIP=symbols CARGO_PROFILE_RELEASE_LTO=true CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1 \
  cargo zigbuild --release --locked --target "$target.2.17" >&2
bin=target/$target/release/edgeplan
newest=$(objdump -T "$bin" | grep -o 'GLIBC_[0-9.]*' | sort -Vu | tail -n 1)
if [ "$(printf '%s\n' "$newest" GLIBC_2.17 | sort -V | tail -n 1)" != GLIBC_2.17 ]; then
  echo "error: $bin needs $newest, newer than glibc 2.17" >&2
  exit 1
fi
size=$(stat -c %s "$bin")
echo "$bin"
echo "newest glibc symbol: $newest"
echo "size: $size bytes ($(awk -v s="$size" 'BEGIN { printf "%.2f", s / 1048576 }') MiB)"
