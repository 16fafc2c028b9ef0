"""Library -> page Markdown, through the Jinja templates in macros/templates/.

Every page is a plain function of the model returning ``(src_path, markdown)``;
the MkDocs glue only hands them to MkDocs. Contributor text is escaped with the
``md`` filter, so it always shows literally: it can't become Markdown, HTML or
(because generated pages set ``render_macros: false``) a Jinja expression.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from functools import cached_property

import jinja2

from .framing import placeholder_defaults
from .model import BLOCK_PARTS, Example, Kind, Library, Outline, OutlinePart, Theme, UnionType
from .outline import (
    DocTree,
    Node,
    build_tree,
    char_count,
    full_text,
    is_salutation,
    marker,
    outline_entries,
    outline_text,
)
from .word import document_bytes

_MD_ESCAPE = re.compile(r"([\\`*_{}\[\]()#+\-.!])")


def md(text: str) -> str:
    """Escape text so Python-Markdown shows it literally (HTML first, then Markdown syntax)."""
    return _MD_ESCAPE.sub(r"\\\1", html.escape(str(text), quote=False))


def attr(text: str) -> str:
    """Text for an HTML attribute inside Markdown: every ASCII mark as an entity, so neither HTML
    nor Markdown (backticks, backslashes, emphasis) can read anything into it; newlines survive."""
    return str(text).translate(_ATTR_ENTITIES)


_ATTR_ENTITIES = {i: f"&#{i};" for i in range(128) if not chr(i).isalnum() and chr(i) != " "}


def filled(escaped: str, defaults: dict[str, str]) -> str:
    """Escaped paragraph text in which each placeholder with a build-supplied default (〔指导思想〕 …)
    shows that default, still marked as a placeholder: tools.js swaps in the reader's own value."""
    for name, text in defaults.items():
        span = f'<span class="ur-ph ur-ph--empty" data-ph="{attr(name)}">{md(text)}</span>'
        escaped = escaped.replace(f"〔{name}〕", span)
    return escaped


def page_json(value) -> str:
    """A value as JSON inside a <script type="application/json"> element: no ``</script>`` can end it early."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")


def front_matter(text: str) -> str:
    """A quoted YAML value for a page's front matter, HTML-escaped: themes print ``page.title``
    and the description into <title>, <h1> and <meta content="…"> without escaping them."""
    return json.dumps(html.escape(str(text)), ensure_ascii=False)


def fence(text: str) -> str:
    """A ```text block whose fence is longer than any backtick run inside it."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    ticks = "`" * max(3, longest + 1)
    return f"{ticks}text\n{text}\n{ticks}"


def cell_name(union_type: UnionType, kind: Kind) -> str:
    """A type and a kind named together: 学校工会 + 工会工作报告 reads 学校工会工作报告, not 学校工会工会工作报告."""
    name = kind.name[2:] if union_type.name.endswith("工会") and kind.name.startswith("工会") else kind.name
    return union_type.name + name


def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("macros", "templates"),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,  # the output is Markdown, escaped explicitly with |md
    )
    env.filters["md"] = md
    env.filters["filled"] = filled
    env.filters["page_json"] = page_json
    env.filters["fence"] = fence
    env.filters["attr"] = attr
    env.filters["yaml_str"] = front_matter
    env.filters["thousands"] = lambda n: f"{n:,}"
    env.globals["cell_name"] = cell_name
    env.tests["salutation"] = is_salutation
    return env


ENV = _env()

# Where each page lives in the docs tree (MkDocs resolves .md links relative to these).
def example_src(e: Example) -> str:
    return f"examples/{e.union_type}/{e.id}.md"


def docx_src(e: Example) -> str:
    return f"examples/{e.union_type}/{e.id}.docx"


def type_src(type_id: str) -> str:
    return f"types/{type_id}.md"


def kind_src(kind_id: str) -> str:
    return f"kinds/{kind_id}.md"


def theme_src(theme: Theme) -> str:
    return f"themes/{theme.id}.md"


def outline_src(type_id: str, kind_id: str) -> str:
    return f"outlines/{type_id}-{kind_id}.md"


def outline_docx_src(type_id: str, kind_id: str) -> str:
    return f"outlines/{type_id}-{kind_id}.docx"


def cell_src(type_id: str, kind_id: str) -> str:
    """The full list of one type × kind (linked from type, kind and outline pages once they overflow)."""
    return f"types/{type_id}/{kind_id}.md"


def numbered_src(src: str, number: int) -> str:
    """Page ``number`` of a list whose first page is ``src``: themes/x.md, themes/x/2.md, …"""
    return src if number == 1 else f"{src[: -len('.md')]}/{number}.md"


