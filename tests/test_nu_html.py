"""The W3C Nu HTML checker over every HTML file of the real site, in all three languages (tests/nu_check.py):
no error of ours; the theme's errors that stay are listed with a reason in tests/data/nu_upstream_exceptions.yml.
The checker's version, its warnings (counted by message) and its run time are printed."""

from __future__ import annotations

import pytest

from checkers import NU
from nu_check import EXCEPTIONS, check_site, load_exceptions


@pytest.fixture(scope="module")
def nu(built_site, request):
    report = check_site(built_site.site)
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    with capture.global_and_fixture_disabled():  # the figures, also when the tests pass
        print("\n" + report.summary(load_exceptions()), flush=True)
    return report


def test_the_checker_is_the_version_package_lock_pins(nu):
    assert nu.version.split()[0] == NU.pinned_version()


def test_every_html_file_of_the_site_is_checked_in_every_language(nu, built_site):
    site = built_site.site
    assert nu.checked == sorted(str(path.relative_to(site)) for path in site.rglob("*.html"))
    for prefix in ("", "sv/", "ru/"):
        assert f"{prefix}methods/index.html" in nu.checked and f"{prefix}404.html" in nu.checked


def test_no_errors_but_the_listed_upstream_ones(nu):
    exceptions = load_exceptions()
    ours = [error for error in nu.of_kind("error") if not any(exception.covers(error) for exception in exceptions)]
    assert not ours, f"{len(ours)} errors (the first 20):\n" + "\n".join(map(str, ours[:20]))


def test_every_listed_upstream_error_still_occurs(nu):
    stale = [exception.message for exception in load_exceptions()
             if not any(exception.covers(error) for error in nu.of_kind("error"))]
    assert not stale, f"no longer found: remove from {EXCEPTIONS.name}: {stale}"


FAULTY = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Faulty</title></head><body>
<input class="md-toggle" type="checkbox" id="__nav_1"><label for="__nav_1" tabindex="0" aria-label="Open">+</label>
<label class="md-nav__title" for="__toc">Contents</label>
<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">
</body></html>"""
CLEAN = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Clean</title></head><body>
<input class="md-toggle" type="checkbox" id="__nav_1"><label for="__nav_1" tabindex="0">+ <span>Open</span></label>
</body></html>"""


@pytest.mark.site  # Java and the pinned checker, as for the real site
def test_the_checker_finds_each_error_we_fixed_and_the_listed_one_and_nothing_on_a_clean_page(tmp_path):
    (tmp_path / "faulty").mkdir()
    (tmp_path / "faulty" / "index.html").write_text(FAULTY, encoding="utf-8")
    (tmp_path / "index.html").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "style.css").write_text("p { color: red; }", encoding="utf-8")  # not HTML: not checked
    report = check_site(tmp_path)
    assert report.checked == ["faulty/index.html", "index.html"]
    errors = report.of_kind("error")
    assert {error.page for error in errors} == {"faulty/index.html"}
    messages = " ".join(error.message for error in errors)
    assert "“aria-label” attribute must not be used on any “label” element" in messages
    assert "“for” attribute of the “label” element must be the ID of a non-hidden form control" in messages
    listed = [error for error in errors if any(exception.covers(error) for exception in load_exceptions())]
    assert [error.line for error in listed] == [4]  # Material's autocomplete, and only it


def test_an_exception_without_a_reason_or_with_an_unknown_field_is_refused(tmp_path):
    listed = tmp_path / "exceptions.yml"
    listed.write_text("- message: x\n  markup: y\n  owner: z\n  reviewed: 2026-12-07\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"entry 1: has \['markup', 'message', 'owner', 'reviewed'\]"):
        load_exceptions(listed)
    listed.write_text("- message: x\n  markup: y\n  owner: z\n  reason: r\n  reviewed: 2026-12-07\n  until: never\n",
                      encoding="utf-8")
    with pytest.raises(ValueError, match="entry 1"):
        load_exceptions(listed)
    assert all(exception.reason and exception.reviewed for exception in load_exceptions())
