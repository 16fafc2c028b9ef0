"""An example as a Word document laid out after GB/T 9704-2012 (党政机关公文格式).

A4 with the standard margins, a 28 × 22 character grid, the title in 2号小标宋,
body in 3号仿宋, headings 一、 in 黑体 and （一） in 楷体, page numbers "— 1 —"
outside on the bottom edge. Every run names its East Asian font (``w:eastAsia``),
which is what Word and WPS read for Chinese text, and placeholders are
highlighted so a reader finds each one to replace.

python-docx takes ~60 ms to open its template, lay it out and save it, and a build makes one
file per example. So python-docx writes one sample document per process, with a paragraph of
every kind (``SHAPES``), and that sample is cut into what never changes: the rest of the package
(styles, settings, footers, ready compressed), the section properties, and the start of each
kind of paragraph and run. A document then joins its text into those pieces and adds its
``word/document.xml`` and ``docProps/core.xml`` to the package: the layout is still said only
once, in the python-docx calls below, and the file is the same as python-docx would write.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import re
import zipfile
from collections.abc import Callable
from datetime import datetime, time
from pathlib import Path
from typing import NamedTuple
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_LINE_SPACING
from docx.opc.coreprops import CoreProperties
from docx.opc.oxml import serialize_part_xml
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt
from docx.text.paragraph import Paragraph

from ..core.framing import placeholder_defaults
from ..core.outline import DocTree, is_salutation
from ..core.placeholders import pieces, token

# GB/T 9704-2012 §5.2: A4, 版心 156 mm × 225 mm, top 37 mm, left 28 mm.
PAGE = {"width": Mm(210), "height": Mm(297), "top": Mm(37), "bottom": Mm(35), "left": Mm(28), "right": Mm(26)}
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28
BODY_PT, TITLE_PT, PAGE_NUMBER_PT = 16, 22, 14  # 3号, 2号, 4号
TEXT_HEIGHT_PT = Length(PAGE["height"] - PAGE["top"] - PAGE["bottom"]).pt  # 225 mm
TEXT_WIDTH_PT = Length(PAGE["width"] - PAGE["left"] - PAGE["right"]).pt  # 156 mm
LINE_PT = TEXT_HEIGHT_PT / LINES_PER_PAGE  # 29.0 pt: 22 lines fill the text block exactly
LATIN = "Times New Roman"
FONTS = {
    "title": "方正小标宋简体",
    "body": "仿宋_GB2312",
    1: "黑体",  # 一、
    2: "楷体_GB2312",  # （一）
    3: "仿宋_GB2312",  # 1.
    4: "仿宋_GB2312",  # （1）
    "page": "宋体",
}
# Children of w:rPr in the order the OOXML schema requires.
RPR_ORDER = tuple(f"w:{t}" for t in (
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
    "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w",
    "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign",
    "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath",
))
# Every kind of paragraph in a document, as the arguments of ``_paragraph``.
SHAPES = {
    "title": {"font": FONTS["title"], "size_pt": TITLE_PT, "align": WD_ALIGN_PARAGRAPH.CENTER, "indent_chars": 0},
    "subtitle": {"font": FONTS[2], "align": WD_ALIGN_PARAGRAPH.CENTER, "indent_chars": 0},  # ——在…会议上, 3号楷体
    "body": {"font": FONTS["body"]},
    "salutation": {"font": FONTS["body"], "indent_chars": 0},  # 各位代表： flush left
    **{level: {"font": FONTS[level]} for level in (1, 2, 3, 4)},  # headings 一、（一）1.（1）
    # 落款 and 成文日期 flush right, four characters in
    "signature": {"font": FONTS["body"], "align": WD_ALIGN_PARAGRAPH.RIGHT, "indent_chars": 0, "right_chars": 4},
}
DOCUMENT, CORE = "word/document.xml", "docProps/core.xml"  # the two parts each file writes itself


def _rpr_set(element, tag: str, **attrs: str) -> None:
    """Set ``w:tag`` on a run or style's ``w:rPr``, inserted in schema order (Word rejects misordered XML)."""
    rpr = element.get_or_add_rPr()
    child = rpr.find(qn(tag))
    if child is None:
        child = OxmlElement(tag)
        rpr.insert_element_before(child, *RPR_ORDER[RPR_ORDER.index(tag) + 1:])
    for name, value in attrs.items():
        child.set(qn(f"w:{name}"), value)


