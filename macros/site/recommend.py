"""The recommended outline of each type × kind: the written one from data/outlines/, or one merged from the
cell's examples by leading theme. Plain functions of a ``Site``; the outline page and its Word file show it."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..core.model import BLOCK_PARTS, Example, Kind, Outline, OutlinePart, UnionType
from ..core.outline import DocTree, Node, marker

if TYPE_CHECKING:
    from .views import Site


@dataclass(frozen=True)
class Recommended:
    """A recommended outline for one type × kind, derived from its examples."""

    union_type: UnionType
    kind: Kind
    tree: DocTree
    basis: tuple[tuple[str, int | None], ...]  # per body heading: (theme, examples covering it; None: fixed part)
    sources: tuple[Example, ...]
    written: Outline | None = None  # from data/outlines/, else derived from the examples of the cell
    scope: str = ""  # the units a written outline is for

    @property
    def same_kind(self) -> int:
        """How many of the sources are of the outline's own kind."""
        return sum(e.kind == self.kind.id for e in self.sources)

    @property
    def filename(self) -> str:
        return f"{self.union_type.name}{self.kind.name}提纲.docx"



def recommend(site: Site, union_type: UnionType, kind: Kind) -> Recommended:
    """The outline of a type × kind: written in data/outlines/ where there is one, else derived."""
    written = site.lib.outline_by_cell.get((union_type.id, kind.id))
    return _written(site, written, union_type, kind) if written else _derived(site, union_type, kind)

def _written(site: Site, outline: Outline, union_type: UnionType, kind: Kind) -> Recommended:
    """A written outline in the kind's order of parts; fixed parts default to kinds.yml headings."""
    def node(part: OutlinePart | str, level: int, n: int, anchor: str, heading: str = "", theme: str = "") -> Node:
        if isinstance(part, str):
            return Node(level, marker(level, n), part, (), anchor=anchor)
        children = tuple(node(c, level + 1, i, f"{anchor}-{i}") for i, c in enumerate(part.items, start=1))
        return Node(level, marker(level, n), heading or part.heading, (), children,
                    (theme,) if theme else (), anchor=anchor)

    top: list[tuple[OutlinePart, str, str]] = []  # (part, heading, theme)
    for part in kind.parts:
        if part == "sections":
            top.extend((s, s.heading, s.theme) for s in outline.sections)
        elif part in BLOCK_PARTS:
            block = getattr(outline, part) or OutlinePart()
            top.append((block, block.heading or kind.headings.get(part, part), ""))
    body = tuple(node(p, 1, i, f"s{i}", heading, theme) for i, (p, heading, theme) in enumerate(top, start=1))
    sources = tuple(site.lib.example_by_id[x] for x in outline.examples)
    covered = [sum(theme in {t.name for t in site.themes_of(e)} for e in sources) if theme else None
               for _, _, theme in top]
    basis = tuple((theme, n) for (_, _, theme), n in zip(top, covered, strict=True))
    scope = site.lib.outline_file_by_type[union_type.id].scope
    return Recommended(union_type, kind, DocTree(outline.title, (), body, ()), basis, sources, outline, scope)

def _derived(site: Site, union_type: UnionType, kind: Kind) -> Recommended:
    """Merge the examples' body sections by leading theme, ordered by where they usually stand."""
    sources = sorted(site.lib.examples_where(union_type.id, kind.id), key=lambda e: (e.added, e.id), reverse=True)
    positions: dict[str, list[float]] = defaultdict(list)
    chosen: dict[str, Node] = {}
    covered: Counter = Counter()
    blocks: dict[str, Node] = {}
    for e in sources:  # newest first, so the newest wording represents each group
        body = [n for n in site.trees[e.id].body if n.part == "sections"]
        for i, node in enumerate(body):
            key = node.themes[0]
            positions[key].append(i / max(len(body) - 1, 1))
            chosen.setdefault(key, node)
            covered[key] += 1
        for node in site.trees[e.id].body:
            if node.part != "sections":
                blocks.setdefault(node.part, node)
    order = sorted(chosen, key=lambda k: (sum(positions[k]) / len(positions[k]), -covered[k]))
    top: list[tuple[Node, str, int]] = []
    for part in kind.parts:
        if part == "sections":
            top.extend((chosen[k], k, covered[k]) for k in order)
        elif part in blocks:
            top.append((blocks[part], "", len(sources)))
    body = tuple(
        replace(node, number=marker(1, i), paragraphs=(), anchor=f"s{i}",
                children=tuple(replace(c, paragraphs=(), children=()) for c in node.children))
        for i, (node, _, _) in enumerate(top, start=1)
    )
    tree = DocTree(kind.title_pattern, (), body, ())
    return Recommended(union_type, kind, tree, tuple((theme, count) for _, theme, count in top), tuple(sources))

