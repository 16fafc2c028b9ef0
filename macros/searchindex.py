"""The site's search index: Pagefind over copies of the built pages in which Chinese is written as
overlapping character pairs.

Why pairs: Pagefind's extended build cuts Chinese into words with jieba's dictionary while indexing, but
its search script cuts the reader's query with the browser's dictionary (``Intl.Segmenter``); the two
disagree on many words of this field (金秋助学, 厂务公开, 送温暖, 职工书屋 …), and such a query found
4–10 % of the pages that hold it. Pairs need no dictionary: 金秋助学 is indexed and searched as 金秋 秋助
助学, so every page that holds a query is found, and a query loads one index chunk per pair (女职工 两癌:
three). docs/assets/search.js makes the same pairs from the query and reads the excerpts back.

The copies hold only each page's article (its title and converted Markdown, which is what Material puts
in ``<article data-pagefind-body>``) under ``lang="und"``, so Pagefind neither re-cuts the pairs (its
Chinese segmentation is not used) nor stems; the pages readers get are untouched.

Why a second process: indexing a thousand examples takes Pagefind several seconds. ``Indexer`` takes each
page as soon as MkDocs has converted its Markdown, writes its copy and runs Pagefind in another process
once the last page is in, while MkDocs (one core) is still writing the HTML; the build waits only at its end.
"""

from __future__ import annotations

import html
import pickle
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

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


def index_copy(title: str, content: str, facets: dict[str, str] | None = None) -> str:
    """What Pagefind reads for one page: the article Material builds around the page's converted Markdown
    (a heading from the title unless the Markdown has one; both are HTML already), Chinese as pairs.
    ``facets`` (macros/searchwords.py): type, kind and label (范文, 提纲, 指南, 分类) become Pagefind
    filters, added the date results without a query are sorted by."""
    heading = "" if "<h1" in content else f"<h1>{title}</h1>"
    article = TEXT.sub(lambda m: ">" + html.escape(pairs(html.unescape(m.group(1))), quote=False) + "<",
                       f"{heading}{content}")
    marks = "".join(f'<span data-pagefind-{attribute}="{html.escape(f"{key}:{facets[key]}")}"></span>'
                    for key, attribute in FACET_ATTRIBUTES.items() if key in (facets or {}))
    every = f"<p>{EVERY_PAGE}</p>" if facets else ""
    return (f'<!doctype html>\n<html lang="und"><meta charset="utf-8"><body>'
            f'<article data-pagefind-body>{marks}{article}{every}</article></body></html>\n')


FACET_ATTRIBUTES = {"type": "filter", "kind": "filter", "label": "filter", "added": "sort"}
# A word at the end of every page, which search.js looks up to list a type's or kind's pages: Pagefind
# answers a search for no word at all by loading the whole index, this word costs one chunk.
EVERY_PAGE = "urpage"


def _index(pagefind: str, output: str) -> int:
    """The second process (``python -m macros.searchindex PAGEFIND OUTPUT``): read pages from stdin as
    they come, write their copies, and at the end of input run Pagefind on them."""
    stdin = sys.stdin.buffer
    with tempfile.TemporaryDirectory(prefix="pagefind-pages-") as pages:
        while header := stdin.readline():
            dest, title, content, facets = pickle.loads(stdin.read(int(header)))
            target = Path(pages, dest)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(index_copy(title, content, facets), encoding="utf-8")
        return subprocess.run([pagefind, "--site", pages, "--output-path", output, "--silent"]).returncode


class Indexer:
    """Pagefind in a second process, fed while MkDocs builds (see the module docstring)."""

    def __init__(self, pagefind: str | Path):
        self._output = tempfile.mkdtemp(prefix="pagefind-index-")
        self._process = subprocess.Popen(
            [sys.executable, "-m", "macros.searchindex", str(pagefind), self._output],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)

    def add(self, dest: str, title: str, content: str, facets: dict[str, str] | None = None) -> None:
        """One page: its output path in the site (``examples/…/index.html``), title, content HTML and facets."""
        data = pickle.dumps((dest, title, content, facets))
        self._process.stdin.write(b"%d\n" % len(data) + data)

    def close(self) -> None:
        """No more pages: Pagefind starts on those added."""
        self._process.stdin.close()

    def finish(self, site_dir: str | Path) -> tuple[int, str]:
        """Wait for Pagefind; on success move its index to ``site_dir/pagefind/``. Returns (exit code, output)."""
        try:
            output = self._process.stdout.read().decode("utf-8", "replace")
            code = self._process.wait()
            if code == 0:
                target = Path(site_dir, "pagefind")
                shutil.rmtree(target, ignore_errors=True)
                shutil.move(self._output, target)
            return code, output
        finally:
            shutil.rmtree(self._output, ignore_errors=True)

    def stop(self) -> None:
        """The build failed: end the second process and drop its files."""
        self._process.kill()
        self._process.wait()
        shutil.rmtree(self._output, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(_index(*sys.argv[1:]))
