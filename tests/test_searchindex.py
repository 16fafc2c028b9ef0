"""The search index: Chinese as character pairs, copies of the articles only, a clear stop when Pagefind fails.
The built index itself is checked in test_build.py, searching it in test_search.py."""

from __future__ import annotations

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
    page = ('<html lang="zh"><body><header>页首</header><article class="md-content__inner" data-pagefind-body>'
            "<h1>工会&lt;img&gt;</h1><p>送温暖</p></article><footer>页脚</footer></body></html>")
    copy = index_copy(page)
    assert '<html lang="und">' in copy and "页首" not in copy and "页脚" not in copy
    assert "<h1> 工会 会 &lt;img&gt;</h1>" in copy and "送温 温暖 暖" in copy
    assert index_copy("<html><body><article><h1>404</h1></article></body></html>") is None


def test_build_stops_with_a_clear_message_when_pagefind_fails(tmp_path, monkeypatch):
    (tmp_path / "index.html").write_text("<article data-pagefind-body><h1>工会</h1></article>", encoding="utf-8")
    config = SimpleNamespace(site_dir=str(tmp_path))
    monkeypatch.setattr("pagefind.service.get_executable", lambda: "/bin/false")
    with pytest.raises(Abort, match="Pagefind 建立搜索索引失败（退出码 1）"):
        mkdocs_hooks.on_post_build(config)
    monkeypatch.setattr("pagefind.service.get_executable", lambda: None)
    with pytest.raises(Abort, match="找不到 Pagefind"):
        mkdocs_hooks.on_post_build(config)
