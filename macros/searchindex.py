"""The site's search index: Pagefind over copies of the built pages in which Chinese is written as
overlapping character pairs.

Why pairs: Pagefind's extended build cuts Chinese into words with jieba's dictionary while indexing, but
its search script cuts the reader's query with the browser's dictionary (``Intl.Segmenter``); the two
disagree on many words of this field (金秋助学, 厂务公开, 送温暖, 职工书屋 …), and such a query found
4–10 % of the pages that hold it. Pairs need no dictionary: 金秋助学 is indexed and searched as 金秋 秋助
助学, so every page that holds a query is found, and a query loads one index chunk per pair (女职工 两癌:
three). docs/assets/search.js makes the same pairs from the query and reads the excerpts back.

The copies hold only each page's article (``data-pagefind-body``) under ``lang="und"``, so Pagefind
neither re-cuts the pairs (its Chinese segmentation is not used) nor stems; the pages readers get are
untouched.
"""

from __future__ import annotations

import html
import re
import subprocess
import tempfile
from pathlib import Path

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # CJK ideographs, extension A, compatibility ideographs
PUNCT = "[^\\w\\s\\x00-\\x7f]"  # full-width punctuation and symbols: “”、，。（）《》…
# Chinese joined only by such punctuation (“两癌”筛查 reads 两癌筛查), with the punctuation around it.
SPAN = re.compile(f"{PUNCT}*[{HAN}](?:{PUNCT}*[{HAN}])*{PUNCT}*")
HAN_CHAR = re.compile(f"[{HAN}]")
ARTICLE = re.compile(r"<article\b[^>]*\bdata-pagefind-body\b.*?</article>", re.S)
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


def index_copy(page_html: str) -> str | None:
    """What Pagefind reads for one built page: its article with Chinese as pairs; None if it has none."""
    article = ARTICLE.search(page_html)
    if not article:
        return None
    body = TEXT.sub(lambda m: ">" + html.escape(pairs(html.unescape(m.group(1))), quote=False) + "<", article.group(0))
    return f'<!doctype html>\n<html lang="und"><meta charset="utf-8"><body>{body}</body></html>\n'


def build(site_dir: str | Path, pagefind: str | Path) -> subprocess.CompletedProcess:
    """Index the pages of a built site (``*/index.html``; not 404.html) into ``site_dir/pagefind/``."""
    site = Path(site_dir)
    with tempfile.TemporaryDirectory(prefix="pagefind-") as tmp:
        for page in site.rglob("index.html"):
            copy = index_copy(page.read_text(encoding="utf-8"))
            if copy is not None:
                target = Path(tmp, page.relative_to(site))
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(copy, encoding="utf-8")
        command = [str(pagefind), "--site", tmp, "--output-path", str(site / "pagefind"), "--silent"]
        return subprocess.run(command, capture_output=True, text=True)
