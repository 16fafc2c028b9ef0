"""Content lint: what a schema cannot see but a reader notices.

``model.load`` checks that a file has the right shape; this module checks the
writing: full-width punctuation, no radical look-alikes pasted from PDFs, lengths
in range, sub-items per section, and (as a warning) sentences that two examples
share. ``load_checked`` is the one entry point the CLI and the build use.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from . import conventions
from .model import DataError, Example, Kind, Library, load, strings
from .outline import build_tree, char_count
from .yamlsource import Document, Path_, Problem, field_name

LENGTH = (1200, 3500)  # whole document, characters without whitespace
OPENING_LENGTH = (80, 250)
HEADING_MAX = 40
ITEMS_MAX = 4  # sub-items under one body section
REPEAT_MIN = 20  # a shared sentence this long is a stock paragraph, not a coincidence

NOT_PROSE = {"id", "union_type", "kind", "added", "themes"}
PARAGRAPH_FIELDS = {"opening", "text", "closing"}  # titles and headings follow set patterns; prose must not
CJK = r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef“”‘’]"
HALF_WIDTH_RE = re.compile(
    rf"(?<={CJK})[,;:?!()\"']|[,;:?!()\"'](?={CJK})|(?<=[\u4e00-\u9fff])\.(?!\d)"
)
FULL_WIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）",
              '"': "“ ”", "'": "‘ ’", ".": "。"}
# Kangxi radicals, the CJK radicals supplement and compatibility ideographs look like
# ordinary characters but are different code points: search and copy break on them.
LOOKALIKE_RE = re.compile(r"[\u2e80-\u2eff\u2f00-\u2fdf\uf900-\ufaff]")
SENTENCE_END_RE = re.compile(r"[。！？；\n]")


def _prose(doc: Document) -> Iterator[tuple[Path_, int, str]]:
    """Every line of contributor prose with its path and its line offset inside the field."""
    for path, text in strings(doc.value):
        if NOT_PROSE.isdisjoint(p for p in path if isinstance(p, str)):
            for offset, line in enumerate(text.split("\n")):
                yield path, offset, line


def _problem(doc: Document, path: Path_, offset: int, code: str, message: str) -> Problem:
    return Problem(doc.file, doc.text_line(path, offset), field_name(path), code, message)


def _characters(doc: Document) -> list[Problem]:
    problems = []
    for path, offset, line in _prose(doc):
        found = HALF_WIDTH_RE.findall(line)
        if found:
            marks = "、".join(f"“{m}”应为“{FULL_WIDTH[m]}”" for m in dict.fromkeys(found))
            problems.append(_problem(doc, path, offset, "half-width-punctuation",
                                     f"中文里用了半角标点：{marks}"))
        for ch in dict.fromkeys(LOOKALIKE_RE.findall(line)):
            real = unicodedata.normalize("NFKC", ch)
            fix = f"，应改为“{real}”" if real != ch else "，请改为正常汉字"
            problems.append(_problem(doc, path, offset, "lookalike-character",
                                     f"“{ch}”（U+{ord(ch):04X}）是部首或兼容字符，不是常用汉字，"
                                     f"多见于从 PDF 复制的文字{fix}"))
    return problems


def _title_re(form: str) -> re.Pattern[str]:
    """A title form as a pattern: anything may stand around its first 工会 (分工会, 总工会, 工会委员会,
    工会专职副主席 …),
    and ``……`` stands for the example's own words (a topic such as “安康杯”竞赛活动)."""
    head, rest = form.split("工会", 1)
    body = re.escape(rest).replace(re.escape("……"), ".+")
    return re.compile(f"^{re.escape(head)}.*工会.*{body}$")


def _title(example: Example, kind: Kind, doc: Document) -> list[Problem]:
    """The title keeps one of the kind's forms (title_pattern, title_variants) around the issuer:
    〔单位名称〕…工会…〔年度〕年工作计划, where the middle may name 分工会, 总工会 or 工会主席."""
    forms = (kind.title_pattern, *kind.title_variants)
    if any(_title_re(form).match(example.title) for form in forms):
        return []
    tails = "”或“".join(form.split("工会", 1)[1] for form in forms)
    examples = "”或“".join(forms)
    words = "，“……”处写专项的名称" if any("……" in form for form in forms) else ""
    return [_problem(doc, ("title",), 0, "title-pattern",
                     f"{kind.name}的标题应以“〔单位名称〕”开头，接发文的工会（工会、分工会、总工会），"
                     f"以“{tails}”结尾，如“{examples}”{words}")]


