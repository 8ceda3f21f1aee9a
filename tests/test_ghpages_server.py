"""The test server answers like GitHub Pages: trailing-slash redirects, index.html, the root 404."""

from __future__ import annotations

import http.client
from urllib.parse import urlsplit

import pytest

from ghpages_server import serving


@pytest.fixture
def site(tmp_path):
    (tmp_path / "sv" / "about").mkdir(parents=True)
    (tmp_path / "index.html").write_text("home", encoding="utf-8")
    (tmp_path / "sv" / "about" / "index.html").write_text("om", encoding="utf-8")
    (tmp_path / "404.html").write_text("root 404", encoding="utf-8")
    (tmp_path / "sv" / "404.html").write_text("swedish 404", encoding="utf-8")
    (tmp_path / "style.css").write_text("a{}", encoding="utf-8")
    (tmp_path.parent / "secret.txt").write_text("outside", encoding="utf-8")
    with serving(tmp_path) as url:
        yield url


def get(url: str, path: str, method: str = "GET"):
    address = urlsplit(url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
    connection.request(method, path)
    response = connection.getresponse()
    body = response.read().decode()
    connection.close()
    return response.status, response.getheader("Location"), response.getheader("Content-Type"), body


def test_directories_are_served_by_index_html_below_the_base_path(site):
    assert get(site, "/red-knowledge/")[::3] == (200, "home")
    assert get(site, "/red-knowledge/sv/about/")[::3] == (200, "om")
    assert get(site, "/red-knowledge/style.css")[2].startswith("text/css")


def test_a_directory_without_its_slash_is_redirected_permanently(site):
    assert get(site, "/red-knowledge/sv/about")[:2] == (301, "/red-knowledge/sv/about/")
    assert get(site, "/red-knowledge")[:2] == (301, "/red-knowledge/")


@pytest.mark.parametrize("path", ["/red-knowledge/nothing/", "/red-knowledge/sv/nothing/", "/elsewhere/",
                                  "/red-knowledge/../secret.txt", "/red-knowledge/%2e%2e/secret.txt"])
def test_a_missing_path_gets_404_with_the_root_404_page(site, path):
    status, _, content_type, body = get(site, path)
    assert (status, body) == (404, "root 404")
    assert content_type.startswith("text/html")


def test_head_answers_without_a_body(site):
    assert get(site, "/red-knowledge/sv/about/", "HEAD")[::3] == (200, "")


def test_files_may_be_cached_for_ten_minutes_like_on_github_pages_but_not_a_404(site):
    address = urlsplit(site)
    for path, cached in (("/red-knowledge/style.css", "max-age=600"), ("/red-knowledge/nothing/", None)):
        connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        connection.close()
        assert response.getheader("Cache-Control") == cached, path
