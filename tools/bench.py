"""``python -m tools.bench --examples N``: how the build and the site scale with the corpus.

Copies the project to a temporary folder, tops the real examples up to N with
synthetic ones (each recombines the sections of two real examples of the same
kind, so the Chinese is realistic and every file passes ``check``), builds it the
way ``make build`` does, and prints one JSON line of medians over the runs:

- ``build_s``: the whole build, ``python -m macros build`` from an empty build folder: generate the pages,
  ``mkdocs build --strict``, index with Pagefind; ``peak_memory_mb``: the largest process of it;
- ``floor_s``: a plain Material build of the same rendered example pages with no
  nav entries, no macros and no search, i.e. what MkDocs itself costs; ``ratio``
  is build_s / floor_s, measured in the same run so machine noise cancels;
- ``site_bytes``, ``largest_page_bytes`` (the biggest .html, named in ``largest_page``);
- ``search_first_query_bytes``, ``search_ms``: Chromium on localhost, a reader's first search (focus the
  header box, type 社区工会工作总结): bytes transferred from the focus to its first results, and the time;
  ``search_ready_ms``, ``search_index_ms``, ``search_fragments_ms``: when the files search needs first,
  the index chunks and the result fragments had arrived (see tools/searchprobe.py).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import functools
import http.server
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

from macros.core import conventions
from macros.core.lint import LENGTH
from macros.core.model import Example, Library, load
from macros.core.outline import build_tree, char_count
from macros.core.yamlsource import read_yaml
from macros.site.pages import pages
from macros.site.urls import example_src
from macros.site.views import Site
from tools.searchprobe import CHROMIUM, CHROMIUM_FLAGS, measure

SEARCH_QUERY = "社区工会工作总结"  # what readers type most: a union type and a document kind
# What the copy leaves out at the top level (macros/site/ is code): history, builds, local tools.
SKIP = {".git", "build", "site", ".venv", "node_modules", "test-results", ".pytest_cache", "__pycache__"}
SYNTHETIC_ADDED = datetime.date(2024, 1, 1)
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: 5,000 files in seconds, not minutes
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _donors(root: Path, lib: Library, union_type: str, kind: str) -> list[dict]:
    """Real examples to recombine for a type × kind: the same cell if it has two, else the same kind."""
    cell = lib.examples_where(union_type, kind)
    pool = cell if len(cell) >= 2 else lib.examples_where(kind=kind)
    return [yaml.load((root / lib.files[e.id]).read_text(encoding="utf-8"), Loader=LOADER) for e in pool]


def synthetic(i: int, donors: list[dict]) -> dict:
    """The i-th synthetic example: one donor's frame with every other section taken from a second donor."""
    first, second = donors[i % len(donors)], donors[(i * 7 + 3) % len(donors)]
    data = dict(first)
    sections = list(first["sections"])
    for j in range(1, len(sections), 2):
        if j < len(second["sections"]):
            sections[j] = second["sections"][j]
    data["sections"] = sections
    data["id"] = f"synthetic-{i:05d}"
    data["added"] = SYNTHETIC_ADDED + datetime.timedelta(days=i % 700)
    return data


def _fits(lib: Library, data: dict) -> bool:
    """Recombined lengths must stay inside the lint's limits (1,200–3,500 characters)."""
    example = Example.model_validate(data)
    return LENGTH[0] <= char_count(build_tree(example, lib.kind_by_id[example.kind])) <= LENGTH[1]


def _follows_conventions(lib: Library, path: Path) -> bool:
    """A recombined file must pass the convention rules too (an abbreviation whose full form stayed in the
    other donor, a duty report whose 廉洁 section was swapped out), or the strict build would stop."""
    doc, found = read_yaml(path, path.name)
    if doc is None or found:
        return False
    example = Example.model_validate(doc.value)
    alone = dataclasses.replace(lib, examples=(example,), docs={example.id: doc})
    return not [p for p in conventions.check_example(alone, example) if p.severity == "error"]


