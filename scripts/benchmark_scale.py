"""How the build scales: the site plus N method pages per language, against the Markdown floor and stock MkDocs.

    .venv/bin/python scripts/benchmark_scale.py                  # N = 100 and 1000 (N=1000 takes minutes)
    .venv/bin/python scripts/benchmark_scale.py --sizes 100      # quicker
    .venv/bin/python scripts/benchmark_scale.py --pdf            # also the project build with PDFs (cold, then warm)
    .venv/bin/python scripts/benchmark_scale.py --pdf --pdf-subset real --only-pdf --sizes 100 1000
                                   # time per PDF at any N: only the real pages' guides and a handbook of them
    .venv/bin/python scripts/benchmark_scale.py --serve 8110     # `make serve` rebuild after editing one page
    .venv/bin/python scripts/benchmark_scale.py --outdated 500   # also the validator with 500 outdated pages in git

For each N, a temporary copy of the repository gets N copies of the real method pages per
language (renamed; each translation keeps its original's state: redsite.sample_site.copy_method_pages),
then each step runs in its own process, one after the other:

- floor: Python-Markdown alone over every page of every language, with mkdocs.yml's extensions;
- project: `mkdocs build --strict` with our plugin (RED_SKIP_PDF=1 unless --pdf);
- stock: the same pages with mkdocs + Material + static-i18n only (mkdocs.yml without the `red` plugin,
  without our theme overrides, which need the plugin's context; nav listing every page);
- stock, project's nav: the same, with mkdocs.yml's nav, in which a section above the limit lists only
  its catalog page as our build does: the part of our build that MkDocs, Material and static-i18n take;
- validator: scripts/check_translations.py;
- with --outdated K: the validator again after the trees are committed to a new git repository and K (at most N)
  English copies are changed in a second commit, so that their translations are outdated and the
  report shows the English diff of each from git history;
- with --pdf: the project build with PDFs, cold (empty PDF cache), then warm (nothing changed), and
  the PDF step's own figures from the build log: wall and CPU time (with its render processes) per
  PDF rendered. Rendering every guide at N=1000 (3,054 PDFs) takes hours on 2 cores; with
  `--pdf-subset real` (RED_PDF_ONLY) the build still holds every page, but only the real method
  pages get a guide and a handbook, so the time per PDF can be compared across N on the same PDFs.

Each row gives wall time, CPU time (user + system of the process and its children) and peak
memory (ru_maxrss). The machine may be shared: compare ratios within one run. Asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from mkdocs.utils.yaml import yaml_load

from redsite.model import REPO_ROOT, load_model
from redsite.sample_site import copy_method_pages
from redsite.site_copy import copy_repo

FLOOR = """
import sys, time
from pathlib import Path
import markdown
from mkdocs.utils import meta
from mkdocs.utils.yaml import yaml_load
config = yaml_load(open(sys.argv[1], 'rb'))
names, options = [], {}
for item in config['markdown_extensions']:
    if isinstance(item, dict):
        (name, settings), = item.items()
        names.append(name); options[name] = settings or {}
    else:
        names.append(item)
md = markdown.Markdown(extensions=names, extension_configs=options)
count = 0
for tree in sys.argv[2:]:
    for path in sorted(Path(tree).rglob('*.md')):
        body, _ = meta.get_data(path.read_text(encoding='utf-8'))
        md.reset().convert(body)
        count += 1
