"""Compile the theme's Jinja templates once per process, not once per language.

MkDocs makes a new Jinja environment for every build, and mkdocs-static-i18n runs one build
per language (and `mkdocs serve` one more per edit), so Material's ~45 templates were compiled
again each time. A bytecode cache shared by those environments keeps the compiled code; Jinja
checks each template's source checksum, so an edited override is compiled afresh.
"""

from __future__ import annotations

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket


class SharedBytecodeCache(BytecodeCache):
    """Compiled templates in memory, keyed by Jinja's bucket key (template name and file)."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # Jinja discards it if the source checksum differs

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self.compiled.clear()


SHARED = SharedBytecodeCache()


def share_compiled_templates(env):
    """on_env: give the build's Jinja environment the process-wide bytecode cache."""
    env.bytecode_cache = SHARED
    return env
