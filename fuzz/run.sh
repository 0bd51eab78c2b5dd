#!/usr/bin/env bash
# Runs one fuzz target, seeded from the test fixtures: fuzz/run.sh plan|cidr|theme|import [SECONDS]
# cargo-fuzz needs nightly features; RUSTC_BOOTSTRAP lets the stable toolchain use them.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?target: plan, cidr, theme or import}
seconds=${2:-600}
corpus=fuzz/corpus/$target
mkdir -p "$corpus"
case $target in
  plan) cp tests/fixtures/*.toml tests/fixtures/hostile/*.toml "$corpus"/ ;;
  import) cp tests/fixtures/devices/*.json tests/fixtures/devices/*.txt "$corpus"/ ;;
  theme) cp themes/*.toml tests/fixtures/hostile-themes/*.toml "$corpus"/ ;;
  cidr) grep -rhoE '"[^"]*/[^"]*"' tests/fixtures | tr -d '"' | sort -u |
          while read -r c; do printf '%s' "$c" > "$corpus/$(printf '%s' "$c" | md5sum | cut -c1-16)"; done ;;
esac
RUSTC_BOOTSTRAP=1 cargo fuzz run -O "$target" "$corpus" -- -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=65536
