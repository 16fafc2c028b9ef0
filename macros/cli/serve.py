"""``make serve``: preview the site with live reload while you edit data/ or docs/.

The generate step runs once, then ``mkdocs serve --dirty`` serves build/docs/ with its own live reload.
This process watches data/, docs/ and CONTRIBUTING.md and runs generate again after each change; generate
rewrites only the files whose content changed, so MkDocs rebuilds only those pages. Search in the preview
uses an index built once in the background after the start (a full build and the index step into
build/preview/), copied into build/docs/pagefind/; restart to index your edits.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from ..core.model import DataError
from ..core.yamlsource import CachedReader
from ..site import search
from ..site.generate import BUILD, DOCS, VendorMissing, generate
from ..site.handwritten import HandwrittenPageError

WATCHED = ("data", "docs", "CONTRIBUTING.md")
POLL_S = 0.2


def _state(root: Path) -> dict[str, tuple[int, int]]:
    """Size and modification time of every watched file: what changed between two polls."""
    out = {}
    for name in WATCHED:
        path = root / name
        for p in (path.rglob("*") if path.is_dir() else [path]):
            try:
                st = p.stat()
            except FileNotFoundError:
                continue
            out[str(p)] = (st.st_size, st.st_mtime_ns)
    return out


def _regenerate(root: Path, read: CachedReader) -> bool:
    started = time.perf_counter()
    try:
        done = generate(root, keep=("pagefind",), read=read)
    except (DataError, HandwrittenPageError, VendorMissing) as err:
        print(f"\n{err}\n（改好以后保存，预览会自动更新）", file=sys.stderr, flush=True)
        return False
    print(f"generate: {len(done.written)} written, {len(done.removed)} removed in "
          f"{time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    return True


def _index_preview(root: Path, env: dict) -> None:
    """Build once into build/preview/ and index it; the preview then serves that index."""
    site_dir = root / BUILD / "preview"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "-d", str(site_dir)],
                            cwd=root, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        print(f"预览的搜索索引没有建成：\n{result.stderr}", file=sys.stderr)
        return
    try:
        search.index(site_dir, search.load_pages(root / BUILD))
    except search.SearchIndexError as err:
        print(f"预览的搜索索引没有建成：{err}", file=sys.stderr)
        return
    target = root / BUILD / DOCS / "pagefind"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(site_dir / "pagefind", target)
    print("预览的搜索索引已建好", file=sys.stderr, flush=True)


def serve(root: Path, dev_addr: str) -> int:
    read = CachedReader()  # parse only the files that changed since the last run
    if not _regenerate(root, read):
        return 1
    # Stopped by a signal (kill, a test's terminate): leave through ``finally`` so MkDocs stops too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", dev_addr],
                              cwd=root, env=env)
    threading.Thread(target=_index_preview, args=(root, env), daemon=True).start()
    seen = _state(root)
    try:
        while server.poll() is None:
            time.sleep(POLL_S)
            now = _state(root)
            if now != seen:
                seen = now
                _regenerate(root, read)
        return server.returncode
    except KeyboardInterrupt:
        return 0
    finally:
        if server.poll() is None:
            server.terminate()
            server.wait()