print(count, 'pages')
"""


# Runs mkdocs and prints, at exit, the CPU time and peak memory of the Python process itself and of
# its largest subprocess (Pagefind, PDF workers): the goal of 200 MB is per process.
MKDOCS = """
import atexit, resource, runpy, sys
def report():
    own, children = (resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    print("RUSAGE", own.ru_utime + own.ru_stime, own.ru_maxrss / 1024, children.ru_utime + children.ru_stime,
          children.ru_maxrss / 1024, file=sys.stderr)
atexit.register(report)
sys.argv = ["mkdocs", *sys.argv[1:]]
runpy.run_module("mkdocs", run_name="__main__")
"""


@dataclass
class Run:
    wall: float
    cpu: float
    peak_mb: float
    code: int
    tail: str
    python_cpu: float | None = None  # mkdocs runs: the Python process alone, and its largest subprocess
    python_mb: float | None = None
    subprocess_mb: float | None = None
    log: str = ""

    def split(self) -> str:
        if self.python_cpu is None:
            return ""
        return (f" (Python {self.python_cpu:.1f} s CPU, {self.python_mb:.0f} MB; "
                f"largest subprocess {self.subprocess_mb:.0f} MB)")


PDF_STEP = re.compile(r"PDF guides: (\d+) PDF\(s\), (\d+) from the cache, (\d+) rendered with \d+ process(?:es)?; "
                      r"the PDF step took ([\d.]+) s \(([\d.]+) s CPU\)")


def pdf_step(log: str) -> str:
    """The PDF step's line of the build log as figures: PDFs rendered, its time, its time per PDF rendered."""
    match = PDF_STEP.search(log)
    if not match:
        return "no PDF step in the log"
    planned, cached, rendered, wall, cpu = (float(value) for value in match.groups())
    per_pdf = f"; per PDF rendered {wall / rendered:.2f} s wall, {cpu / rendered:.2f} s CPU" if rendered else ""
    return (f"PDF step: {planned:.0f} PDFs, {cached:.0f} from the cache, {rendered:.0f} rendered, "
            f"{wall:.1f} s wall / {cpu:.1f} s CPU{per_pdf}")


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """One child process: wall time, its CPU time (with its own children) and its peak memory."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, cwd=cwd, stdout=log, stderr=subprocess.STDOUT,
                                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})})
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - started
        log.seek(0)
        text = log.read().decode("utf-8", "replace")
    lines = text.splitlines()
    result = Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, process.returncode,
                 "\n".join(lines[-6:]), log=text)
    figures = next((line.split()[1:] for line in reversed(lines) if line.startswith("RUSAGE ")), None)
    if figures:
        own_cpu, own_mb, _, children_mb = (float(value) for value in figures)
        result.python_cpu, result.python_mb, result.subprocess_mb = own_cpu, own_mb, children_mb
    return result


def write_configs(root: Path) -> None:
    """mkdocs-stock.yml: the project's mkdocs.yml without our plugin, theme overrides or nav; and
    mkdocs-stock-nav.yml: the same with the project's nav, which above the section limit lists only the
    catalog pages, as our plugin makes it (what MkDocs, Material and static-i18n cost for our site)."""
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    with_nav = re.sub(r"^  - red:\n(      .*\n)+", "", text, flags=re.MULTILINE)
    with_nav = re.sub(r"^  custom_dir: .*\n", "", with_nav, flags=re.MULTILINE)
    (root / "mkdocs-stock-nav.yml").write_text(with_nav, encoding="utf-8")
    stock = re.sub(r"^nav:\n(  .*\n)+", "", with_nav, flags=re.MULTILINE)  # stock MkDocs lists every page
    config = yaml_load(stock.encode())
    plugins = [next(iter(item)) if isinstance(item, dict) else item for item in config["plugins"]]
    missing = [key for key in ("red", "nav") if key in plugins or key in config]
    missing += ["custom_dir"] if "custom_dir" in config["theme"] else []
    if missing:
        raise SystemExit(f"could not remove {missing} from mkdocs.yml for the stock build: update write_configs")
    (root / "mkdocs-stock.yml").write_text(stock, encoding="utf-8")


def measure(size: int, args, python: str) -> list[tuple[str, Run]]:
    model = load_model()
    rows: list[tuple[str, Run]] = []
    with tempfile.TemporaryDirectory(prefix=f"red-scale-{size}-") as folder:
        root = Path(folder)
        copy_repo(root)
        added = copy_method_pages(root, size, model)
        write_configs(root)
        trees = [str(root / lang.tree) for lang in model.languages]
        no_pdf = {"RED_SKIP_PDF": "1"}

        def step(label, command, env=None, findings_ok=False):
            result = run(command, root, env)
            if findings_ok and result.code == 1:  # the validator found (real) translation problems: not a failure
                result.code = 0
            rows.append((label, result))
            flag = "" if result.code == 0 else f"   EXIT {result.code}:\n{result.tail}"
            print(f"  N={size:<5} {label:<26} {result.wall:7.1f} s wall {result.cpu:7.1f} s CPU "
                  f"{result.peak_mb:6.0f} MB{result.split()}{flag}", flush=True)

        validator = [python, str(root / "scripts" / "check_translations.py"), "--root", str(root)]
        if not args.only_pdf:
            step("floor (Python-Markdown)", [python, "-c", FLOOR, str(root / "mkdocs.yml"), *trees])
            step("project build", [python, "-c", MKDOCS, "build", "--strict", "--site-dir", str(root / "site-p")],
                 no_pdf)
            step("stock build", [python, "-c", MKDOCS, "build", "-f", str(root / "mkdocs-stock.yml"),
                                 "--site-dir", str(root / "site-s")])
            step("stock build, project's nav", [python, "-c", MKDOCS, "build", "-f", str(root / "mkdocs-stock-nav.yml"),
                                                "--site-dir", str(root / "site-n")])
            step("validator", validator, findings_ok=True)
        if args.pdf:
            # The DOCX/ODT guides and offline zips are their own step (outputs), not timed here.
            cache = {"RED_PDF_CACHE": str(root / "pdf-cache"), "RED_SKIP_OUTPUTS": "1"}
            if args.pdf_subset == "real":
                cache["RED_PDF_ONLY"] = ",".join(real_method_slugs(model))
            for label, site in (("project build, PDFs cold", "site-c"), ("project build, PDFs warm", "site-w")):
                step(label, [python, "-c", MKDOCS, "build", "--strict", "--site-dir", str(root / site)], cache)
                print(f"  N={size:<5} {'':<26} {pdf_step(rows[-1][1].log)}", flush=True)
        if args.outdated:  # last: it turns the copy into a git repository and changes English pages
            outdate_in_git(root, added[:args.outdated], model)
            step("validator, outdated in git", validator, findings_ok=True)
    return rows


def real_method_slugs(model) -> list[str]:
    folder = REPO_ROOT / model.folder_of(model.default_language.code) / model.content_types["method"].folder
    return sorted(path.stem for path in folder.glob("*.md") if path.name != "index.md")


def outdate_in_git(root: Path, rels: list[str], model) -> None:
    """Commit the trees to a new git repository, then change the English of `rels` in a second commit."""
    git = ["git", "-C", str(root), "-c", "user.name=Benchmark", "-c", "user.email=benchmark@example.org"]
    trees = [lang.tree for lang in model.languages] + ["data"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", *trees], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "translations current"], check=True)
    for rel in rels:
        with (root / model.default_language.tree / rel).open("a", encoding="utf-8") as page:
            page.write("\nA paragraph added to the English later.\n")
    subprocess.run([*git, "commit", "-q", "-a", "-m", "English changed"], check=True)


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a running process (Linux /proc), to compare rebuilds on a busy machine."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def serve_rebuild(python: str, port: int, edits: int) -> list[tuple[float, float]]:
    """(wall, CPU) seconds from saving one page to `mkdocs serve`'s "Documentation built" line, real size."""
    seconds = []
    with tempfile.TemporaryDirectory(prefix="red-serve-") as folder:
        root = Path(folder)
        copy_repo(root)
        page = root / "docs" / "methods" / "seminars.md"
        log_path = root / "serve.log"
        with log_path.open("wb") as log:
            server = subprocess.Popen([python, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                                      cwd=root, stdout=log, stderr=subprocess.STDOUT,
                                      env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "RED_SKIP_PDF": "1"})
            try:
                _wait_for(log_path, "Serving on", 0, timeout=600)
                for edit in range(edits):
                    seen = log_path.read_text(encoding="utf-8", errors="replace").count("Documentation built")
                    started, cpu = time.perf_counter(), _cpu_seconds(server.pid)
                    with page.open("a", encoding="utf-8") as text:
                        text.write(f"\nAn edit to time the rebuild ({edit}).\n")
                    _wait_for(log_path, "Documentation built", seen, timeout=600)
                    seconds.append((time.perf_counter() - started, _cpu_seconds(server.pid) - cpu))
            finally:
                server.terminate()
                server.wait(timeout=30)
    return seconds


def _wait_for(log_path: Path, line: str, seen: int, timeout: float) -> None:
    deadline = time.perf_counter() + timeout
    while log_path.read_text(encoding="utf-8", errors="replace").count(line) <= seen:
        if time.perf_counter() > deadline:
            raise SystemExit(f"mkdocs serve: no '{line}' within {timeout} s; see {log_path}")
        time.sleep(0.05)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000], help="method pages added per language")
    parser.add_argument("--pdf", action="store_true", help="also build with PDFs (cold and warm cache)")
    parser.add_argument("--outdated", type=int, default=0, metavar="K",
                        help="also run the validator after changing K English copies in a git commit")
    parser.add_argument("--pdf-subset", choices=["all", "real"], default="all",
                        help="with --pdf: render every guide (all) or only the real method pages' guides and a "
                             "handbook of them (real, RED_PDF_ONLY), for the time per PDF at large N")
    parser.add_argument("--only-pdf", action="store_true", help="with --pdf: skip the floor, stock and validator rows")
    parser.add_argument("--serve", type=int, metavar="PORT",
                        help="only time `mkdocs serve` rebuilds after editing one page of the real site, on this port")
    args = parser.parse_args()
    python = sys.executable
    if args.serve:
        times = serve_rebuild(python, args.serve, edits=5)
        print(f"mkdocs serve, real site (load average {os.getloadavg()[0]:.1f}), from saving a page to "
              "'Documentation built': " + ", ".join(f"{wall:.1f} s wall / {cpu:.1f} s CPU" for wall, cpu in times))
        return 0
    print(f"Cores: {os.cpu_count()}, load average {os.getloadavg()[0]:.1f}", flush=True)
    table = {size: measure(size, args, python) for size in args.sizes}
    print(f"\n| N per language | {' | '.join(str(size) for size in args.sizes)} |")
    print(f"|---|{'---|' * len(args.sizes)}")
    for index, (label, _) in enumerate(table[args.sizes[0]]):
        cells = []
        for size in args.sizes:
            result = table[size][index][1]
            floor = table[size][0][1]
            ratio = "" if index == 0 or args.only_pdf else \
                f", {result.wall / floor.wall:.1f}× floor wall, {result.cpu / floor.cpu:.1f}× CPU"
            failed = "" if result.code == 0 else f" (EXIT {result.code})"
            cells.append(f"{result.wall:.1f} s wall / {result.cpu:.1f} s CPU, {result.peak_mb:.0f} MB{ratio}"
                         f"{result.split()}{failed}")
        print(f"| {label} | {' | '.join(cells)} |")
    if args.pdf:
        for size in args.sizes:
            for label, result in table[size]:
                if "PDFs" in label:
                    print(f"N={size}, {label}: {pdf_step(result.log)}")
    if len(args.sizes) > 1 and not args.only_pdf:
        small, large = args.sizes[0], args.sizes[-1]
        real = len(list((REPO_ROOT / "docs" / "methods").glob("*.md"))) - 1  # without the catalog page
        for label in ("floor (Python-Markdown)", "project build", "stock build", "stock build, project's nav"):
            first, last = (next(result for name, result in table[size] if name == label) for size in (small, large))
            print(f"{label}: CPU time grew {last.cpu / first.cpu:.1f}× from N={small} to N={large} "
                  f"({(real + large) / (real + small):.1f}× the method pages)")
    return 1 if any(result.code for rows in table.values() for _, result in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
