"""MkDocs hooks: validate data/ before anything else, add the generated pages, Word files and examples.json,
and index the built site with Pagefind.

Loaded by mkdocs.yml (``hooks:``). A data problem aborts the build with the
same ``file:line: field: message [code]`` lines as ``python -m macros check``.
"""

from __future__ import annotations

import json
import logging
import time

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files

from macros import searchindex
from macros.model import DataError
from macros.project import refresh, site_for

log = logging.getLogger("mkdocs.hooks.union_reports")
WARNINGS_SHOWN = 10


def on_config(config):
    try:
        warnings = refresh(config.config_file_path)
    except DataError as err:
        raise Abort(f"data/ 中有 {len(err.problems)} 处问题：\n{err}") from None
    # Info, not warning: --strict must not fail on a style hint. A handful is enough in a build log;
    # `python -m macros check` lists them all.
    for problem in warnings[:WARNINGS_SHOWN]:
        log.info(str(problem))
    if len(warnings) > WARNINGS_SHOWN:
        log.info(f"……共 {len(warnings)} 条写作提示，运行 python -m macros check 查看全部")
    return config


def on_files(files: Files, config) -> Files:
    site = site_for(config.config_file_path)
    for src, markdown in site.pages().items():
        files.append(File.generated(config, src, content=markdown))
    for src, content in site.documents().items():
        files.append(File.generated(config, src, content=content))
    catalog = json.dumps(site.catalog(), ensure_ascii=False, indent=1)
    files.append(File.generated(config, "examples.json", content=catalog))
    return files


def _pagefind() -> str:
    try:
        from pagefind.service import get_executable  # the binary pagefind[extended] installed

        pagefind = get_executable()
    except ImportError:
        pagefind = None
    if pagefind is None:
        raise Abort("找不到 Pagefind，无法建立搜索索引：请运行 pip install -r requirements.txt")
    return str(pagefind)


_indexer: searchindex.Indexer | None = None


def on_pre_build(config):
    """Start the search indexer (macros/searchindex.py). Runs on every ``mkdocs serve`` rebuild too,
    so search works in the preview."""
    global _indexer
    _indexer = searchindex.Indexer(_pagefind())


def on_page_content(html, page, config, files):
    """Hand each page to the indexer as soon as its Markdown is HTML; later pages of a paged list
    (``search: exclude``) stay out, as overrides/main.html leaves them without data-pagefind-body."""
    if not (page.meta.get("search") or {}).get("exclude"):
        _indexer.add(page.file.dest_uri, page.title, html)
    return html


def on_env(env, config, files):
    _indexer.close()  # every page is converted: Pagefind runs while MkDocs writes the HTML
    return env


def on_post_build(config):
    """Wait for the search index and put it in site/pagefind/, the folder assets/search.js loads."""
    started = time.perf_counter()
    code, output = _indexer.finish(config.site_dir)
    if code != 0:
        raise Abort(f"Pagefind 建立搜索索引失败（退出码 {code}）：\n{output}")
    log.info("Pagefind: waited %.1f s for the search index", time.perf_counter() - started)


def on_build_error(error):
    if _indexer is not None:
        _indexer.stop()