def make_project(root: Path, target: Path, n: int) -> Library:
    """Copy ``root`` to ``target`` and add synthetic examples until there are ``n``; returns the real library."""
    top = str(root)
    shutil.copytree(root, target, ignore=lambda folder, names: [x for x in names if x == "__pycache__"
                                                                or (folder == top and x in SKIP)])
    if (root / "node_modules").is_dir():  # the browser libraries the build vendors (macros/site/generate.py VENDOR)
        (target / "node_modules").symlink_to((root / "node_modules").resolve())
    lib = load(root)
    if n < len(lib.examples):
        raise SystemExit(f"--examples 至少为 {len(lib.examples)}（真实范文的篇数）")
    cells = [(t.id, k.id) for k in lib.kinds for t in lib.union_types]
    donors: dict[tuple[str, str], list[dict]] = {}
    for i in range(n - len(lib.examples)):
        union_type, kind = cells[i % len(cells)]
        if (union_type, kind) not in donors:
            donors[union_type, kind] = _donors(root, lib, union_type, kind)
        pool = donors[union_type, kind]
        data = synthetic(i, pool)
        folder = target / "data" / "examples" / union_type
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{data['id']}.yml"
        fits = _fits(lib, data)
        for attempt in ((data if fits else None), dict(pool[i % len(pool)], id=data["id"], added=data["added"])):
            if attempt is None:
                continue
            attempt["union_type"] = union_type
            path.write_text(yaml.dump(attempt, Dumper=DUMPER, allow_unicode=True, sort_keys=False, width=10_000),
                            encoding="utf-8")
            if _follows_conventions(lib, path):
                break  # else: the donor as it is, which passes by itself
    return lib


def _timed(command: list[str], cwd: Path) -> tuple[float, int]:
    """Seconds and peak memory (bytes, the largest process of the run: the steps run one after another)
    of a command run as a fresh process, the way ``make build`` runs it."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed in {cwd}:\n{output.decode('utf-8', 'replace')}")
    return elapsed, usage.ru_maxrss * 1024  # Linux reports kilobytes


def _build(project: Path, site_dir: Path) -> tuple[float, int]:
    """The whole build as ``make build`` runs it: generate, mkdocs build --strict, index (from nothing)."""
    shutil.rmtree(site_dir, ignore_errors=True)
    shutil.rmtree(project / "build", ignore_errors=True)
    return _timed([sys.executable, "-m", "macros", "build", "-d", str(site_dir)], project)


def _floor(project: Path, site_dir: Path) -> tuple[float, int]:
    """A plain ``mkdocs build`` of the floor project."""
    shutil.rmtree(site_dir, ignore_errors=True)
    return _timed([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(site_dir)], project)


def _top_level_block(config_text: str, key: str) -> str:
    """One top-level block of mkdocs.yml, verbatim (it holds !!python tags that a safe loader rejects)."""
    lines = config_text.splitlines()
    start = lines.index(f"{key}:")
    end = next((i for i in range(start + 1, len(lines)) if lines[i] and not lines[i][0].isspace()), len(lines))
    return "\n".join(lines[start:end]) + "\n"


def make_floor(project: Path, target: Path) -> int:
    """The same rendered example pages as a plain Material site: no nav entries, macros, hooks or search."""
    examples = {src: md for src, md in pages(Site(load(project))).items() if src.startswith("examples/")}
    for src, markdown in examples.items():
        path = target / "docs" / src
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(markdown, encoding="utf-8")
    (target / "docs" / "index.md").write_text("# 首页\n", encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (target / "mkdocs.yml").write_text(
        "site_name: floor\ntheme:\n  name: material\n  language: zh\n  font: false\nplugins: []\n"
        "nav:\n  - index.md\n"
        # Example pages link to type, kind and theme pages that the floor does not have.
        "validation:\n  omitted_files: ignore\n  not_found: ignore\n  anchors: ignore\n"
        "  unrecognized_links: ignore\n"
        + _top_level_block(config, "markdown_extensions"), encoding="utf-8")
    return len(examples)


def _site_sizes(site_dir: Path) -> tuple[int, int, str]:
    files = [p for p in site_dir.rglob("*") if p.is_file()]
    pages = [p for p in files if p.suffix == ".html"]
    largest = max(pages, key=lambda p: p.stat().st_size)
    return sum(p.stat().st_size for p in files), largest.stat().st_size, largest.relative_to(site_dir).as_posix()


def bench(root: Path, n: int, runs: int) -> dict:
    """Build the N-example project and its floor ``runs`` times each (interleaved) and return the medians."""
    with tempfile.TemporaryDirectory(prefix="union-bench-") as tmp:
        project, floor = Path(tmp) / "project", Path(tmp) / "floor"
        make_project(root, project, n)
        make_floor(project, floor)
        builds, floors, memory = [], [], []
        for _ in range(runs):
            seconds, peak = _build(project, project / "site")
            builds.append(seconds)
            memory.append(peak)
            floors.append(_floor(floor, floor / "site")[0])
        site_bytes, largest, largest_page = _site_sizes(project / "site")
        build_s, floor_s = statistics.median(builds), statistics.median(floors)
        with serve(project / "site") as url:
            search = measure(url, SEARCH_QUERY, runs=runs)
        return {
            "examples": n,
            "build_s": round(build_s, 2),
            "floor_s": round(floor_s, 2),
            "ratio": round(build_s / floor_s, 2),
            "peak_memory_mb": round(statistics.median(memory) / 2**20),
            "site_bytes": site_bytes,
            "largest_page_bytes": largest,
            "largest_page": largest_page,
            "search_first_query_bytes": search["bytes"],
            "search_ms": search["ms"],
            "search_results": search["results"],
            "search_ready_ms": search["ready_ms"],
            "search_index_ms": search["index_ms"],
            "search_fragments_ms": search["fragments_ms"],
        }


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(directory: Path):
    """A built site on a free localhost port, like any static host (no compression); yields its URL.
    The benchmark's search figures and the browser tests both use it."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler,
                                                                                  directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def reload_seconds(root: Path, runs: int, browser=None) -> list[float]:
    """Seconds from saving one example's YAML to ``mkdocs serve`` showing the change in Chromium.

    The real corpus in a temporary copy, served as ``make serve`` does; each run appends a new marker to the
    example's ``setting``, which the page prints in its first line. ``browser``: a Playwright Chromium
    already running (the tests'); by default Debian's is launched.
    """
    import socket

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="union-reload-") as tmp:
        project = Path(tmp) / "project"
        lib = make_project(root, project, len(load(root).examples))
        example = lib.examples[0]
        path = project / lib.files[example.id]
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
        command = [sys.executable, "-m", "macros", "serve", "--dev-addr", f"127.0.0.1:{port}"]
        server = subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                  text=True)
        try:
            for line in server.stderr:  # "Serving on http://…" once the first build is done
                if "Serving on" in line:
                    break
            else:
                raise SystemExit("mkdocs serve exited before serving")
            threading.Thread(target=server.stderr.read, daemon=True).start()  # keep its log pipe from filling
            url = f"http://127.0.0.1:{port}/{example_src(example)[: -len('.md')]}/"
            if browser is None:
                with sync_playwright() as p:
                    launched = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
                    try:
                        return _edit_and_watch(launched, url, path, example.setting, runs)
                    finally:
                        launched.close()
            return _edit_and_watch(browser, url, path, example.setting, runs)
        finally:
            server.terminate()
            server.wait()


