"""Site -> page Markdown, through the Jinja templates in macros/site/templates/.

Every page is a plain function of the ``Site`` returning ``{src_path: markdown}``; the generate step writes
them into the build folder. Contributor text is escaped with the ``md`` filter, so it always shows
literally: it can't become Markdown, HTML or a Jinja expression.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from datetime import date
from typing import NamedTuple

import jinja2

from ..core.framing import placeholder_defaults
from ..core.model import Example, Kind, Theme, UnionType
from ..core.outline import full_text, is_salutation, outline_entries, outline_text
from ..core.placeholders import pieces
from .urls import (
    PAGE_SIZE,
    PREVIEW,
    THEME_PAGE_SIZE,
    cell_src,
    docx_src,
    example_src,
    guide_src,
    kind_src,
    outline_docx_src,
    outline_src,
    paginate,
    relative,
    theme_src,
    type_src,
    url_of,
)
from .views import Site, cell_name

_MD_ESCAPE = re.compile(r"([\\`*_{}\[\]()#+\-.!])")


def md(text: str) -> str:
    """Escape text so Python-Markdown shows it literally (HTML first, then Markdown syntax)."""
    return _MD_ESCAPE.sub(r"\\\1", html.escape(str(text), quote=False))


def attr(text: str) -> str:
    """Text for an HTML attribute inside Markdown: every ASCII mark as an entity, so neither HTML
    nor Markdown (backticks, backslashes, emphasis) can read anything into it; newlines survive."""
    return str(text).translate(_ATTR_ENTITIES)


_ATTR_ENTITIES = {i: f"&#{i};" for i in range(128) if not chr(i).isalnum() and chr(i) != " "}


def filled(text: str, defaults: dict[str, str]) -> str:
    """Paragraph text as escaped Markdown in which each placeholder with a build-supplied default
    (〔指导思想〕 …) shows that default, still marked as a placeholder: tools.js swaps in the reader's value."""
    if not defaults:
        return md(text)
    return "".join(md(piece) if name not in defaults else _default_span(name, defaults[name])
                   for piece, name in pieces(text))


def _default_span(name: str, text: str) -> str:
    return f'<span class="ur-ph ur-ph--empty" data-ph="{attr(name)}">{md(text)}</span>'


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


def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("macros.site", "templates"),
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
    env.globals["cell_name"] = cell_name  # for new_example.yml.j2 (macros/site/scaffold.py)
    env.tests["salutation"] = is_salutation
    return env


ENV = _env()


def render(template: str, src: str, **context) -> str:
    """A template filled with plain values computed here: templates format, they do not look anything up.
    ``link`` and ``href`` make a target's source path relative to the page ``src``."""
    def link(target: str) -> str:
        return relative(target, src)

    def href(target: str) -> str:
        """The URL of page ``target`` from this page's URL, for raw HTML, which MkDocs does not rewrite."""
        return relative(url_of(target), url_of(src) + "index.html")

    return ENV.get_template(template).render(link=link, href=href, **context)


# ---------------------------------------------------------------- the values templates print


class Link(NamedTuple):
    """A link as a page prints it: its text and the target's source path (``link`` makes it relative)."""

    text: str
    src: str


class Row(NamedTuple):
    """One example as lists show it."""

    src: str
    title: str  # names the type and kind too (Site.display_title)
    unit: str
    period: str
    chars: int
    added: date


class Counted(NamedTuple):
    """A type, kind or theme with its page and how many examples it has."""

    item: object
    src: str
    count: int


class Preview(NamedTuple):
    """One type × kind on a type or kind page: its newest examples and links to the rest and its outline."""

    heading: str
    name: str
    rows: list[Row]
    total: int
    full: str | None  # the full list's page, once there is one
    outline: str


def row(site: Site, e: Example) -> Row:
    """An example as every list shows it, whatever page the list is on."""
    return Row(example_src(e), site.display_title(e), site.unit(e), e.period, site.chars(e), e.added)


def newest_rows(site: Site, examples: list[Example], n: int | None = None) -> list[Row]:
    """The ``n`` newest of ``examples`` (all if None): lists lead with what was added last."""
    return [row(site, e) for e in site.newest_first(examples)[:n]]


def preview(site: Site, t: UnionType, k: Kind, heading: str) -> Preview:
    """A type × kind cut to PREVIEW rows, so type and kind pages stay the same size as the library grows."""
    examples = site.lib.examples_where(t.id, k.id)
    full = cell_src(t.id, k.id) if site.has_cell_page(t.id, k.id) else None
    return Preview(heading, cell_name(t, k), newest_rows(site, examples, PREVIEW), len(examples), full,
                   outline_src(t.id, k.id))


