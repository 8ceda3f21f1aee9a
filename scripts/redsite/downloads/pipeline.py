"""One pipeline for every download: jobs -> content-hash cache -> copy into the site -> sizes -> report.

Each format (redsite.downloads.pdf, .office, .offline) plans its jobs: a job names its file in the site
(`output`) and the cache file its content hash leads to (`cache_file`). `publish_jobs` has the format make
only the jobs whose cache file is missing, copies every file from the cache into the site, and returns the
downloads written; their sizes reach the pages in one pass at the end of the build (redsite.downloads.sizes).
A warm build makes nothing. Every file a download reads comes through redsite.site_files.
"""

from __future__ import annotations

import hashlib
import logging
import os
import resource
import shutil
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TypeVar

from redsite.downloads.sizes import Download

CACHE_MAX_AGE_DAYS = 30
T = TypeVar("T")


class Job(Protocol):
    output: str  # the file in the site, from the site root
    cache_file: Path  # where the cache keeps it: cache_path(cache_dir, its content hash, suffix)


def content_key(parts: Iterable[str], blobs: Iterable[bytes] = ()) -> str:
    """The hash of all that shapes a file: text parts (each ends with a NUL), then the hash of each blob."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    for blob in blobs:
        digest.update(hashlib.sha256(blob).digest())
    return digest.hexdigest()


def cache_path(cache_dir: Path, key: str, suffix: str) -> Path:
    return cache_dir / key[:2] / f"{key}{suffix}"


def store(cache_file: Path, data: bytes) -> None:
    """Write a file into the cache in one step: a build that stops halfway leaves no partial file there."""
    cache_file.parent.mkdir(parents=True, exist_ok=True)
    partial = cache_file.with_name(f"{cache_file.name}.{os.getpid()}.part")
    partial.write_bytes(data)
    os.replace(partial, cache_file)


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (render workers, pandoc)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


@dataclass
class Report:
    """What a download step did, in the same shape for every format; `messages()` for the build log."""

    title: str  # "PDF guides"
    unit: str  # "PDF(s)"
    step: str  # "PDF": "the PDF step took ..."
    verb: str = "made"  # "rendered"
    means: str = ""  # " with 2 processes", " by pandoc"
    planned: int = 0
    from_cache: int = 0
    made: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # this process and its children
    skipped: str = ""  # why nothing was made, when the step was skipped
    made_files: list[str] = field(default_factory=list)  # site paths of the files made (not from the cache)
    details: list[str] = field(default_factory=list)  # more lines for the log
    warnings: list[str] = field(default_factory=list)
    downloads: list[Download] = field(default_factory=list)  # what was copied into the site
    replacements: dict[str, dict[str, str]] = field(default_factory=dict)  # page -> its marker -> what replaces it

    def messages(self) -> list[tuple[int, str]]:
        if self.skipped:
            return [(logging.INFO, self.skipped)]
        lines = [(logging.INFO, f"{self.title}: {self.planned} {self.unit}, {self.from_cache} from the cache, "
                                f"{self.made} {self.verb}{self.means}; the {self.step} step took {self.seconds:.1f} s "
                                f"({self.cpu_seconds:.1f} s CPU)")]
        if 0 < self.made <= 12:  # what an edit made again (only its own files)
            lines.append((logging.INFO, f"{self.unit} {self.verb}: {', '.join(sorted(self.made_files))}"))
        lines += [(logging.INFO, detail) for detail in self.details]
        return lines + [(logging.WARNING, warning) for warning in self.warnings]


def uncached(jobs: Iterable[Job]) -> list[Job]:
    """The jobs whose file the cache does not hold: the only ones a format makes."""
    return [job for job in jobs if not job.cache_file.is_file()]


def copy_into_site(jobs: Sequence[Job], made: Sequence[Job], site_dir: Path, report: Report, kind: str,
                   languages: Callable[[Job], frozenset[str]]) -> None:
    """Copy every job's file from the cache into the site, each as a Download of `kind` whose size the pages of
    `languages(job)` may show; count in the report what was made (`made`) and what came from the cache."""
    report.planned, report.from_cache, report.made = len(jobs), len(jobs) - len(made), len(made)
    report.made_files = [job.output for job in made]
    for job in jobs:
        target = site_dir / job.output
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(job.cache_file, target)
        os.utime(job.cache_file)  # used: prune_cache keeps it
        report.downloads.append(Download(job.output, kind, target.stat().st_size, languages(job)))


def publish_jobs(jobs: Sequence[Job], site_dir: Path, make: Callable[[list], T], report: Report, kind: str,
                 languages: Callable[[Job], frozenset[str]]) -> T:
    """The pipeline for jobs planned up front: `make` gets the uncached ones (and returns what the format wants
    back, e.g. warnings), then copy_into_site."""
    missing = uncached(jobs)
    made = make(missing)
    copy_into_site(jobs, missing, site_dir, report, kind, languages)
    return made


def prune_cache(cache_dir: Path, keep: int, patterns: Iterable[str], companions: Iterable[str] = (),
                max_age_days: int = CACHE_MAX_AGE_DAYS) -> None:
    """Forget the cache files (`patterns`, one group) no build has used for a while, and the least recently used
    beyond `keep`; with each, its companion files (the same name with a suffix of `companions`).

    A cache hit refreshes the file's time. Test builds (whose site address differs each session) and edits add
    entries; this keeps the folder from growing without end."""
    limit = time.time() - max_age_days * 86400
    entries = sorted((entry.stat().st_mtime, entry) for pattern in patterns for entry in cache_dir.glob(pattern))
    for position, (used, entry) in enumerate(entries):
        if used < limit or position < len(entries) - keep:
            entry.unlink(missing_ok=True)
            for suffix in companions:
                entry.with_suffix(suffix).unlink(missing_ok=True)
