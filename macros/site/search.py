"""Site search: the readers' vocabulary and the Pagefind index of the built site.

**Vocabulary.** How readers name union types and document kinds, and which words mean nothing to a search:
data/search.yml plus the names in union_types.yml and kinds.yml, checked like the other data files and
handed to the browser as one small JSON asset (``assets/search-words.json``) that docs/assets/search.js turns
a query with: facets (type, kind) plus content words. Its size depends on the vocabulary only.

**Index.** After the site generator has built the HTML, ``index`` reads the article of every page the
generate step listed (``build/search-pages.json``: URL -> type, kind, label) and has Pagefind index a copy
in which Chinese is written as overlapping character pairs. Why pairs: Pagefind's extended build cuts
Chinese into words with jieba's dictionary while indexing, but its search script cuts the reader's query
with the browser's dictionary (``Intl.Segmenter``); the two disagree on many words of this field (金秋助学,
厂务公开, 送温暖, 职工书屋 …), and such a query found 4–10 % of the pages that hold it. Pairs need no
dictionary: 金秋助学 is indexed and searched as 金秋 秋助 助学, so every page that holds a query is found,
and a query loads one index chunk per pair. search.js makes the same pairs from the query and reads the
excerpts back. The copies are written under ``lang="und"``, so Pagefind neither re-cuts the pairs nor
stems; the pages readers get are untouched.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..core.model import DataError, Library
from ..core.yamlsource import Problem, field_name, read_yaml
from .background import Background
from .urls import PREVIEW, cell_src, example_src, guide_src, kind_src, outline_src, type_src, url_of

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
        out[guide_src(k.id)] = {"kind": k.id, "label": "指南"}
    return out


def label_of(src: str, facets: dict[str, dict[str, str]]) -> dict[str, str]:
    if src in facets:
        return facets[src]
    return {"label": "指南" if src.startswith("guides/") or src == "contributing.md" else "分类"}


# ---------------------------------------------------------------------------- pairs

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # CJK ideographs, extension A, compatibility ideographs
PUNCT = "[^\\w\\s\\x00-\\x7f]"  # full-width punctuation and symbols: “”、，。（）《》…
# Chinese joined only by such punctuation (“两癌”筛查 reads 两癌筛查), with the punctuation around it.
SPAN = re.compile(f"{PUNCT}*[{HAN}](?:{PUNCT}*[{HAN}])*{PUNCT}*")
HAN_CHAR = re.compile(f"[{HAN}]")
TEXT = re.compile(r">([^<]+)<")  # text between tags; a literal < in text is always &lt;


def _span_pairs(span: re.Match) -> str:
    """One SPAN as tokens: each character, the next one, the punctuation after it (the first takes the
    punctuation before it too)."""
    chars = HAN_CHAR.findall(span.group(0))
    punct = HAN_CHAR.split(span.group(0))  # before the first character, then after each
    tokens = [c + following + after for c, following, after in zip(chars, chars[1:] + [""], punct[1:], strict=True)]
    return f" {punct[0]}{' '.join(tokens)} "


def pairs(text: str) -> str:
    """Chinese as one token per character: the character and the next one, whatever punctuation stands
    between them (金秋助学 → 金秋 秋助 助学 学; “两癌”筛查 → “两癌 癌筛” 筛查 查). Punctuation stays glued
    to its token, where Pagefind shows it but does not index it, so 两癌筛查 is still four tokens in a row.
    Other text is unchanged, but set apart from the Chinese (23件 → 23 件)."""
    return SPAN.sub(_span_pairs, text)


def index_copy(article: str, facets: dict[str, str] | None = None) -> str:
    """What Pagefind reads for one page: the page's built article (its heading and converted Markdown),
    Chinese as pairs. ``facets``: type, kind and label (范文, 提纲, 指南, 分类) become Pagefind filters,
    added the date results without a query are sorted by."""
    article = TEXT.sub(lambda m: ">" + html.escape(pairs(html.unescape(m.group(1))), quote=False) + "<",
                       without_ignored(article))
    marks = "".join(f'<span data-pagefind-{attribute}="{html.escape(f"{key}:{facets[key]}")}"></span>'
                    for key, attribute in FACET_ATTRIBUTES.items() if key in (facets or {}))
    every = f"<p>{EVERY_PAGE}</p>" if facets else ""
    return (f'<!doctype html>\n<html lang="und"><meta charset="utf-8"><body>'
            f'<article data-pagefind-body>{marks}{article}{every}</article></body></html>\n')


IGNORED = re.compile(r'<(div|details)\b[^>]*\sdata-pagefind-ignore="all"[^>]*>')


def without_ignored(article: str) -> str:
    """The article without the elements Pagefind is told to ignore (the tools, the fill-in form, outlines and
    lists repeated from other pages): Pagefind would skip them anyway, but they are a third to a half of an
    example page, which neither this module nor Pagefind then has to read. The HTML is Python-Markdown's
    output, in which text never holds a raw ``<``, so counting the element's own tag finds its end."""
    out, pos = [], 0
    while found := IGNORED.search(article, pos):
        out.append(article[pos:found.start()])
        tag, depth, end = found.group(1), 1, found.end()
        for nested in re.finditer(f"<(/?){tag}\\b[^>]*>", article[end:]):
            depth += -1 if nested.group(1) else 1
            if depth == 0:
                end += nested.end()
                break
        else:
            end = len(article)  # unbalanced: drop the rest rather than index tool text
        pos = end
    return "".join(out) + article[pos:]


