"""The hand-written pages in docs/: Markdown with a few macros (``{{ type_cards() }}``, ``{{ kind_examples('plan') }}``)
that render fragments from the data. The generate step renders them with Jinja before the site generator
sees them, so MkDocs and Zensical both build plain Markdown and need no plugin.

The pages keep mkdocs-macros' syntax and its ``define_env``/``@env.macro`` way of registering macros, so a
page reads as it did under that plugin; the data is loaded once, by the generate step, not once per build
and page.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from .pages import fragment
from .scaffold import scaffold
from .urls import guide_src, relative
from .views import Site

PLAIN_FRAGMENTS = ("type_cards", "kind_table", "kind_chips", "theme_list")  # macros without arguments


class _Env:
    """What ``define_env`` needs of an mkdocs-macros environment: a place to register macros and the page."""

    def __init__(self):
        self.macros: dict[str, object] = {}
        self.src = ""

    def macro(self, fn):
        self.macros[fn.__name__] = fn
        return fn


def define_env(env, site: Site, root: Path) -> None:
    """Register the macros used by docs/*.md. ``env.src`` is the page being rendered (links are relative to it)."""

    def here() -> str:
        return env.src

    def plain(name: str):
        """A macro that shows the fragment of the same name: type_cards(), kind_table() …"""
        def macro() -> str:
            return fragment(site, name, here())

        macro.__name__ = name
        return macro

    for name in PLAIN_FRAGMENTS:
        env.macro(plain(name))

    @env.macro
    def newest_examples(limit: int = 8) -> str:
        return fragment(site, "newest", here(), limit=limit)

    @env.macro
    def kind_examples(kind: str) -> str:
        return fragment(site, "kind_examples", here(), kind=site.lib.kind_by_id[kind])

    @env.macro
    def example_link(example_id: str) -> str:
        """A link to one example by id, titled as everywhere else; an unknown id fails the build."""
        if example_id not in site.lib.files:
            raise KeyError(f"{here()}: example_link('{example_id}'): no example with this id in data/examples/")
        return fragment(site, "example_link", here(), e=site.lib.example_by_id[example_id]).strip()

    @env.macro
    def contributing_guide() -> str:
        """CONTRIBUTING.md, the one text both GitHub and the site show. Its links are written from the
        repository root (``docs/guides/plan.md``), so they work on GitHub; here they become relative to docs/."""
        return (root / "CONTRIBUTING.md").read_text(encoding="utf-8").replace("](docs/", "](")

    @env.macro
    def example_template(kind: str) -> str:
        """The copyable new-example file of one kind, what ``python -m macros new`` writes: on its writing guide,
        so no page carries all of them (the contributing page stays small as kinds are added)."""
        lib = site.lib
        return fragment(site, "example_template", here(), text=scaffold(lib, lib.kind_by_id[kind].id))

    @env.macro
    def template_links() -> str:
        """A list of links to each kind's template on its writing guide."""
        return "\n".join(f"- [{k.name}]({relative(guide_src(k.id), here())}#template)" for k in site.lib.kinds)

    @env.macro
    def placeholder_tokens() -> str:
        """Every registered placeholder in data/placeholders.yml order, 〔单位名称〕〔年度〕…: the guides list them."""
        return "".join(p.token for p in site.lib.placeholders)

    @env.macro
    def count(what: str) -> int:
        """Number of ``examples`` or ``union_types`` (for prose such as “共 N 篇”)."""
        return len(getattr(site.lib, what))


def render_pages(site: Site, root: Path, texts: dict[str, str]) -> dict[str, str]:
    """``{src: markdown}`` of the hand-written pages (``texts``: their source) with every macro rendered.
    An unknown macro, a misspelt variable or a failing macro names the page and stops the build."""
    env = _Env()
    define_env(env, site, root)
    jinja = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True, autoescape=False)
    jinja.globals.update(env.macros)
    out = {}
    for src, text in texts.items():
        env.src = src
        try:
            out[src] = jinja.from_string(text).render()
        except (jinja2.TemplateError, KeyError) as err:
            raise HandwrittenPageError(f"docs/{src}: {err}") from None
    return out


class HandwrittenPageError(Exception):
    """A macro call in docs/ that cannot be rendered: the message names the page."""
