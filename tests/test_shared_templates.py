"""The theme's Jinja templates are compiled once per process, and again only when their source changes."""

from __future__ import annotations

from jinja2 import DictLoader, Environment

from redsite.plugin.template_cache import SharedBytecodeCache, share_compiled_templates


def _environment(cache, sources, compiled: list[str]) -> Environment:
    env = share_compiled_templates(Environment(loader=DictLoader(sources)))
    env.bytecode_cache = cache
    original = env.compile

    def counting_compile(source, name=None, filename=None, raw=False, defer_init=False):
        compiled.append(name)
        return original(source, name, filename, raw, defer_init)
    env.compile = counting_compile
    return env


def test_a_second_build_environment_reuses_the_compiled_template():
    cache, compiled = SharedBytecodeCache(), []
    sources = {"page.html": "<h1>{{ title }}</h1>"}
    first = _environment(cache, sources, compiled).get_template("page.html").render(title="A")
    second = _environment(cache, sources, compiled).get_template("page.html").render(title="B")
    assert (first, second) == ("<h1>A</h1>", "<h1>B</h1>")
    assert compiled == ["page.html"]  # the second environment (the next language's build) did not compile


def test_an_edited_template_is_compiled_again():
    cache, compiled = SharedBytecodeCache(), []
    _environment(cache, {"page.html": "<h1>{{ title }}</h1>"}, compiled).get_template("page.html")
    edited = _environment(cache, {"page.html": "<h2>{{ title }}</h2>"}, compiled).get_template("page.html")
    assert edited.render(title="C") == "<h2>C</h2>"
    assert compiled == ["page.html", "page.html"]


def test_the_hook_gives_every_environment_the_same_cache():
    first, second = (share_compiled_templates(Environment()) for _ in range(2))
    assert first.bytecode_cache is second.bytecode_cache is not None