def _lengths(example: Example, kind: Kind, doc: Document) -> list[Problem]:
    problems = []
    total = char_count(build_tree(example, kind))
    if not LENGTH[0] <= total <= LENGTH[1]:
        problems.append(_problem(doc, ("id",), 0, "length",
                                 f"全文 {total} 字，应在 {LENGTH[0]}–{LENGTH[1]} 字之间（不计空白）"))
    opening = sum(1 for ch in example.opening if not ch.isspace())
    if example.opening and not OPENING_LENGTH[0] <= opening <= OPENING_LENGTH[1]:
        problems.append(_problem(doc, ("opening",), 0, "opening-length",
                                 f"开头段 {opening} 字，应在 {OPENING_LENGTH[0]}–{OPENING_LENGTH[1]} 字之间"))
    for i, section in enumerate(example.sections):
        if len(section.items) > ITEMS_MAX:
            problems.append(_problem(doc, ("sections", i, "items"), 0, "too-many-items",
                                     f"这一部分有 {len(section.items)} 个小项，最多 {ITEMS_MAX} 个；"
                                     "可合并或拆成两个部分"))
    for path, heading in strings(doc.value):
        if path[-1] != "heading":
            continue
        if len(heading) > HEADING_MAX:
            problems.append(_problem(doc, path, 0, "heading-too-long",
                                     f"标题 {len(heading)} 字，最多 {HEADING_MAX} 字；细节放进正文"))
        if heading.rstrip().endswith(("。", "；", "，")):
            problems.append(_problem(doc, path, 0, "heading-punctuation", "标题末尾不要加句号、分号或逗号"))
    return problems


def _sentences(doc: Document) -> Iterator[tuple[str, Path_, int]]:
    for path, offset, line in _prose(doc):
        if path[-1] not in PARAGRAPH_FIELDS:
            continue
        for sentence in SENTENCE_END_RE.split(line):
            sentence = "".join(sentence.split())
            if len(sentence) >= REPEAT_MIN:
                yield sentence, path, offset


def _repeats(lib: Library) -> list[Problem]:
    """A warning on every later copy of a sentence that an earlier example already uses."""
    first: dict[str, tuple[str, Document, Path_, int]] = {}
    problems = []
    for example_id, doc in lib.docs.items():
        for sentence, path, offset in _sentences(doc):
            seen = first.setdefault(sentence, (example_id, doc, path, offset))
            if seen[0] != example_id:
                where = f"{seen[1].file}:{seen[1].text_line(seen[2], seen[3])}"
                problems.append(_problem(doc, path, offset, "repeated-sentence",
                                         f"句子“{sentence[:30]}…”与 {where} 重复，请换一种写法"))
    return problems


def lint(lib: Library) -> list[Problem]:
    """All content problems of a structurally valid library: errors first, then warnings."""
    problems = []
    for example in lib.examples:
        doc = lib.docs[example.id]
        kind = lib.kind_by_id[example.kind]
        problems += _characters(doc) + _title(example, kind, doc) + _lengths(example, kind, doc)
    for doc in lib.outline_docs.values():  # outlines: the same punctuation and look-alike checks
        problems += _characters(doc)
    return problems + conventions.check(lib) + _repeats(lib)


def checked_lint(lib: Library) -> list[Problem]:
    """Lint a loaded library; raise ``DataError`` if anything is an error, else return the warnings."""
    problems = lint(lib)
    if any(p.severity == "error" for p in problems):
        raise DataError(problems)
    return problems


def load_checked(root: Path | str) -> tuple[Library, list[Problem]]:
    """Load and lint ``root``; raise ``DataError`` if anything is an error, else return the warnings."""
    lib = load(root)
    return lib, checked_lint(lib)
