"""The generate step: the build folder the site generator builds from, rewritten only where something changed."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from conftest import make_site_project, real_examples
from macros.core.model import DataError
from macros.site.generate import DOCS, generate
from macros.site.handwritten import HandwrittenPageError


@pytest.fixture
def site_project(tmp_path):
    examples = real_examples()
    return make_site_project(tmp_path / "project", examples), examples


def test_a_second_run_writes_nothing_and_one_edit_rewrites_only_what_shows_it(site_project):
    root, examples = site_project
    first = generate(root)
    assert "examples/school/primary-annual-summary.md" in first.written and not first.removed
    assert (root / "build" / DOCS / "examples/school/primary-annual-summary.docx").is_file()
    mtimes = {p: p.stat().st_mtime_ns for p in (root / "build" / DOCS).rglob("*") if p.is_file()}

    again = generate(root)
    assert again.written == [] and again.removed == [] and again.unchanged == len(mtimes)
    assert all(p.stat().st_mtime_ns == t for p, t in mtimes.items())

    path = root / "data" / "examples" / "school" / "primary-annual-summary.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("setting: ", "setting: 测试改动，", 1), encoding="utf-8")
    edited = generate(root)
    assert "examples/school/primary-annual-summary.md" in edited.written
    assert "examples/school/primary-annual-summary.docx" in edited.written  # its key covers the whole example
    assert len(edited.written) < len(mtimes) / 10, edited.written  # a few lists and the catalogue, not the site


def test_a_deleted_example_loses_its_page_and_word_file(site_project):
    root, examples = site_project
    guides = "".join(p.read_text(encoding="utf-8") for p in (root / "docs").rglob("*.md"))
    rel = next(rel for rel in examples if Path(rel).stem not in guides)  # no guide links to it
    generate(root)
    (root / "data" / "examples" / rel).unlink()
    done = generate(root)
    page = rel.removesuffix(".yml")
    assert {f"examples/{page}.md", f"examples/{page}.docx"} <= set(done.removed)
    assert not (root / "build" / DOCS / f"examples/{page}.md").exists()


def test_bad_data_or_a_bad_macro_writes_nothing(site_project):
    root, _ = site_project
    path = root / "data" / "examples" / "school" / "primary-annual-summary.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("kind: annual-summary", "kind: annual"), encoding="utf-8")
    with pytest.raises(DataError, match="primary-annual-summary.yml"):
        generate(root)
    assert not (root / "build").exists()
    path.write_text(path.read_text(encoding="utf-8").replace("kind: annual", "kind: annual-summary"), encoding="utf-8")
    (root / "docs" / "index.md").write_text("{{ no_such_macro() }}\n", encoding="utf-8")
    with pytest.raises(HandwrittenPageError, match="docs/index.md"):
        generate(root)
    assert not (root / "build").exists()


def test_search_pages_list_every_page_but_later_pages_of_a_list(site_project):
    root, _ = site_project
    generate(root)
    pages = json.loads((root / "build" / "search-pages.json").read_text(encoding="utf-8"))
    assert pages["examples/school/primary-annual-summary/"]["label"] == "范文"
    assert pages["guides/plan/"] == {"kind": "plan", "label": "指南"}
    assert "" in pages and not [url for url in pages if url.rstrip("/").split("/")[-1].isdigit()]


def test_work_in_the_background_returns_its_result_or_raises_its_error():
    from macros.site.background import Background

    with Background(sorted, [3, 1, 2]) as work:
        assert work.result() == [1, 2, 3]
    with pytest.raises(DataError), Background(_fails) as work:
        work.result()
    with Background(time.sleep, 60) as work:  # left early: the process is stopped, not left behind
        pass
    assert not work._process.is_alive()


def _fails():
    raise DataError([])


def test_the_preview_reparses_only_files_that_changed_and_sees_each_edit(site_project):
    from macros.core.yamlsource import CachedReader

    root, _ = site_project
    read = CachedReader()
    path = root / "data" / "examples" / "school" / "primary-annual-summary.yml"
    first = read(path, "x")
    assert read(path, "x") is first  # unchanged: not parsed again
    generate(root, read=read)
    path.write_text(path.read_text(encoding="utf-8").replace("setting: ", "setting: 预览改动，", 1), encoding="utf-8")
    assert read(path, "x") is not first
    done = generate(root, read=read)
    page = (root / "build" / DOCS / "examples/school/primary-annual-summary.md").read_text(encoding="utf-8")
    assert "examples/school/primary-annual-summary.md" in done.written and "预览改动" in page
