"""Load and validate everything under data/ into immutable models.

``load(root)`` returns a ``Library`` or raises ``DataError`` carrying *every*
problem found, each naming file, line and field, so a contributor fixes them
all in one pass. Nothing here imports MkDocs: the CLI, the build and the tests
share this one entry point.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from .placeholders import DERIVE_REF, name_of, token
from .placeholders import TOKEN as PLACEHOLDER_RE
from .yamlsource import Document, Path_, Problem, field_name, read_yaml

MAX_FIELD_CHARS = 20_000
MAX_DEPTH = 4  # 一、（一）1.（1）
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Numbering typed by hand at the start of a heading: 一、 （一） (一) 1. 1、 （1） ① 第一，
NUMBERED_HEADING_RE = re.compile(
    r"^\s*(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+\s*[、.．]"
    r"|[①-⑳]|第[一二三四五六七八九十]+[，、,:：])"
)
# Half-filled placeholders from the 范文 sites: 20xx, xx公司, **市, ××.
STRAY_PLACEHOLDER_RE = re.compile(r"20[xX×]{2}|(?<![A-Za-z])[xX]{2,}(?![A-Za-z])|\*\*|＊＊|×{2,}|_{2,}|某某|○○|□□")
# Vocabulary names and descriptions go into page templates unescaped (they are reviewed, not
# contributed), so markup in them is refused: HTML tags, Jinja delimiters, Markdown links.
VOCABULARY_MARKUP_RE = re.compile(r"[<>]|\{[{%#]|\]\(")
# What ``python -m macros new`` writes where text is still to come; check fails until it is replaced.
UNFILLED = "待填写"

BLOCK_PARTS = ("guiding_idea", "goals", "shortcomings", "next_steps", "safeguards")
PART_LABELS = {"opening": "开头段", "sections": "正文各部分", "closing": "结尾段"}  # block parts: kinds.yml headings
TEXT_PARTS = ("opening", "closing")


class DataError(Exception):
    """Raised by ``load`` with all problems found; ``str()`` is the compiler-style report."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line, p.field))
        super().__init__("\n".join(str(p) for p in self.problems))


class _Model(BaseModel):
    # Attribute docstrings become descriptions in the published JSON Schema (editor tooltips).
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class Section(_Model):
    """A numbered part of the body; ``items`` nest one numbering level down."""

    heading: str
    """标题，不写编号（一、（一）1. 由网站生成），不以句号结尾"""
    themes: tuple[str, ...] = ()
    """主题，取自 data/themes.yml；正文每个一级部分至少一个"""
    text: str = ""
    """正文，每一行是一个自然段"""
    items: tuple[Section, ...] = ()
    """下一级标题，网站依次编为（一）、1.、（1）"""


class Block(_Model):
    """A fixed part of a kind (不足, 下一步打算, 指导思想 …) whose heading defaults from kinds.yml."""

    heading: str = ""
    """可省略：默认用 data/kinds.yml 中该文种的标题"""
    text: str = ""
    """正文，每一行是一个自然段"""
    items: tuple[Section, ...] = ()
    """下一级标题，网站编为（一）（二）……"""


class Example(_Model):
    """One example file, data/examples/<union_type>/<id>.yml."""

    id: str
    """与文件名相同：小写英文字母、数字和连字符"""
    title: str
    """标题，按文种的标题格式，如〔单位名称〕工会〔年度〕年工作总结"""
    subtitle: str = ""
    """副标题（可选），在会议上所作的报告用，以“——”开头，如——在〔单位名称〕第X届会员代表大会第X次会议上"""
    union_type: str
    """工会类型，与所在文件夹同名，见 data/union_types.yml"""
    kind: str
    """文种，见 data/kinds.yml"""
    period: str
    """时段：全年、上半年、2025—2026学年第一学期……"""
    setting: str
    """一句话介绍这个虚构单位，如“城区公办小学，教职工86人”"""
    added: date
    """收录日期，如 2026-01-31"""
    opening: str = ""
    """开头段"""
    guiding_idea: Block | None = None
    """指导思想（计划、要点）"""
    goals: Block | None = None
    """工作目标（计划、要点）"""
    sections: tuple[Section, ...] = ()
    """正文各部分（一级标题），编号由网站生成"""
    shortcomings: Block | None = None
    """存在的不足（总结、述职）"""
    next_steps: Block | None = None
    """下一步打算（总结、述职）"""
    safeguards: Block | None = None
    """保障措施（计划、要点）"""
    closing: str = ""
    """结尾段"""
    signature: str = ""
    """落款（必填），每一行一段：〔单位名称〕工会委员会、〔成文日期〕；述职报告写 述职人：〔姓名〕、〔成文日期〕"""


