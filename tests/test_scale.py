"""A large library (the benchmark's synthetic examples): lists are paged, nothing is dropped, no page grows."""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from pathlib import Path

import pytest

from conftest import ROOT
from macros.core.model import load
from macros.site.pages import pages
from macros.site.urls import (
    PAGE_SIZE,
    PREVIEW,
    THEME_PAGE_SIZE,
    Pager,
    cell_src,
    example_src,
    paginate,
    relative,
    theme_src,
    url_of,
)
from macros.site.views import Site
from tools.bench import make_floor, make_project

LINK_RE = re.compile(r"\]\(([^)#\s]+\.md)(#[^)\s]*)?\)")  # Markdown links, to pages' sources
HREF_RE = re.compile(r'href="([^"#]*/)(#[^"]*)?"')  # raw HTML links, to pages' URLs


@pytest.fixture(scope="module")
def big_project(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("big") / "project"
    make_project(ROOT, project, 400)
    return project


@pytest.fixture(scope="module")
def big(big_project) -> Site:
    return Site(load(big_project))


HAND_WRITTEN = {p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md")}
SOURCE_OF_URL: dict[str, str] = {}


@pytest.fixture(scope="module")
def big_pages(big) -> dict[str, str]:
    out = pages(big)
    SOURCE_OF_URL.update({url_of(src): src for src in [*out, *HAND_WRITTEN]})
    return out


def targets(src: str, markdown: str) -> list[tuple[str, str]]:
    """``(page source, anchor)`` of every link on the page, Markdown or raw HTML, relative to docs/."""
    base = posixpath.dirname(src)
    out = [(posixpath.normpath(posixpath.join(base, m.group(1))), m.group(2) or "")
           for m in LINK_RE.finditer(markdown)]
    for m in HREF_RE.finditer(markdown):
        url = posixpath.normpath(posixpath.join(url_of(src), m.group(1)))
        out.append((SOURCE_OF_URL.get("" if url == "." else url + "/", f"missing: {url}"), m.group(2) or ""))
    return out


def links(src: str, markdown: str) -> list[str]:
    return [target for target, _ in targets(src, markdown)]


def test_synthetic_examples_are_valid_and_spread_over_types_and_kinds(big):
    assert len(big.lib.examples) == 400
    cells = Counter((e.union_type, e.kind) for e in big.lib.examples)
    assert len(cells) == len(big.lib.union_types) * len(big.lib.kinds)


def test_every_theme_section_is_listed_once_across_the_theme_pages(big, big_pages):
    for theme in big.lib.themes:
        first = theme_src(theme)
        pages = [src for src in big_pages if src == first or src.startswith(posixpath.dirname(first) + "/")]
        expected = Counter(f"{example_src(e)}#{n.anchor}" for e, nodes in big.theme_sections(theme) for n in nodes)
        seen = Counter(target + anchor for src in pages for target, anchor in targets(src, big_pages[src]) if anchor)
        assert seen == expected, theme.name
        for src in pages:
            on_page = sum(1 for _, anchor in targets(src, big_pages[src]) if anchor)
            assert 0 < on_page <= THEME_PAGE_SIZE, src


def test_type_pages_preview_each_kind_and_cell_pages_list_every_example(big, big_pages):
    for t in big.lib.union_types:
        listed = Counter(target for target in links(f"types/{t.id}.md", big_pages[f"types/{t.id}.md"])
                         if target.startswith("examples/"))
        for _, k in big.cells(union_type=t.id):
            rows = big.lib.examples_where(t.id, k.id)
            shown = [e for e in rows if listed[example_src(e)]]
            assert len(shown) == min(len(rows), PREVIEW)
            if len(rows) > PREVIEW:
                first = cell_src(t.id, k.id)
                assert first in links(f"types/{t.id}.md", big_pages[f"types/{t.id}.md"])
                pages = [src for src in big_pages if src == first or src.startswith(first[:-3] + "/")]
                in_cells = Counter(x for src in pages for x in links(src, big_pages[src]) if x.startswith("examples/"))
                assert in_cells == Counter(example_src(e) for e in rows)
                assert len(pages) == -(-len(rows) // PAGE_SIZE)


def test_every_link_on_a_generated_page_points_to_a_page_that_exists(big, big_pages):
    for src, markdown in big_pages.items():
        for target in links(src, markdown):
            assert target in big_pages or target in HAND_WRITTEN, f"{src} -> {target}"


def test_list_pages_do_not_grow_with_the_library(big_pages):
    small = pages(Site(load(ROOT)))

    def largest(pages: dict[str, str]) -> int:
        return max(len(text.encode()) for src, text in pages.items() if not src.startswith("examples/"))

    assert largest(big_pages) <= 1.1 * largest(small)


def test_pager_links_first_last_and_neighbours_with_gaps():
    srcs = tuple(f"p{i}.md" for i in range(1, 21))
    assert Pager(1, srcs).window() == [1, 2, 3, None, 20]
    assert Pager(10, srcs).window() == [1, None, 8, 9, 10, 11, 12, None, 20]
    assert Pager(19, srcs).window() == [1, None, 17, 18, 19, 20]
    assert Pager(1, srcs[:1]).window() == [1]


def test_paginate_fills_pages_by_weight_without_splitting_an_item():
    pages = paginate("themes/x.md", ["a" * 3, "b" * 2, "c" * 4, "d"], 5, weight=len)
    assert [(src, chunk) for src, chunk, _ in pages] == [
        ("themes/x.md", ["aaa", "bb"]), ("themes/x/2.md", ["cccc", "d"])]
    assert [p.number for _, _, p in pages] == [1, 2] and pages[1][2].srcs == ("themes/x.md", "themes/x/2.md")
    assert paginate("a.md", [], 5) == [("a.md", [], Pager(1, ("a.md",)))]
    assert [src for src, _, _ in paginate("themes/x/index.md", ["a", "b"], 1)] == [
        "themes/x/index.md", "themes/x/2/index.md"]


def test_relative_links_match_posixpath():
    pages = ["index.md", "types/school.md", "types/school/plan.md", "types/school/plan/2.md",
             "examples/bank/b.md", "themes/x/3.md", "contributing.md"]
    for src in pages:
        for target in pages:
            assert relative(target, src) == posixpath.relpath(target, posixpath.dirname(src) or "."), (src, target)


def test_floor_is_the_same_example_pages_with_no_plugins_nav_or_hooks(big_project, big, big_pages, tmp_path):
    count = make_floor(big_project, tmp_path / "floor")
    config = (tmp_path / "floor" / "mkdocs.yml").read_text(encoding="utf-8")
    assert "plugins: []" in config and "hooks" not in config and "nav:\n  - index.md\n" in config
    assert "pymdownx.tabbed" in config  # the same Markdown extensions as the real site
    pages = {src: text for src, text in big_pages.items() if src.startswith("examples/")}
    assert count == len(pages) == len(big.lib.examples)
    for src, text in pages.items():
        assert (tmp_path / "floor" / "docs" / src).read_text(encoding="utf-8") == text


def test_the_synthetic_library_passes_check_as_the_benchmark_needs(big_project):
    """The benchmark builds strictly: recombined examples must pass every error rule, conventions included."""
    from macros.core.lint import load_checked

    _, problems = load_checked(big_project)
    assert not [str(p) for p in problems if p.severity == "error"][:5]
