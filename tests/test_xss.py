"""Text is data, never code: an example carrying HTML, Markdown and Jinja payloads is shown literally.

tests/fixtures/xss.yml puts one of PAYLOADS in every text field. The site is built with it
(so it also passes validation), opened in Chromium, and every place the text reaches is checked:
the example page, the outline page, a theme page, search, examples.json, the text the copy
buttons put on the clipboard and the Word download.
"""

from __future__ import annotations

import json

import pytest
from docx import Document
from playwright.sync_api import Page

from conftest import FIXTURES, make_site_project, real_examples, serve, site_build

pytestmark = pytest.mark.browser

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[链接](javascript:alert(1))",
    "{{ config }}",
    "{% include 'x' %}",
    "{# 注释 #}",
]
XSS = (FIXTURES / "xss.yml").read_text(encoding="utf-8")


def assert_literal(text: str, payloads=PAYLOADS) -> None:
    """Every payload appears character for character (not run, not turned into markup)."""
    missing = [p for p in payloads if p not in text]
    assert not missing, f"not shown literally: {missing}"


@pytest.fixture(scope="module")
def xss_site(tmp_path_factory):
    base = tmp_path_factory.mktemp("xss")
    project = make_site_project(base / "project", {**real_examples(), "school/xss.yml": XSS})
    result = site_build(project, base / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    with serve(base / "site") as url:
        yield base / "site", url


@pytest.fixture
def page(browser):
    """A page that records every dialog (alert) instead of blocking on it."""
    context = browser.new_context(locale="zh-CN")
    context.set_default_timeout(30_000)
    p = context.new_page()
    p.dialogs = []
    p.on("dialog", lambda d: (p.dialogs.append(d.message), d.dismiss()))
    yield p
    context.close()


def visit(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)  # give an injected onerror handler the time to fire


def assert_nothing_injected(page: Page) -> None:
    assert page.dialogs == [], f"a dialog opened: {page.dialogs}"
    assert page.locator("img[src='x'], a[href^='javascript'], [onerror]").count() == 0
    scripts = page.locator("script").evaluate_all("els => els.map(e => e.textContent)")
    assert not [s for s in scripts if "alert(1)" in s]


def test_fixture_carries_every_payload():
    assert_literal(XSS)


def test_example_page_shows_every_payload_literally(page, xss_site):
    _, url = xss_site
    visit(page, url + "examples/school/xss/")
    assert_nothing_injected(page)
    assert_literal(page.locator(".ur-document").inner_text())
    assert_literal(page.locator("pre code").first.inner_text(), PAYLOADS[:5])  # the outline holds the headings
    assert "<script>alert(1)</script>" in page.locator(".ur-meta").inner_text() + page.title() + XSS
    assert "<img src=x onerror=alert" in page.locator("h1").inner_text()  # title from `setting`, via front matter
    assert "<img src=x onerror=alert" in page.title()
    description = page.locator("meta[name=description]").get_attribute("content")
    assert '"><script>alert(1)</script>' in description  # stays inside the attribute


def test_outline_and_theme_pages_show_the_headings_literally(page, xss_site):
    _, url = xss_site
    visit(page, url + "outlines/school-annual-summary/")  # derived from the examples: no data/outlines here
    assert_nothing_injected(page)
    assert_literal(page.locator(".ur-outline").inner_text(), PAYLOADS[:5])
    visit(page, url + "themes/democratic-management/")
    assert_nothing_injected(page)
    assert "<script>alert(1)</script>" in page.locator("article").inner_text()


def test_search_results_show_the_payloads_literally(page, xss_site):
    _, url = xss_site
    visit(page, url)
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").press_sequentially("onerror")  # Material reads key events, not fill()
    page.locator(".md-search-result__item").first.wait_for()
    page.wait_for_timeout(300)
    assert_nothing_injected(page)
    assert "onerror=alert" in page.locator(".md-search-result").inner_text()


def test_examples_json_keeps_the_text_as_written(xss_site):
    site, _ = xss_site
    (record,) = [r for r in json.loads((site / "examples.json").read_text(encoding="utf-8")) if r["id"] == "xss"]
    assert "<script>alert(1)</script>" in record["title"]
    assert_literal(json.dumps(record, ensure_ascii=False), PAYLOADS[:5])


def test_copied_text_and_word_file_keep_the_payloads_literally(page, xss_site):
    site, url = xss_site
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=url.rstrip("/"))
    visit(page, url + "examples/school/xss/")
    page.get_by_role("button", name="复制全文").click()
    page.locator(".md-dialog", has_text="已复制全文").wait_for()
    assert_nothing_injected(page)
    assert_literal(page.evaluate("navigator.clipboard.readText()"))
    page.get_by_role("button", name="复制提纲").click()
    page.locator(".md-dialog", has_text="已复制提纲").wait_for()
    assert_literal(page.evaluate("navigator.clipboard.readText()"), PAYLOADS[:5])
    word = Document(str(site / "examples" / "school" / "xss.docx"))
    assert_literal("\n".join(p.text for p in word.paragraphs))
