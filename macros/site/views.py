"""The library seen as a site: lookups the pages need (trees, themes, related examples, type × kind cells,
recommended outlines), computed once per ``Site``. No rendering here: macros/site/pages.py does that."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import cached_property

from ..core.model import Example, Kind, Library, Theme, UnionType
from ..core.outline import DocTree, Node, build_tree, char_count
from .recommend import Recommended, recommend
from .urls import PREVIEW


def cell_name(union_type: UnionType, kind: Kind) -> str:
    """A type and a kind named together: 学校工会 + 工会工作报告 reads 学校工会工作报告, not 学校工会工会工作报告."""
    name = kind.name[2:] if union_type.name.endswith("工会") and kind.name.startswith("工会") else kind.name
    return union_type.name + name



class Site:
    """The rendered views of a library, with the lookups the templates need."""

    def __init__(self, lib: Library):
        self.lib = lib

    @cached_property
    def trees(self) -> dict[str, DocTree]:
        return {e.id: build_tree(e, self.lib.kind_by_id[e.kind]) for e in self.lib.examples}

    @staticmethod
    def part_label(kind: Kind, part: str) -> str:
        label = kind.part_label(part)
        return f"{label}（{kind.sections.min}～{kind.sections.max} 个）" if part == "sections" else label

    @cached_property
    def _chars(self) -> dict[str, int]:
        return {example_id: char_count(tree) for example_id, tree in self.trees.items()}

    def chars(self, e: Example) -> int:
        return self._chars[e.id]

    @staticmethod
    def unit(e: Example) -> str:
        """The first clause of ``setting`` (城区初级中学): a short name for the fictional unit."""
        return re.split(r"[，,；;（(]", e.setting, maxsplit=1)[0]

    def display_title(self, e: Example) -> str:
        """Titles are all 〔单位名称〕…, so lists and search results name the unit kind too."""
        return f"{cell_name(self.lib.type_by_id[e.union_type], self.lib.kind_by_id[e.kind])}（{self.unit(e)}）"

    @cached_property
    def _themes(self) -> dict[str, list[Theme]]:
        out = {}
        for e in self.lib.examples:
            names = dict.fromkeys(t for node in self.trees[e.id].walk() for t in node.themes)
            out[e.id] = [self.lib.theme_by_name[n] for n in names]
        return out

    def themes_of(self, e: Example) -> list[Theme]:
        return self._themes[e.id]

    @staticmethod
    def newest_first(examples) -> list[Example]:
        return sorted(examples, key=lambda e: (e.added, e.id), reverse=True)

    def newest(self, n: int) -> list[Example]:
        return self.newest_first(self.lib.examples)[:n]

    def related(self, e: Example, n: int = 6) -> list[Example]:
        """Same type and kind first, then same type or kind; most shared themes first within each.

        Looks only at the example's own type and kind lists, so a page costs the same at any corpus size.
        """
        mine = {t.name for t in self.themes_of(e)}

        def rank(o: Example) -> tuple:
            return (o.union_type != e.union_type or o.kind != e.kind,
                    -len(mine & {t.name for t in self.themes_of(o)}), o.id)

        cell = [o for o in self.lib.examples_where(e.union_type, e.kind) if o.id != e.id]
        if len(cell) >= n:
            return sorted(cell, key=rank)[:n]
        same_type_or_kind = self.lib.examples_where(union_type=e.union_type) + self.lib.examples_where(kind=e.kind)
        nearby = {o.id: o for o in same_type_or_kind}
        nearby.pop(e.id, None)
        return sorted(nearby.values(), key=rank)[:n]

    @cached_property
    def _theme_sections(self) -> dict[str, list[tuple[Example, list[Node]]]]:
        index: dict[str, list[tuple[Example, list[Node]]]] = {t.name: [] for t in self.lib.themes}
        for e in self.newest_first(self.lib.examples):
            nodes: dict[str, list[Node]] = defaultdict(list)
            for node in self.trees[e.id].walk():
                for name in node.themes:
                    nodes[name].append(node)
            for name, found in nodes.items():
                index[name].append((e, found))
        return index

    def theme_sections(self, theme: Theme) -> list[tuple[Example, list[Node]]]:
        """Newest first, each example with its sections on the theme."""
        return self._theme_sections[theme.name]

    def theme_counts(self) -> Counter:
        return Counter(t.name for e in self.lib.examples for t in self.themes_of(e))

    def cells(self, union_type: str | None = None, kind: str | None = None) -> list[tuple[UnionType, Kind]]:
        """Type × kind pairs that have at least one example, in data order (optionally of one type or kind)."""
        return [(t, k) for t in self.lib.union_types for k in self.lib.kinds
                if (union_type in (None, t.id)) and (kind in (None, k.id)) and self.lib.examples_where(t.id, k.id)]

    def has_cell_page(self, union_type: str, kind: str) -> bool:
        """A type × kind gets its own list once it has more examples than the type and kind pages show."""
        return len(self.lib.examples_where(union_type, kind)) > PREVIEW

    @cached_property
    def _recommended(self) -> dict[tuple[str, str], Recommended]:
        return {(t.id, k.id): recommend(self, t, k) for t, k in self.cells()}

    def recommended(self, union_type: UnionType, kind: Kind) -> Recommended:
        """The outline of a type × kind: written in data/outlines/ where there is one, else derived."""
        return self._recommended[union_type.id, kind.id]

