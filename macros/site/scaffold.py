"""A new example file, pre-filled with the parts its kind requires (``python -m macros new``).

The same text, without a union type or id, is the copyable template on the
contributing page, for people who add a file in GitHub's web editor.
"""

from __future__ import annotations

from datetime import date

from ..core.model import UNFILLED, Library
from ..core.schema import MODELINE
from .pages import ENV


def scaffold(lib: Library, kind: str, union_type: str | None = None, slug: str | None = None,
             today: date | None = None) -> str:
    """The YAML text of a new example; every 待填写 in it fails ``check`` until replaced."""
    k = lib.kind_by_id[kind]
    t = lib.type_by_id[union_type] if union_type else None
    count = max(k.sections.min, 2)
    first: list[str] = []
    required = lib.terms.required if lib.terms else None
    if required and kind in (*required.political_kinds, *required.duty_kinds):  # political guidance leads
        first = [next(th.name for th in lib.themes if th.id == required.political_theme)]
    typical = [name for name in (t.typical_themes if t else ()) if name not in first]
    themes = (first + typical + [UNFILLED] * count)[:count]
    return ENV.get_template("new_example.yml.j2").render(
        lib=lib, kind=k, type=t, slug=slug, themes=themes, today=(today or date.today()).isoformat(),
        modeline=MODELINE, unfilled=UNFILLED, duty=bool(required and kind in required.duty_kinds))
