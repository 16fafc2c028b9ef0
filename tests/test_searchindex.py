"""The search index: Chinese as character pairs, copies of the built articles, a clear stop when Pagefind fails.
The built index itself is checked in test_build.py, searching it in test_search.py."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, make_project
from macros.core.model import DataError, load
from macros.site import search
from macros.site.search import index_copy, pairs

VECTORS = json.loads((Path(__file__).parent / "search_vectors.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("vector", VECTORS["pairs"], ids=lambda v: v["text"])
def test_pairs(vector):
    """The same vectors as the browser's pairs and read-back (tests/search_logic.test.cjs)."""
    assert pairs(vector["text"]).split() == vector["index"].split()


def test_index_copy_is_the_article_with_pairs_and_entities_kept():
    copy = index_copy("<h1>工会&lt;img&gt;</h1><p>送温暖</p>")
    assert '<html lang="und">' in copy and "<article data-pagefind-body>" in copy
    assert "<h1> 工会 会 &lt;img&gt;</h1>" in copy and "送温 温暖 暖" in copy


def built(tmp_path, pages: dict[str, str]) -> Path:
    """A built site of ``{url: article html}`` in Material's page layout."""
    for url, article in pages.items():
        path = tmp_path / url / "index.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f'<html><body><nav>导航</nav><article class="md-content__inner md-typeset">{article}'
                        f'</article><footer>页脚</footer></body></html>', encoding="utf-8")
    return tmp_path


def test_index_is_built_from_the_listed_pages_articles(tmp_path):
    site = built(tmp_path, {"": "<h1>首页</h1><p>送温暖</p>", "a/": "<p>金秋助学</p>", "a/2/": "<p>第二页</p>"})
    summary = search.index(site, {"": {"label": "分类"}, "a/": {"label": "指南"}})
    assert "2 pages" in summary
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["und"]["page_count"] == 2


def test_index_stops_with_a_clear_message_when_pagefind_fails_or_a_page_is_missing(tmp_path, monkeypatch):
    site = built(tmp_path, {"": "<h1>工会</h1>"})
    with pytest.raises(search.SearchIndexError, match="没有这一页"):
        search.index(site, {"missing/": {"label": "分类"}})
    (site / "bare").mkdir()
    (site / "bare" / "index.html").write_text("<p>no article</p>", encoding="utf-8")
    with pytest.raises(search.SearchIndexError, match="找不到正文"):
        search.index(site, {"bare/": {"label": "分类"}})
    monkeypatch.setattr("pagefind.service.get_executable", lambda: "/bin/false")
    with pytest.raises(search.SearchIndexError, match="Pagefind 建立搜索索引失败（退出码 1）"):
        search.index(site, {"": {"label": "分类"}})
    assert not (site / "pagefind").exists()
    monkeypatch.setattr("pagefind.service.get_executable", lambda: None)
    with pytest.raises(search.SearchIndexError, match="找不到 Pagefind"):
        search.index(site, {"": {"label": "分类"}})


def test_index_copy_carries_type_kind_and_label_as_filters():
    copy = index_copy("<p>工会</p>", {"type": "school", "kind": "plan", "label": "范文", "added": "2026-01-02"})
    for attribute in ('data-pagefind-filter="type:school"', 'data-pagefind-filter="kind:plan"',
                      'data-pagefind-filter="label:范文"', 'data-pagefind-sort="added:2026-01-02"'):
        assert attribute in copy


def test_every_generated_page_gets_a_label_and_examples_their_type_and_kind():
    lib = load(ROOT)
    facets = search.page_facets(lib)
    e = lib.examples[0]
    assert search.label_of(f"examples/{e.union_type}/{e.id}.md", facets) == {
        "type": e.union_type, "kind": e.kind, "label": "范文", "added": e.added.isoformat()}
    assert search.label_of("guides/numbering.md", facets) == {"label": "指南"}
    assert search.label_of("themes/index.md", facets) == {"label": "分类"}
    assert search.label_of(f"outlines/{e.union_type}-{e.kind}.md", facets)["label"] == "提纲"


def words_json(root, tmp_path) -> Path:
    path = tmp_path / "search-words.json"
    path.write_text(json.dumps(search.load(root, load(root)), ensure_ascii=False), encoding="utf-8")
    return path


def run_node_tests(words: Path) -> subprocess.CompletedProcess:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is missing: apt install nodejs (Node 20 runs the browser logic's tests)")
    return subprocess.run([node, "--test", str(ROOT / "tests" / "search_logic.test.cjs")], capture_output=True,
                          text=True, env={"SEARCH_WORDS": str(words), "PATH": "/usr/bin:/bin"})


def test_browser_query_logic_passes_the_shared_vectors_with_the_vocabulary_from_data(tmp_path):
    """docs/assets/search.js's pairs, read-back, parse and highlight, in Node's test runner."""
    result = run_node_tests(words_json(ROOT, tmp_path))
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "# fail 0" in result.stdout


def test_vector_queries_name_registered_types_and_kinds():
    lib = load(ROOT)
    for v in VECTORS["queries"]:
        assert set(v["types"]) <= set(lib.type_by_id) and v["kind"] in (None, *lib.kind_by_id), v


def test_a_kind_added_to_kinds_yml_is_searchable_by_its_name_without_code_changes(tmp_path):
    """A kind added later (say 工会调研报告) must be found by its name at once, before plainer words."""
    root = make_project(tmp_path / "p")
    kinds = root / "data" / "kinds.yml"
    text = kinds.read_text(encoding="utf-8")
    first = text[text.index("- id: annual-summary"):text.index("- id: half-year-summary")]
    added = first.replace("id: annual-summary", "id: research-report")
    added = added.replace("name: 年度工作总结", "name: 工会调研报告")
    added = added.replace("short: 年度总结", "short: 调研报告")
    kinds.write_text(text + added, encoding="utf-8")
    words = search.load(root, load(root))
    first_kind = next(k for k in words["kinds"] if k["id"] == "research-report")
    assert "工会调研报告" in first_kind["words"] and words["kinds"].index(first_kind) < len(load(root).kinds) - 5
    union = root / "data" / "union_types.yml"
    union.write_text(union.read_text(encoding="utf-8") + """- id: women-committee
  name: 女职工委员会
  description: 测试用。
  members: 女职工
  democratic_body: 职工代表大会
  typical_themes: [女职工工作]
""", encoding="utf-8")
    words = search.load(root, load(root))
    assert [t for t in words["types"] if t["id"] == "women-committee"][0]["words"][0] == "女职工委员会"


def test_search_yml_problems_name_file_line_and_field(tmp_path):
    root = make_project(tmp_path / "p")
    path = root / "data" / "search.yml"
    text = path.read_text(encoding="utf-8").replace("  property: [", "  propery: [").replace("  - kind: key-points",
                                                                                           "  - kind: keypoints")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as err:
        search.load(root, load(root))
    lines = str(err.value).splitlines()
    line = text.splitlines().index(next(x for x in text.splitlines() if x.startswith("  propery:"))) + 1
    assert any(x.startswith(f"data/search.yml:{line}: types.propery: ") and x.endswith("[unknown-union-type]")
               for x in lines), lines
    assert any("kinds[3].kind" in x and x.endswith("[unknown-kind]") for x in lines), lines


def test_the_vocabulary_stays_small_whatever_the_corpus():
    size = len(json.dumps(search.load(ROOT, load(ROOT)), ensure_ascii=False).encode("utf-8"))
    assert size < 12_000, size
