"""Validation: every rule has a bad-input fixture naming the file, line, field and code it must produce."""

from __future__ import annotations

import pytest

from conftest import FIXTURES, ROOT, expectations
from macros.model import DataError, load

INVALID = sorted((FIXTURES / "invalid").glob("*.yml"))


def problems_for(project, files) -> list:
    root = project(files)
    with pytest.raises(DataError) as err:
        load(root)
    return err.value.problems


def test_repository_data_is_valid():
    lib = load(ROOT)
    assert len(lib.examples) >= 8
    assert {e.union_type for e in lib.examples} >= {"school", "community", "enterprise", "bank"}


def test_valid_fixture_loads(project, valid_text):
    lib = load(project({"school/valid.yml": valid_text}))
    (example,) = lib.examples
    assert example.sections[0].items[1].heading == "会后督办"


@pytest.mark.parametrize("fixture", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_fixture_reports_file_line_field_and_code(project, fixture):
    text = fixture.read_text(encoding="utf-8")
    expected = expectations(text)
    assert expected, f"{fixture.name} has no '# expect:' line"
    rel = f"data/examples/school/{fixture.name}"
    problems = problems_for(project, {f"school/{fixture.name}": text})
    got = {(p.line, p.code, p.field) for p in problems if p.file == rel}
    assert expected <= got, f"expected {expected}, got {[str(p) for p in problems]}"


def test_every_problem_names_file_line_field_in_compiler_style(project, valid_text):
    problems = problems_for(project, {"school/valid.yml": valid_text.replace("[民主管理]", "[民主监督]")})
    assert str(problems[0]) == (
        "data/examples/school/valid.yml:12: sections[0].themes[0]: "
        "未登记的主题“民主监督”。你是不是想写 民主管理？主题须取自 data/themes.yml [unknown-theme]"
    )


def test_all_problems_are_reported_at_once(project, valid_text):
    bad = valid_text.replace("kind: annual-summary", "kind: nope").replace("[民主管理]", "[没有这个主题]")
    problems = problems_for(project, {"school/valid.yml": bad, "school/empty.yml": ""})
    assert {p.code for p in problems} >= {"unknown-kind", "unknown-theme", "empty-file"}


def test_duplicate_ids_across_files_are_rejected(project, valid_text):
    problems = problems_for(project, {
        "school/valid.yml": valid_text,
        "community/valid.yml": valid_text.replace("union_type: school", "union_type: community"),
    })
    dup = [p for p in problems if p.code == "duplicate-id"]
    assert len(dup) == 1 and dup[0].line == 1 and dup[0].field == "id"
    assert "data/examples/" in dup[0].message


def test_non_utf8_file_is_rejected_with_its_line(project, valid_text):
    gbk = valid_text.encode("gbk")
    problems = problems_for(project, {"school/valid.yml": gbk})
    (problem,) = problems
    assert problem.code == "encoding" and problem.file == "data/examples/school/valid.yml"
    assert problem.line == 2  # the title line holds the first non-ASCII character


def test_utf8_bom_is_accepted(project, valid_text):
    lib = load(project({"school/valid.yml": "\ufeff".encode() + valid_text.encode("utf-8")}))
    assert lib.examples[0].id == "valid"


def test_empty_file_is_rejected(project):
    (problem,) = problems_for(project, {"school/empty.yml": "\n\n"})
    assert (problem.file, problem.line, problem.code) == ("data/examples/school/empty.yml", 1, "empty-file")


def test_file_outside_a_type_folder_is_rejected(project, valid_text):
    (problem,) = problems_for(project, {"valid.yml": valid_text})
    assert problem.code == "path-mismatch"


def test_absurdly_long_field_is_rejected(project, valid_text):
    long_text = "很" * 20_001
    problems = problems_for(project, {"school/valid.yml": valid_text.replace("走访困难教职工3户。", long_text)})
    assert any(p.code == "too-long" and p.field == "sections[1].text" for p in problems)


def test_vocabulary_file_errors_point_into_data(project, valid_text):
    root = project({"school/valid.yml": valid_text})
    themes = root / "data" / "themes.yml"
    themes.write_text(themes.read_text(encoding="utf-8") + "- id: extra\n  name: 民主管理\n  description: 重复\n",
                      encoding="utf-8")
    with pytest.raises(DataError) as err:
        load(root)
    assert any(p.file == "data/themes.yml" and p.code == "duplicate-id" for p in err.value.problems)


@pytest.mark.parametrize("mutation", ["delete", "indent", "list", "mapping", "null"])
def test_no_line_edit_produces_a_traceback(project, valid_text, tmp_path, mutation):
    """Delete or mangle each line in turn: load() either succeeds or raises DataError, nothing else."""
    lines = valid_text.splitlines()
    root = project({})
    target = root / "data" / "examples" / "school" / "valid.yml"
    target.parent.mkdir(parents=True, exist_ok=True)
    for i, line in enumerate(lines):
        key, sep, _ = line.partition(":")
        mangled = {
            "delete": None,
            "indent": "   " + line,
            "list": f"{key}: [一, 二]" if sep else line,
            "mapping": f"{key}: {{a: 1}}" if sep else line,
            "null": f"{key}:" if sep else line,
        }[mutation]
        edited = lines[:i] + ([] if mangled is None else [mangled]) + lines[i + 1:]
        target.write_text("\n".join(edited) + "\n", encoding="utf-8")
        try:
            load(root)
        except DataError as err:
            assert all(p.file == "data/examples/school/valid.yml" and p.line >= 1 for p in err.problems)
