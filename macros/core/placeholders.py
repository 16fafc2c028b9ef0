"""The placeholder grammar, said once: what a 〔名称〕 is, how a reader's value is tidied, and how a value
is worked out when the reader leaves it empty.

This module is the only definition of the grammar. Python validates, renders pages and writes the Word
files with ``TOKEN``, ``pieces`` and ``fill``; the browser (docs/assets/tools.js) gets the same patterns,
brackets and rules from ``browser_spec``, which the build writes into assets/placeholders.js. The
JavaScript mirrors ``normalise``, ``derive`` and ``resolve`` line for line, and tests/test_placeholders.py
runs both on one table of cases, so the page, the copies and the .docx cannot read a value differently.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

# A placeholder: 〔name〕 on one line; the name is the token without its brackets. Validation reports any
# name not in data/placeholders.yml.
OPEN, CLOSE = "〔", "〕"
TOKEN = re.compile(f"{OPEN}[^{OPEN}{CLOSE}\\n]*{CLOSE}")
# ``derive`` templates: {年度} or {年度+1}, another placeholder's value, optionally as a number plus or minus n.
# Digits are spelt [0-9]: Python's \d also matches other scripts' digits, JavaScript's does not.
DERIVE_REF = re.compile(r"\{([^{}+\-]+)([+-][0-9]+)?\}")
NUMBER = re.compile(r"[0-9]+")  # a value a derive offset may add to
WIDE_DIGITS = "０１２３４５６７８９"  # typed on a Chinese keyboard, read as 0-9
_TO_ASCII = str.maketrans(WIDE_DIGITS, "0123456789")
_PIECES = re.compile(f"({TOKEN.pattern})")


def token(name: str) -> str:
    """The placeholder ``name`` as the text writes it: 〔name〕."""
    return f"{OPEN}{name}{CLOSE}"


def name_of(token: str) -> str:
    """The name in a token matched by ``TOKEN``."""
    return token[len(OPEN):-len(CLOSE)]


def pieces(text: str) -> list[tuple[str, str | None]]:
    """``text`` cut into its plain runs ``(text, None)`` and placeholders ``(token, name)``, in order, none
    empty: Word files give each placeholder a run of its own, pages a span of its own."""
    return [(piece, name_of(piece) if i % 2 else None) for i, piece in enumerate(_PIECES.split(text)) if piece]


def normalise(value: str, trim_suffix: Iterable[str] = ()) -> str:
    """What the reader typed, as it must read in front of the text that follows the placeholder:
    edge spaces gone, full-width digits ASCII, then the longest matching ``trim_suffix`` cut once
    (城关镇总工会 before 总工会 → 城关镇; 2025年 before 年 → 2025)."""
    value = value.strip().translate(_TO_ASCII)
    for suffix in sorted(trim_suffix, key=len, reverse=True):
        if suffix and value.endswith(suffix) and len(value) > len(suffix):
            return value[: -len(suffix)].strip()
    return value


def derive(template: str, values: Mapping[str, str]) -> str:
    """A ``derive`` template filled from other values; "" if a value it needs is missing or not a number."""
    missing = False

    def one(match: re.Match) -> str:
        nonlocal missing
        value, offset = values.get(match.group(1), ""), match.group(2)
        if not value or (offset and not NUMBER.fullmatch(value)):
            missing = True
            return ""
        return str(int(value) + int(offset)) if offset else value

    out = DERIVE_REF.sub(one, template)
    return "" if missing else out


def resolve(placeholders, typed: Mapping[str, str], defaults: Mapping[str, str] | None = None,
            by_year: Mapping[str, Mapping[str, str]] | None = None) -> dict[str, tuple[str, str]]:
    """Every placeholder's value and where it came from: ``{name: (value, source)}``, source one of
    typed (the reader), by_year (the table for the 年度), derived, default, or "" (still to fill).
    Typed values are normalised first, so derivations read 2025 even when the reader wrote 2025年.
    ``defaults`` and ``by_year`` add to placeholders.yml what other data says (macros/core/framing.py: the
    dated wording of data/framing.yml, which depends on the document's kind)."""
    defaults, by_year = defaults or {}, by_year or {}
    clean = {p.name: normalise(typed.get(p.name, ""), p.trim_suffix) for p in placeholders}
    out: dict[str, tuple[str, str]] = {}
    for p in placeholders:
        if clean[p.name]:
            out[p.name] = (clean[p.name], "typed")
        elif clean.get("年度") in (years := by_year.get(p.name) or p.by_year):
            out[p.name] = (years[clean["年度"]], "by_year")
        elif p.derive and derive(p.derive, clean):
            out[p.name] = (derive(p.derive, clean), "derived")
        elif defaults.get(p.name) or p.default:
            out[p.name] = (defaults.get(p.name) or p.default, "default")
        else:
            out[p.name] = ("", "")
    return out


def fill(text: str, resolved: Mapping[str, tuple[str, str]]) -> str:
    """Each placeholder with a value replaced by it, the others kept: what the page, copies and .docx read."""
    return TOKEN.sub(lambda m: resolved.get(name_of(m.group()), ("", ""))[0] or m.group(), text)


def browser_spec(placeholders, defaults: Mapping[str, str] | None = None,
                 by_year: Mapping[str, Mapping[str, str]] | None = None) -> dict:
    """What tools.js needs, as JSON: the grammar (the patterns as JavaScript ``RegExp`` source and flags,
    the brackets, the digits it reads as 0-9) and each placeholder's rules, with ``defaults`` and ``by_year``
    as in ``resolve`` (a page may still override a default for its own kind); the form itself is in the page
    (macros/site/templates/_tools.md.j2). tools.js writes no pattern of its own."""
    defaults, by_year = defaults or {}, by_year or {}
    return {
        "token": _js(TOKEN),
        "derive_ref": _js(DERIVE_REF),
        "number": _js(NUMBER),
        "open": OPEN,
        "close": CLOSE,
        "wide_digits": WIDE_DIGITS,
        "placeholders": [
            {"name": p.name, "default": defaults.get(p.name) or p.default,
             "derive": p.derive, "by_year": dict(by_year.get(p.name) or p.by_year), "trim_suffix": list(p.trim_suffix)}
            for p in placeholders
        ],
    }


_JS_FLAGS = ((re.IGNORECASE, "i"), (re.MULTILINE, "m"), (re.DOTALL, "s"))


def _js(pattern: re.Pattern) -> dict[str, str]:
    """A pattern as ``new RegExp(source, flags)`` reads it; "u" matches by code point, as Python reads a str.
    The patterns here use only syntax both languages read alike (no \\d, \\w or named groups)."""
    return {"source": pattern.pattern, "flags": "u" + "".join(js for flag, js in _JS_FLAGS if pattern.flags & flag)}
