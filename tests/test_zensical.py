"""The same sources built with Zensical (``python -m macros build --generator zensical``), the successor that
Material for MkDocs points to: an example page, the reader tools and search work on its output.

The site is served under /reports/, as GitHub Pages serves a project site: a link that climbs out of the site
(Zensical reads relative links in raw HTML from the source file, MkDocs from the page) fails here, where at
the root the browser would clamp it. ``site_url`` is overridden, so the reader-tools fixture opens this site.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest
import test_reader_tools as reader_tools
from playwright.sync_api import expect
from test_reader_tools import FIRST, SECOND, VALUES, clipboard, example_url, fill, fill_form, tree
from test_search import ask, result_paths, search

from conftest import ROOT, VIEWPORTS, Watch, as_built, make_site_project, real_examples, serve, shot
from macros.core.outline import full_text, outline_text
from macros.site.search import ARTICLE

site, tools = reader_tools.site, reader_tools.tools  # their fixtures, opening this module's site_url

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory) -> Path:
    """The real project built with Zensical in a temporary copy; the site folder inside it, as Zensical wants."""
    project = make_site_project(tmp_path_factory.mktemp("zensical"), real_examples())
    shutil.copytree(ROOT / "data" / "outlines", project / "data" / "outlines")  # as built_site has them
    command = [sys.executable, "-m", "macros", "build", "--root", str(project), "-d", "site", "--generator", "zensical"]
    result = subprocess.run(command, capture_output=True, text=True, cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


@pytest.fixture(scope="module")
def site_url(zensical_site, tmp_path_factory):
    served = tmp_path_factory.mktemp("served")
    (served / "reports").symlink_to(zensical_site)
    with serve(served) as url:
        yield url + "reports/"


@pytest.fixture
def desk(browser):
    """A desktop page that records every URL it requests."""
    context = browser.new_context(viewport=VIEWPORTS["desktop"], locale="zh-CN")
    page = context.new_page()
    watch = Watch(page)
    page.requested = []
    page.on("request", lambda r: page.requested.append(r.url))
    yield page
    context.close()
    watch.assert_clean()


def test_zensical_built_every_page_with_our_header_search_and_no_lunr_index(zensical_site):
    home = (zensical_site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<meta name="generator" content="zensical-[\d.]+">', home)
    assert "ur-search-chips" in home and 'data-md-component="search"' not in home  # overrides/partials/search.html
    # The search plugin is listed disabled in mkdocs.yml: Zensical leaves an empty stub, not a 3.5 MB index.
    stub = zensical_site / "search.json"
    assert not stub.exists() or json.loads(stub.read_text(encoding="utf-8"))["items"] == []
    pages = [p for p in zensical_site.rglob("index.html") if "pagefind" not in p.parts]
    assert len(pages) > 300 and all(ARTICLE.search(p.read_text(encoding="utf-8")) for p in pages)
    assert (zensical_site / "pagefind" / "pagefind.js").exists()


def read_articles(site_dir: Path) -> dict[str, tuple[str, list[str]]]:
    """Each page's article as its text (whitespace dropped) and where its links land, read at /reports/."""
    pages = {}
    for path in site_dir.rglob("index.html"):
        if "pagefind" in path.parts:
            continue
        url = urljoin("http://x/reports/", path.parent.relative_to(site_dir).as_posix() + "/")
        article = ARTICLE.search(path.read_text(encoding="utf-8")).group(1)
        text = re.sub(r"\s+", "", html.unescape(re.sub(r"<[^>]+>", "", article)))
        pages[url] = (text, [urljoin(url, html.unescape(h)) for h in re.findall(r'href="([^"]*)"', article)])
    return pages


def test_every_page_reads_and_links_as_in_the_mkdocs_build(zensical_site, built_site):
    """The same pages, each with the same text and links landing on the same pages: only the theme around differs."""
    zensical, mkdocs = read_articles(zensical_site), read_articles(built_site)
    assert sorted(zensical) == sorted(mkdocs)
    differ = [url for url in mkdocs if zensical[url] != mkdocs[url]]
    if differ:  # the first page that differs, where its text parts and which links only one build has
        (z_text, z_links), (m_text, m_links) = zensical[differ[0]], mkdocs[differ[0]]
        at = len(os.path.commonprefix([z_text, m_text]))
        pytest.fail(f"{len(differ)} pages differ, first {differ[0]}: Zensical {z_text[at - 20:at + 40]!r}, MkDocs "
                    f"{m_text[at - 20:at + 40]!r}; links {set(z_links) - set(m_links)} | {set(m_links) - set(z_links)}")