def _fonts(element, east_asian: str, size_pt: float) -> None:
    """Latin and East Asian fonts and the size of a run or style."""
    _rpr_set(element, "w:rFonts", ascii=LATIN, hAnsi=LATIN, eastAsia=east_asian, cs=LATIN)
    _rpr_set(element, "w:sz", val=str(int(size_pt * 2)))
    _rpr_set(element, "w:szCs", val=str(int(size_pt * 2)))


def _paragraph(doc, text: str, font: str, size_pt: float = BODY_PT, *,
               align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent_chars: float = 2, right_chars: float = 0,
               defaults: dict[str, str] | None = None) -> Paragraph:
    """One paragraph; placeholders become their own highlighted runs, showing their default if they have one."""
    p = doc.add_paragraph()
    p.alignment = align
    p.paragraph_format.first_line_indent = Pt(size_pt * indent_chars) if indent_chars else None
    p.paragraph_format.right_indent = Pt(size_pt * right_chars) if right_chars else None
    for piece, name in pieces(text):  # each placeholder a run of its own (see _paragraph_xml)
        run = p.add_run(piece if name is None else (defaults or {}).get(name, piece))
        _fonts(run._r, font, size_pt)
        if name is not None:
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    return p


def _page_number(footer, align) -> None:
    """``— N —`` in 4号宋体, one character in from the outer edge (GB/T 9704 §7.5)."""
    p = footer.paragraphs[0]
    p.alignment = align
    side = p.paragraph_format
    side.right_indent = Pt(PAGE_NUMBER_PT) if align == WD_ALIGN_PARAGRAPH.RIGHT else None
    side.left_indent = Pt(PAGE_NUMBER_PT) if align == WD_ALIGN_PARAGRAPH.LEFT else None
    for piece in ("— ", "begin", " PAGE ", "end", " —"):  # a PAGE field between the dashes
        run = p.add_run()
        _fonts(run._r, FONTS["page"], PAGE_NUMBER_PT)
        if piece in ("begin", "end"):
            mark = OxmlElement("w:fldChar")
            mark.set(qn("w:fldCharType"), piece)
            run._r.append(mark)
        elif piece == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = piece
            run._r.append(instr)
        else:
            run.text = piece


def _layout(doc) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = PAGE["width"], PAGE["height"]
    section.top_margin, section.bottom_margin = PAGE["top"], PAGE["bottom"]
    section.left_margin, section.right_margin = PAGE["left"], PAGE["right"]
    section.footer_distance = Mm(28) - Pt(PAGE_NUMBER_PT)  # 一字线 7 mm below the text block
    grid = section._sectPr.find(qn("w:docGrid"))
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(round(LINE_PT * 20)))
    doc.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer, WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)

    normal = doc.styles["Normal"]
    _fonts(normal.element, FONTS["body"], BODY_PT)
    _rpr_set(normal.element, "w:lang", val="en-US", eastAsia="zh-CN")
    # 28 characters of 16 pt (448 pt) must fit the 156 mm (442.2 pt) line: condense each character a
    # little, which Word, WPS and LibreOffice all honour (LibreOffice rounds a character grid up instead).
    _rpr_set(normal.element, "w:spacing", val=str(round((TEXT_WIDTH_PT / CHARS_PER_LINE - BODY_PT) * 20) - 1))
    fmt = normal.paragraph_format
    fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(LINE_PT)
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.widow_control = False


