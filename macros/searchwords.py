"""The search vocabulary: how readers name union types and document kinds, and which words mean nothing
to a search. Read from data/search.yml plus the names in union_types.yml and kinds.yml, checked like the
other data files, and handed to the browser as one small JSON asset (``assets/search-words.json``) that
docs/assets/search.js turns a query with: facets (type, kind) plus content words.

Its size depends on the vocabulary only, never on the number of examples. ``page_facets`` gives each
page's Pagefind filters (type, kind, label) from where the renderer put it.
"""

from __future__ import annotations

import re
from pathlib import Path

from .model import DataError, Library
from .render import PREVIEW, cell_src, example_src, kind_src, outline_src, type_src, url_of
from .searchindex import EVERY_PAGE
from .yamlsource import Problem, field_name, read_yaml

FILE = "data/search.yml"
ASSET = "assets/search-words.json"  # where the build puts the vocabulary for docs/assets/search.js
# A union type's name without these endings is what readers call it too (学校工会 → 学校).
_ENDINGS = re.compile(r"(?:工会联合会|工会工作委员会|总工会|工会)$")


def _strings(doc, path, value, problems) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        problems.append(Problem(doc.file, doc.line(path), field_name(path), "wrong-type",
                                "应为一组词，如 [乡镇, 街道]"))
        return []
    return [v.strip() for v in value]


def type_words(t) -> list[str]:
    """What a union type is called without data/search.yml: its name, the name without the parenthesis and
    the words in it (街道（乡镇、园区）总工会 → 街道总工会, 乡镇, 园区), its aliases, and each without 工会."""
    bare = re.sub(r"（[^）]*）", "", t.name)
    inside = [w for group in re.findall(r"（([^）]*)）", t.name) for w in re.split(r"[、，,]", group) if w]
    names = [t.name, bare, *inside, *t.aliases]
    return list(dict.fromkeys(names + [_ENDINGS.sub("", n) for n in names if len(_ENDINGS.sub("", n)) >= 2]))


def load(root: Path | str, lib: Library) -> dict:
    """data/search.yml checked against the library's types and kinds: the browser's vocabulary
    (see ``vocabulary``). Raises DataError with ``file:line: field: message [code]`` problems."""
    doc, problems = read_yaml(Path(root) / FILE, FILE)
    if doc is None or problems:
        raise DataError(problems)
    data = doc.value if isinstance(doc.value, dict) else {}
    allowed = {"types", "broad_types", "kinds", "stop_words", "stop_patterns", "filler"}
    for key in data:
        if key not in allowed:
            problems.append(Problem(FILE, doc.line((key,)), key, "unknown-field",
                                    f"没有这个字段；可用的字段：{'、'.join(sorted(allowed))}"))
    types: dict[str, list[str]] = {}
    for type_id, words in (data.get("types") or {}).items():
        if type_id not in lib.type_by_id:
            problems.append(Problem(FILE, doc.line(("types", type_id)), f"types.{type_id}", "unknown-union-type",
                                    f"未登记的工会类型“{type_id}”，须取自 data/union_types.yml 的 id"))
        types[type_id] = _strings(doc, ("types", type_id), words, problems)
    broad = _strings(doc, ("broad_types",), data.get("broad_types") or [], problems)
    for i, type_id in enumerate(broad):
        if type_id not in lib.type_by_id:
            problems.append(Problem(FILE, doc.line(("broad_types", i)), f"broad_types[{i}]", "unknown-union-type",
                                    f"未登记的工会类型“{type_id}”，须取自 data/union_types.yml 的 id"))
    kinds: list[dict] = []
    for i, entry in enumerate(data.get("kinds") or []):
        path = ("kinds", i)
        entry = entry if isinstance(entry, dict) else {}
        named = [entry.get("kind"), *(entry.get("also_when") or [])]
        for j, kind_id in enumerate(named):
            if kind_id not in lib.kind_by_id:
                where = path + (("kind",) if j == 0 else ("also_when", j - 1))
                problems.append(Problem(FILE, doc.line(where), field_name(where), "unknown-kind",
                                        f"未登记的文种“{kind_id}”，须取自 data/kinds.yml 的 id"))
        words = _strings(doc, path + ("words",), entry.get("words"), problems)
        kinds.append({"kind": entry.get("kind"), "words": words, "also_when": list(entry.get("also_when") or [])})
    patterns = _strings(doc, ("stop_patterns",), data.get("stop_patterns") or [], problems)
    for i, pattern in enumerate(patterns):
        try:
            re.compile(pattern)
        except re.error as err:
            problems.append(Problem(FILE, doc.line(("stop_patterns", i)), f"stop_patterns[{i}]", "bad-pattern",
                                    f"正则表达式写错了：{err}"))
    stop = _strings(doc, ("stop_words",), data.get("stop_words") or [], problems)
    filler = data.get("filler") or ""
    if problems:
        raise DataError(problems)
    return vocabulary(lib, types, broad, kinds, stop, patterns, str(filler))


