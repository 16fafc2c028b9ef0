"""The search index: Chinese as character pairs, copies of the articles only, a clear stop when Pagefind fails.
The built index itself is checked in test_build.py, searching it in test_search.py."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import Abort

from macros import mkdocs_hooks
from macros.searchindex import index_copy, pairs


@pytest.mark.parametrize(("text", "indexed"), [
    ("金秋助学", "金秋 秋助 助学 学"),
    ("癌", "癌"),
    ("组织“两癌”筛查，", "组织 织两“ 两癌 癌筛” 筛查 查，"),  # punctuation does not break the pairs
    ("清单上的23件事", "清单 单上 上的 的 23 件事 事"),
    ("onerror=alert(1) 工会", "onerror=alert(1) 工会 会"),
])
def test_pairs(text, indexed):
    assert pairs(text).split() == indexed.split()


def test_index_copy_is_the_article_with_pairs_and_entities_kept():
    copy = index_copy("工会&lt;img&gt;", "<p>送温暖</p>")
    assert '<html lang="und">' in copy and "<article data-pagefind-body>" in copy
    assert "<h1> 工会 会 &lt;img&gt;</h1>" in copy and "送温 温暖 暖" in copy
    own = index_copy("标题", "<h1>首页</h1><p>工会</p>")  # Material adds no heading when the page has one
    assert "标题" not in own and "<h1> 首页 页 </h1>" in own


def run_hooks(tmp_path, pages: dict[str, str]) -> None:
    """The hooks' search calls in build order, for pages ``{dest: html}``."""
    config = SimpleNamespace(site_dir=str(tmp_path))
    mkdocs_hooks.on_pre_build(config)
    for dest, content in pages.items():
        page = SimpleNamespace(meta={}, title="工会", file=SimpleNamespace(dest_uri=dest))
        mkdocs_hooks.on_page_content(content, page, config, None)
    mkdocs_hooks.on_env(None, config, None)
    mkdocs_hooks.on_post_build(config)


def test_index_is_built_from_the_pages_handed_over(tmp_path):
    run_hooks(tmp_path, {"index.html": "<p>送温暖</p>", "a/index.html": "<p>金秋助学</p>"})
    entry = json.loads((tmp_path / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["und"]["page_count"] == 2


def test_build_stops_with_a_clear_message_when_pagefind_fails(tmp_path, monkeypatch):
    monkeypatch.setattr("pagefind.service.get_executable", lambda: "/bin/false")
    with pytest.raises(Abort, match="Pagefind 建立搜索索引失败（退出码 1）"):
        run_hooks(tmp_path, {"index.html": "<h1>工会</h1>"})
    assert not (tmp_path / "pagefind").exists()
    monkeypatch.setattr("pagefind.service.get_executable", lambda: None)
    with pytest.raises(Abort, match="找不到 Pagefind"):
        run_hooks(tmp_path, {"index.html": "<h1>工会</h1>"})
