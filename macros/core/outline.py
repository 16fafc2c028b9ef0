"""Numbering and the document tree: one example -> numbered headings and plain text.

Contributors never type numbering; the order of parts comes from the kind in
data/kinds.yml and the markers follow the official hierarchy 一、（一）1.（1）.
Everything that shows an example (page, outline, copy text, examples.json)
walks the same tree built here, so the numbering cannot disagree between them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import BLOCK_PARTS, Example, Kind, Section, paragraphs

# A salutation such as 各位代表： or 同志们： opens a report read at a meeting; it stands flush left.
SALUTATION_RE = re.compile(r"[^，。；：]{2,8}：")


def is_salutation(text: str) -> bool:
    """Whether an opening paragraph is a salutation (page and Word set it without the first-line indent)."""
    return bool(SALUTATION_RE.fullmatch(text.strip()))

_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 99 -> 九十九 (headings never exceed 99)."""
    if not 0 < n < 100:
        raise ValueError(f"heading number out of range: {n}")
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return head + (_DIGITS[ones] if ones else "")


def marker(level: int, n: int) -> str:
    """The numbering marker for the n-th heading (1-based) at a level (1-4)."""
    if level == 1:
        return f"{chinese_number(n)}、"
    if level == 2:
        return f"（{chinese_number(n)}）"
    if level == 3:
        return f"{n}."
    if level == 4:
        return f"（{n}）"
    raise ValueError(f"heading level out of range: {level}")


@dataclass(frozen=True)
class Node:
    """A numbered heading with its paragraphs and children, ready to render."""

    level: int
    number: str
    heading: str
    paragraphs: tuple[str, ...]
    children: tuple[Node, ...] = ()
    themes: tuple[str, ...] = ()
    part: str = "sections"  # which part of the kind it came from
    anchor: str = ""  # stable HTML id on the page: s2, s2-1, s2-1-3

    @property
    def numbered(self) -> str:
        return f"{self.number}{self.heading}"

    @property
    def lead(self) -> str:
        """The first paragraph under this heading or, if it has none, under its first sub-heading."""
        if self.paragraphs:
            return self.paragraphs[0]
        return self.children[0].lead if self.children else ""


@dataclass(frozen=True)
class DocTree:
    """An example as the reader sees it: title, opening, numbered body, closing."""

    title: str
    opening: tuple[str, ...]
    body: tuple[Node, ...]
    closing: tuple[str, ...]
    signature: tuple[str, ...] = field(default=())
    subtitle: str = ""  # ——在…会议上: under the title of a report delivered to a congress

    def walk(self):
        """Every node, depth first, in reading order."""
        stack = list(reversed(self.body))
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))


def _node(section: Section, level: int, n: int, part: str, anchor: str) -> Node:
    children = tuple(_node(item, level + 1, i, part, f"{anchor}-{i}") for i, item in enumerate(section.items, start=1))
    return Node(level, marker(level, n), section.heading.strip(), tuple(paragraphs(section.text)),
                children, tuple(section.themes), part, anchor)


def build_tree(example: Example, kind: Kind) -> DocTree:
    """Lay out an example's parts in its kind's order and number every heading."""
    top: list[tuple[Section, str]] = []
    for part in kind.parts:
        if part == "sections":
            top.extend((s, "sections") for s in example.sections)
        elif part in BLOCK_PARTS and getattr(example, part) is not None:
            block = getattr(example, part)
            heading = block.heading or kind.headings.get(part, part)
            top.append((Section(heading=heading, text=block.text, items=block.items), part))
    body = tuple(_node(s, 1, i, part, f"s{i}") for i, (s, part) in enumerate(top, start=1))
    return DocTree(example.title.strip(), tuple(paragraphs(example.opening)), body,
                   tuple(paragraphs(example.closing)), tuple(paragraphs(example.signature)),
                   example.subtitle.strip())


def outline_entries(tree: DocTree) -> list[dict]:
    """``[{level, heading}]`` with the numbering marker included, as published in examples.json."""
    return [{"level": n.level, "heading": n.numbered} for n in tree.walk()]


def outline_text(tree: DocTree) -> str:
    """Title and numbered headings, one per line: what a reader pastes into Word."""
    return "\n".join([*_titles(tree), *(n.numbered for n in tree.walk())])


def _titles(tree: DocTree) -> list[str]:
    return [tree.title, tree.subtitle] if tree.subtitle else [tree.title]


def full_text(tree: DocTree) -> str:
    """The whole document as plain paragraphs with the same numbering."""
    lines = [*_titles(tree), *tree.opening]
    for node in tree.walk():
        lines.append(node.numbered)
        lines.extend(node.paragraphs)
    lines.extend(tree.closing)
    lines.extend(tree.signature)
    return "\n".join(lines)


def char_count(tree: DocTree) -> int:
    """Characters of the document, whitespace excluded (how 范文 lengths are usually counted)."""
    return len("".join(full_text(tree).split()))
