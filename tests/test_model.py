"""Validation: every rule has a bad input (conftest.BAD_INPUTS) naming the file, line, field and code to report."""

from __future__ import annotations

import pytest

from conftest import BAD_INPUTS, ROOT
from macros.core.model import DataError, load

# The bad inputs issue 5 lists, and the case of conftest.BAD_INPUTS that covers each. Look-alike
# radicals and lengths belong to the content lint (macros/core/lint.py), which has its own tests.
ISSUE_5_BAD_INPUTS = {
    "invalid YAML": "yaml-syntax",
    "tabs for indentation": "yaml-tab",
    "duplicate keys": "duplicate-key",
    "GBK or another non-UTF-8 encoding": "gbk-encoding",
    "an empty file": "empty-file",
    "a list where a string belongs": "wrong-type-list",
    "a string where a list belongs": "wrong-type-string",
    "unknown keys": "unknown-field",
    "unknown type": "unknown-union-type",
    "unknown kind": "unknown-kind",
    "unknown theme": "unknown-theme",
    "unknown placeholder": "unknown-placeholder",
    "duplicate ids across files": "duplicate-id-across-files",
    "file path not matching type": "path-mismatch-type",
    "file path not matching slug": "path-mismatch-id",
    "missing required parts": "missing-part",
    "headings with typed numbering": "numbered-heading",
    "a field of absurd length": "field-too-long",
    "YAML anchors and aliases": "yaml-alias",
    "aliases used to blow up size": "yaml-billion-laughs",
    "stray placeholders": "stray-placeholder",
    "YAML tags that would build objects": "yaml-tag",
    "guidance left from the scaffold": "unfilled",
}


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


def test_every_bad_input_of_issue_5_has_a_case():
    assert set(ISSUE_5_BAD_INPUTS.values()) <= set(BAD_INPUTS)


@pytest.mark.parametrize("name", BAD_INPUTS)
def test_bad_input_is_rejected_with_file_line_field_and_code(project, name):
    case = BAD_INPUTS[name]
    assert case.expected, f"{name}: no expected problem (a fixture needs an '# expect:' line)"
    got = {(p.file, p.line, p.code, p.field) for p in problems_for(project, case.files)}
    assert case.expected <= got, f"expected {case.expected}, got {got}"


@pytest.mark.parametrize("wrong, right", [
    ("setting:", "seting:"),  # field
    ("union_type: school", "union_type: schol"),
    ("kind: annual-summary", "kind: annual-sumary"),
    ("[民主管理]", "[民主监督]"),  # theme
    ("〔党组织〕", "〔党组〕"),  # placeholder
])
def test_misspelt_name_gets_the_nearest_valid_one_suggested(project, valid_text, wrong, right):
    expected = {"seting:": "setting", "union_type: schol": "school", "kind: annual-sumary": "annual-summary",
                "[民主监督]": "民主管理", "〔党组〕": "党组织"}[right]
    problems = problems_for(project, {"school/valid.yml": valid_text.replace(wrong, right)})
    assert any(f"你是不是想写 {expected}？" in p.message for p in problems), [str(p) for p in problems]


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


def test_utf8_bom_is_accepted(project, valid_text):
    lib = load(project({"school/valid.yml": "\ufeff".encode() + valid_text.encode("utf-8")}))
    assert lib.examples[0].id == "valid"


def test_vocabulary_file_errors_point_into_data(project, valid_text):
    root = project({"school/valid.yml": valid_text})
    themes = root / "data" / "themes.yml"
    themes.write_text(themes.read_text(encoding="utf-8") + "- id: extra\n  name: 民主管理\n  description: 重复\n",
                      encoding="utf-8")
    with pytest.raises(DataError) as err:
        load(root)
    assert any(p.file == "data/themes.yml" and p.code == "duplicate-id" for p in err.value.problems)


def test_markup_in_a_vocabulary_file_is_rejected(project, valid_text):
    """Vocabulary text reaches page templates unescaped, so it must be plain text."""
    root = project({"school/valid.yml": valid_text})
    themes = root / "data" / "themes.yml"
    themes.write_text(themes.read_text(encoding="utf-8").replace(
        "description: 组织职工学习", "description: <img src=x onerror=alert(1)>组织职工学习", 1), encoding="utf-8")
    with pytest.raises(DataError) as err:
        load(root)
    (problem,) = err.value.problems
    where = (problem.file, problem.line, problem.field, problem.code)
    assert where == ("data/themes.yml", 5, "[0].description", "markup")


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


# --------------------------------------------------------------------------- rules without a bad example file

def vocabulary_problems(root) -> list[tuple[str, str, str]]:
    with pytest.raises(DataError) as err:
        load(root)
    return [(p.file, p.field, p.code) for p in err.value.problems]


def edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_part_with_neither_text_nor_items_is_empty(project, valid_text):
    text = valid_text.replace("    text: |-\n      走访困难教职工3户。\n", "")
    problems = [(p.file, p.line, p.field, p.code) for p in problems_for(project, {"school/valid.yml": text})]
    assert ("data/examples/school/valid.yml", 21, "sections[1]", "empty-part") in problems


def test_a_missing_vocabulary_file_is_named(project, valid_text):
    root = project({"school/valid.yml": valid_text})
    (root / "data" / "themes.yml").unlink()
    assert ("data/themes.yml", "", "missing-file") in vocabulary_problems(root)


def test_a_by_year_key_must_be_a_year(project, valid_text):
    root = project({"school/valid.yml": valid_text})
    edit(root / "data" / "placeholders.yml", "  trim_suffix: [年度, 年]\n",
         '  trim_suffix: [年度, 年]\n  by_year: {"26": x}\n')
    assert ("data/placeholders.yml", "[2].by_year.26", "bad-year") in vocabulary_problems(root)


def test_a_value_outside_its_choices_is_invalid(project, valid_text):
    root = project({"school/valid.yml": valid_text})
    edit(root / "data" / "kinds.yml", "  subtitle: required\n", "  subtitle: always\n")
    (problem,) = vocabulary_problems(root)
    assert problem[0] == "data/kinds.yml" and problem[1].endswith(".subtitle") and problem[2] == "invalid-value"
