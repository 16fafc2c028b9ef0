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

import jinja2

from ..core.framing import placeholder_defaults
from ..core.outline import full_text, is_salutation, outline_entries, outline_text
from .urls import (
    PAGE_SIZE,
    PREVIEW,
    THEME_PAGE_SIZE,
    cell_src,
    docx_src,
    example_src,
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
    env.globals["cell_name"] = cell_name
    env.tests["salutation"] = is_salutation
    return env


ENV = _env()


def render(site: Site, template: str, src: str, **context) -> str:
    def link(target: str) -> str:
        return relative(target, src)

    def href(target: str) -> str:
        """The URL of page ``target`` from this page's URL, for raw HTML, which MkDocs does not rewrite."""
        return relative(url_of(target), url_of(src) + "index.html")

    return ENV.get_template(template).render(
        site=site, lib=site.lib, link=link, href=href, example_src=example_src, type_src=type_src,
        kind_src=kind_src, theme_src=theme_src, outline_src=outline_src, cell_src=cell_src,
        preview=PREVIEW, **context)

def pages(site: Site) -> dict[str, str]:
    """Every generated page: ``{src_path: markdown}``."""
    out: dict[str, str] = {}
    for e in site.lib.examples:
        src = example_src(e)
        tree = site.trees[e.id]
        out[src] = render(site, "example.md.j2", src, e=e, tree=tree, outline=outline_text(tree),
                               defaults=placeholder_defaults(site.lib, e),
                               full=full_text(tree), docx=posixpath.basename(docx_src(e)),
                               type=site.lib.type_by_id[e.union_type], kind=site.lib.kind_by_id[e.kind])
    for t in site.lib.union_types:
        src = type_src(t.id)
        out[src] = render(site, "type.md.j2", src, t=t, total=len(site.lib.examples_where(union_type=t.id)))
    for k in site.lib.kinds:
        src = kind_src(k.id)
        out[src] = render(site, "kind.md.j2", src, k=k, total=len(site.lib.examples_where(kind=k.id)))
    for theme in site.lib.themes:
        groups = site.theme_sections(theme)
        for src, chunk, pager in paginate(theme_src(theme), groups, THEME_PAGE_SIZE, lambda g: len(g[1])):
            out[src] = render(site, "theme.md.j2", src, theme=theme, groups=chunk, paging=pager,
                                   total=sum(len(nodes) for _, nodes in groups))
    for t, k in site.cells():
        src = outline_src(t.id, k.id)
        rec = site.recommended(t, k)
        out[src] = render(site, "outline.md.j2", src, rec=rec, text=outline_text(rec.tree),
                               docx=posixpath.basename(outline_docx_src(t.id, k.id)))
        if site.has_cell_page(t.id, k.id):
            rows = site.newest_first(site.lib.examples_where(t.id, k.id))
            for src, chunk, pager in paginate(cell_src(t.id, k.id), rows, PAGE_SIZE):
                out[src] = render(site, "cell.md.j2", src, t=t, k=k, examples=chunk, paging=pager, total=len(rows))
    for section in ("types", "kinds", "themes", "outlines"):
        src = f"{section}/index.md"
        out[src] = render(site, f"{section}_index.md.j2", src)
    return out

def fragment(site: Site, template: str, src: str, **context) -> str:
    """A piece of Markdown for a hand-written page (home, guides), linked relative to it."""
    return render(site, f"fragments/{template}.md.j2", src, **context)

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