FACET_ATTRIBUTES = {"type": "filter", "kind": "filter", "label": "filter", "added": "sort"}
# A word at the end of every page, which search.js looks up to list a type's or kind's pages: Pagefind
# answers a search for no word at all by loading the whole index, this word costs one chunk.
EVERY_PAGE = "urpage"


# ---------------------------------------------------------------------------- the index

PAGES = "search-pages.json"  # in the build folder, next to docs/: which built pages to index, with facets
# The article of a built page, in Material's layout (and Zensical's, which keeps Material's templates).
ARTICLE = re.compile(r'<article class="md-content__inner md-typeset"[^>]*>(.*?)</article>', re.S)


def pages_to_index(lib: Library, srcs) -> dict[str, dict[str, str]]:
    """``{URL: facets}`` of the pages search lists: every page but the later pages of a paged list (page 1
    stands for the list), each with its type, kind and label (see ``page_facets``)."""
    facets = page_facets(lib)
    return {url_of(src): label_of(src, facets) for src in sorted(srcs) if src.endswith(".md") and not later_page(src)}


def index(site_dir: Path, pages: dict[str, dict[str, str]]) -> str:
    """Index the built site in ``site_dir`` into ``site_dir/pagefind/``, the folder assets/search.js loads.
    Raises SearchIndexError when a listed page is missing or has no article, or Pagefind fails; returns
    Pagefind's summary line."""
    site_dir = Path(site_dir)
    with tempfile.TemporaryDirectory(prefix="pagefind-") as tmp:
        copies, output = Path(tmp, "pages"), Path(tmp, "pagefind")
        items = list(pages.items())
        with Background(_write_copies, site_dir, items[1::2], copies) as other_half:  # on the second core
            _write_copies(site_dir, items[::2], copies)
            other_half.result()
        result = subprocess.run([pagefind(), "--site", str(copies), "--output-path", str(output)],
                                capture_output=True, text=True)
        if result.returncode != 0:
            raise SearchIndexError(f"Pagefind 建立搜索索引失败（退出码 {result.returncode}）：\n"
                                   f"{result.stdout}{result.stderr}")
        shutil.rmtree(site_dir / "pagefind", ignore_errors=True)
        shutil.move(output, site_dir / "pagefind")
    counts = re.findall(r"Indexed (\d+) (pages|words|filters)", result.stdout)
    return "index: " + ", ".join(f"{n} {what}" for n, what in counts)


def _write_copies(site_dir: Path, items: list[tuple[str, dict[str, str]]], copies: Path) -> None:
    """Pagefind's copy (``index_copy``) of each built page ``(url, facets)`` under ``copies``."""
    for url, facets in items:
        path = site_dir / url / "index.html"
        try:
            found = ARTICLE.search(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise SearchIndexError(f"{path}：构建出的网站里没有这一页") from None
        if found is None:
            raise SearchIndexError(f"{path}：页面里找不到正文（<article class=\"md-content__inner md-typeset\">）")
        target = copies / url / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(index_copy(found.group(1), facets), encoding="utf-8")


class SearchIndexError(Exception):
    """The built site cannot be indexed; the message says which page or what Pagefind printed."""


def pagefind() -> str:
    """The Pagefind binary that pagefind[extended] (requirements.txt) installed."""
    try:
        from pagefind.service import get_executable

        found = get_executable()
    except ImportError:
        found = None
    if found is None:
        raise SearchIndexError("找不到 Pagefind，无法建立搜索索引：请运行 make install")
    return str(found)


def later_page(src: str) -> bool:
    """Page 2, 3 … of a paged list (``types/t/k/2.md``, ``themes/x/2/index.md``, see urls.numbered_src)."""
    return re.search(r"/\d+(?:/index)?\.md$", src) is not None


def load_pages(build: Path) -> dict[str, dict[str, str]]:
    return json.loads((Path(build) / PAGES).read_text(encoding="utf-8"))