class UnionType(_Model):
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    description: str
    members: str
    democratic_body: str
    typical_themes: tuple[str, ...]


class SectionRange(_Model):
    min: int
    max: int


class Kind(_Model):
    id: str
    name: str
    short: str
    title_pattern: str
    description: str
    structure: str
    parts: tuple[str, ...]
    headings: dict[str, str] = {}
    sections: SectionRange
    year: Literal["current", "next"]
    title_variants: tuple[str, ...] = ()
    subtitle: Literal["required", "optional"] = "optional"
    issuers: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()

    @property
    def signer(self) -> str:
        """The first line of the sign-off the scaffold writes: the kind's own issuer, else the union committee."""
        return token("单位名称") + (self.issuers[0] if self.issuers else "工会委员会")

    def part_label(self, part: str) -> str:
        """What a part is called in this kind: its default heading, or 开头段/正文各部分/结尾段."""
        return self.headings.get(part, PART_LABELS.get(part, part))


class Theme(_Model):
    id: str
    name: str
    description: str


class Placeholder(_Model):
    """One 〔名称〕 of data/placeholders.yml; the rules for filling it are read by macros/core/placeholders.py."""

    name: str
    label: str
    sample: str
    description: str
    hint: str = ""
    """what the form's empty field shows; default “如：<sample>”"""
    trim_suffix: tuple[str, ...] = ()
    """endings cut from what the reader types, because the text already writes them after the placeholder"""
    default: str = ""
    """the value shown (still marked) until the reader types one"""
    derive: str = ""
    """worked out from other placeholders until the reader types one, e.g. {年度+1}"""
    by_year: dict[str, str] = {}
    """values keyed by the 〔年度〕 the reader typed; before derive and default"""

    @property
    def token(self) -> str:
        return token(self.name)

    @property
    def form_hint(self) -> str:
        return self.hint or f"如：{self.sample}"


class OutlinePart(_Model):
    """A heading of a written outline: a body part names its theme; items nest one numbering level down."""

    heading: str = ""
    """标题，不写编号；固定部分（指导思想、保障措施……）可省略，默认用 data/kinds.yml 的标题"""
    theme: str = ""
    """正文各部分的主题，取自 data/themes.yml；同一份提纲里不重复"""
    items: tuple[OutlinePart | str, ...] = ()
    """下一级标题：一行文字，或带 items 的映射（最多四级：一、（一）1.（1））"""


class Outline(_Model):
    """The recommended outline of one union type × kind, written for every unit of the type."""

    kind: str
    title: str
    """如〔单位名称〕工会〔年度〕年工作计划，与这一类范文的标题写法一致"""
    examples: tuple[str, ...]
    """依据的范文 id：同一工会类型的范文，至少一篇是这一文种"""
    sections: tuple[OutlinePart, ...]
    guiding_idea: OutlinePart | None = None
    goals: OutlinePart | None = None
    shortcomings: OutlinePart | None = None
    next_steps: OutlinePart | None = None
    safeguards: OutlinePart | None = None
    union_type: str = ""  # from the file, filled in by load


class OutlineFile(_Model):
    """data/outlines/<union_type>.yml: every kind's outline for one union type."""

    union_type: str
    scope: str
    """这些提纲适用的单位，如“中小学、幼儿园、职业院校和高校”"""
    sub_kind_words: tuple[str, ...]
    """只有部分单位才有的词（如学校的“二级教代会”“幼儿”）：提纲里不得出现"""
    outlines: tuple[Outline, ...]


def outline_headings(part: OutlinePart | str, path: Path_) -> Iterator[tuple[Path_, str, int]]:
    """Every heading under a part, depth first: ``(path, heading, depth below the part)``."""
    for i, item in enumerate(() if isinstance(part, str) else part.items):
        where = path + ("items", i)
        if isinstance(item, str):
            yield where, item, 1
        else:
            yield where + ("heading",), item.heading, 1
            yield from ((p, h, d + 1) for p, h, d in outline_headings(item, where))


class YearFraming(_Model):
    year: int
    guiding_idea: str
    positioning: str
    sources: tuple[str, ...]


class Framing(_Model):
    """data/framing.yml: which year it is and the dated political wording of each year."""

    current_year: int
    years: tuple[YearFraming, ...]

    def of(self, year: int) -> YearFraming:
        return next(y for y in self.years if y.year == year)


class Law(_Model):
    name: str
    full: str
    unless_next: str = ""


class Abbreviation(_Model):
    short: str
    full: str


