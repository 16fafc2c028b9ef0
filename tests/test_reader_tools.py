"""Reader tools in Chromium, on desktop and a 390-px phone: copy outline and full text (Clipboard API
and the fallback without it), the fill-in form across instant navigation, the Word download, print."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from playwright.sync_api import expect

from conftest import ROOT, VIEWPORTS, Watch, shot
from macros.core.framing import placeholder_defaults, positioning_by_year
from macros.core.model import load
from macros.core.outline import full_text, outline_text
from macros.core.placeholders import TOKEN, resolve
from macros.core.placeholders import fill as fill_resolved
from macros.site.views import Site

pytestmark = pytest.mark.browser

FIRST, SECOND = "primary-annual-summary", "middle-school-plan"  # both school: the type page links them
VALUES = {"单位名称": "江城市滨河实验小学", "年度": "2026"}


@pytest.fixture(scope="module")
def site() -> Site:
    return Site(load(ROOT))


def tree(site, example_id):
    return site.trees[example_id]


def fill(text: str, typed: dict[str, str], example_id: str) -> str:
    """What the reader must see on an example's page for these typed values: macros/core/placeholders.py, which
    tools.js mirrors (values derived from the year, defaults from data/placeholders.yml, and the dated wording
    of data/framing.yml for the example's kind)."""
    lib = load(ROOT)
    defaults = placeholder_defaults(lib, lib.example_by_id[example_id])
    return fill_resolved(text, resolve(lib.placeholders, typed, defaults, {"年度定位": positioning_by_year(lib)}))


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
    assert copied == fill(outline_text(tree(site, FIRST)), {}, FIRST)
    lines = copied.split("\n")
    assert lines[0] == "〔单位名称〕工会〔年度〕年工作总结" and lines[1].startswith("一、")
    assert any(line.startswith("（一）") for line in lines) and "#" not in copied
    shot(page, f"tools-copied-{viewport}")

    page.get_by_role("button", name="复制全文").click()
    expect(page.locator(".md-dialog")).to_contain_text("已复制全文")
    assert clipboard(page) == fill(full_text(tree(site, FIRST)), {}, FIRST)


def test_outline_page_has_a_copy_button(tools, site_url, site):
    _, page = tools
    page.goto(f"{site_url}outlines/school-annual-summary/")
    page.get_by_role("button", name="复制提纲").click()
    expect(page.locator(".md-dialog")).to_contain_text("已复制提纲")
    copied = clipboard(page)
    shown = page.locator(".ur-outline p").all_inner_texts()
    assert copied == "\n".join(shown)  # what the page shows, title first, one heading a line
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
    assert page.evaluate("window.__copied") == fill(outline_text(tree(site, FIRST)), {}, FIRST)
    shot(page, "tools-fallback-phone")
    context.close()
    watch.assert_clean()


def test_filled_placeholders_follow_the_reader_across_pages_and_into_copies(tools, site_url, site):
    viewport, page = tools
    page.goto(example_url(site_url, FIRST))
    title = page.locator(".ur-doc-title")
    expect(title.locator(".ur-ph--empty")).to_have_count(2)  # unfilled placeholders are marked
    page.get_by_text("填写单位信息").click()
    page.get_by_label("单位名称（不含“工会”）").fill(VALUES["单位名称"])
    page.get_by_label("年度（四位数字，如 2025）").fill(VALUES["年度"])
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
    assert clipboard(page) == fill(full_text(tree(site, SECOND)), VALUES, SECOND)

    page.reload()  # remembered in localStorage
    expect(page.locator(".ur-doc-title")).to_have_text("江城市滨河实验小学工会2026年工作计划")
    page.get_by_text("填写单位信息").click()
    expect(page.get_by_label("单位名称（不含“工会”）")).to_have_value(VALUES["单位名称"])
    page.get_by_role("button", name="全部清空").click()
    expect(page.locator(".ur-doc-title")).to_have_text("〔单位名称〕工会〔年度〕年工作计划")
    expect(page.get_by_label("单位名称（不含“工会”）")).to_have_value("")
    assert page.evaluate("localStorage.getItem('union-reports:placeholders')") == "{}"
    page.get_by_role("button", name="复制提纲").click()
    expect(page.locator(".md-dialog")).to_contain_text("已复制提纲")
    assert clipboard(page) == fill(outline_text(tree(site, SECOND)), {}, SECOND)


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
    built = fill(full_text(tree(site, FIRST)), {}, FIRST)  # nothing typed: only what data/placeholders.yml fills
    assert [p.text for p in doc.paragraphs if p.text.strip()] == built.split("\n")


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


# Values a reader might type that XML, HTML and scripts read specially: they must reach the page, the
# copies and the .docx character for character. The 年 and 工会 the reader added are trimmed.
MARKUP = {"单位名称": '滨河<w:t>&]]>"小学工会', "年度": "2025年", "上级工会": "江城市</script>教育工会",
          "党组织": "学校党总支&amp;"}
# What each placeholder must read after the form's tidy-up and derivations.
MARKUP_READS = {"单位名称": '滨河<w:t>&]]>"小学', "年度": "2025", "上级工会": "江城市</script>教育工会",
                "党组织": "学校党总支&amp;", "下一年度": "2026", "学年": "2025—2026"}


def fill_form(page, values: dict[str, str]) -> None:
    page.get_by_text("填写单位信息").click()
    for name, value in values.items():
        page.locator(f".ur-fill input[name='{name}']").fill(value)


def docx_runs(data: bytes):
    doc = Document(io.BytesIO(data))
    return doc, [r for p in doc.paragraphs for r in p.runs if r.text]


def test_word_download_carries_the_readers_values(tools, site_url, site, tmp_path):
    viewport, page = tools
    page.goto(example_url(site_url, FIRST))
    fill_form(page, MARKUP)
    expected_title = fill(tree(site, FIRST).title, MARKUP, FIRST)
    assert expected_title == fill_resolved(tree(site, FIRST).title, {k: (v, "") for k, v in MARKUP_READS.items()})
    expect(page.locator(".ur-doc-title")).to_have_text(expected_title)
    assert "<w:t>" in page.locator(".ur-document").inner_text() and page.locator("w\\:t").count() == 0
    page.get_by_role("button", name="复制全文").click()
    expect(page.locator(".md-dialog")).to_contain_text("已复制全文")
    assert clipboard(page) == fill(full_text(tree(site, FIRST)), MARKUP, FIRST)

    with page.expect_download() as info:
        page.get_by_role("link", name="下载 Word").click()
    download = info.value
    assert download.suggested_filename == "滨河wt&]]小学工会2025年工作总结.docx"  # no < > : " for Windows
    data = Path(download.path()).read_bytes()
    doc, runs = docx_runs(data)
    # Every paragraph is the built one with each value where its placeholder was.
    expected = fill(full_text(tree(site, FIRST)), MARKUP, FIRST).split("\n")
    assert [p.text for p in doc.paragraphs if p.text.strip()] == expected
    text = "\n".join(p.text for p in doc.paragraphs)
    for name in MARKUP_READS:
        assert f"〔{name}〕" not in text, name
    assert doc.core_properties.title == expected_title
    for r in runs:  # typed values lose the highlight, derived ones and unfilled placeholders keep it
        typed = r.text in [MARKUP_READS[name] for name in MARKUP]
        marked = TOKEN.fullmatch(r.text) or r.text in (MARKUP_READS["下一年度"], MARKUP_READS["学年"])
        if typed or marked:
            assert (r.font.highlight_color == WD_COLOR_INDEX.YELLOW) == (not typed), r.text
    assert any(TOKEN.fullmatch(r.text) for r in runs)  # 〔成文日期〕 is still to fill, and marked
    if viewport == "desktop" and shutil.which("soffice"):
        render_first_page(data, tmp_path, "word-filled")


def render_first_page(data: bytes, tmp_path: Path, name: str) -> Path:
    """The .docx through LibreOffice to PDF, page 1 to PNG in test-results/docx/ for a person to look at."""
    src = tmp_path / f"{name}.docx"
    src.write_bytes(data)
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(src)], check=True, capture_output=True, timeout=180)
    pdf = tmp_path / f"{name}.pdf"
    text = subprocess.run(["pdftotext", "-l", "1", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "工会2025年工作" in text.replace(" ", "").replace("\n", "") or "2025年" in text, text[:300]
    out = ROOT / "test-results" / "docx"
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-r", "60", "-f", "1", "-l", "1", "-png", str(pdf), str(out / name)], check=True)
    return pdf


# Whatever the reader writes for the unit and the year, the title reads once: no 总工会总工会, no 2025年年.
STREET = "area-federation/street-federation-annual-summary"
DOUBLED = [
    (STREET, {"单位名称": "城关镇总工会", "年度": "2025"}, "城关镇总工会2025年工作总结"),
    (STREET, {"单位名称": "城关镇工会", "年度": "2025年"}, "城关镇总工会2025年工作总结"),
    (STREET, {"单位名称": "城关镇", "年度": "２０２５"}, "城关镇总工会2025年工作总结"),
    ("school/primary-school-chair-duty-report", {"单位名称": "滨河小学工会", "年度": "2025年"},
     "滨河小学工会主席2025年述职报告"),
    ("community/residential-community-summary-and-plan", {"单位名称": "幸福里社区", "年度": "2025年度"},
     "幸福里社区工会2025年工作总结暨2026年工作计划"),
]


@pytest.mark.parametrize("example, values, title", DOUBLED)
def test_no_doubled_words_whatever_the_reader_types(browser, site_url, example, values, title):
    context = browser.new_context(viewport=VIEWPORTS["phone"], locale="zh-CN")
    page = context.new_page()
    watch = Watch(page)
    page.goto(f"{site_url}examples/{example}/")
    fill_form(page, values)
    expect(page.locator(".ur-doc-title")).to_have_text(title)
    page.locator("h1").click()  # leave the field: it now shows what the page reads
    expect(page.locator(".ur-fill input[name='年度']")).to_have_value("2025")
    context.close()
    watch.assert_clean()


def test_outline_page_word_download_and_print(tools, site_url, site, tmp_path):
    """The outline page's Word file carries the reader's values too; print shows the title and outline only."""
    viewport, page = tools
    page.goto(f"{site_url}outlines/area-federation-annual-summary/")
    fill_form(page, {"单位名称": "城关镇总工会", "年度": "2025年"})
    expect(page.locator(".ur-doc-title")).to_have_text("城关镇总工会2025年工作总结")
    with page.expect_download() as info:
        page.get_by_role("link", name="下载 Word").click()
    assert info.value.suggested_filename == "城关镇总工会2025年工作总结.docx"
    doc = Document(io.BytesIO(Path(info.value.path()).read_bytes()))
    lines = [p.text for p in doc.paragraphs if p.text.strip()]
    assert lines == page.locator(".ur-outline p").all_inner_texts()
    assert lines[0] == "城关镇总工会2025年工作总结" and lines[1].startswith("一、")

    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".md-footer", ".ur-tools", ".ur-fill", "article h1",
                   ".ur-intro", ".ur-more"):
        expect(page.locator(hidden).first).to_be_hidden()
    printed = [line.strip() for line in page.locator("article").inner_text().split("\n") if line.strip()]
    assert printed == lines  # the title and the outline, nothing else
    page.screenshot(path=str(ROOT / "test-results" / "screenshots" / f"outline-print-{viewport}.png"), full_page=True)