def type_link(t: UnionType) -> Link:
    return Link(t.name, type_src(t.id))


def kind_link(k: Kind) -> Link:
    return Link(k.name, kind_src(k.id))


def theme_link(theme: Theme) -> Link:
    return Link(theme.name, theme_src(theme))


def outline_link(text: str, t: UnionType, k: Kind) -> Link:
    return Link(text, outline_src(t.id, k.id))


# ---------------------------------------------------------------- one context per page


def example_context(site: Site, e: Example) -> dict:
    """An example page: the document, its copies and Word file, its outline's summary, related examples."""
    t, k, tree = site.lib.type_by_id[e.union_type], site.lib.kind_by_id[e.kind], site.trees[e.id]
    rec, cell = site.recommended(t, k), cell_name(t, k)
    return {
        "e": e, "me": row(site, e), "cell": cell, "type": type_link(t), "kind": kind_link(k),
        "themes": [theme_link(theme) for theme in site.themes_of(e)], "tree": tree, "outline": outline_text(tree),
        "full": full_text(tree), "docx": posixpath.basename(docx_src(e)), "defaults": placeholder_defaults(site.lib, e),
        "recommended": outline_link(cell + "推荐提纲", t, k), "rec_written": bool(rec.written),
        "rec_scope": rec.scope, "rec_sources": len(rec.sources), "related": [row(site, o) for o in site.related(e)],
        "placeholders": site.lib.placeholders,
    }


def type_context(site: Site, t: UnionType) -> dict:
    """A type page: its typical themes and a preview of each kind it has examples of."""
    themes = [theme_link(site.lib.theme_by_name[name]) for name in t.typical_themes]
    return {"t": t, "themes": themes, "total": len(site.lib.examples_where(union_type=t.id)),
            "cells": [preview(site, t, k, k.name) for _, k in site.cells(union_type=t.id)]}


def kind_context(site: Site, k: Kind) -> dict:
    """A kind page: its parts and a preview of each type with examples of it."""
    return {"k": k, "parts": [site.part_label(k, part) for part in k.parts], "guide": guide_src(k.id),
            "total": len(site.lib.examples_where(kind=k.id)),
            "cells": [preview(site, t, k, t.name) for t, _ in site.cells(kind=k.id)]}


def outline_context(site: Site, t: UnionType, k: Kind) -> dict:
    """An outline page: the recommended outline, what each part rests on, and the first PREVIEW sources."""
    rec = site.recommended(t, k)
    shown = [row(site, e) for e in rec.sources[:PREVIEW]]
    basis = [(n.numbered, theme, count) for n, (theme, count) in zip(rec.tree.body, rec.basis, strict=True)]
    return {"name": cell_name(t, k), "rec": rec, "nodes": list(rec.tree.walk()), "text": outline_text(rec.tree),
            "docx": posixpath.basename(outline_docx_src(t.id, k.id)), "sources": len(rec.sources),
            "same_kind": rec.same_kind, "basis": basis, "shown": shown, "more": len(rec.sources) - len(shown),
            "type": type_link(t), "kind_name": k.name, "guide": guide_src(k.id), "placeholders": site.lib.placeholders}


def cell_context(t: UnionType, k: Kind) -> dict:
    """What every page of a type × kind's full list shares (the rows and pager differ)."""
    return {"name": cell_name(t, k), "type": type_link(t), "kind": kind_link(k),
            "outline": outline_src(t.id, k.id)}


def outlines_index_context(site: Site) -> dict:
    """Each type that has examples, with a link to each of its outlines."""
    rows = [(type_link(t), [outline_link(k.name, t, k) for _, k in cells])
            for t in site.lib.union_types if (cells := site.cells(union_type=t.id))]
    return {"rows": rows}


def type_cards(site: Site) -> dict:
    """Every type with its example count (home page and types/index)."""
    return {"types": [Counted(t, type_src(t.id), len(site.lib.examples_where(union_type=t.id)))
                      for t in site.lib.union_types]}


def kind_counts(site: Site) -> dict:
    """Every kind with its example count (kind table and chips, kinds/index)."""
    return {"kinds": [Counted(k, kind_src(k.id), len(site.lib.examples_where(kind=k.id))) for k in site.lib.kinds]}