def test_an_example_page_shows_its_full_text(desk, site_url, site):
    desk.goto(example_url(site_url, FIRST))
    expect(desk.locator("h1")).to_contain_text("学校工会")
    shown = desk.locator(".ur-document").inner_text()
    e = site.lib.example_by_id[FIRST]
    for line in as_built(site.lib, e, full_text(tree(site, FIRST))).split("\n"):
        assert line in shown, line
    assert not [u for u in desk.requested if re.search(r"search(_index)?\.json", u)], "Material's search woke up"
    shot(desk, "zensical-example-desktop")


def test_copy_buttons_and_the_word_download(tools, site_url, site):
    viewport, page = tools
    page.goto(example_url(site_url, FIRST))
    page.get_by_role("button", name="复制提纲").click()
    expect(page.locator(".md-dialog")).to_contain_text("已复制提纲")
    assert clipboard(page) == fill(outline_text(tree(site, FIRST)), {}, FIRST)
    page.get_by_role("button", name="复制全文").click()
    expect(page.locator(".md-dialog")).to_contain_text("已复制全文")
    assert clipboard(page) == fill(full_text(tree(site, FIRST)), {}, FIRST)
    word = page.get_by_role("link", name="下载 Word")
    docx = word.evaluate("a => a.href")  # the file the reader's copy is made from
    assert docx.startswith(site_url) and docx.endswith(".docx") and page.request.get(docx).ok, docx
    with page.expect_download() as info:
        word.click()
    assert info.value.suggested_filename.endswith(".docx") and info.value.failure() is None
    assert Path(info.value.path()).read_bytes()[:2] == b"PK"  # a .docx is a zip
    shot(page, f"zensical-tools-{viewport}")


def test_the_fill_in_form_fills_placeholders_across_instant_navigation(tools, site_url):
    viewport, page = tools
    page.goto(example_url(site_url, FIRST))
    fill_form(page, VALUES)
    expect(page.locator(".ur-doc-title")).to_have_text("江城市滨河实验小学工会2026年工作总结")
    shot(page, f"zensical-filled-{viewport}")
    page.locator(".ur-meta a", has_text="学校工会").click()
    page.locator(f"article a[href*='{SECOND}']").first.click()
    expect(page).to_have_url(re.compile(rf"/reports/examples/school/{SECOND}/$"))
    expect(page.locator(".ur-doc-title")).to_have_text("江城市滨河实验小学工会2026年工作计划")


def test_search_in_the_header_box_finds_community_summaries(desk, site_url):
    desk.goto(site_url)
    # Styled by overrides/assets/stylesheets/material-search.css: unstyled, the box and its panel stack up
    # inside the header and push it to 170 px.
    assert desk.locator(".md-header").bounding_box()["height"] <= 64
    expect(desk.locator(".md-search__output")).to_be_hidden()
    assert search(desk, site_url, "社区工会工作总结") > 0
    paths = result_paths(desk)
    assert paths and all(p.startswith("/reports/") for p in paths), paths
    assert any(p.startswith("/reports/examples/community/") for p in paths), paths
    shot(desk, "zensical-search-desktop")
    desk.locator(".md-search-result__item > a").first.click()
    expect(desk).to_have_url(re.compile(r"/reports/.+/"))


def test_the_phone_search_icon_opens_the_box(browser, site_url):
    """Zensical's stylesheet hides .md-search below 60em (its own search is a button): ours shows it again."""
    context = browser.new_context(viewport=VIEWPORTS["phone"], locale="zh-CN")
    page = context.new_page()
    watch = Watch(page)
    page.goto(site_url)
    page.locator("label.md-header__button[for='__search']").click()
    expect(page.locator(".md-search__input")).to_be_visible()
    ask(page, "送温暖")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    shot(page, "zensical-search-phone")
    context.close()
    watch.assert_clean()


def test_theme_sections_link_inside_the_site(desk, site_url, site):
    """Theme pages list their sections in raw HTML: each link lands on the example, under /reports/."""
    theme = max(site.lib.themes, key=lambda t: sum(len(nodes) for _, nodes in site.theme_sections(t)))
    for page_url in (f"{site_url}themes/{theme.id}/", f"{site_url}themes/{theme.id}/2/"):
        desk.goto(page_url)
        hrefs = desk.locator(".ur-sections a").evaluate_all("els => els.map(a => a.href)")
        assert hrefs and all(h.startswith(site_url + "examples/") for h in hrefs), hrefs[:3]
    desk.locator(".ur-sections a").first.click()
    expect(desk.locator(".ur-document")).to_be_visible()
