"""Reader tools in Chromium, on desktop and a 390-px phone: copy outline and full text (Clipboard API
and the fallback without it), the fill-in form across instant navigation, the Word download, print."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from docx import Document
from playwright.sync_api import expect

from conftest import ROOT, VIEWPORTS, Watch, shot
from macros.framing import fill, placeholder_defaults
from macros.model import load
from macros.outline import full_text, outline_text
from macros.render import Site

pytestmark = pytest.mark.browser

FIRST, SECOND = "primary-annual-summary", "middle-school-plan"  # both school: the type page links them
VALUES = {"单位名称": "江城市滨河实验小学", "年度": "2026"}


@pytest.fixture(scope="module")
def site() -> Site:
    return Site(load(ROOT))


def tree(site, example_id):
    return site.trees[example_id]


def defaults(site, example_id) -> dict[str, str]:
    """What the page fills in before the reader types anything (〔指导思想〕, 〔年度定位〕 from data/framing.yml)."""
    return placeholder_defaults(site.lib, site.lib.example_by_id[example_id])


@pytest.fixture(params=list(VIEWPORTS))
def tools(request, browser, site_url):
    """A page with clipboard permissions granted, as a reader's browser would on https."""
    context = browser.new_context(viewport=VIEWPORTS[request.param], locale="zh-CN", accept_downloads=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    context.set_default_timeout(30_000)
    page = context.new_page()
    watch = Watch(page)
    yield request.param, page
    context.close()
    watch.assert_clean()


def example_url(site_url, example_id):
    return f"{site_url}examples/school/{example_id}/"


def clipboard(page) -> str:
    return page.evaluate("navigator.clipboard.readText()")


def test_copy_outline_and_full_text(tools, site_url, site):
    viewport, page = tools
    page.goto(example_url(site_url, FIRST))
    page.get_by_role("button", name="复制提纲").click()
    expect(page.locator(".md-dialog")).to_contain_text("已复制提纲")
    copied = clipboard(page)
    assert copied == outline_text(tree(site, FIRST))
    lines = copied.split("\n")
    assert lines[0] == "〔单位名称〕工会〔年度〕年工作总结" and lines[1].startswith("一、")
    assert any(line.startswith("（一）") for line in lines) and "#" not in copied
    shot(page, f"tools-copied-{viewport}")

    page.get_by_role("button", name="复制全文").click()
    expect(page.locator(".md-dialog")).to_contain_text("已复制全文")
    assert clipboard(page) == fill(full_text(tree(site, FIRST)), defaults(site, FIRST))


def test_outline_page_has_a_copy_button(tools, site_url, site):
    _, page = tools
    page.goto(f"{site_url}outlines/school-annual-summary/")
    page.get_by_role("button", name="复制提纲").click()
    expect(page.locator(".md-dialog")).to_contain_text("已复制提纲")
    copied = clipboard(page)
    assert copied == page.locator("pre code").first.inner_text().rstrip("\n")
    assert copied.split("\n")[1].startswith("一、")


def test_copy_falls_back_without_the_clipboard_api(browser, site_url, site):
    """Plain http and in-app browsers have no navigator.clipboard: execCommand('copy') takes over."""
    context = browser.new_context(viewport=VIEWPORTS["phone"], locale="zh-CN")
    context.add_init_script("""
        Object.defineProperty(navigator, 'clipboard', {value: undefined});
        document.addEventListener('copy', e => {
            const t = e.target; window.__copied = t.value.substring(t.selectionStart, t.selectionEnd);
        }, true);
    """)
    page = context.new_page()
    watch = Watch(page)
    page.goto(example_url(site_url, FIRST))
    assert page.evaluate("navigator.clipboard") is None
    page.get_by_role("button", name="复制提纲").click()
    expect(page.locator(".md-dialog")).to_contain_text("已复制提纲")
    assert page.evaluate("window.__copied") == outline_text(tree(site, FIRST))
    shot(page, "tools-fallback-phone")
    context.close()
    watch.assert_clean()


def test_filled_placeholders_follow_the_reader_across_pages_and_into_copies(tools, site_url, site):
    viewport, page = tools
    page.goto(example_url(site_url, FIRST))
    title = page.locator(".ur-doc-title")
    expect(title.locator(".ur-ph--empty")).to_have_count(2)  # unfilled placeholders are marked
    page.get_by_text("填写单位信息").click()
    page.get_by_label("单位全称").fill(VALUES["单位名称"])
    page.get_by_label("总结或计划所属年份").fill(VALUES["年度"])
    expect(title).to_have_text("江城市滨河实验小学工会2026年工作总结")
    expect(title.locator(".ur-ph--empty")).to_have_count(0)
    expect(page.locator(".ur-document .ur-ph--empty").first).to_be_visible()  # 〔党组织〕 is still marked
    shot(page, f"tools-filled-{viewport}")

    # Instant navigation (no full reload) to another example: values apply there too.
    page.locator(".ur-meta a", has_text="学校工会").click()
    page.locator(f"article a[href*='{SECOND}']").first.click()
    expect(page).to_have_url(re.compile(rf"/examples/school/{SECOND}/$"))
    expect(page.locator(".ur-doc-title")).to_have_text("江城市滨河实验小学工会2026年工作计划")
    page.get_by_role("button", name="复制全文").click()
    expect(page.locator(".md-dialog")).to_contain_text("已复制全文")
    assert clipboard(page) == fill(full_text(tree(site, SECOND)), {**defaults(site, SECOND), **VALUES})

    page.reload()  # remembered in localStorage
    expect(page.locator(".ur-doc-title")).to_have_text("江城市滨河实验小学工会2026年工作计划")
    page.get_by_text("填写单位信息").click()
    expect(page.get_by_label("单位全称")).to_have_value(VALUES["单位名称"])
    page.get_by_role("button", name="全部清空").click()
    expect(page.locator(".ur-doc-title")).to_have_text("〔单位名称〕工会〔年度〕年工作计划")
    expect(page.get_by_label("单位全称")).to_have_value("")
    assert page.evaluate("localStorage.getItem('union-reports:placeholders')") == "{}"
    page.get_by_role("button", name="复制提纲").click()
    expect(page.locator(".md-dialog")).to_contain_text("已复制提纲")
    assert clipboard(page) == fill(outline_text(tree(site, SECOND)), defaults(site, SECOND))


def test_word_download_is_the_gbt_9704_document(tools, site_url, site):
    _, page = tools
    page.goto(example_url(site_url, FIRST))
    with page.expect_download() as info:
        page.get_by_role("link", name="下载 Word").click()
    download = info.value
    assert download.suggested_filename == "学校工会年度工作总结（城区公办小学）.docx"
    doc = Document(io.BytesIO(Path(download.path()).read_bytes()))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.top_margin.mm) == 37 and round(section.left_margin.mm) == 28
    assert [p.text for p in doc.paragraphs if p.text.strip()] == full_text(tree(site, FIRST)).split("\n")


def test_print_shows_only_the_document(tools, site_url):
    viewport, page = tools
    page.goto(example_url(site_url, FIRST))
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".md-footer", ".ur-tools", ".ur-fill", "article h1",
                   "#outline", "#related"):
        expect(page.locator(hidden).first).to_be_hidden()
    expect(page.locator(".ur-doc-title")).to_be_visible()
    size = page.locator(".ur-document p").nth(1).evaluate("p => getComputedStyle(p).fontSize")
    assert size.startswith("21.33"), size  # 16 pt, 3号
    page.screenshot(path=str(ROOT / "test-results" / "screenshots" / f"print-{viewport}.png"), full_page=True)
