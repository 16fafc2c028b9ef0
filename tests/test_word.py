"""The Word download: GB/T 9704 layout values read back with python-docx, no paragraph lost,
every part the same as python-docx writing the whole file itself (the fast path is cut from a
python-docx sample), and a LibreOffice rendering (PDF, then PNG pages in test-results/docx/ for a
person to look at)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from collections import Counter
from dataclasses import replace
from datetime import date, datetime, time

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_LINE_SPACING
from docx.opc.oxml import serialize_part_xml
from docx.oxml.ns import qn
from docx.shared import Pt

from conftest import ROOT, as_built
from macros.core.framing import placeholder_defaults
from macros.core.model import load
from macros.core.outline import DocTree, Node, full_text
from macros.site import word
from macros.site.urls import docx_src
from macros.site.views import Site

OUT = ROOT / "test-results" / "docx"
EXAMPLE = "primary-annual-summary"  # placeholders, a signature, headings 一、 and （一）


@pytest.fixture(scope="module")
def site() -> Site:
    return Site(load(ROOT))


def open_docx(data: bytes):
    return Document(io.BytesIO(data))


def east_asian(run) -> str | None:
    fonts = run._r.find(qn("w:rPr") + "/" + qn("w:rFonts"))
    return None if fonts is None else fonts.get(qn("w:eastAsia"))


@pytest.fixture(scope="module")
def documents(site) -> dict[str, bytes]:
    return {src: make() for src, (_, make) in word.documents(site).items()}


def test_every_example_has_a_docx_with_every_paragraph_in_order(site, documents):
    for e in site.lib.examples:
        doc = open_docx(documents[docx_src(e)])
        got = [p.text for p in doc.paragraphs if p.text.strip()]
        assert got == as_built(site.lib, e, full_text(site.trees[e.id])).split("\n"), e.id


def test_page_layout_follows_gbt_9704(site, documents):
    e = next(e for e in site.lib.examples if e.id == EXAMPLE)
    doc = open_docx(documents[docx_src(e)])
    (section,) = doc.sections
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(m.mm) for m in (section.top_margin, section.left_margin, section.bottom_margin,
                                  section.right_margin)] == [37, 28, 35, 26]
    normal = doc.styles["Normal"].paragraph_format
    assert normal.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    text_height_pt = (297 - 37 - 35) / 25.4 * 72
    assert round(text_height_pt / normal.line_spacing.pt) == 22  # 22 lines a page
    spacing = doc.styles["Normal"].element.find(qn("w:rPr") + "/" + qn("w:spacing"))
    pitch = 16 + int(spacing.get(qn("w:val"))) / 20
    assert int((210 - 28 - 26) / 25.4 * 72 // pitch) == 28  # 28 characters a line
    assert doc.core_properties.title == site.trees[e.id].title
    assert doc.core_properties.language == "zh-CN"


def test_title_body_and_heading_fonts(site, documents):
    e = next(e for e in site.lib.examples if e.id == EXAMPLE)
    tree = site.trees[e.id]
    doc = open_docx(documents[docx_src(e)])
    paragraphs = [p for p in doc.paragraphs if p.text.strip()]
    title = paragraphs[0]
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert {east_asian(r) for r in title.runs} == {"方正小标宋简体"}
    assert {r.font.size for r in title.runs} == {Pt(22)}
    by_text = {p.text: p for p in paragraphs}
    opening = by_text[tree.opening[0]]
    assert opening.paragraph_format.first_line_indent == Pt(32)  # two characters of 3号
    assert {east_asian(r) for r in opening.runs} == {"仿宋_GB2312"}
    assert {r.font.size for r in opening.runs} == {Pt(16)}
    expected = {1: "黑体", 2: "楷体_GB2312", 3: "仿宋_GB2312", 4: "仿宋_GB2312"}
    levels_seen = set()
    for node in tree.walk():
        levels_seen.add(node.level)
        assert {east_asian(r) for r in by_text[node.numbered].runs} == {expected[node.level]}, node.numbered
    assert {1, 2} <= levels_seen
    assert by_text[tree.signature[-1]].alignment == WD_ALIGN_PARAGRAPH.RIGHT


def test_every_run_names_an_east_asian_font_and_placeholders_are_highlighted(site, documents):
    for e in site.lib.examples:
        doc = open_docx(documents[docx_src(e)])
        runs = [r for p in doc.paragraphs for r in p.runs if r.text]
        assert all(east_asian(r) for r in runs), e.id
        filled = set(placeholder_defaults(site.lib, e).values())  # 〔指导思想〕 shows this year's wording, highlighted
        for r in runs:
            is_placeholder = (r.text.startswith("〔") and r.text.endswith("〕")) or r.text in filled
            assert (r.font.highlight_color == WD_COLOR_INDEX.YELLOW) == is_placeholder, (e.id, r.text)


def test_page_numbers_are_dashed_and_outside(site, documents):
    e = next(e for e in site.lib.examples if e.id == EXAMPLE)
    doc = open_docx(documents[docx_src(e)])
    assert doc.settings.odd_and_even_pages_header_footer
    section = doc.sections[0]
    outside = ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT))
    for footer, align in outside:
        (p,) = footer.paragraphs
        assert p.alignment == align
        assert p.text == "—  —"  # the number between the dashes is a PAGE field
        assert " PAGE " in [t.text for t in p._p.iter(qn("w:instrText"))]
        assert {east_asian(r) for r in p.runs} == {"宋体"} and {r.font.size for r in p.runs} == {Pt(14)}


# Text python-docx treats specially: placeholders, tabs and breaks, edge spaces (ASCII and 全角), markup.
AWKWARD = ["", "正文", "〔单位名称〕", "〔单位名称〕工会〔年度〕年", "〔〕〔x〕〔y", " 前后空格 ", "\u3000全角空格",
           "a\tb\r\nc\n", "<w:t>&amp;\"'</w:t>", "〔 〕 〔 a 〕", "😀\U0010fffd"]


def python_docx_file(tree: DocTree, defaults: dict[str, str] | None = None, **meta) -> dict[str, bytes]:
    """The parts python-docx itself writes for a tree: what the prototype-based path must reproduce."""
    doc = Document()
    word._layout(doc)

    def paragraph(shape, text):
        word._paragraph(doc, text, **word.SHAPES[shape], defaults=defaults)

    paragraph("title", tree.title)
    if tree.subtitle:
        paragraph("subtitle", tree.subtitle)
    doc.add_paragraph()
    for text in tree.opening:
        paragraph("body", text)
    for node in tree.walk():
        paragraph(min(node.level, 4), node.numbered)
        for text in node.paragraphs:
            paragraph("body", text)
    for text in tree.closing:
        paragraph("body", text)
    if tree.signature:
        doc.add_paragraph()
        for text in tree.signature:
            paragraph("signature", text)
    props = doc.core_properties
    props.title, props.subject, props.keywords = tree.title, meta["subject"], "，".join(meta["keywords"])
    props.author = props.last_modified_by = "工会工作范文库"
    props.language = "zh-CN"
    props.created = props.modified = datetime.combine(meta["added"], time())
    props.revision = 1
    out = io.BytesIO()
    doc.save(out)
    return parts(out.getvalue())


def test_a_report_read_at_a_meeting_opens_with_its_salutation_flush_left(site, documents):
    """各位代表： stands flush left, as in a speech; the paragraph after it keeps the two-character indent."""
    e = next(e for e in site.lib.examples if e.kind == "congress-report")
    opening = site.trees[e.id].opening
    assert opening[0] == "各位代表："
    by_text = {p.text: p for p in open_docx(documents[docx_src(e)]).paragraphs}
    assert by_text[opening[0]].paragraph_format.first_line_indent in (None, 0)
    assert by_text[opening[1]].paragraph_format.first_line_indent == Pt(32)


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None
        return {name: z.read(name) for name in z.namelist()}


@pytest.mark.parametrize("text", AWKWARD)
def test_paragraph_xml_is_what_python_docx_writes(text):
    doc = Document()
    for shape in word.SHAPES.values():
        word._paragraph(doc, text, **shape)
    xml = serialize_part_xml(doc.element).decode()
    expected = xml[xml.index("<w:body>") + len("<w:body>"): xml.index("<w:sectPr")]
    assert "".join(word._paragraph_xml(shape, text) for shape in word.SHAPES) == expected


@pytest.mark.parametrize("text", ["a\x00b", "\x01", "a\x0bb", "\x1f", "\ufffe", "\uffff"])
def test_text_xml_cannot_hold_is_refused_like_python_docx(text):
    with pytest.raises(ValueError, match="XML compatible"):
        word._paragraph(Document(), text, **word.SHAPES["body"])
    with pytest.raises(ValueError, match="XML compatible"):
        word._paragraph_xml("body", text)


def awkward_tree(signature: tuple[str, ...]) -> DocTree:
    def node(level: int) -> Node:
        children = (node(level + 1),) if level < 4 else ()
        return Node(level, f"{level}.", AWKWARD[level + 1], tuple(AWKWARD), children)

    return DocTree(AWKWARD[3], tuple(AWKWARD), (node(1), node(1)), tuple(AWKWARD[::-1]), signature)


AWKWARD_DEFAULTS = {"单位名称": "<&>默认\t单位", "x": ""}  # a default with markup, a tab and an empty one


@pytest.mark.parametrize("tree, defaults", [
    (awkward_tree(("〔单位名称〕工会", "〔成文日期〕")), None),
    (awkward_tree(()), None),
    (replace(awkward_tree(("〔成文日期〕",)), subtitle="——在〔单位名称〕第三届会员代表大会上"), AWKWARD_DEFAULTS),
])
def test_file_has_the_parts_python_docx_writes(tree, defaults):
    meta = {"subject": "学校工会<&>", "keywords": ["民主管理", "a&b"], "added": date(2026, 1, 31)}
    assert parts(word.document_bytes(tree, defaults=defaults, **meta)) == python_docx_file(tree, defaults, **meta)


def test_example_file_has_the_parts_python_docx_writes(site, documents):
    e = next(e for e in site.lib.examples if e.id == EXAMPLE)
    meta = {"subject": site.display_title(e), "keywords": [t.name for t in site.themes_of(e)], "added": e.added}
    expected = python_docx_file(site.trees[e.id], placeholder_defaults(site.lib, e), **meta)
    assert parts(documents[docx_src(e)]) == expected


def test_placeholder_default_shows_this_years_wording_still_highlighted():
    opening = ("坚持〔指导思想〕，在〔党组织〕领导和〔上级工会〕指导下。",)
    tree = DocTree("〔单位名称〕工会〔年度〕年工作计划", opening, (), (),
                   ("〔单位名称〕工会委员会", "〔成文日期〕"), "——在〔单位名称〕第三届会员代表大会第二次会议上")
    defaults = {"指导思想": "以某某为指导", "年度定位": "某某之年"}
    doc = open_docx(word.document_bytes(tree, subject="", keywords=[], added=date(2026, 1, 31), defaults=defaults))
    title, subtitle, _, opening = doc.paragraphs[:4]
    assert subtitle.text == tree.subtitle and subtitle.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert east_asian(subtitle.runs[0]) == word.FONTS[2]
    assert opening.text == "坚持以某某为指导，在〔党组织〕领导和〔上级工会〕指导下。"
    marked = [r.text for r in opening.runs if r.font.highlight_color == WD_COLOR_INDEX.YELLOW]
    assert marked == ["以某某为指导", "〔党组织〕", "〔上级工会〕"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice missing: run `make system`")
def test_libreoffice_renders_a4_pages_with_page_numbers(site, documents, tmp_path):
    """Render as a reader's office suite would; the PNG pages are kept for a person to look at."""
    e = next(e for e in site.lib.examples if e.id == EXAMPLE)
    src = tmp_path / f"{e.id}.docx"
    src.write_bytes(documents[docx_src(e)])
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(src)], check=True, capture_output=True, timeout=180)
    pdf = tmp_path / f"{e.id}.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "595.3 x 841.89 pts (A4)" in info or "595.304 x 841.89 pts (A4)" in info, info
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    chars = site.chars(e)
    assert chars / (22 * 28) <= pages <= chars / (22 * 28) * 2 + 1, (pages, chars)  # a grid page, not 14 chars a line
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for n in range(1, pages + 1):
        assert re.search(rf"—\s*{n}\s*—", text), n
    # characters per line, a half-width digit or letter counting half (Times New Roman is narrower than 仿宋)
    widths = Counter(round(sum(0.5 if ch.isascii() else 1 for ch in line if ch != " "))
                     for line in text.splitlines() if len(line.strip()) >= 20)
    assert widths.most_common(1)[0][0] in (27, 28) and max(widths) <= 29, widths  # full lines hold 28 characters
    OUT.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(OUT / e.id)], check=True)
