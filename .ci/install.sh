#!/usr/bin/env bash
# Installs everything azl-playground needs on a fresh Debian 12 machine: the wasm toolchain,
# Debian's libsolv tools (the reference resolver for tests and the bench), Chromium for browser
# tests, compressors for test fixtures, and the npm packages (npm ci, from package-lock.json).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PACKAGES=(clang lld llvm wasi-libc libclang-rt-14-dev-wasm32 dpkg-dev libsolv-tools zstd xz-utils bzip2 chromium)
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install: apt-get install ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
node -e 'const [a,b]=process.versions.node.split(".").map(Number); if (a<20||(a===20&&b<19)) { console.error("Node >= 20.19 is needed, found "+process.versions.node); process.exit(1) }'
npm ci --no-audit --no-fund
