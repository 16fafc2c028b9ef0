"""A reader in Chromium: home, a type page, an example, search; no foreign requests, no console errors.

Screenshots (desktop and a 390-px phone) land in test-results/screenshots/ for a person to look at.
"""

from __future__ import annotations

import re
import subprocess

import pytest
from playwright.sync_api import expect

from conftest import ROOT, shot
from macros.core.model import load
from macros.site.urls import THEME_PAGE_SIZE
from macros.site.views import Site
from tools.searchprobe import CHROMIUM

pytestmark = pytest.mark.browser


def test_pytest_playwright_runs_debians_chromium(browser, page):
    """With no --browser option the plugin's fixtures drive /usr/bin/chromium (Playwright's own builds cannot
    be downloaded here): the browser reports the version Debian's binary prints, and pages read Chinese."""
    debian = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, check=True).stdout
    assert browser.browser_type.name == "chromium"
    assert re.search(r"\b" + re.escape(browser.version) + r"\b", debian), (browser.version, debian)
    assert page.evaluate("navigator.language") == "zh-CN"


def test_home_type_page_and_example_by_clicking(reader, site_url):
    viewport, page, _ = reader
    page.goto(site_url)
    expect(page.locator("h1")).to_have_text("工会工作范文库")
    cards = page.locator(".grid.cards li")
    expect(cards).to_have_count(len(load(ROOT).union_types))  # one card a union type
    shot(page, f"home-{viewport}")
    # The kinds are reachable without scrolling far on a phone; contributors get one line, not a YAML lesson.
    kinds = page.locator("article .ur-chip--kind")
    expect(kinds).to_have_count(len(load(ROOT).kinds))
    height = page.viewport_size["height"]
    assert kinds.last.bounding_box()["y"] + kinds.last.bounding_box()["height"] <= 1.5 * height
    article = page.locator("article").inner_text()
    assert "YAML" not in article and "拉取请求" not in article
    expect(page.locator("article a[href$='contributing/']")).to_have_count(1)

    cards.filter(has_text="学校工会").get_by_role("link").first.click()
    expect(page.locator("h1")).to_have_text("学校工会")
    expect(page).to_have_url(re.compile(r"/types/school/$"))
    shot(page, f"type-school-{viewport}")

    page.locator("article li a[href*='examples/school/']").first.click()
    expect(page).to_have_url(re.compile(r"/examples/school/[a-z0-9-]+/$"))
    expect(page.locator("h1")).to_contain_text("学校工会")
    expect(page.locator(".ur-doc-title")).to_contain_text("〔单位名称〕工会")
    expect(page.locator(".ur-document h2").first).to_contain_text("一、")
    expect(page.locator("#outline")).to_be_visible()
    shot(page, f"example-{viewport}")


def test_search_for_jiaodaihui_finds_the_school_example(reader, site_url):
    viewport, page, _ = reader
    page.goto(site_url)
    if viewport == "phone":
        page.locator("label.md-header__button[for='__search']").click()
    else:
        page.locator(".md-search__input").click()
    page.locator(".md-search__input").press_sequentially("教代会")  # Material ignores fill() once its index is ready
    results = page.locator(".md-search-result__item a")
    expect(results.first).to_be_visible(timeout=15_000)
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert any("examples/school/" in h for h in hrefs), hrefs
    shot(page, f"search-{viewport}")


def test_a_long_theme_list_is_paged(reader, site_url):
    viewport, page, _ = reader
    site = Site(load(ROOT))
    theme = max(site.lib.themes, key=lambda t: sum(len(nodes) for _, nodes in site.theme_sections(t)))
    assert sum(len(nodes) for _, nodes in site.theme_sections(theme)) > THEME_PAGE_SIZE  # the corpus has one
    page.goto(f"{site_url}themes/{theme.id}/")
    pager = page.locator(".ur-pager")
    expect(pager.locator("[aria-current=page]")).to_have_text("1")
    pager.get_by_role("link", name="下一页").click()
    expect(page).to_have_url(re.compile(rf"/themes/{theme.id}/2/$"))
    expect(page.locator("h1")).to_have_text(f"{theme.name}（第 2 页）")
    shot(page, f"theme-page-2-{viewport}")
    page.locator(".ur-pager").get_by_role("link", name="上一页").click()
    expect(page.locator("h1")).to_have_text(theme.name)


def test_theme_and_outline_pages_are_reached_by_clicking(reader, site_url):
    viewport, page, _ = reader
    page.goto(site_url)
    page.locator(".md-typeset a", has_text="民主管理").first.click()
    expect(page.locator("h1")).to_have_text("民主管理")
    section_link = page.locator("article li a").first
    expect(section_link).to_contain_text("、")
    shot(page, f"theme-{viewport}")
    section_link.click()
    expect(page).to_have_url(re.compile(r"/examples/.+#s\d"))

    page.goto(site_url + "outlines/")
    page.locator("article table td:nth-child(2) a").first.click()
    expect(page.locator("h1")).to_contain_text("提纲")
    expect(page.locator(".ur-outline .ur-level-1").first).to_contain_text("一、")
    shot(page, f"outline-{viewport}")
