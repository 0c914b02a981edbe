#!/usr/bin/env bash
# Installs what Rotor needs from the system when it is missing: libedit (line editing).
set -euo pipefail
if dpkg -s libedit-dev >/dev/null 2>&1 && command -v pkg-config >/dev/null 2>&1; then
  exit 0
fi
sudo=""
if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq libedit-dev pkg-config >/dev/null
echo "installed libedit-dev"