class Forbidden(_Model):
    term: str
    use: str
    why: str
    pattern: str = ""


class YearBound(_Model):
    pattern: str
    why: str


class Required(_Model):
    political_kinds: tuple[str, ...]
    duty_kinds: tuple[str, ...]
    political_theme: str
    duty_study: tuple[str, ...]
    duty_integrity: tuple[str, ...]
    guiding_openings: tuple[str, ...]
    leadership: str
    party_words: tuple[str, ...]


class Terms(_Model):
    """data/terms.yml: the word lists the conventions lint reads (macros/core/conventions.py)."""

    laws: tuple[Law, ...]
    abbreviations: tuple[Abbreviation, ...]
    forbidden: tuple[Forbidden, ...]
    year_bound: tuple[YearBound, ...]
    framing_markers: tuple[str, ...]
    required: Required


def paragraphs(text: str) -> list[str]:
    """Each non-empty line of a text field is one paragraph (Chinese prose is not hard-wrapped)."""
    return [line.strip() for line in text.splitlines() if line.strip()]


class _Lookup:
    """A table of one of the library's tuples by one attribute (``kind_by_id``), made on first use and kept,
    like ``cached_property``."""

    def __init__(self, items: str, key: str):
        self.items, self.key = items, key

    def __set_name__(self, owner, name: str) -> None:
        self.name = name

    def __get__(self, library, owner=None):
        if library is None:
            return self
        table = {getattr(item, self.key): item for item in getattr(library, self.items)}
        library.__dict__[self.name] = table
        return table


@dataclass(frozen=True)
class Library:
    """Everything the site says, validated and cross-referenced."""

    union_types: tuple[UnionType, ...]
    kinds: tuple[Kind, ...]
    themes: tuple[Theme, ...]
    placeholders: tuple[Placeholder, ...]
    examples: tuple[Example, ...]
    files: dict[str, str]  # example id -> path relative to the project root
    docs: dict[str, Document] = field(default_factory=dict)  # example id -> parsed file, for line numbers
    framing: Framing | None = None
    terms: Terms | None = None
    outline_files: tuple[OutlineFile, ...] = ()
    outline_docs: dict[str, Document] = field(default_factory=dict)  # union type -> parsed outline file

    @cached_property
    def outline_by_cell(self) -> dict[tuple[str, str], Outline]:
        """Written outlines by (union type, kind)."""
        return {(f.union_type, o.kind): o for f in self.outline_files for o in f.outlines}

    outline_file_by_type = _Lookup("outline_files", "union_type")
    type_by_id = _Lookup("union_types", "id")
    kind_by_id = _Lookup("kinds", "id")
    theme_by_name = _Lookup("themes", "name")

    @cached_property
    def _groups(self) -> dict[tuple[str | None, str | None], list[Example]]:
        """Examples by (type, kind), (type, None), (None, kind) and (None, None), in data order."""
        groups: dict[tuple[str | None, str | None], list[Example]] = defaultdict(list)
        for e in self.examples:
            for key in ((e.union_type, e.kind), (e.union_type, None), (None, e.kind), (None, None)):
                groups[key].append(e)
        return groups

    example_by_id = _Lookup("examples", "id")

    def examples_where(self, union_type: str | None = None, kind: str | None = None) -> list[Example]:
        """A new list each call (callers may sort it); the lookup itself is a dict access."""
        return list(self._groups.get((union_type, kind), ()))


# --------------------------------------------------------------------------- loading

_TYPE_MESSAGES = {
    "missing": ("missing-field", "缺少必填字段"),
    "string_type": ("wrong-type", "这里应写文本（字符串），不能是列表、映射或空值；纯数字、日期、yes/no 要加引号"),
    "tuple_type": ("wrong-type", "这里应写列表（每项以“- ”开头）"),
    "list_type": ("wrong-type", "这里应写列表（每项以“- ”开头）"),
    "model_type": ("wrong-type", "这里应写映射（“键: 值”的形式）"),
    "model_attributes_type": ("wrong-type", "这里应写映射（“键: 值”的形式）"),
    "dict_type": ("wrong-type", "这里应写映射（“键: 值”的形式）"),
    "int_type": ("wrong-type", "这里应写整数"),
    "int_parsing": ("wrong-type", "这里应写整数"),
}


def _suggest(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.5)
    return f"你是不是想写 {close[0]}？" if close else ""


