#!/usr/bin/env bash
# Installs the Debian packages dtr needs, only when one is missing (needs root or sudo).
set -euo pipefail
need=()
for p in libopenblas-dev libreadline-dev libcairo2-dev libzmq3-dev; do
  dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}" >&2
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