def vocabulary(lib: Library, types: dict[str, list[str]], broad: list[str], kinds: list[dict], stop: list[str],
               patterns: list[str], filler: str) -> dict:
    """The JSON search.js reads. Kinds come in the order a query naming several is decided by: those
    data/search.yml leaves out first (matched by their own, specific names), then its order."""
    listed = [k["kind"] for k in kinds]
    extra = {k["kind"]: k for k in kinds}
    order = [k.id for k in lib.kinds if k.id not in listed] + listed
    return {
        "types": [{"id": t.id, "name": t.name, "url": url_of(type_src(t.id)),
                   "words": list(dict.fromkeys(type_words(t) + types.get(t.id, [])))} for t in lib.union_types],
        "broad_types": broad,
        "kinds": [{"id": k, "name": lib.kind_by_id[k].name, "url": url_of(kind_src(k)),
                   "words": list(dict.fromkeys([lib.kind_by_id[k].name, lib.kind_by_id[k].short,
                                                *lib.kind_by_id[k].aliases, *extra.get(k, {}).get("words", [])])),
                   "also_when": extra.get(k, {}).get("also_when", [])} for k in order],
        "every_page": EVERY_PAGE,
        "stop_words": stop,
        "stop_patterns": patterns,
        "filler": filler,
        # The list of one type × kind: its own page once it outgrows the type and kind pages, else the outline.
        "cell_url": url_of(cell_src("{type}", "{kind}")),
        "outline_url": url_of(outline_src("{type}", "{kind}")),
        "cell_page_above": PREVIEW,
    }


def page_facets(lib: Library) -> dict[str, dict[str, str]]:
    """``{page source path: {"type", "kind", "label", "added"}}`` for the pages that belong to a type or kind;
    other pages are 指南 under guides/ and contributing, 分类 elsewhere (see ``label_of``)."""
    out: dict[str, dict[str, str]] = {}
    for e in lib.examples:
        out[example_src(e)] = {"type": e.union_type, "kind": e.kind, "label": "范文", "added": e.added.isoformat()}
    for t in lib.union_types:
        out[type_src(t.id)] = {"type": t.id, "label": "分类"}
        for k in lib.kinds:
            out[outline_src(t.id, k.id)] = {"type": t.id, "kind": k.id, "label": "提纲"}
            out[cell_src(t.id, k.id)] = {"type": t.id, "kind": k.id, "label": "分类"}
    for k in lib.kinds:
        out[kind_src(k.id)] = {"kind": k.id, "label": "分类"}
        out[f"guides/{k.id}.md"] = {"kind": k.id, "label": "指南"}
    return out


def label_of(src: str, facets: dict[str, dict[str, str]]) -> dict[str, str]:
    if src in facets:
        return facets[src]
    return {"label": "指南" if src.startswith("guides/") or src == "contributing.md" else "分类"}
