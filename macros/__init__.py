"""The union-report library: data/ -> model -> renderers; this module is the MkDocs-macros glue.

``define_env`` gives hand-written pages in docs/ a few macros that render
fragments from the data. Generated pages (examples, types, kinds, themes,
outlines) are added by ``macros/mkdocs_hooks.py``. Both load the data through
``project.site_for``, so a build validates once and fails with the same
messages as ``python -m macros check``.
"""

from __future__ import annotations

from pathlib import Path


def define_env(env) -> None:
    """Register the macros used by docs/*.md (mkdocs-macros entry point).

    The data is loaded lazily, when a page first calls a macro: by then the hook's
    ``on_config`` has validated it and stopped the build with readable messages.
    """
    from .project import site_for

    def site():
        return site_for(env.conf["config_file_path"])

    def here() -> str:
        return env.page.file.src_uri

    @env.macro
    def type_cards() -> str:
        return site().fragment("type_cards", here())

    @env.macro
    def kind_table() -> str:
        return site().fragment("kind_table", here())

    @env.macro
    def kind_chips() -> str:
        return site().fragment("kind_chips", here())

    @env.macro
    def theme_list() -> str:
        return site().fragment("theme_list", here())

    @env.macro
    def newest_examples(limit: int = 8) -> str:
        return site().fragment("newest", here(), limit=limit)

    @env.macro
    def kind_examples(kind: str) -> str:
        return site().fragment("kind_examples", here(), kind=site().lib.kind_by_id[kind])

    @env.macro
    def example_link(example_id: str) -> str:
        """A link to one example by id, titled as everywhere else; an unknown id fails the build."""
        lib = site().lib
        if example_id not in lib.files:
            raise KeyError(f"{here()}: example_link('{example_id}'): no example with this id in data/examples/")
        return site().fragment("example_link", here(), e=lib.example_by_id[example_id]).strip()

    @env.macro
    def contributing_guide() -> str:
        """CONTRIBUTING.md, the one text both GitHub and the site show. Its links are written from the
        repository root (``docs/guides/plan.md``), so they work on GitHub; here they become relative to docs/."""
        path = Path(env.conf["config_file_path"]).parent / "CONTRIBUTING.md"
        return path.read_text(encoding="utf-8").replace("](docs/", "](")

    @env.macro
    def example_template(kind: str) -> str:
        """The copyable new-example file of one kind, what ``python -m macros new`` writes: on its writing guide,
        so no page carries all of them (the contributing page stays small as kinds are added)."""
        from .scaffold import scaffold

        lib = site().lib
        return site().fragment("example_template", here(), text=scaffold(lib, lib.kind_by_id[kind].id))

    @env.macro
    def template_links() -> str:
        """A list of links to each kind's template on its writing guide."""
        return "\n".join(f"- [{k.name}](guides/{k.id}.md#template)" for k in site().lib.kinds)

    @env.macro
    def placeholder_tokens() -> str:
        """Every registered placeholder in data/placeholders.yml order, 〔单位名称〕〔年度〕…: the guides list them."""
        return "".join(p.token for p in site().lib.placeholders)

    @env.macro
    def count(what: str) -> int:
        """Number of ``examples`` or ``union_types`` (for prose such as “共 N 篇”)."""
        return len(getattr(site().lib, what))
