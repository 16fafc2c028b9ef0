"""Numbering and the document tree, as plain functions."""

from __future__ import annotations

import pytest

from conftest import ROOT
from macros.core.model import load
from macros.core.outline import build_tree, char_count, chinese_number, full_text, marker, outline_entries, outline_text


@pytest.mark.parametrize("n, expected", [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (20, "二十"), (37, "三十七")])
def test_chinese_number(n, expected):
    assert chinese_number(n) == expected


def test_chinese_number_rejects_out_of_range():
    with pytest.raises(ValueError):
        chinese_number(100)


@pytest.mark.parametrize("level, n, expected", [(1, 3, "三、"), (2, 12, "（十二）"), (3, 4, "4."), (4, 2, "（2）")])
def test_marker_follows_official_hierarchy(level, n, expected):
    assert marker(level, n) == expected


@pytest.fixture
def tree(project, valid_text):
    lib = load(project({"school/valid.yml": valid_text}))
    return build_tree(lib.examples[0], lib.kind_by_id["annual-summary"])


def test_tree_numbers_sections_then_fixed_parts_with_kind_headings(tree):
    assert [n.numbered for n in tree.body] == [
        "一、开好教代会", "二、关心教职工生活", "三、加强工会自身建设", "四、存在的不足", "五、下一步工作打算"]
    assert [c.numbered for c in tree.body[0].children] == ["（一）会前征集提案", "（二）会后督办"]
    assert tree.body[4].children[0].numbered == "（一）丰富活动形式"
    assert [n.anchor for n in tree.walk()][:3] == ["s1", "s1-1", "s1-2"]


def test_outline_text_is_title_and_numbered_headings_one_per_line(tree):
    assert outline_text(tree).splitlines() == [
        "〔单位名称〕工会〔年度〕年工作总结",
        "一、开好教代会", "（一）会前征集提案", "（二）会后督办",
        "二、关心教职工生活", "三、加强工会自身建设", "四、存在的不足", "五、下一步工作打算", "（一）丰富活动形式",
    ]


def test_outline_entries_carry_levels(tree):
    assert outline_entries(tree)[:2] == [{"level": 1, "heading": "一、开好教代会"},
                                         {"level": 2, "heading": "（一）会前征集提案"}]


def test_full_text_keeps_every_paragraph_in_order(tree):
    lines = full_text(tree).splitlines()
    assert lines[1].startswith("〔年度〕年，学校工会")
    assert lines.index("征集提案6件，立案4件。") + 1 == lines.index("第二段文字。")
    assert lines[-1] == "新的一年，学校工会将继续努力。"
    assert char_count(tree) == sum(len(line.replace(" ", "")) for line in lines)


def test_deep_levels_use_arabic_markers(project, valid_text):
    deeper = valid_text.replace(
        "          4件立案提案全部办结。",
        "          4件立案提案全部办结。\n        items:\n          - heading: 三级\n            items:\n"
        "              - heading: 四级",
    )
    lib = load(project({"school/valid.yml": deeper}))
    headings = [n.numbered for n in build_tree(lib.examples[0], lib.kinds[0]).walk()]
    assert "1.三级" in headings and "（1）四级" in headings


def test_plan_parts_come_in_kind_order():
    lib = load(ROOT)
    plan = next(e for e in lib.examples if e.kind == "plan")
    body = build_tree(plan, lib.kind_by_id["plan"]).body
    assert [body[0].heading, body[1].heading, body[-1].heading] == ["指导思想", "工作目标", "保障措施"]
