"""Pagefind indexing each page while MkDocs builds the next one.

Pagefind's indexing service (`pagefind --service`, the process its Node and Python APIs drive) runs
beside the build, one per language (redsite.search_build): each finished page is handed to it as soon as
MkDocs writes it, and the service parses it on the machine's other core while Python renders the
next page. When the build moves on to the next language, the service writes its language's part of
the bundle and ends; at the end only the last language remains to be written, and the parts are
merged. Each process holds one language's pages, where the command line over the
finished site held all of them (Pagefind keeps every page in memory until it writes).

Why not `pagefind.index.PagefindIndex` (the Python API of the pinned 1.5.2) itself: its reader
(`PagefindService._wait_for_responses`) sleeps 0.1 s before reading each reply, so it can take at
most ten pages a second (50 pages: 5.0 s; 3,111 pages would take over five minutes), and a service
that dies leaves its callers awaiting replies forever. So this module speaks the same protocol
(base64 JSON messages ended by a comma, the request shapes of `pagefind.service.types`) with two
threads of its own, finds the binary the way the Python API does (`pagefind.service.get_executable`),
and turns every way the service can fail into a `SearchIndexError` that says what happened:
- it cannot start (not installed, not executable): at `start`;
- it ends or crashes during the build: at the next page handed to it, or at `finish`;
- it stops answering: after `stall_seconds` without a reply while replies are due;
- it refuses a page or the bundle: with Pagefind's own message and the page's address.

What the service is sent: the page's `<html>` tag and `<title>` (language and fallback title) and
the page from the search body (`data-pagefind-body`) on, not the header and navigation before it,
which Pagefind skips anyway once a body is marked. Pages without a body marker (English fallback
pages in the sv/ru trees) are not sent: with a marked body anywhere on the site Pagefind drops them.
"""

from __future__ import annotations

import base64
import contextlib
import ctypes
import json
import os
import queue
import re
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from redsite.search_index import ENTRY_FILE, SearchIndexError

BODY_MARKER = "<div data-pagefind-body>"  # as templates/search_body.html writes it
HTML_TAG = re.compile(r"<html\b[^>]*>")
TITLE = re.compile(r"<title>.*?</title>", re.S)
PROC = Path("/proc")  # Linux: a process's open files are /proc/<pid>/fd
START_SECONDS = 30.0  # it answers its first message in milliseconds
REINSTALL = "run `make .venv/.requirements-installed` (it installs pagefind[bin] from requirements.txt)"


def document_for_index(output: str) -> str | None:
    """What Pagefind needs of a built page to index it as it would the page itself, or None for a page
    without a search body (which Pagefind would skip): the `<html>` tag, the `<title>`, and the page
    from the search body to its end."""
    body = output.find(BODY_MARKER)
    if body < 0:
        return None
    html_tag = HTML_TAG.search(output)
    title = TITLE.search(output, 0, body)
    return (f"{html_tag.group(0) if html_tag else '<html>'}<head>{title.group(0) if title else ''}</head>"
            f"<body>{output[body:]}")


def url_for(dest_uri: str) -> str:
    """The address Pagefind gives a file of the site (`sv/about/index.html` -> `/sv/about/`), as its
    `build_url` does without `keep_index_url`."""
    return "/" + dest_uri.removesuffix("index.html")


def _return_freed_memory() -> None:
    """glibc keeps what a thread frees in that thread's own arena: without this, each language's reader thread
    kept the megabytes of its bundle (decoded here) resident, 309 MB instead of 238 MB for the build's Python
    process at 1,000 pages per language. malloc_trim hands free pages back; elsewhere than glibc it is absent."""
    with contextlib.suppress(AttributeError, OSError):
        ctypes.CDLL(None).malloc_trim(0)


def _encode(message_id: int, payload: dict) -> bytes:
    """A message as Pagefind's service reads it: base64 of the JSON, then a comma. UTF-8, not \\u escapes:
    a Russian page is half the bytes, and a quarter less time to encode."""
    message = json.dumps({"message_id": message_id, "payload": payload}, ensure_ascii=False)
    return base64.b64encode(message.encode("utf-8")) + b","


