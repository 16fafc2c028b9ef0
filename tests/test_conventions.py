"""Document conventions (macros/core/conventions.py): conforming texts pass, word lists come from data/terms.yml,
library-wide uniformity warns without failing. Each rule's failing case is a fixture in fixtures/lint/."""

from __future__ import annotations

import pytest
from test_rules import codes_reported_by

from conftest import FIXTURES, ROOT, all_problems
from macros.core.model import DataError, load

CONVENTION_CODES = codes_reported_by(ROOT / "macros" / "core" / "conventions.py")  # the convention rules' codes

CONFORMING = sorted((FIXTURES / "conventions").glob("*.yml"))


@pytest.mark.parametrize("fixture", CONFORMING, ids=[p.stem for p in CONFORMING])
def test_text_that_follows_the_conventions_raises_none_of_their_codes(project, fixture):
    """Semester title of a 分工会, 坚持〔指导思想〕, the leadership formula, 《》, 劳动法律监督, 目前年轻,
    教职工代表大会（以下简称教代会）, 述职人：〔姓名〕: all correct, none may be flagged."""
    problems = all_problems(project({f"school/{fixture.name}": fixture.read_text(encoding="utf-8")}))
    flagged = [str(p) for p in problems if p.code in CONVENTION_CODES or p.code == "title-pattern"]
    assert flagged == []


def test_every_rule_has_a_failing_fixture_or_a_library_test():
    fixtures = {p.stem for p in (FIXTURES / "lint").glob("*.yml")}
    library_wide = {"uniform-shortcomings", "uniform-closing"}  # need several files: tested below
    assert set(CONVENTION_CODES) - library_wide <= fixtures


def _copies(n: int, edit=lambda i, text: text) -> dict[str, str]:
    text = (FIXTURES / "conventions" / "summary.yml").read_text(encoding="utf-8")
    return {f"school/s{i}.yml": edit(i, text.replace("id: summary", f"id: s{i}")) for i in range(n)}


def test_most_summaries_with_the_same_number_of_shortcomings_is_a_warning_on_each(project):
    problems = all_problems(project(_copies(4)))
    warned = [p for p in problems if p.code == "uniform-shortcomings"]
    assert len(warned) == 4 and {p.severity for p in warned} == {"warning"}
    assert "4 篇总结中有 4 篇的不足都是 2 条" in warned[0].message and warned[0].field == "shortcomings"


def test_varied_shortcomings_and_closings_raise_no_uniformity_warning(project):
    def vary(i: int, text: str) -> str:
        points = "；".join(f"{'一二三四'[j]}是问题{j}" for j in range(2 + i % 3))
        return (text.replace("一是活动形式单一；二是经费偏紧。", points + "。")
                .replace("学校工会将按照", f"第{i}种收束，学校工会将按照"))

    problems = all_problems(project(_copies(4, vary)))
    assert not [str(p) for p in problems if p.code.startswith("uniform-")]


def test_three_closings_that_start_alike_warn(project):
    problems = all_problems(project(_copies(3)))
    warned = [p for p in problems if p.code == "uniform-closing"]
    assert len(warned) == 3 and "另外 2 篇" in warned[0].message and "“学校工会”" in warned[0].message


def test_word_lists_are_read_from_data_not_code(project):
    """A term added to data/terms.yml is enforced at once, with its replacement and reason."""
    text = (FIXTURES / "conventions" / "summary.yml").read_text(encoding="utf-8")
    root = project({"school/summary.yml": text})
    terms = root / "data" / "terms.yml"
    terms.write_text(terms.read_text(encoding="utf-8").replace(
        "forbidden:\n", "forbidden:\n  - {term: 专题学习, use: 集中学习, why: 测试用}\n"), encoding="utf-8")
    (problem,) = [p for p in all_problems(root) if p.code == "forbidden-term"]
    assert problem.line == 14 and "改为“集中学习”" in problem.message and "测试用" in problem.message


def test_framing_must_cover_this_year_and_the_next(project):
    root = project()
    framing = root / "data" / "framing.yml"
    framing.write_text(framing.read_text(encoding="utf-8").replace("current_year: 2026", "current_year: 2027"),
                       encoding="utf-8")
    with pytest.raises(DataError) as err:
        load(root)
    assert [(p.file, p.code) for p in err.value.problems] == [("data/framing.yml", "framing-year")]
    assert "2028" in err.value.problems[0].message


def test_a_broken_pattern_in_terms_is_reported_with_its_line(project):
    root = project()
    terms = root / "data" / "terms.yml"
    text = terms.read_text(encoding="utf-8")
    terms.write_text(text.replace('"二十届历次全会"', '"二十届(历次全会"'), encoding="utf-8")
    with pytest.raises(DataError) as err:
        load(root)
    (problem,) = err.value.problems
    assert problem.code == "bad-pattern" and problem.field.startswith("year_bound[")


