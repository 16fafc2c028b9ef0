"""An example as a Word document laid out after GB/T 9704-2012 (党政机关公文格式).

A4 with the standard margins, a 28 × 22 character grid, the title in 2号小标宋,
body in 3号仿宋, headings 一、 in 黑体 and （一） in 楷体, page numbers "— 1 —"
outside on the bottom edge. Every run names its East Asian font (``w:eastAsia``),
which is what Word and WPS read for Chinese text, and placeholders are
highlighted so a reader finds each one to replace.
"""

from __future__ import annotations

import io
import re
from datetime import datetime, time

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt
from docx.text.paragraph import Paragraph

from .outline import DocTree

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
PLACEHOLDER_RE = re.compile(r"(〔[^〔〕]+〕)")


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
               align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent_chars: float = 2) -> Paragraph:
    """One paragraph; placeholders become their own highlighted runs."""
    p = doc.add_paragraph()
    p.alignment = align
    p.paragraph_format.first_line_indent = Pt(size_pt * indent_chars) if indent_chars else None
    for piece in PLACEHOLDER_RE.split(text):
        if piece:
            run = p.add_run(piece)
            _fonts(run._r, font, size_pt)
            if PLACEHOLDER_RE.fullmatch(piece):
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


def document_bytes(tree: DocTree, *, subject: str, keywords: list[str], added) -> bytes:
    """The .docx file for one example: title, opening, numbered body, closing, signature."""
    doc = Document()
    _layout(doc)
    _paragraph(doc, tree.title, FONTS["title"], TITLE_PT, align=WD_ALIGN_PARAGRAPH.CENTER, indent_chars=0)
    doc.add_paragraph()  # GB/T 9704: one blank line between the title and the body
    for text in tree.opening:
        _paragraph(doc, text, FONTS["body"])
    for node in tree.walk():
        _paragraph(doc, node.numbered, FONTS[min(node.level, 4)])
        for text in node.paragraphs:
            _paragraph(doc, text, FONTS["body"])
    for text in tree.closing:
        _paragraph(doc, text, FONTS["body"])
    if tree.signature:
        doc.add_paragraph()
        for text in tree.signature:  # 落款 and 成文日期 flush right, four characters in
            p = _paragraph(doc, text, FONTS["body"], align=WD_ALIGN_PARAGRAPH.RIGHT, indent_chars=0)
            p.paragraph_format.right_indent = Pt(BODY_PT * 4)

    props = doc.core_properties
    props.title, props.subject, props.keywords = tree.title, subject, "，".join(keywords)
    props.author = props.last_modified_by = "工会工作范文库"
    props.language = "zh-CN"
    props.created = props.modified = datetime.combine(added, time())
    props.revision = 1
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