class PagefindFeed:
    """One Pagefind index, fed page by page from the build; `finish` writes the bundle."""

    def __init__(self, exclude_selectors, *, stall_seconds: float = 120.0, binary: Path | None = None,
                 watch_files: bool = (PROC / "self" / "fd").is_dir()):
        self.exclude_selectors = list(exclude_selectors)
        self.stall_seconds = stall_seconds
        self.binary = binary
        self.watch_files = watch_files  # see request_files
        self.process: subprocess.Popen | None = None
        self._outbox: queue.Queue[bytes | None] = queue.Queue()
        self._replies: dict[int, dict] = {}
        self._sent: dict[int, str] = {}  # message id -> what was asked (the page's address)
        self._next_id = 0
        self._changed = threading.Condition()
        self._last_reply = time.monotonic()
        self._failure: str | None = None  # why the service stopped, once it has
        self._refused: dict[int, str] = {}  # message id -> Pagefind's reason
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 (the service's own words, read if it fails)
        self.pages_sent = 0
        self._write_id: int | None = None  # the last message: the bundle
        self._folder: Path | None = None

    # --- the service ---------------------------------------------------------------------------------

    def start(self) -> None:
        """Start the service and its index; fails if it cannot start or does not answer."""
        binary = self.binary or self._find_binary()
        try:
            self.process = subprocess.Popen([str(binary), "--service"], stdin=subprocess.PIPE,
                                            stdout=subprocess.PIPE, stderr=self._stderr)
        except OSError as error:
            raise SearchIndexError(f"Pagefind's indexing service ({binary}) could not start: {error}.\n"
                                   f"How to fix: {REINSTALL}.") from None
        threading.Thread(target=self._write, args=(self.process,), name="pagefind-writer", daemon=True).start()
        threading.Thread(target=self._read, args=(self.process,), name="pagefind-reader", daemon=True).start()
        reply = self._wait_for(self._send({"type": "NewIndex", "config": {
            "exclude_selectors": self.exclude_selectors}}, "a new index"), min(self.stall_seconds, START_SECONDS))
        self.index_id = reply["index_id"]

    @staticmethod
    def _find_binary() -> Path:
        try:
            from pagefind.service import get_executable
        except ImportError:
            raise SearchIndexError(f"The pagefind Python package is not installed.\nHow to fix: {REINSTALL}.") \
                from None
        binary = get_executable()
        if binary is None:
            raise SearchIndexError(f"Pagefind's binary was not found (pagefind_bin, PAGEFIND_BINARY_PATH or "
                                   f"`pagefind` on PATH).\nHow to fix: {REINSTALL}.")
        return binary

    def add(self, url: str, document: str) -> None:
        """Hand one page to the service, without waiting for it to be indexed."""
        if self._failure is not None:
            self._give_up()
        if self._write_id is not None:
            raise SearchIndexError(f"{url} came after its index was written.")
        self._send({"type": "AddFile", "index_id": self.index_id, "url": url, "file_path": None,
                    "file_contents": document}, url)
        self.pages_sent += 1

    def request_files(self, folder: Path) -> None:
        """Ask for the bundle in `folder` once the pages sent so far are indexed, without waiting: no page may
        follow. Pagefind's service writes files without flushing them (tokio `File::write_all` in
        `output::write`) and answers before they are written; closing its input then ends it at once
        (`process::exit`), which can cut a file short. So the service may end only once it holds no file of
        the bundle open (seen in /proc); where there is no /proc, the files come through the pipe instead
        (GetFiles) and are written here."""
        if self._write_id is None:
            self._folder = folder
            if self.watch_files:
                self._send({"type": "WriteFiles", "index_id": self.index_id, "output_path": str(folder)},
                           f"the bundle for {folder}", last=True)
            else:
                self._send({"type": "GetFiles", "index_id": self.index_id}, f"the bundle for {folder}", last=True)

    def finish(self, folder: Path) -> int:
        """The bundle written to `folder` once every page is indexed; the service ends. Returns the pages indexed."""
        try:
            self.request_files(folder)
            reply = self._wait_for(self._write_id, self.stall_seconds)
            refused = [f"{self._sent[message_id]}: {message}" for message_id, message
                       in sorted(self._refused.items())]
            if refused:
                raise SearchIndexError("Pagefind could not index " + "; ".join(refused[:5]) +
                                       (f" (and {len(refused) - 5} more)" if len(refused) > 5 else ""))
            indexed = sum(reply["type"] == "IndexedFile" for reply in self._replies.values())
            if indexed != self.pages_sent or reply.get("type") not in ("WriteFiles", "GetFiles") \
                    or not (self._folder / ENTRY_FILE).is_file():
                raise SearchIndexError(f"Pagefind indexed {indexed} of the {self.pages_sent} pages it was sent "
                                       f"and answered {reply.get('type')} when asked for its bundle.")
            return indexed
        finally:
            self.close()

    def close(self) -> None:
        """End the service (idempotent): closing its input ends it; a service that does not end is killed."""
        if self.process is None:
            return
        process, self.process = self.process, None
        self._outbox.put(None)
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    # --- messages --------------------------------------------------------------------------------------

    def _send(self, payload: dict, what: str, *, last: bool = False) -> int:
        with self._changed:
            message_id = self._next_id
            self._next_id += 1
            self._sent[message_id] = what
            if last:
                self._write_id = message_id
            if len(self._replies) == len(self._sent) - 1:  # nothing was due: the silence clock starts now
                self._last_reply = time.monotonic()
        self._outbox.put(_encode(message_id, payload))
        return message_id

    def _wait_for(self, message_id: int, seconds: float) -> dict:
        """The reply to one message; the service fails if it says nothing at all for `seconds`."""
        with self._changed:
            while message_id not in self._replies and self._failure is None:
                if time.monotonic() - self._last_reply > seconds:
                    self._failure = (f"it has not answered for {seconds:.0f} s while {self._sent[message_id]} "
                                     "was due (hung?)")
                    break
                self._changed.wait(timeout=min(1.0, seconds))
            reply = self._replies.get(message_id)
        if reply is None:
            self._give_up()
        if reply.get("type") == "Error":
            self.close()
            raise SearchIndexError(f"Pagefind could not make {self._sent[message_id]}: {reply.get('message')}")
        return reply

    def _write(self, process: subprocess.Popen) -> None:
        while (message := self._outbox.get()) is not None:
            try:
                process.stdin.write(message)
                process.stdin.flush()
            except (OSError, ValueError):
                try:
                    self._fail(f"it ended during the build (exit status {process.wait(timeout=5)})")
                except subprocess.TimeoutExpired:
                    self._fail("it stopped reading what was sent to it")
                return
        with contextlib.suppress(OSError, ValueError):
            process.stdin.close()

    def _read(self, process: subprocess.Popen) -> None:
        pending: list[bytes] = []  # the message being received, in chunks (the bundle's is megabytes)
        while chunk := process.stdout.read1(1 << 16):
            *complete, rest = chunk.split(b",")
            for part in complete:
                pending.append(part)
                holder = [b"".join(pending)]
                pending.clear()
                self._receive(holder)  # handed over in a list, so that _receive can let go of it
            if rest:
                pending.append(rest)
        code = process.wait()
        if self.process is process and self._write_id not in self._replies:  # it ended on its own, too early
            self._fail(f"it ended during the build (exit status {code})")

    def _receive(self, holder: list[bytes]) -> None:
        """One reply. The bundle's is megabytes, held once at a time: the base64, then the JSON, then the files."""
        try:
            decoded = base64.b64decode(holder[0])
        except ValueError:
            decoded = b""
        head = holder.pop()[:200]
        try:
            reply = json.loads(decoded)
            del decoded
            payload, message_id = reply.pop("payload", None) or {}, reply.get("message_id")
        except (ValueError, AttributeError):
            self._fail(f"it answered something that is not a Pagefind message: {head!r}")
            return
        kind = payload.get("type")
        answer = {"type": kind, "index_id": payload.get("index_id"), "message": payload.get("message")}
        if kind == "GetFiles" and message_id == self._write_id:
            try:
                answer["files"] = self._write_files(payload.pop("files", None) or [])
            except (OSError, ValueError) as error:
                self._fail(f"its bundle could not be written to {self._folder}: {error}")
                return
            _return_freed_memory()
        elif kind == "WriteFiles" and message_id == self._write_id:
            try:
                self._wait_until_written()
            except SearchIndexError as error:
                self._fail(str(error))
                return
        with self._changed:
            self._last_reply = time.monotonic()
            if message_id is None:  # a message it could not parse: Pagefind cannot say which
                self._failure = self._failure or f"it could not read a message: {payload.get('message')}"
            else:
                self._replies[message_id] = answer
                if kind == "Error":
                    self._refused[message_id] = payload.get("message")
                if message_id == self._write_id:  # all said: the service may end and give its memory back
                    self._outbox.put(None)
            self._changed.notify_all()

    def _wait_until_written(self) -> None:
        """Until the service holds no file of the bundle open: each of its writes keeps its file open until done."""
        process = self.process
        if process is None:  # closed meanwhile: nothing to wait for
            return
        folder, fds = str(self._folder.resolve()), PROC / str(process.pid) / "fd"
        deadline = time.monotonic() + self.stall_seconds
        while time.monotonic() < deadline:
            open_files = []
            for fd in list(fds.iterdir()) if fds.is_dir() else []:
                with contextlib.suppress(OSError):
                    open_files.append(os.readlink(fd))
            if not any(path.startswith(folder) for path in open_files):
                return
            time.sleep(0.005)
        raise SearchIndexError(f"it still had files of {folder} open {self.stall_seconds:.0f} s after writing them")

    def _write_files(self, files: list[dict]) -> int:
        for file in files:
            target = self._folder / file["path"]
            if Path(file["path"]).is_absolute() or ".." in Path(file["path"]).parts:
                raise ValueError(f"a file outside the bundle: {file['path']}")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(base64.b64decode(file.pop("content")))
        return len(files)

    def _fail(self, reason: str) -> None:
        with self._changed:
            self._failure = self._failure or reason
            self._changed.notify_all()

    def _give_up(self) -> None:
        """Stop the service and raise what went wrong, with the end of what it wrote to stderr."""
        process = self.process
        if process is not None and process.poll() is None:
            process.kill()
        self.close()
        self._stderr.seek(0)
        said = self._stderr.read()[-2000:].decode("utf-8", "replace").strip()
        raise SearchIndexError(
            f"Pagefind's indexing service failed: {self._failure}; it had answered {len(self._replies)} of "
            f"the {len(self._sent)} messages sent to it."
            + (f"\nPagefind said: {said}" if said else "")
            + f"\nHow to fix: build again; if it fails again, {REINSTALL}, and check that the machine has memory "
              "to spare (Pagefind holds every page until the bundle is written).")