def relative(target: str, src: str) -> str:
    """``target`` as a link from the page ``src`` (both relative to docs/); posixpath.relpath, minus its
    calls to os.getcwd, which cost seconds over the tens of thousands of links a large library has."""
    here, there = src.split("/")[:-1], target.split("/")
    common = 0
    while common < min(len(here), len(there) - 1) and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])


def url_of(src: str) -> str:
    """The site URL (directory style, relative to the site root) of a page source path."""
    stem = src[: -len(".md")]
    if stem == "index":
        return ""
    return (stem[: -len("/index")] if stem.endswith("/index") else stem) + "/"


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


# Lists stay the same length however large the library grows, so no page's size grows with it.
PREVIEW = 8  # newest examples a type, kind or outline page shows per group before linking to the full list
PAGE_SIZE = 60  # rows on one page of a full type × kind list
THEME_PAGE_SIZE = 60  # sections on one page of a theme (an example's sections stay together)


@dataclass(frozen=True)
class Pager:
    """Where one page of a long list stands among its siblings."""

    number: int  # 1-based
    srcs: tuple[str, ...]  # every page's source path, first page first

    def window(self, around: int = 2) -> list[int | None]:
        """Page numbers to link: first, last and those near this one; None marks a gap (…)."""
        shown = sorted({1, len(self.srcs), *range(self.number - around, self.number + around + 1)}
                       & set(range(1, len(self.srcs) + 1)))
        out: list[int | None] = []
        for prev, number in zip([0, *shown], shown, strict=False):
            out += [None] if number - prev > 1 else []
            out.append(number)
        return out


def paginate(src: str, items: list, size: int, weight=lambda item: 1) -> list[tuple[str, list, Pager]]:
    """``items`` cut into pages of at most ``size`` (counted by ``weight``, an item never split):
    ``(src, items on the page, pager)`` for each page."""
    chunks: list[list] = [[]]
    used = 0
    for item in items:
        if chunks[-1] and used + weight(item) > size:
            chunks.append([])
            used = 0
        chunks[-1].append(item)
        used += weight(item)
    srcs = tuple(numbered_src(src, i) for i in range(1, len(chunks) + 1))
    return [(srcs[i], chunk, Pager(i + 1, srcs)) for i, chunk in enumerate(chunks)]


