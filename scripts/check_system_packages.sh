#!/usr/bin/env bash
# Before `make build`, `make serve` and `make test`: are the Debian packages of system-packages.txt installed?
# If any is missing, say which, give the one command that installs them, and stop (exit 1).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "note: not a Debian system (no dpkg-query); make sure the equivalents of system-packages.txt are installed." >&2
  exit 0
fi
mapfile -t packages < <(grep -v -e '^#' -e '^[[:space:]]*$' system-packages.txt)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo "
  {
    echo "error: this machine lacks ${#missing[@]} Debian package(s) the site needs (system-packages.txt): ${missing[*]}"
    echo "    how to fix: ${sudo}apt-get update && ${sudo}apt-get install -y --no-install-recommends ${missing[*]}"
  } >&2
  exit 1
fi