def _validate(doc: Document, model: type[_Model], base: Path_ = ()) -> tuple[Any, list[Problem]]:
    value = doc.value
    for part in base:
        value = value[part]
    try:
        return model.model_validate(value), []
    except ValidationError as err:
        problems = []
        for e in err.errors():
            path = base + tuple(e["loc"])
            code, message = _TYPE_MESSAGES.get(e["type"], ("invalid-value", f"取值无效：{e['msg']}"))
            if e["type"] == "extra_forbidden":
                allowed = [n for n in _model_at(model, tuple(e["loc"])[:-1]).model_fields]
                code = "unknown-field"
                message = f"未知字段“{path[-1]}”。{_suggest(str(path[-1]), allowed)}允许的字段：{'、'.join(allowed)}"
            elif e["type"].startswith("date"):
                code, message = "bad-date", "日期应写成 2026-01-31 的形式"
            problems.append(Problem(doc.file, doc.line(path), field_name(path), code, message))
        return None, problems


def _model_at(model: type[_Model], loc: tuple) -> type[_Model]:
    """The nested model class a pydantic error location points into (for listing allowed fields)."""
    for part in loc:
        if isinstance(part, int):
            continue
        if part not in model.model_fields:  # a union member's tag, such as "str"
            continue
        for candidate in _flatten(model.model_fields[part].annotation):
            if isinstance(candidate, type) and issubclass(candidate, _Model):
                model = candidate
                break
    return model


def _flatten(annotation) -> Iterator:
    """An annotation and every type nested in it: ``tuple[OutlinePart | str, ...]`` gives OutlinePart too."""
    yield annotation
    for arg in getattr(annotation, "__args__", ()):
        yield from _flatten(arg)


def _load_list(root: Path, name: str, model: type[_Model], problems: list[Problem]) -> list:
    path = root / "data" / name
    display = f"data/{name}"
    if not path.exists():
        problems.append(Problem(display, 1, "", "missing-file", "文件不存在"))
        return []
    doc, found = read_yaml(path, display)
    problems += found
    if doc is None:
        return []
    if not isinstance(doc.value, list):
        problems.append(Problem(display, 1, "", "wrong-type", "文件内容应是一个列表"))
        return []
    for where, text in strings(doc.value):
        if VOCABULARY_MARKUP_RE.search(text):
            problems.append(Problem(display, doc.line(where), field_name(where), "markup",
                                    "登记表的文字原样进入页面，不能含有 <、>、{{、{%、{# 或 ]("))
    items = []
    for i in range(len(doc.value)):
        item, found = _validate(doc, model, (i,))
        problems += found
        if item is not None:
            items.append(item)
    for key in ("id", "name"):
        seen: set[str] = set()
        for i, item in enumerate(items):
            if hasattr(item, key) and getattr(item, key) in seen:
                problems.append(Problem(display, doc.line((i, key)), f"[{i}].{key}", "duplicate-id",
                                        f"“{getattr(item, key)}”重复登记"))
            seen.add(getattr(item, key, None))
    return items


