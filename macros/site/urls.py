"""Where each page lives: source paths in the docs tree, site URLs, relative links and paged lists.

One place for the URL scheme: pages, search facets and the catalogue all ask here.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.model import Example, Theme


def example_src(e: Example) -> str:
    return f"examples/{e.union_type}/{e.id}.md"


def docx_src(e: Example) -> str:
    return f"examples/{e.union_type}/{e.id}.docx"


def type_src(type_id: str) -> str:
    return f"types/{type_id}.md"


def kind_src(kind_id: str) -> str:
    return f"kinds/{kind_id}.md"


def theme_src(theme: Theme) -> str:
    """A folder's index.md: the page lists its sections in raw HTML, whose relative links MkDocs reads from the
    page's URL and Zensical from its source file, and only in an index.md are the two the same folder."""
    return f"themes/{theme.id}/index.md"


def outline_src(type_id: str, kind_id: str) -> str:
    return f"outlines/{type_id}-{kind_id}.md"


def outline_docx_src(type_id: str, kind_id: str) -> str:
    return f"outlines/{type_id}-{kind_id}.docx"


def cell_src(type_id: str, kind_id: str) -> str:
    """The full list of one type × kind (linked from type, kind and outline pages once they overflow)."""
    return f"types/{type_id}/{kind_id}.md"


def numbered_src(src: str, number: int) -> str:
    """Page ``number`` of a list whose first page is ``src``: types/t/k.md, types/t/k/2.md, …; the later pages
    of an index.md are index.md too: themes/x/index.md, themes/x/2/index.md, …"""
    if number == 1:
        return src
    if src.endswith("/index.md"):
        return f"{src[: -len('index.md')]}{number}/index.md"
    return f"{src[: -len('.md')]}/{number}.md"


def guide_src(kind_id: str) -> str:
    """A kind's writing guide, a hand-written page in docs/guides/."""
    return f"guides/{kind_id}.md"


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


