"""Dated political wording: the text the site puts in 〔指导思想〕 and 〔年度定位〕 for an example.

Examples never hard-code year-bound facts (lint: ``year-bound``); they write the placeholders and
data/framing.yml says what they mean this year. A summary or duty report is about the current year,
a plan or key points about the next (data/kinds.yml ``year``); both are written now, so both use the
current year's 指导思想, while 年度定位 belongs to the year the document is about.
"""

from __future__ import annotations

from .model import Example, Kind, Library

FILLED = ("指导思想", "年度定位")  # the placeholders whose default the build supplies


def kind_year(lib: Library, kind: Kind) -> int:
    """The year 〔年度〕 stands for in a document of this kind written now."""
    assert lib.framing is not None
    return lib.framing.current_year + (1 if kind.year == "next" else 0)


def placeholder_defaults(lib: Library, example: Example) -> dict[str, str]:
    """``{placeholder name: default text}`` for the placeholders the build fills from data/framing.yml."""
    return kind_defaults(lib, lib.kind_by_id[example.kind])


def kind_defaults(lib: Library, kind: Kind | None = None) -> dict[str, str]:
    """The same for any page of a kind (an outline), or for the site as a whole (no kind: this year)."""
    if lib.framing is None:
        return {}
    now = lib.framing.of(lib.framing.current_year)
    about = lib.framing.of(kind_year(lib, kind)) if kind else now
    return {"指导思想": now.guiding_idea, "年度定位": about.positioning}


def positioning_by_year(lib: Library) -> dict[str, str]:
    """``{"2026": "“十五五”规划开局之年", …}``: lets the form derive 〔年度定位〕 from a 〔年度〕 the reader types."""
    return {str(y.year): y.positioning for y in lib.framing.years} if lib.framing else {}

