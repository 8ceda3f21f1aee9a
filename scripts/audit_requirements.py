"""Known vulnerabilities in the locked requirements (pip-audit), against one list of accepted ones.

    python scripts/audit_requirements.py requirements.lock requirements-properdocs.lock   # make test
    python scripts/audit_requirements.py --strict requirements.lock ...                  # make audit
    python scripts/audit_requirements.py --report saved.json requirements.lock           # judge a saved report

pip-audit looks every locked release up in the advisory data of PyPI's JSON API. A vulnerability fails
the check (exit 1) unless audit-exceptions.toml accepts its id for that package, with a reason and the
date it was accepted; an entry without them fails too. A package whose advisory data pip-audit could not
reach was not audited: the check names them and says so; with --strict that fails it (exit 2), as does
pip-audit not running at all.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXCEPTIONS = REPO / "audit-exceptions.toml"
FIX = ("    how to fix: raise the pin in requirements.txt or requirements-dev.txt (then `make lock`), or, if it "
       f"cannot apply to this site, accept it in {EXCEPTIONS.name} with a reason and a date")


@dataclass(frozen=True)
class Accepted:
    id: str
    package: str
    reason: str
    date: dt.date


def read_exceptions(text: str, where: str) -> tuple[list[Accepted], list[str]]:
    """The accepted vulnerabilities, and a problem for every entry that lacks an id, package, reason or date."""
    try:
        entries = tomllib.loads(text).get("accepted", [])
    except tomllib.TOMLDecodeError as error:
        return [], [f"{where}: not valid TOML ({error})"]
    accepted, problems = [], []
    for number, entry in enumerate(entries, 1):
        missing = [key for key in ("id", "package", "reason") if not str(entry.get(key, "")).strip()]
        if not isinstance(entry.get("date"), dt.date):
            missing.append("date (YYYY-MM-DD, unquoted)")
        if missing:
            problems.append(f"{where}: accepted entry {number} ({entry.get('id', 'no id')}) lacks {', '.join(missing)}")
        else:
            accepted.append(Accepted(entry["id"], entry["package"].lower(), entry["reason"], entry["date"]))
    return accepted, problems


def judge(report: dict, accepted: list[Accepted], where: str) -> tuple[list[str], list[str]]:
    """(one message per vulnerability not accepted, one line per package that was not audited)."""
    found, unaudited = [], []
    for dependency in report.get("dependencies", []):
        name = dependency.get("name", "?")
        if "skip_reason" in dependency:
            unaudited.append(f"{name}: {dependency['skip_reason']}")
            continue
        for vulnerability in dependency.get("vulns", []):
            ids = {vulnerability.get("id", ""), *vulnerability.get("aliases", [])}
            if any(entry.id in ids and entry.package == name.lower() for entry in accepted):
                continue
            fixed = ", ".join(vulnerability.get("fix_versions", [])) or "no fixed release yet"
            found.append(f"{where}: {name} {dependency.get('version', '')}: {' / '.join(sorted(filter(None, ids)))} "
                         f"(fixed in: {fixed})\n{FIX}")
    return found, unaudited


def run_pip_audit(lock: Path) -> dict:
    command = [sys.executable, "-m", "pip_audit", "--requirement", str(lock), "--require-hashes", "--disable-pip",
               "--format", "json", "--progress-spinner", "off"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
        return json.loads(result.stdout)
    except (OSError, subprocess.TimeoutExpired, json.JSONDecodeError) as error:
        stderr = locals().get("result") and result.stderr.strip().splitlines()[-1:]
        raise SystemExit(f"error: pip-audit did not run on {lock.name}: {stderr or error}\n"
                         "    how to fix: run `make .venv/.requirements-installed` (pip-audit is in "
                         "requirements-dev.txt); it needs PyPI's JSON API or OSV to answer") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Known vulnerabilities in the locked requirements.")
    parser.add_argument("locks", nargs="+", type=Path, help="requirement lock files (with hashes)")
    parser.add_argument("--strict", action="store_true", help="fail when some packages could not be audited")
    parser.add_argument("--report", type=Path, help="judge this saved `pip-audit --format json` report instead")
    parser.add_argument("--exceptions", type=Path, default=EXCEPTIONS, help="the accepted vulnerabilities")
    arguments = parser.parse_args(argv)
    accepted, problems = read_exceptions(arguments.exceptions.read_text(encoding="utf-8"), arguments.exceptions.name)
    found, unaudited = [], set()
    for lock in arguments.locks:
        report = (json.loads(arguments.report.read_text(encoding="utf-8")) if arguments.report
                  else run_pip_audit(lock))
        lock_found, lock_unaudited = judge(report, accepted, lock.name)
        found += lock_found
        unaudited.update(lock_unaudited)
    for message in problems + found:
        print(f"error: {message}", file=sys.stderr)
    if unaudited:
        level = "error" if arguments.strict else "warning"
        print(f"{level}: pip-audit could not reach the advisory data of {len(unaudited)} locked package(s), so they "
              "were NOT audited (PyPI's JSON API gave no answer for their releases, e.g. "
              f"{sorted(unaudited)[0]}). On a machine that reaches pypi.org/pypi/NAME/VERSION/json, "
              "`make audit` audits them; until then nothing is known about their vulnerabilities.", file=sys.stderr)
    if problems or found:
        return 1
    if unaudited:
        return 2 if arguments.strict else 0
    print(f"No known vulnerability in {', '.join(lock.name for lock in arguments.locks)} "
          f"({len(accepted)} accepted in {arguments.exceptions.name}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
