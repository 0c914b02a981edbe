#!/usr/bin/env bash
# Installs what Rotor needs from the system when it is missing: libedit (line editing), python3
# with pexpect (the REPL's pseudo-terminal test) and nbformat (the Jupyter notebook test),
# libcurl (`rotor update`). Non-interactive; sudo when not root.
set -euo pipefail
sudo=""
if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
updated=""
apt_install() {
  if [ -z "$updated" ]; then
    $sudo apt-get update -qq
    updated=1
  fi
  $sudo apt-get install -y -qq "$@" >/dev/null
  echo "installed $*"
}
if ! dpkg -s libedit-dev >/dev/null 2>&1 || ! command -v pkg-config >/dev/null 2>&1; then
  apt_install libedit-dev pkg-config
fi
if ! command -v python3 >/dev/null 2>&1; then apt_install python3; fi
# libcurl, loaded at run time by `rotor update` only (not linked).
# ldconfig lives in /sbin, which a minimal PATH (cron, env -i) leaves out.
ldconfig=$(command -v ldconfig || echo /sbin/ldconfig)
if ! "$ldconfig" -p 2>/dev/null | grep -q 'libcurl\.so\.4'; then apt_install libcurl4; fi
if ! python3 -c 'import pexpect' >/dev/null 2>&1; then
  # Into the python3 on PATH (pip), else Debian's package for the system python3.
  python3 -m pip install -q pexpect >/dev/null 2>&1 \
    || python3 -m pip install -q --break-system-packages pexpect >/dev/null 2>&1 \
    || apt_install python3-pexpect
  python3 -c 'import pexpect' && echo "installed pexpect"
fi
if ! python3 -c 'import nbformat' >/dev/null 2>&1; then
  # The .ipynb notebook test validates with nbformat: pip, else Debian's package.
  python3 -m pip install -q nbformat >/dev/null 2>&1 \
    || python3 -m pip install -q --break-system-packages nbformat >/dev/null 2>&1 \
    || apt_install python3-nbformat
  python3 -c 'import nbformat' && echo "installed nbformat"
fi
