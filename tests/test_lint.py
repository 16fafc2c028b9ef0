"""Content lint: each rule has a fixture naming the exact line; repeated sentences warn without failing."""

from __future__ import annotations

import pytest

from conftest import FIXTURES, ROOT, all_problems, expectations
from macros.core.lint import load_checked
from macros.core.model import DataError

LINT = sorted((FIXTURES / "lint").glob("*.yml"))
REAL = ROOT / "data" / "examples"


def lint_problems(root) -> list:
    with pytest.raises(DataError) as err:
        load_checked(root)
    return err.value.problems


@pytest.mark.parametrize("fixture", LINT, ids=[p.stem for p in LINT])
def test_lint_fixture_reports_the_exact_line(project, fixture):
    text = fixture.read_text(encoding="utf-8")
    expected = expectations(text)
    assert expected, f"{fixture.name} has no '# expect:' line"
    problems = lint_problems(project({f"school/{fixture.name}": text}))
    got = {(p.line, p.code, p.field) for p in problems if p.file == f"data/examples/school/{fixture.name}"}
    assert expected <= got, f"expected {expected}, got {[str(p) for p in problems]}"


def test_half_width_message_names_the_mark_and_its_replacement(project):
    text = (FIXTURES / "lint" / "half-width-punctuation.yml").read_text(encoding="utf-8")
    (problem,) = [p for p in lint_problems(project({"school/half-width-punctuation.yml": text}))
                  if p.code == "half-width-punctuation"]
    assert "“,”应为“，”" in problem.message and "“(”应为“（”" in problem.message


def test_lookalike_radical_names_the_real_character(project):
    text = (FIXTURES / "lint" / "lookalike-character.yml").read_text(encoding="utf-8")
    (problem,) = [p for p in lint_problems(project({"school/lookalike-character.yml": text}))
                  if p.code == "lookalike-character"]
    assert "U+2F2F" in problem.message and "应改为“工”" in problem.message


def test_ascii_inside_figures_and_words_is_not_punctuation(project):
    """Decimals, ratios and Latin words are fine; only marks touching Chinese text are flagged."""
    real = (REAL / "school" / "primary-annual-summary.yml").read_text(encoding="utf-8")
    text = real.replace("教职工86人", "教职工86人，师生比1:12.5，配备App和5G网络")
    assert text != real
    root = project({"school/primary-annual-summary.yml": text})
    assert [str(p) for p in all_problems(root) if p.code == "half-width-punctuation"] == []


def test_sentence_shared_by_two_examples_is_a_warning_naming_both(project):
    shared = "工会委员会每季度听取一次会员代表对食堂饭菜质量和价格的意见"
    school = (REAL / "school" / "primary-annual-summary.yml").read_text(encoding="utf-8")
    bank = (REAL / "bank" / "state-bank-branch-annual-summary.yml").read_text(encoding="utf-8")
    closing_school = school.index("closing: |-\n") + len("closing: |-\n")
    closing_bank = bank.index("closing: |-\n") + len("closing: |-\n")
    root = project({
        "school/primary-annual-summary.yml": school[:closing_school] + f"  {shared}。\n" + school[closing_school:],
        "bank/state-bank-branch-annual-summary.yml": bank[:closing_bank] + f"  {shared}。\n" + bank[closing_bank:],
    })
    (warning,) = [p for p in all_problems(root) if p.code == "repeated-sentence"]
    assert warning.severity == "warning"
    assert warning.file == "data/examples/school/primary-annual-summary.yml"
    assert warning.field == "closing" and str(warning).count("警告") == 1
    bank_line = bank[:closing_bank].count("\n") + 1
    assert f"data/examples/bank/state-bank-branch-annual-summary.yml:{bank_line}" in warning.message
    school_lines = (school[:closing_school] + shared).splitlines()
    assert warning.line == len(school_lines)