_SAMPLE = "\ue000"  # a private-use character: where the text goes in the sample document
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")  # outside XML 1.0 Char
_TAB_OR_BREAK = re.compile(r"([\t\r\n])")


class _Prototype(NamedTuple):
    """The sample document, cut into the pieces every file shares."""

    package: bytes  # a zip of every part except DOCUMENT and CORE, already compressed
    core: bytes  # python-docx's core properties, filled in per file
    head: str  # document.xml up to and including <w:body>
    tail: str  # w:sectPr (page, margins, grid, footers) to the end
    blank: str  # an empty paragraph
    shapes: dict  # shape -> (paragraph start with its w:pPr, plain run start, highlighted run start)


def _cut(pattern: str, xml: str) -> tuple[str, ...]:
    """The groups of a pattern that must match the whole of python-docx's output."""
    match = re.fullmatch(pattern, xml, re.DOTALL)
    if match is None:  # a python-docx release that writes differently must fail here, not write broken files
        raise ValueError(f"python-docx wrote an unexpected sample, {pattern!r} does not match: {xml[:500]}")
    return match.groups()


@functools.cache
def _prototype() -> _Prototype:
    """Once per process: python-docx writes a sample with one paragraph of every shape, then a blank one."""
    doc = Document()
    _layout(doc)
    for shape in SHAPES.values():
        _paragraph(doc, _SAMPLE + token(_SAMPLE), **shape)  # a plain run, then a highlighted one
    doc.add_paragraph()
    saved, package = io.BytesIO(), io.BytesIO()
    doc.save(saved)
    with zipfile.ZipFile(saved) as src, zipfile.ZipFile(package, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename not in (DOCUMENT, CORE):
                dst.writestr(info.filename, src.read(info))
        document, core = src.read(DOCUMENT).decode(), src.read(CORE)
    head, body, tail = _cut(r"(.*<w:body>)(.*?)(<w:sectPr[ >].*)", document)
    paragraphs = re.findall(r"<w:p>.*?</w:p>|<w:p/>", body)
    sample = rf"(<w:p>.*?)(<w:r>.*?)<w:t>{_SAMPLE}</w:t></w:r>(<w:r>.*?)<w:t>{token(_SAMPLE)}</w:t></w:r></w:p>"
    shapes = {name: _cut(sample, xml) for name, xml in zip(SHAPES, paragraphs[:-1], strict=True)}
    return _Prototype(package.getvalue(), core, head, tail, paragraphs[-1], shapes)


def _run_text(text: str) -> str:
    """A run's content as python-docx writes it: tabs and line breaks become elements, text keeps its edge
    spaces; characters XML cannot hold are refused with lxml's error, as python-docx would."""
    if _NOT_XML.search(text):
        raise ValueError(f"All strings must be XML compatible: no NULL bytes or control characters: {text!r}")
    out = []
    for piece in _TAB_OR_BREAK.split(text):
        if piece == "\t":
            out.append("<w:tab/>")
        elif piece in ("\r", "\n"):
            out.append("<w:br/>")
        elif piece:
            space = "" if piece.strip() == piece else ' xml:space="preserve"'
            out.append(f"<w:t{space}>{escape(piece)}</w:t>")
    return "".join(out)


def _paragraph_xml(shape: str | int, text: str, defaults: dict[str, str] | None = None) -> str:
    """The ``w:p`` that ``_paragraph(doc, text, **SHAPES[shape])`` writes, from the sample's pieces.
    Each placeholder is a highlighted run of its own, so the browser fills a reader's value in by replacing
    the run whole (docs/assets/tools.js); one with a default (macros/core/framing.py) shows that text."""
    start, plain, highlighted = _prototype().shapes[shape]
    defaults = defaults or {}

    def run(piece: str, name: str | None) -> str:
        if name is None:
            return f"{plain}{_run_text(piece)}</w:r>"
        return f"{highlighted}{_run_text(defaults.get(name, piece))}</w:r>"

    return f"{start}{''.join(run(piece, name) for piece, name in pieces(text))}</w:p>"


def _core_xml(title: str, subject: str, keywords: list[str], added) -> bytes:
    """docProps/core.xml, filled in by python-docx (a fraction of a millisecond)."""
    element = parse_xml(_prototype().core)
    props = CoreProperties(element)
    props.title, props.subject, props.keywords = title, subject, "，".join(keywords)
    props.author = props.last_modified_by = "工会工作范文库"
    props.language = "zh-CN"
    props.created = props.modified = datetime.combine(added, time())
    props.revision = 1
    return serialize_part_xml(element)


def document_bytes(tree: DocTree, *, subject: str, keywords: list[str], added,
                   defaults: dict[str, str] | None = None) -> bytes:
    """The .docx file for one example: title, subtitle, opening, numbered body, closing, signature;
    ``defaults`` fill placeholders such as 〔指导思想〕 with this year's wording (still highlighted)."""
    proto = _prototype()

    def p(shape: str | int, text: str) -> str:
        return _paragraph_xml(shape, text, defaults)

    body = [p("title", tree.title)]
    if tree.subtitle:
        body.append(p("subtitle", tree.subtitle))
    body.append(proto.blank)  # GB/T 9704: a blank line after the title
    body += (p("salutation" if is_salutation(text) else "body", text) for text in tree.opening)
    for node in tree.walk():
        body.append(p(min(node.level, 4), node.numbered))
        body += (p("body", text) for text in node.paragraphs)
    body += (p("body", text) for text in tree.closing)
    if tree.signature:
        body.append(proto.blank)
        body += (p("signature", text) for text in tree.signature)

    out = io.BytesIO(proto.package)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as package:  # appends after the shared parts
        package.writestr(DOCUMENT, proto.head + "".join(body) + proto.tail)
        package.writestr(CORE, _core_xml(tree.title, subject, keywords, added))
    return out.getvalue()


# ---------------------------------------------------------------------------- the site's Word files

def documents(site) -> dict[str, tuple[str, Callable[[], bytes]]]:
    """Every Word download of the site: ``{src_path: (key, make)}``. ``key`` changes whenever anything that
    goes into the file does (the example, its kind's headings, the build-filled placeholders, this module),
    so the generate step calls ``make`` only for files whose key differs from the last build's."""
    from .urls import docx_src, outline_docx_src

    code = _CODE_KEY
    kinds = {k.id: k.model_dump_json() for k in site.lib.kinds}  # kinds.yml headings go into the file too
    out: dict[str, tuple[str, Callable[[], bytes]]] = {}
    for e in site.lib.examples:
        defaults = placeholder_defaults(site.lib, e)  # framing.yml wording goes in too
        subject, keywords = site.display_title(e), [t.name for t in site.themes_of(e)]
        key = _key(code, e.model_dump_json(), kinds[e.kind], defaults, subject, keywords)
        out[docx_src(e)] = (key, functools.partial(document_bytes, site.trees[e.id], subject=subject,
                                                   keywords=keywords, added=e.added, defaults=defaults))
    for t, k in site.cells():  # outlines: headings only, a few milliseconds in all
        rec = site.recommended(t, k)
        subject, keywords = f"{t.name}{k.name}提纲", [theme for theme, _ in rec.basis if theme]
        added = max(e.added for e in rec.sources)
        key = _key(code, repr(rec.tree), subject, keywords, str(added))
        out[outline_docx_src(t.id, k.id)] = (key, functools.partial(document_bytes, rec.tree, subject=subject,
                                                                   keywords=keywords, added=added))
    return out


def _key(*parts) -> str:
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str).encode()).hexdigest()


_CODE_KEY = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()  # a change to the layout remakes every file
