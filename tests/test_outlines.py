"""Written outlines (data/outlines/): every type × kind with examples has one, each fits every unit of its
type (no word only some units have, no theme or heading twice, numbering 一、（一）1.（1）), and a broken
file is reported as file:line: field like an example."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from conftest import FIXTURES, ROOT, make_project, real_examples
from macros.core.lint import load_checked
from macros.core.model import DataError, load
from macros.core.placeholders import TOKEN
from macros.site.views import Site

LIB = load(ROOT)
SITE = Site(LIB)
WRITTEN = [SITE.recommended(t, k) for t, k in SITE.cells()]
NUMBERING = {1: r"[一二三四五六七八九十]+、", 2: r"（[一二三四五六七八九十]+）", 3: r"\d+\.", 4: r"（\d+）"}


def test_every_type_and_kind_with_examples_has_a_written_outline():
    missing = [(t.id, k.id) for t, k in SITE.cells() if (t.id, k.id) not in LIB.outline_by_cell]
    assert not missing and len(WRITTEN) == len(SITE.cells()) >= 49


@pytest.mark.parametrize("rec", WRITTEN, ids=lambda r: f"{r.union_type.id}-{r.kind.id}")
def test_outline_fits_every_unit_of_its_type(rec):
    words = LIB.outline_file_by_type[rec.union_type.id].sub_kind_words
    text = "\n".join([rec.tree.title, *(n.heading for n in rec.tree.walk())])
    assert not [w for w in words if w in text]
    themes = [theme for theme, _ in rec.basis if theme]
    assert len(themes) == len(set(themes)) >= 2, themes  # no theme twice
    headings = [n.heading for n in rec.tree.walk()]
    assert [h for h, n in Counter(headings).items() if n > 1] == []  # no heading twice
    for node in rec.tree.walk():
        assert re.fullmatch(NUMBERING[node.level], node.number), node.numbered


@pytest.mark.parametrize("rec", WRITTEN, ids=lambda r: f"{r.union_type.id}-{r.kind.id}")
def test_outline_uses_the_placeholders_its_examples_use(rec):
    """Title as its examples write it, or the kind's own form (a topic summary's 〔年度〕年……工作总结 fits every
    topic); 〔单位名称〕总工会 where the examples write it, so one value reads right on both pages."""
    titles = {e.title for e in rec.sources if e.kind == rec.kind.id}
    forms = {rec.kind.title_pattern, *rec.kind.title_variants}
    if all("总工会" in t for t in titles):
        forms = {f.replace("〔单位名称〕工会", "〔单位名称〕总工会") for f in forms}
    assert rec.tree.title in titles | forms, (rec.tree.title, titles | forms)
    assert set(TOKEN.findall(rec.tree.title)) <= {p.token for p in LIB.placeholders}


def test_school_words_only_some_schools_have_are_listed_and_absent():
    """The issue's case: the school plan outline carried 二级教代会 and 专业认证 and repeated topics."""
    words = LIB.outline_file_by_type["school"].sub_kind_words
    assert {"二级教代会", "专业认证", "幼儿", "高考"} <= set(words)
    plan = SITE.recommended(LIB.type_by_id["school"], LIB.kind_by_id["plan"])
    text = "\n".join(n.heading for n in plan.tree.walk())
    for topic in ("青年教师", "文体活动", "离退休"):
        assert text.count(topic) <= 1, topic
    assert "〔学年〕学年" in text  # schools plan by semester: the 学年 placeholder, filled from 年度


def test_every_outline_rests_on_more_than_one_example():
    assert [r for r in WRITTEN if len(r.sources) < 2] == []
    assert all(r.same_kind >= 1 for r in WRITTEN)


VALID = (FIXTURES / "outlines" / "valid.yml").read_text(encoding="utf-8")
# (case, replace this, with this, line, code, field) in tests/fixtures/outlines/valid.yml
BROKEN = [
    ("unknown-example", "- primary-annual-summary", "- primary-annual-sumary",
     10, "unknown-example", "outlines[0].examples[1]"),
    ("example-of-another-type", "- primary-annual-summary", "- federation-plan",
     10, "wrong-union-type", "outlines[0].examples[1]"),
    ("no-example-of-the-kind", "- middle-school-plan", "- kindergarten-annual-summary",
     8, "no-example-of-kind", "outlines[0].examples"),
    ("theme-twice", "theme: 困难帮扶与送温暖", "theme: 民主管理",
     18, "duplicate-theme", "outlines[0].sections[1].theme"),
    ("heading-twice", "- 节日慰问和生病住院探望", "- 开好教代会年度会议",
     21, "duplicate-heading", "outlines[0].sections[1].items[1]"),
    ("sub-kind-word", "- 开好教代会年度会议", "- 开好幼儿园教代会年度会议",
     15, "sub-kind-word", "outlines[0].sections[0].items[0]"),
    ("numbered-heading", "heading: 健全教代会制度", "heading: 一、健全教代会制度",
     12, "numbered-heading", "outlines[0].sections[0].heading"),
    ("unknown-theme", "theme: 民主管理", "theme: 民主监督",
     13, "unknown-theme", "outlines[0].sections[0].theme"),
    ("unknown-kind", "kind: plan", "kind: plans",
     6, "unknown-kind", "outlines[0].kind"),
    ("unknown-field", "    safeguards:", "    safeguard:",
     22, "unknown-field", "outlines[0].safeguard"),
    ("unknown-placeholder", "〔年度〕年工作计划", "〔年份〕年工作计划",
     7, "unknown-placeholder", "outlines[0].title"),
    ("file-name", "union_type: school", "union_type: community",
     2, "path-mismatch", "union_type"),
]


def outline_project(tmp_path, text: str):
    root = make_project(tmp_path, real_examples())
    (root / "data" / "outlines").mkdir()
    (root / "data" / "outlines" / "school.yml").write_text(text, encoding="utf-8")
    return root


def test_valid_outline_fixture_loads(tmp_path):
    lib = load(outline_project(tmp_path, VALID))
    (outline,) = lib.outline_by_cell.values()
    assert outline.union_type == "school" and outline.sections[1].items[0] == "困难教职工建档和动态管理"


@pytest.mark.parametrize("case, old, new, line, code, field", BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_outline_is_reported_with_file_line_and_field(tmp_path, case, old, new, line, code, field):
    assert old in VALID
    with pytest.raises(DataError) as err:
        load(outline_project(tmp_path, VALID.replace(old, new, 1)))
    found = {(p.file, p.line, p.code, p.field) for p in err.value.problems}
    assert ("data/outlines/school.yml", line, code, field) in found, found


def test_outline_text_gets_the_punctuation_checks_examples_get(tmp_path):
    root = outline_project(tmp_path, VALID.replace("加强组织领导", "加强组织领导,明确分工"))
    with pytest.raises(DataError) as err:
        load_checked(root)
    found = {(p.file, p.line, p.code, p.field) for p in err.value.problems}
    assert ("data/outlines/school.yml", 24, "half-width-punctuation", "outlines[0].safeguards.items[0]") in found