def theme_list(site: Site) -> dict:
    """Every theme with the number of examples that touch it."""
    counts = site.theme_counts()
    return {"themes": [Counted(theme, theme_src(theme), counts[theme.name]) for theme in site.lib.themes]}


def newest(site: Site, limit: int) -> dict:
    """The ``limit`` examples added last, for the home page."""
    return {"rows": [row(site, e) for e in site.newest(limit)]}


def kind_examples(site: Site, kind: Kind) -> dict:
    """A writing guide's examples: the newest few of its kind, a link to the rest and to its outlines."""
    examples = site.lib.examples_where(kind=kind.id)
    return {"kind": kind_link(kind), "rows": newest_rows(site, examples, PREVIEW), "total": len(examples),
            "outlines": [outline_link(t.name, t, k) for t, k in site.cells(kind=kind.id)]}


def example_link(site: Site, e: Example) -> dict:
    """One example named in prose, titled as in every list."""
    return {"e": row(site, e)}


# The fragments of hand-written pages (macros/site/handwritten.py): name -> context from the macro's arguments.
FRAGMENTS = {
    "type_cards": type_cards, "kind_table": kind_counts, "kind_chips": kind_counts, "theme_list": theme_list,
    "newest": newest, "kind_examples": kind_examples, "example_link": example_link,
    "example_template": lambda site, text: {"text": text},
}
INDEXES = {"types": type_cards, "kinds": kind_counts, "themes": theme_list, "outlines": outlines_index_context}


# ---------------------------------------------------------------- pages


def pages(site: Site) -> dict[str, str]:
    """Every generated page: ``{src_path: markdown}``."""
    out: dict[str, str] = {}
    for make in (_example_pages, _type_and_kind_pages, _theme_pages, _outline_and_cell_pages, _index_pages):
        out.update(make(site))
    return out


def _example_pages(site: Site) -> dict[str, str]:
    return {(src := example_src(e)): render("example.md.j2", src, **example_context(site, e))
            for e in site.lib.examples}


def _type_and_kind_pages(site: Site) -> dict[str, str]:
    out = {(src := type_src(t.id)): render("type.md.j2", src, **type_context(site, t)) for t in site.lib.union_types}
    out.update({(src := kind_src(k.id)): render("kind.md.j2", src, **kind_context(site, k)) for k in site.lib.kinds})
    return out


def _theme_pages(site: Site) -> dict[str, str]:
    """Each theme's sections, newest example first, paged without splitting an example's sections."""
    out = {}
    for theme in site.lib.themes:
        groups = [(row(site, e), nodes) for e, nodes in site.theme_sections(theme)]
        total = sum(len(nodes) for _, nodes in groups)
        for src, chunk, pager in paginate(theme_src(theme), groups, THEME_PAGE_SIZE, lambda g: len(g[1])):
            out[src] = render("theme.md.j2", src, theme=theme, groups=chunk, paging=pager, total=total)
    return out


def _outline_and_cell_pages(site: Site) -> dict[str, str]:
    out = {}
    for t, k in site.cells():
        src = outline_src(t.id, k.id)
        out[src] = render("outline.md.j2", src, **outline_context(site, t, k))
        if site.has_cell_page(t.id, k.id):
            rows = newest_rows(site, site.lib.examples_where(t.id, k.id))
            for src, chunk, pager in paginate(cell_src(t.id, k.id), rows, PAGE_SIZE):
                out[src] = render("cell.md.j2", src, rows=chunk, paging=pager, total=len(rows), **cell_context(t, k))
    return out


def _index_pages(site: Site) -> dict[str, str]:
    return {(src := f"{section}/index.md"): render(f"{section}_index.md.j2", src, **context(site))
            for section, context in INDEXES.items()}


def fragment(site: Site, template: str, src: str, **args) -> str:
    """A piece of Markdown for a hand-written page (home, guides), linked relative to it."""
    return render(f"fragments/{template}.md.j2", src, **FRAGMENTS[template](site, **args))


def catalog(site: Site) -> list[dict]:
    """The records of site/examples.json."""
    return [
        {
            "id": e.id,
            "title": e.title,
            "union_type": e.union_type,
            "kind": e.kind,
            "period": e.period,
            "url": url_of(example_src(e)),
            "chars": site.chars(e),
            "themes": [t.name for t in site.themes_of(e)],
            "outline": outline_entries(site.trees[e.id]),
        }
        for e in site.lib.examples
    ]
