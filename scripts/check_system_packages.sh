#!/usr/bin/env bash
# Before `make build`, `make serve` and `make test`: are the Debian packages of system-packages.txt installed?
# If any is missing, say which, give the one command that installs them, and stop (exit 1).
# With --install (as root: .ci/run, the deploy workflow), install the missing ones instead.
#
# A line is one package, or alternatives in Debian's own syntax ("default-jre-headless | java-runtime-headless"):
# it is satisfied when any alternative is installed or provided by an installed package (NodeSource's nodejs
# provides npm; any OpenJDK runtime provides java-runtime-headless); what is missing is installed by its first name.
# Only the missing lines are installed: asking apt for a package that another one provides would replace the provider.
set -euo pipefail
cd "$(dirname "$0")/.."

install=false
[ "${1-}" = "--install" ] && install=true

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "note: not a Debian system (no dpkg-query); make sure the equivalents of system-packages.txt are installed" \
       "(the checkers of make test need node, npm and java on the PATH)." >&2
  exit 0
fi

provided=$(dpkg-query -W -f='${db:Status-Abbrev}|${Package}, ${Provides}\n' 2>/dev/null | sed -En 's/^[ih]i *\|//p' |
           sed -E 's/ \([^)]*\)//g; s/:[a-z0-9]+//g' | tr ',' '\n' | tr -d ' ' | sort -u)
satisfied() {  # one line of the list: any of its alternatives installed or provided
  local alternative
  for alternative in ${1//|/ }; do
    grep -qxF -- "$alternative" <<<"$provided" && return 0
  done
  return 1
}

mapfile -t lines < <(grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' system-packages.txt)
missing=()
for line in "${lines[@]}"; do
  satisfied "$line" || missing+=("$(awk -F'|' '{gsub(/[[:space:]]/, "", $1); print $1}' <<<"$line")")
done
[ "${#missing[@]}" -eq 0 ] && exit 0

if $install; then  # idempotent: a second run installs nothing
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo "
{
  echo "error: this machine lacks ${#missing[@]} Debian package(s) the site needs (system-packages.txt): ${missing[*]}"
  echo "    how to fix: ${sudo}apt-get update && ${sudo}apt-get install -y --no-install-recommends ${missing[*]}"
} >&2
exit 1