def _edit_and_watch(browser, url: str, path: Path, setting: str, runs: int) -> list[float]:
    page = browser.new_page()
    try:
        page.goto(url)
        original = path.read_text(encoding="utf-8")
        times = []
        for i in range(runs):
            page.wait_for_timeout(1500)  # the live-reload script has connected
            marker = f"测量{i + 1}号"
            path.write_text(original.replace(f"setting: {setting}", f"setting: {setting}，{marker}"), encoding="utf-8")
            start = time.perf_counter()
            page.get_by_text(marker).first.wait_for(timeout=60_000)
            times.append(time.perf_counter() - start)
        return times
    finally:
        page.close()


def main(argv: list[str] | None = None) -> int:
    import argparse
    import json

    parser = argparse.ArgumentParser(prog="python -m tools.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=Path("."), help="project root (default: .)")
    parser.add_argument("--examples", type=int, default=1000, help="examples in the site (default 1000)")
    parser.add_argument("--runs", type=int, default=3, help="builds to take the median of (default 3)")
    parser.add_argument("--reload", action="store_true",
                        help="instead: seconds from saving a YAML file to make serve showing it (real corpus)")
    args = parser.parse_args(argv)
    if args.reload:
        times = reload_seconds(args.root.resolve(), args.runs)
        print(json.dumps({"reload_s": round(statistics.median(times), 2), "runs": [round(t, 2) for t in times]}))
    else:
        print(json.dumps(bench(args.root.resolve(), args.examples, args.runs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
