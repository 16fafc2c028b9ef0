"""MkDocs hooks: validate data/ before anything else, add the generated pages, Word files and examples.json,
and index the built site with Pagefind.

Loaded by mkdocs.yml (``hooks:``). A data problem aborts the build with the
same ``file:line: field: message [code]`` lines as ``python -m macros check``.
"""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files

from macros import project, searchindex, searchwords
from macros.framing import kind_defaults, positioning_by_year
from macros.model import DataError
from macros.placeholders import browser_spec
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


def on_startup(command, dirty):
    """``make serve`` runs ``mkdocs serve --dirty``: rebuilds then redo only the pages an edit changed."""
    project.dirty_preview = command == "serve" and dirty


def _generated(config, src: str, content: str | bytes) -> File:
    """A generated page or file. In the dirty preview it is written to .cache/preview/ when it changed, so
    its modification time tells MkDocs whether to rebuild it (an edit to one example rebuilds a few pages)."""
    if not project.dirty_preview:
        return File.generated(config, src, content=content)
    path = Path(config.config_file_path).parent / ".cache" / "preview" / src
    data = content.encode("utf-8") if isinstance(content, str) else content
    if not path.is_file() or path.read_bytes() != data:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return File.generated(config, src, abs_src_path=str(path))


def on_files(files: Files, config) -> Files:
    if project.dirty_preview:  # hand-written pages call macros that read data/: always rebuild them
        for file in files.documentation_pages():
            file.is_modified = lambda: True
    site = site_for(config.config_file_path)
    for src, markdown in site.pages().items():
        files.append(_generated(config, src, markdown))
    for src, content in site.documents().items():
        files.append(_generated(config, src, content))
    catalog = json.dumps(site.catalog(), ensure_ascii=False, indent=1)
    files.append(_generated(config, "examples.json", catalog))
    rules = browser_spec(site.lib.placeholders, kind_defaults(site.lib), {"年度定位": positioning_by_year(site.lib)})
    spec = json.dumps(rules, ensure_ascii=False).replace("<", "\\u003c")
    files.append(_generated(config, PLACEHOLDERS_JS, f"window.urPlaceholders = {spec};\n"))
    for src, path in _vendored(config).items():
        files.append(_generated(config, src, path.read_bytes()))
    try:
        words = searchwords.load(Path(config.config_file_path).parent, site.lib)
    except DataError as err:
        raise Abort(f"{searchwords.FILE} 中有 {len(err.problems)} 处问题：\n{err}") from None
    files.append(_generated(config, searchwords.ASSET, json.dumps(words, ensure_ascii=False, separators=(",", ":"))))
    return files


# The placeholder rules for docs/assets/tools.js (mkdocs.yml loads it before tools.js).
PLACEHOLDERS_JS = "assets/placeholders.js"
# Browser libraries from npm, pinned in package.json (`make install` runs npm ci): site path -> file in
# node_modules. Served from the site itself, so a reader's browser asks no third party for them.
VENDOR = {"assets/vendor/fflate.js": "fflate/umd/index.js"}


def _vendored(config) -> dict[str, Path]:
    """Each VENDOR file, found in node_modules next to mkdocs.yml or above it, as Node resolves packages."""
    start = Path(config.config_file_path).resolve().parent
    out = {}
    for src, rel in VENDOR.items():
        candidates = (d / "node_modules" / rel for d in (start, *start.parents))
        found = next((path for path in candidates if path.is_file()), None)
        if found is None:
            raise Abort(f"找不到 node_modules/{rel}：请运行 make install"
                        "（npm ci --omit=dev 安装 package.json 锁定的浏览器库）")
        out[src] = found
    return out


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
_facets: dict[str, dict[str, str]] = {}


def on_pre_build(config):
    """Start the search indexer (macros/searchindex.py), on every build and the preview's first build.
    Later preview builds convert only the pages an edit changed and keep the first build's index."""
    global _indexer, _facets
    keep = project.dirty_preview and Path(config.site_dir, "pagefind").is_dir()
    _indexer = None if keep else searchindex.Indexer(_pagefind())
    _facets = searchwords.page_facets(site_for(config.config_file_path).lib) if _indexer else {}


def on_page_content(html, page, config, files):
    """Hand each page to the indexer as soon as its Markdown is HTML; later pages of a paged list
    (``search: exclude``) stay out, as overrides/main.html leaves them without data-pagefind-body."""
    if _indexer and not (page.meta.get("search") or {}).get("exclude"):
        facets = searchwords.label_of(page.file.src_uri, _facets)
        _indexer.add(page.file.dest_uri, page.title, html, facets)
    return html


def on_env(env, config, files):
    if _indexer:
        _indexer.close()  # every page is converted: Pagefind runs while MkDocs writes the HTML
    return env


def on_post_build(config):
    """Wait for the search index and put it in site/pagefind/, the folder assets/search.js loads."""
    if _indexer is None:
        return
    started = time.perf_counter()
    code, output = _indexer.finish(config.site_dir)
    if code != 0:
        raise Abort(f"Pagefind 建立搜索索引失败（退出码 {code}）：\n{output}")
    log.info("Pagefind: waited %.1f s for the search index", time.perf_counter() - started)


def on_build_error(error):
    if _indexer is not None:
        _indexer.stop()