def test_repository_terms_and_framing_load():
    lib = load(ROOT)
    assert lib.framing.current_year == 2026 and lib.terms.laws


@pytest.mark.parametrize("title, ok", [
    ("〔单位名称〕分工会〔学年〕学年第一学期工作计划", True),
    ("〔单位名称〕工会〔学年〕学年工作计划", True),
    ("〔单位名称〕总工会〔年度〕年工作计划", True),
    ("〔单位名称〕〔学年〕学年第二学期工作计划", False),  # no issuing union
    ("〔单位名称〕工会〔学年〕学年第三学期工作计划", False),
])
def test_plan_titles_may_name_a_branch_union_and_a_school_term(project, title, ok):
    text = (FIXTURES / "conventions" / "plan.yml").read_text(encoding="utf-8")
    text = text.replace("title: 〔单位名称〕分工会〔学年〕学年第二学期工作计划", f"title: {title}")
    flagged = [p for p in all_problems(project({"school/plan.yml": text})) if p.code == "title-pattern"]
    assert (flagged == []) == ok


# ------------------------------------------------------------------ kinds of issue 14: rules read from kinds.yml

EXEMPLARS = {
    "congress-report": "school/county-middle-school-congress-report.yml",
    "audit-report": "enterprise/machinery-plant-audit-report.yml",
    "women-summary": "bank/city-branch-women-committee-summary.yml",
    "women-plan": "community/street-community-women-committee-plan.yml",
    "topic-summary": "enterprise/chemical-plant-ankang-cup-summary.yml",
}


def _exemplar(kind: str) -> tuple[str, str]:
    path = EXEMPLARS[kind]
    return path, (ROOT / "data" / "examples" / path).read_text(encoding="utf-8")


def _codes(project, path: str, text: str) -> set[str]:
    return {p.code for p in all_problems(project({path: text})) if p.severity == "error"}


@pytest.mark.parametrize("kind", sorted(EXEMPLARS))
def test_exemplar_of_each_new_kind_passes_alone(project, kind):
    path, text = _exemplar(kind)
    problems = [str(p) for p in all_problems(project({path: text})) if p.severity == "error"]
    assert problems == []


@pytest.mark.parametrize("kind, old, new, code", [
    # a congress report is delivered orally: the subtitle is required (kinds.yml subtitle: required)
    ("congress-report", "subtitle: ——在〔单位名称〕第四届教职工代表大会暨第四届会员代表大会第三次会议上\n", "",
     "congress-address"),
    # the women's committee and the audit committee sign as themselves (kinds.yml issuers)
    ("women-summary", "〔单位名称〕工会女职工委员会\n  〔成文日期〕",
     "〔单位名称〕工会委员会\n  〔成文日期〕", "signature-form"),
    ("audit-report", "〔单位名称〕工会经费审查委员会\n  〔成文日期〕",
     "〔单位名称〕工会委员会\n  〔成文日期〕", "signature-form"),
    # a topic summary names its topic: 〔年度〕年……工作总结 needs words where …… stands
    ("topic-summary", "title: 〔单位名称〕工会〔年度〕年“安康杯”竞赛活动总结",
     "title: 〔单位名称〕工会〔年度〕年工作总结", "title-pattern"),
    ("audit-report", "title: 〔单位名称〕工会经费审查委员会〔年度〕年工作报告",
     "title: 〔单位名称〕工会〔年度〕年工作总结", "title-pattern"),
    # a women's plan opens its guiding idea with the framing placeholder; a women's summary needs political work
    ("women-plan", "    坚持〔指导思想〕，在〔党组织〕", "    在〔党组织〕", "guiding-idea-opening"),
    ("women-summary", "themes: [思想政治引领, 女职工工作]", "themes: [女职工工作]", "political-guidance-missing"),
    ("congress-report", "themes: [思想政治引领, 师德师风与职业道德]", "themes: [师德师风与职业道德]",
     "political-guidance-missing"),
])
def test_new_kinds_rules_come_from_their_kind(project, kind, old, new, code):
    path, text = _exemplar(kind)
    assert old in text
    assert code in _codes(project, path, text.replace(old, new))


@pytest.mark.parametrize("title", ["〔单位名称〕工会〔年度〕年金秋助学工作总结",
                                   "〔单位名称〕分工会〔年度〕年职工书屋建设活动总结"])
def test_topic_summary_accepts_its_topic_in_the_title(project, title):
    path, text = _exemplar("topic-summary")
    old = "〔单位名称〕工会〔年度〕年“安康杯”竞赛活动总结"
    assert "title-pattern" not in _codes(project, path, text.replace(old, title))


def test_topic_and_audit_reports_need_no_political_section(project):
    path, text = _exemplar("topic-summary")
    assert "political-guidance-missing" not in _codes(project, path, text)
    assert "思想政治引领" not in text