def strings(value: Any, path: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    """Every string in a parsed document, with its path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from strings(child, path + (key,))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from strings(child, path + (i,))


class _ExampleChecker:
    """Cross-reference checks on one example (after its shape passed pydantic)."""

    def __init__(self, doc: Document, example: Example, lib: dict[str, Any], problems: list[Problem]):
        self.doc, self.ex, self.lib, self.problems = doc, example, lib, problems

    def add(self, path: Path_, code: str, message: str, offset: int | None = None) -> None:
        """Report at the field's line or, given the line ``offset`` inside a text, at that exact line."""
        line = self.doc.line(path) if offset is None else self.doc.text_line(path, offset)
        self.problems.append(Problem(self.doc.file, line, field_name(path), code, message))

    def run(self, folder: str, stem: str) -> None:
        ex, lib = self.ex, self.lib
        if not ID_RE.match(ex.id):
            self.add(("id",), "bad-id", "id 只能用小写英文字母、数字和连字符，如 primary-annual-summary")
        elif ex.id != stem:
            self.add(("id",), "path-mismatch", f"id“{ex.id}”与文件名“{stem}.yml”不一致")
        if ex.union_type not in lib["types"]:
            self.add(("union_type",), "unknown-union-type",
                     f"未登记的工会类型“{ex.union_type}”。{_suggest(ex.union_type, list(lib['types']))}"
                     f"可选：{'、'.join(lib['types'])}")
        elif ex.union_type != folder:
            self.add(("union_type",), "path-mismatch",
                     f"union_type 是“{ex.union_type}”，文件却放在 data/examples/{folder}/ 下，"
                     f"应放在 data/examples/{ex.union_type}/")
        kind = lib["kinds"].get(ex.kind)
        if kind is None:
            self.add(("kind",), "unknown-kind", f"未登记的文种“{ex.kind}”。{_suggest(ex.kind, list(lib['kinds']))}"
                                                 f"可选：{'、'.join(lib['kinds'])}")
        else:
            self.check_parts(kind)
        for i, section in enumerate(ex.sections):
            self.check_section(section, ("sections", i), level=1)
        for part in BLOCK_PARTS:
            block = getattr(ex, part)
            if block is not None:
                if not block.text.strip() and not block.items:
                    self.add((part,), "empty-part", "这一部分既没有 text 也没有 items")
                for i, item in enumerate(block.items):
                    self.check_section(item, (part, "items", i), level=2)
        self.check_strings()

    def check_parts(self, kind: Kind) -> None:
        ex = self.ex
        for part in kind.parts:
            present = bool(getattr(ex, part)) if part != "sections" else bool(ex.sections)
            label = kind.part_label(part)
            if not present:
                self.add((part,), "missing-part", f"{kind.name}必须包含 {part}（{label}）")
        count, low, high = len(ex.sections), max(kind.sections.min, 2), kind.sections.max
        if ex.sections and count < low:
            self.add(("sections",), "too-few-sections",
                     f"{kind.name}的正文至少需要 {low} 个并列部分，现在只有 {count} 个")
        elif count > high:
            self.add(("sections",), "too-many-sections",
                     f"{kind.name}的正文最多 {high} 个并列部分，现在有 {count} 个；可合并相近的部分")
        allowed = set(kind.parts) | {"opening", "closing", "signature"}
        for part in BLOCK_PARTS:
            if getattr(ex, part) is not None and part not in allowed:
                self.add((part,), "part-not-allowed",
                         f"{kind.name}没有 {part} 这一部分；可用的部分：{'、'.join(kind.parts)}")

    def check_section(self, section: Section, path: Path_, level: int) -> None:
        if NUMBERED_HEADING_RE.match(section.heading):
            self.add(path + ("heading",), "numbered-heading",
                     "标题不要自带编号（如“一、”“（一）”“1.”），编号由网站按层级自动生成")
        if not section.heading.strip():
            self.add(path + ("heading",), "missing-field", "标题不能为空")
        if level > MAX_DEPTH:
            self.add(path, "too-deep", f"层级过深：最多 {MAX_DEPTH} 级（一、（一）1.（1））")
        if level == 1:
            if not section.themes:
                self.add(path + ("themes",), "missing-theme", "正文每个一级部分至少标注一个主题（themes）")
            if not section.text.strip() and not section.items:
                self.add(path, "empty-part", "这一部分既没有 text 也没有 items")
        for j, theme in enumerate(section.themes):
            if theme not in self.lib["themes"]:
                self.add(path + ("themes", j), "unknown-theme",
                         f"未登记的主题“{theme}”。{_suggest(theme, list(self.lib['themes']))}"
                         "主题须取自 data/themes.yml")
        for j, item in enumerate(section.items):
            self.check_section(item, path + ("items", j), level + 1)

    def check_strings(self) -> None:
        for path, text in strings(self.doc.value):
            if len(text) > MAX_FIELD_CHARS:
                self.add(path, "too-long", f"内容过长（{len(text)} 字符，上限 {MAX_FIELD_CHARS}）")
            if UNFILLED in text:
                self.add(path, "unfilled", f"这里还是模板的提示“{UNFILLED}……”，请换成正文")
            for match in PLACEHOLDER_RE.finditer(text):
                name = name_of(match.group())
                if name not in self.lib["placeholders"]:
                    self.add(path, "unknown-placeholder",
                             f"未登记的占位符〔{name}〕。{_suggest(name, list(self.lib['placeholders']))}"
                             "占位符须取自 data/placeholders.yml", text[: match.start()].count("\n"))
            stray = STRAY_PLACEHOLDER_RE.search(text)
            if stray:
                self.add(path, "stray-placeholder",
                         f"残缺的占位写法“{stray.group()}”，请写出具体内容或使用〔年度〕〔单位名称〕等已登记的占位符",
                         text[: stray.start()].count("\n"))


def _load_mapping(root: Path, name: str, model: type[_Model], problems: list[Problem]) -> tuple[Any, Document | None]:
    """A data file holding one mapping (framing.yml, terms.yml), validated like an example."""
    path = root / "data" / name
    display = f"data/{name}"
    if not path.exists():
        problems.append(Problem(display, 1, "", "missing-file", "文件不存在"))
        return None, None
    doc, found = read_yaml(path, display)
    problems += found
    if doc is None:
        return None, None
    if not isinstance(doc.value, dict):
        problems.append(Problem(display, 1, "", "wrong-type", "文件内容应是“键: 值”形式的映射"))
        return None, None
    for where, text in strings(doc.value):
        if VOCABULARY_MARKUP_RE.search(text) and where[-1] != "pattern":
            problems.append(Problem(display, doc.line(where), field_name(where), "markup",
                                    "登记表的文字原样进入页面，不能含有 <、>、{{、{%、{# 或 ]("))
    value, found = _validate(doc, model)
    problems += found
    return value, doc


def _check_framing(framing: Framing, doc: Document, problems: list[Problem]) -> None:
    """The current year's and the next year's wording must exist: plans are written a year ahead."""
    years = {y.year for y in framing.years}
    for year in (framing.current_year, framing.current_year + 1):
        if year not in years:
            problems.append(Problem("data/framing.yml", doc.line(("current_year",)), "current_year", "framing-year",
                                    f"缺少 {year} 年的条目：今年的总结和明年的计划都要用到，请在 years 中补上"))


def _check_terms(terms: Terms, doc: Document, theme_ids: set[str], problems: list[Problem]) -> None:
    for i, entry in enumerate((*terms.forbidden, *terms.year_bound)):
        group, j = ("forbidden", i) if i < len(terms.forbidden) else ("year_bound", i - len(terms.forbidden))
        try:
            re.compile(entry.pattern)
        except re.error as err:
            problems.append(Problem("data/terms.yml", doc.line((group, j, "pattern")), f"{group}[{j}].pattern",
                                    "bad-pattern", f"正则表达式写错了：{err}"))
    if terms.required.political_theme not in theme_ids:
        problems.append(Problem("data/terms.yml", doc.line(("required", "political_theme")),
                                "required.political_theme", "unknown-theme",
                                f"“{terms.required.political_theme}”不是 data/themes.yml 中的主题 id"))


class _OutlineChecker:
    """data/outlines/<type>.yml: shape, then what makes an outline fit every unit of its type: known
    examples of the type as evidence, registered themes and placeholders, no theme or heading twice,
    no word only some units have, numbering left to the site, at most four levels."""

    def __init__(self, doc: Document, lib: dict[str, Any], examples: dict[str, Example], problems: list[Problem]):
        self.doc, self.lib, self.examples, self.problems = doc, lib, examples, problems

    def add(self, path: Path_, code: str, message: str) -> None:
        self.problems.append(Problem(self.doc.file, self.doc.line(path), field_name(path), code, message))

    def run(self, stem: str) -> OutlineFile | None:
        data, found = _validate(self.doc, OutlineFile)
        self.problems += found
        if data is None:
            return None
        if data.union_type not in self.lib["types"]:
            self.add(("union_type",), "unknown-union-type", f"未登记的工会类型“{data.union_type}”。"
                     f"{_suggest(data.union_type, list(self.lib['types']))}可选：{'、'.join(self.lib['types'])}")
        elif data.union_type != stem:
            self.add(("union_type",), "path-mismatch", f"union_type 是“{data.union_type}”，文件应命名为 "
                     f"data/outlines/{data.union_type}.yml")
        seen: set[str] = set()
        for i, outline in enumerate(data.outlines):
            if outline.kind in seen:
                self.add(("outlines", i, "kind"), "duplicate-id", f"文种“{outline.kind}”的提纲写了两份")
            seen.add(outline.kind)
            self.check(outline, data, ("outlines", i))
        return data.model_copy(update={"outlines": tuple(o.model_copy(update={"union_type": data.union_type})
                                                         for o in data.outlines)})

    def check(self, o: Outline, data: OutlineFile, at: Path_) -> None:
        kind = self.lib["kinds"].get(o.kind)
        if kind is None:
            self.add(at + ("kind",), "unknown-kind",
                     f"未登记的文种“{o.kind}”。{_suggest(o.kind, list(self.lib['kinds']))}")
        if not o.examples:
            self.add(at + ("examples",), "missing-field", "至少列出一篇依据的范文")
        for j, example_id in enumerate(o.examples):
            e = self.examples.get(example_id)
            if e is None:
                self.add(at + ("examples", j), "unknown-example",
                         f"没有 id 为“{example_id}”的范文。{_suggest(example_id, list(self.examples))}")
            elif e.union_type != data.union_type:
                self.add(at + ("examples", j), "wrong-union-type",
                         f"范文“{example_id}”是 {e.union_type} 类型的，不能作为 {data.union_type} 提纲的依据")
        if o.examples and not any(self.examples.get(x) and self.examples[x].kind == o.kind for x in o.examples):
            self.add(at + ("examples",), "no-example-of-kind", f"依据的范文里至少要有一篇是这一文种（{o.kind}）")
        if kind is not None:
            count = len(o.sections)
            if not kind.sections.min <= count <= kind.sections.max:
                self.add(at + ("sections",), "too-many-sections" if count > kind.sections.max else "too-few-sections",
                         f"{kind.name}的正文应有 {kind.sections.min}～{kind.sections.max} 个并列部分，"
                         f"现在有 {count} 个")
            for part in BLOCK_PARTS:
                if getattr(o, part) is not None and part not in kind.parts:
                    self.add(at + (part,), "part-not-allowed", f"{kind.name}没有 {part} 这一部分")
        for match in PLACEHOLDER_RE.finditer(o.title):
            if name_of(match.group()) not in self.lib["placeholders"]:
                self.add(at + ("title",), "unknown-placeholder", f"未登记的占位符{match.group()}")
        themes: dict[str, int] = {}
        for j, section in enumerate(o.sections):
            if not section.theme:
                self.add(at + ("sections", j, "theme"), "missing-theme", "正文每个部分写明一个主题（theme）")
            elif section.theme not in self.lib["themes"]:
                self.add(at + ("sections", j, "theme"), "unknown-theme", f"未登记的主题“{section.theme}”。"
                         f"{_suggest(section.theme, list(self.lib['themes']))}")
            elif section.theme in themes:
                self.add(at + ("sections", j, "theme"), "duplicate-theme",
                         f"主题“{section.theme}”已在第 {themes[section.theme] + 1} 部分写过：一个主题只写一次")
            themes.setdefault(section.theme, j)
        headings: dict[str, Path_] = {}
        words = data.sub_kind_words
        for path, heading, depth in self.headings(o, at):
            if not heading.strip():
                self.add(path, "missing-field", "标题不能为空")
            if NUMBERED_HEADING_RE.match(heading):
                self.add(path, "numbered-heading", "标题不要自带编号，编号由网站按层级生成")
            if depth > MAX_DEPTH:
                self.add(path, "too-deep", f"层级过深：最多 {MAX_DEPTH} 级（一、（一）1.（1））")
            if heading in headings:
                self.add(path, "duplicate-heading", f"标题“{heading}”在 {field_name(headings[heading])} 已出现过")
            headings.setdefault(heading, path)
            used = [w for w in words if w in heading]
            if used:
                self.add(path, "sub-kind-word", f"“{used[0]}”只适用于部分单位（见 sub_kind_words），"
                         f"提纲要适用于所有{data.scope}")
        if [w for w in words if w in o.title]:
            self.add(at + ("title",), "sub-kind-word", "标题里有只适用于部分单位的词")

    @staticmethod
    def headings(o: Outline, at: Path_) -> Iterator[tuple[Path_, str, int]]:
        for part in ("sections", *BLOCK_PARTS):
            value = getattr(o, part)
            for j, block in (enumerate(value) if part == "sections" else [(None, value)] if value else []):
                where = at + ((part, j) if j is not None else (part,))
                if block.heading or part == "sections":
                    yield where + ("heading",), block.heading, 1
                yield from ((p, h, d + 1) for p, h, d in outline_headings(block, where))


def _read_mapping(path: Path, rel: str, problems: list[Problem], read=read_yaml) -> Document | None:
    """A YAML file whose top level is a mapping (an example or an outline file), or None with the problems."""
    doc, found = read(path, rel)
    problems += found
    if doc is None or found:
        return None
    if not isinstance(doc.value, dict):
        problems.append(Problem(rel, 1, "", "wrong-type", "文件内容应是“键: 值”形式的映射"))
        return None
    return doc


def _load_outlines(root: Path, lib: dict[str, Any], examples: list[Example], problems: list[Problem],
                   read=read_yaml) -> dict[str, tuple[OutlineFile, Document]]:
    """data/outlines/*.yml, checked against the examples just loaded: ``{union_type: (outlines, parsed file)}``."""
    by_id = {e.id: e for e in examples}
    out = {}
    for path in sorted((root / "data" / "outlines").glob("*")):
        rel = path.relative_to(root).as_posix()
        if path.suffix != ".yml":
            problems.append(Problem(rel, 1, "", "bad-file-name", "提纲文件必须以 .yml 结尾"))
            continue
        doc = _read_mapping(path, rel, problems, read)
        if doc is None:
            continue
        data = _OutlineChecker(doc, lib, by_id, problems).run(path.stem)
        if data is not None:
            out[data.union_type] = (data, doc)
    return out


def _load_vocabulary(root: Path, problems: list[Problem]) -> Library:
    union_types = _load_list(root, "union_types.yml", UnionType, problems)
    kinds = _load_list(root, "kinds.yml", Kind, problems)
    themes = _load_list(root, "themes.yml", Theme, problems)
    placeholders = _load_list(root, "placeholders.yml", Placeholder, problems)
    framing, framing_doc = _load_mapping(root, "framing.yml", Framing, problems)
    terms, terms_doc = _load_mapping(root, "terms.yml", Terms, problems)
    _check_placeholder_rules(placeholders, root / "data" / "placeholders.yml", problems)
    names = {t.name for t in themes}
    for t in union_types:
        for name in t.typical_themes:
            if name not in names:
                problems.append(Problem("data/union_types.yml", 1, f"{t.id}.typical_themes", "unknown-theme",
                                        f"未登记的主题“{name}”"))
    if framing is not None:
        _check_framing(framing, framing_doc, problems)
    if terms is not None:
        _check_terms(terms, terms_doc, {t.id for t in themes}, problems)
    return Library(tuple(union_types), tuple(kinds), tuple(themes), tuple(placeholders), (), {},
                   framing=framing, terms=terms)


def _check_placeholder_rules(placeholders: list[Placeholder], path: Path, problems: list[Problem]) -> None:
    """``derive`` may only name registered placeholders (not itself); ``by_year`` keys are four-digit years."""
    if not placeholders:
        return
    doc, _ = read_yaml(path, "data/placeholders.yml")
    names = {p.name for p in placeholders}
    for i, p in enumerate(placeholders):
        for ref in DERIVE_REF.findall(p.derive):
            if ref[0] not in names or ref[0] == p.name:
                problems.append(Problem("data/placeholders.yml", doc.line((i, "derive")), f"[{i}].derive",
                                        "unknown-placeholder", f"derive 引用了未登记的占位符（或自身）“{ref[0]}”"))
        for year in p.by_year:
            if not re.fullmatch(r"\d{4}", year):
                problems.append(Problem("data/placeholders.yml", doc.line((i, "by_year", year)),
                                        f"[{i}].by_year.{year}", "bad-year", "by_year 的键应是四位年份，如 \"2026\""))


def load_vocabulary(root: Path | str) -> Library:
    """The four vocabulary files without examples: ``new`` and ``schema`` must work while an example is broken."""
    problems: list[Problem] = []
    vocabulary = _load_vocabulary(Path(root), problems)
    if problems:
        raise DataError(problems)
    return vocabulary


def load(root: Path | str, read=read_yaml) -> Library:
    """Load ``root/data``; raise ``DataError`` listing every problem if anything is wrong. ``read``: how an
    example or outline file is parsed (``yamlsource.CachedReader`` in the preview, which re-reads after
    every save)."""
    root = Path(root)
    problems: list[Problem] = []
    vocabulary = _load_vocabulary(root, problems)
    lib = {
        "types": vocabulary.type_by_id,
        "kinds": vocabulary.kind_by_id,
        "themes": vocabulary.theme_by_name,
        "placeholders": {p.name: p for p in vocabulary.placeholders},
    }

    examples: list[Example] = []
    files: dict[str, str] = {}
    docs: dict[str, Document] = {}
    example_root = root / "data" / "examples"
    for path in sorted(example_root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_dir():
            continue
        if path.suffix != ".yml":
            problems.append(Problem(rel, 1, "", "bad-file-name", "范文文件必须以 .yml 结尾"))
            continue
        if path.parent.parent != example_root:
            problems.append(Problem(rel, 1, "", "path-mismatch",
                                    "范文文件应放在 data/examples/<工会类型>/<id>.yml"))
            continue
        doc = _read_mapping(path, rel, problems, read)
        if doc is None:
            continue
        example, found = _validate(doc, Example)
        problems += found
        if example is None:
            continue
        _ExampleChecker(doc, example, lib, problems).run(path.parent.name, path.stem)
        if example.id in files:
            problems.append(Problem(rel, doc.line(("id",)), "id", "duplicate-id",
                                    f"id“{example.id}”已被 {files[example.id]} 使用"))
            continue
        files[example.id] = rel
        docs[example.id] = doc
        examples.append(example)
    outlines = _load_outlines(root, lib, examples, problems, read)
    if problems:
        raise DataError(problems)
    return dataclasses.replace(vocabulary, examples=tuple(examples), files=files, docs=docs,
                               outline_files=tuple(data for data, _ in outlines.values()),
                               outline_docs={t: doc for t, (_, doc) in outlines.items()})
