"""The generate step: data/ and docs/ -> the build folder the site generator builds from.

``build/docs/`` (mkdocs.yml's ``docs_dir``) receives the hand-written pages with their macros rendered,
their assets, every generated page, the Word files, ``examples.json`` and the browser's data files
(placeholder rules, search words, vendored libraries). ``build/search-pages.json`` lists the pages the index
step gives Pagefind after the build. A file is written only when its bytes change and a file nothing
generates any more is removed, so ``mkdocs serve`` (which watches ``build/docs/``) rebuilds just what an edit
touched. Word files are made again only when their inputs changed (``build/docx-keys.json``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..core.framing import kind_defaults, positioning_by_year
from ..core.lint import checked_lint
from ..core.model import load
from ..core.placeholders import browser_spec
from ..core.yamlsource import Problem, read_yaml
from . import search, word
from .background import Background
from .handwritten import render_pages
from .pages import catalog, pages
from .views import Site

BUILD = "build"
DOCS = "docs"  # the site generator's docs_dir, inside the build folder
DOCX_KEYS = "docx-keys.json"
PLACEHOLDERS_JS = "assets/placeholders.js"  # placeholder rules for docs/assets/tools.js (mkdocs.yml loads it first)
# Browser libraries from npm, pinned in package.json (`make install` runs npm ci): site path -> file in
# node_modules. Served from the site itself, so a reader's browser asks no third party for them.
VENDOR = {"assets/vendor/fflate.js": "fflate/umd/index.js"}


@dataclass
class Generated:
    """What one run did: files written, removed and left as they were, and the data's warnings."""

    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    warnings: list[Problem] = field(default_factory=list)


def generate(root: Path, build: Path | None = None, keep: tuple[str, ...] = (), read=read_yaml) -> Generated:
    """Write the build folder of the project at ``root`` (default ``root/build``). ``keep``: top-level folders
    of build/docs/ that other steps own (the preview's search index); ``read``: how example and outline
    files are parsed (see ``load``). Raises DataError when data/ is invalid,
    HandwrittenPageError when a macro in docs/ fails, VendorMissing when npm packages are not installed."""
    root = Path(root).resolve()
    build = Path(build) if build else root / BUILD
    lib = load(root, read)
    words = search.load(root, lib)  # data/search.yml, checked against the types and kinds
    site = Site(lib)
    old_keys = _read_json(build / DOCX_KEYS)
    # The content rules and the Word files run on the second core while this process renders the pages.
    with (Background(checked_lint, lib) as checked,
          Background(_changed_documents, site, old_keys, build / DOCS) as documents):
        files = _site_files(root, site, words)
        done = Generated(warnings=checked.result())  # raises DataError before anything is written
        new_keys, made = documents.result()
    files.update(made)
    docs = build / DOCS
    for src, content in files.items():
        if content is not None and _write(docs / src, content):
            done.written.append(src)
        else:
            done.unchanged += 1
    done.removed = _remove_others(docs, set(files), keep)
    _write(build / DOCX_KEYS, json.dumps(new_keys, indent=0, sort_keys=True))
    _write(build / search.PAGES, json.dumps(search.pages_to_index(lib, files), ensure_ascii=False, indent=0))
    return done


def _site_files(root: Path, site: Site, words: dict) -> dict[str, bytes | str]:
    """Every file of build/docs/ but the Word files: docs/ with its macros rendered, the generated pages,
    the catalogue and the browser's data files."""
    files: dict[str, bytes | str] = {}
    texts = {}
    for path in sorted((root / "docs").rglob("*")):
        if path.is_file():
            src = path.relative_to(root / "docs").as_posix()
            if path.suffix == ".md":
                texts[src] = path.read_text(encoding="utf-8")
            else:
                files[src] = path.read_bytes()
    files.update(render_pages(site, root, texts))
    files.update(pages(site))
    files["examples.json"] = json.dumps(catalog(site), ensure_ascii=False, indent=1)
    lib = site.lib
    rules = browser_spec(lib.placeholders, kind_defaults(lib), {"年度定位": positioning_by_year(lib)})
    spec = json.dumps(rules, ensure_ascii=False).replace("<", "\\u003c")  # safe inside a <script>
    files[PLACEHOLDERS_JS] = f"window.urPlaceholders = {spec};\n"
    files[search.ASSET] = json.dumps(words, ensure_ascii=False, separators=(",", ":"))
    for src, path in _vendored(root).items():
        files[src] = path.read_bytes()
    return files


def _changed_documents(site: Site, old_keys: dict[str, str], docs: Path) -> tuple[dict[str, str], dict]:
    """The Word files' keys, and the bytes of those whose key changed (None: leave the file as it is)."""
    keys, out = {}, {}
    for src, (key, make) in word.documents(site).items():
        keys[src] = key
        out[src] = None if old_keys.get(src) == key and (docs / src).is_file() else make()
    return keys, out


def _write(path: Path, content: bytes | str) -> bool:
    """Write ``content`` unless the file already holds it; True if written."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def _remove_others(docs: Path, wanted: set[str], keep: tuple[str, ...]) -> list[str]:
    """Remove files under ``docs`` that this run did not generate (an example deleted, a page renamed)."""
    removed = []
    for path in sorted(docs.rglob("*"), reverse=True):
        rel = path.relative_to(docs).as_posix()
        if rel.split("/")[0] in keep:
            continue
        if path.is_file() and rel not in wanted:
            path.unlink()
            removed.append(rel)
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return sorted(removed)


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}


class VendorMissing(Exception):
    """npm packages the site vendors are not installed."""


def _vendored(root: Path) -> dict[str, Path]:
    """Each VENDOR file, found in node_modules in the project or above it, as Node resolves packages."""
    out = {}
    for src, rel in VENDOR.items():
        candidates = (d / "node_modules" / rel for d in (root, *root.parents))
        found = next((path for path in candidates if path.is_file()), None)
        if found is None:
            raise VendorMissing(f"找不到 node_modules/{rel}：请运行 make install"
                                "（npm ci --omit=dev 安装 package.json 锁定的浏览器库）")
        out[src] = found
    return out