_DOCX: dict[tuple[Example, str, str], bytes] = {}


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
        return {(t.id, k.id): self._recommend(t, k) for t, k in self.cells()}

    def recommended(self, union_type: UnionType, kind: Kind) -> Recommended:
        """The outline of a type × kind: written in data/outlines/ where there is one, else derived."""
        return self._recommended[union_type.id, kind.id]

    def _recommend(self, union_type: UnionType, kind: Kind) -> Recommended:
        written = self.lib.outline_by_cell.get((union_type.id, kind.id))
        return self._written(written, union_type, kind) if written else self._derived(union_type, kind)

    def _written(self, outline: Outline, union_type: UnionType, kind: Kind) -> Recommended:
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
        sources = tuple(self.lib.example_by_id[x] for x in outline.examples)
        covered = [sum(theme in {t.name for t in self.themes_of(e)} for e in sources) if theme else None
                   for _, _, theme in top]
        basis = tuple((theme, n) for (_, _, theme), n in zip(top, covered, strict=True))
        scope = self.lib.outline_file_by_type[union_type.id].scope
        return Recommended(union_type, kind, DocTree(outline.title, (), body, ()), basis, sources, outline, scope)

    def _derived(self, union_type: UnionType, kind: Kind) -> Recommended:
        """Merge the examples' body sections by leading theme, ordered by where they usually stand."""
        sources = sorted(self.lib.examples_where(union_type.id, kind.id), key=lambda e: (e.added, e.id), reverse=True)
        positions: dict[str, list[float]] = defaultdict(list)
        chosen: dict[str, Node] = {}
        covered: Counter = Counter()
        blocks: dict[str, Node] = {}
        for e in sources:  # newest first, so the newest wording represents each group
            body = [n for n in self.trees[e.id].body if n.part == "sections"]
            for i, node in enumerate(body):
                key = node.themes[0]
                positions[key].append(i / max(len(body) - 1, 1))
                chosen.setdefault(key, node)
                covered[key] += 1
            for node in self.trees[e.id].body:
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

    # ------------------------------------------------------------------ pages

    def render(self, template: str, src: str, **context) -> str:
        def link(target: str) -> str:
            return relative(target, src)

        def href(target: str) -> str:
            """The URL of page ``target`` from this page's URL, for raw HTML, which MkDocs does not rewrite."""
            return relative(url_of(target), url_of(src) + "index.html")

        return ENV.get_template(template).render(
            site=self, lib=self.lib, link=link, href=href, example_src=example_src, type_src=type_src,
            kind_src=kind_src, theme_src=theme_src, outline_src=outline_src, cell_src=cell_src,
            preview=PREVIEW, **context)

    def pages(self) -> dict[str, str]:
        """Every generated page: ``{src_path: markdown}``."""
        out: dict[str, str] = {}
        for e in self.lib.examples:
            src = example_src(e)
            tree = self.trees[e.id]
            out[src] = self.render("example.md.j2", src, e=e, tree=tree, outline=outline_text(tree),
                                   defaults=placeholder_defaults(self.lib, e),
                                   full=full_text(tree), docx=posixpath.basename(docx_src(e)),
                                   type=self.lib.type_by_id[e.union_type], kind=self.lib.kind_by_id[e.kind])
        for t in self.lib.union_types:
            src = type_src(t.id)
            out[src] = self.render("type.md.j2", src, t=t, total=len(self.lib.examples_where(union_type=t.id)))
        for k in self.lib.kinds:
            src = kind_src(k.id)
            out[src] = self.render("kind.md.j2", src, k=k, total=len(self.lib.examples_where(kind=k.id)))
        for theme in self.lib.themes:
            groups = self.theme_sections(theme)
            for src, chunk, pager in paginate(theme_src(theme), groups, THEME_PAGE_SIZE, lambda g: len(g[1])):
                out[src] = self.render("theme.md.j2", src, theme=theme, groups=chunk, paging=pager,
                                       total=sum(len(nodes) for _, nodes in groups))
        for t, k in self.cells():
            src = outline_src(t.id, k.id)
            rec = self.recommended(t, k)
            out[src] = self.render("outline.md.j2", src, rec=rec, text=outline_text(rec.tree),
                                   docx=posixpath.basename(outline_docx_src(t.id, k.id)))
            if self.has_cell_page(t.id, k.id):
                rows = self.newest_first(self.lib.examples_where(t.id, k.id))
                for src, chunk, pager in paginate(cell_src(t.id, k.id), rows, PAGE_SIZE):
                    out[src] = self.render("cell.md.j2", src, t=t, k=k, examples=chunk, paging=pager, total=len(rows))
        for section in ("types", "kinds", "themes", "outlines"):
            src = f"{section}/index.md"
            out[src] = self.render(f"{section}_index.md.j2", src)
        return out

    def documents(self) -> dict[str, bytes]:
        """Every example's Word download: ``{src_path: docx bytes}``, reusing files whose data is unchanged."""
        kinds = {k.id: k.model_dump_json() for k in self.lib.kinds}  # kinds.yml headings go into the file too
        current = {}
        keys = {}
        for e in self.lib.examples:
            defaults = placeholder_defaults(self.lib, e)  # framing.yml wording goes in too
            key = keys[e.id] = (e, kinds[e.kind], page_json(defaults))
            current[key] = _DOCX.get(key) or document_bytes(
                self.trees[e.id], subject=self.display_title(e), keywords=[t.name for t in self.themes_of(e)],
                added=e.added, defaults=defaults)
        _DOCX.clear()  # keep only what the current data needs (mkdocs serve rebuilds many times)
        _DOCX.update(current)
        out = {docx_src(e): current[keys[e.id]] for e in self.lib.examples}
        for t, k in self.cells():  # outlines: headings only, a few milliseconds in all
            rec = self.recommended(t, k)
            out[outline_docx_src(t.id, k.id)] = document_bytes(
                rec.tree, subject=f"{t.name}{k.name}提纲", keywords=[theme for theme, _ in rec.basis if theme],
                added=max(e.added for e in rec.sources))
        return out

    def fragment(self, template: str, src: str, **context) -> str:
        """A piece of Markdown for a hand-written page (home, guides), linked relative to it."""
        return self.render(f"fragments/{template}.md.j2", src, **context)

    def catalog(self) -> list[dict]:
        """The records of site/examples.json."""
        return [
            {
                "id": e.id,
                "title": e.title,
                "union_type": e.union_type,
                "kind": e.kind,
                "period": e.period,
                "url": url_of(example_src(e)),
                "chars": self.chars(e),
                "themes": [t.name for t in self.themes_of(e)],
                "outline": outline_entries(self.trees[e.id]),
            }
            for e in self.lib.examples
        ]

