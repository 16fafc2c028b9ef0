"""The site's search index: Pagefind over copies of the built pages in which Chinese is written as
overlapping character pairs.

Why pairs: Pagefind's extended build cuts Chinese into words with jieba's dictionary while indexing, but
its search script cuts the reader's query with the browser's dictionary (``Intl.Segmenter``); the two
disagree on many words of this field (金秋助学, 厂务公开, 送温暖, 职工书屋 …), and a query then finds a
fraction of the pages that hold it. Pairs need no dictionary: 金秋助学 is indexed and searched as 金秋
秋助 助学, so every page that contains a query finds it, and a query costs as few index chunks as
whole words would. docs/assets/search.js makes the same pairs from the query and reads excerpts back.

The copies hold only each page's article (``data-pagefind-body``) under ``lang="und"``, so Pagefind
neither re-cuts the pairs nor stems; the pages readers get are untouched.
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


def pairs(text: str) -> str:
    """Chinese as one token per character: the character and the next one, whatever punctuation stands
    between them (金秋助学 → 金秋 秋助 助学 学; “两癌”筛查 → “两癌 癌筛” 筛查 查). Punctuation stays glued
    to its token, where Pagefind shows it but does not index it, so 两癌筛查 is still four tokens in a row.
    Other text is unchanged."""
    def span(m: re.Match) -> str:
        text = m.group(0)
        at = [c.start() for c in HAN_CHAR.finditer(text)]
        tokens = []
        for i, start in enumerate(at):
            end = at[i + 1] if i + 1 < len(at) else len(text)
            lead = text[:start] if i == 0 else ""
            following = text[end] if end < len(text) and i + 1 < len(at) else ""
            tokens.append(lead + text[start] + following + text[start + 1:end])
        return " " + " ".join(tokens) + " "

    return SPAN.sub(span, text)


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
