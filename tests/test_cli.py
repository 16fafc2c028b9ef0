"""``python -m macros check | new | schema`` as a contributor runs them."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from conftest import BAD_INPUTS, ROOT, assert_reported, make_project
from macros.cli.main import main
from macros.core.model import UNFILLED, load, load_vocabulary
from macros.core.schema import MODELINE
from macros.core.yamlsource import Problem


def run_check(root) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "macros", "check", "--root", str(root)],
                          capture_output=True, text=True, cwd=ROOT)


def test_check_passes_on_the_repository():
    result = run_check(ROOT)
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("ok: ") and len(result.stdout.splitlines()) == 1


def test_check_lists_every_problem_and_exits_1_without_traceback(project, valid_text):
    root = project({
        "school/valid.yml": valid_text.replace("kind: annual-summary", "kind: annual-sumary"),
        "school/broken.yml": "id: broken\ntitle: [\n",
        "bank/gbk.yml": valid_text.encode("gbk"),
    })
    result = run_check(root)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert any(line.startswith("data/examples/school/valid.yml:4: kind: ") and "annual-summary" in line
               and line.endswith("[unknown-kind]") for line in lines), lines
    assert any(line.startswith("data/examples/school/broken.yml:") and "[yaml-syntax]" in line for line in lines)
    assert any(line.startswith("data/examples/bank/gbk.yml:2: -: ") and "[encoding]" in line for line in lines)
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize("name", BAD_INPUTS)
def test_check_exits_1_naming_file_line_and_field_for_each_bad_input(project, capsys, monkeypatch, name):
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    case = BAD_INPUTS[name]
    assert main(["check", "--root", str(project(case.files))]) == 1
    out = capsys.readouterr().out
    assert_reported(out, case.expected)
    assert "::error" not in out


# --------------------------------------------------------------------------- GitHub annotations

def test_check_prints_github_annotations_in_github_actions(project, valid_text, capsys, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    root = project({"school/valid.yml": valid_text.replace("kind: annual-summary", "kind: annual-sumary")})
    assert main(["check", "--root", str(root)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert any(line.startswith("data/examples/school/valid.yml:4: kind: ") for line in lines)  # the plain line stays
    (annotation,) = [line for line in lines if line.startswith("::error ")]
    assert annotation.startswith("::error file=data/examples/school/valid.yml,line=4,title=unknown-kind::kind: ")
    assert "你是不是想写 annual-summary？" in annotation


def test_annotation_escapes_what_would_end_or_split_the_command():
    problem = Problem("data/examples/a,b/x:y.yml", 3, "title", "yaml-syntax", "50% 第一行\n第二行")
    assert problem.annotation() == (
        "::error file=data/examples/a%2Cb/x%3Ay.yml,line=3,title=yaml-syntax::title: 50%25 第一行%0A第二行")


# --------------------------------------------------------------------------- new

def new(root, *args: str) -> int:
    return main(["new", "--root", str(root), *args])


@pytest.mark.parametrize("kind", [k.id for k in load_vocabulary(ROOT).kinds])
def test_new_writes_the_kinds_parts_and_check_fails_until_guidance_is_replaced(project, capsys, kind):
    root = project({})
    assert new(root, "--type", "school", "--kind", kind, "--slug", "county-school") == 0
    path = root / "data" / "examples" / "school" / "county-school.yml"
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == MODELINE
    assert main(["check", "--root", str(root)]) == 1
    codes = set(re.findall(r"\[([a-z-]+)\]$", capsys.readouterr().out, flags=re.M))
    assert codes == {"unfilled"}, codes

    path.write_text(re.sub(rf"{UNFILLED}[^\n]*", "工会组织职工开展活动", text), encoding="utf-8")
    example = load(root).examples[0]
    assert (example.id, example.union_type, example.kind) == ("county-school", "school", kind)


def test_new_refuses_to_overwrite_an_existing_file(project, valid_text, capsys):
    root = project({"school/valid.yml": valid_text})
    assert new(root, "--type", "school", "--kind", "plan", "--slug", "valid") == 1
    assert (root / "data/examples/school/valid.yml").read_text(encoding="utf-8") == valid_text
    assert new(root, "--type", "bank", "--kind", "plan", "--slug", "valid") == 1  # the id is taken in school/
    assert not (root / "data/examples/bank").exists()
    assert "已存在，不覆盖" in capsys.readouterr().err


@pytest.mark.parametrize("args, message", [
    (["--type", "schol", "--kind", "plan", "--slug", "x"], "你是不是想写 school？"),
    (["--type", "school", "--kind", "pla", "--slug", "x"], "你是不是想写 plan？"),
    (["--type", "school", "--kind", "plan", "--slug", "County_School"], "小写英文字母"),
])
def test_new_rejects_unknown_names_with_a_suggestion(project, capsys, args, message):
    root = project({})
    assert new(root, *args) == 1
    assert message in capsys.readouterr().err
    assert not list((root / "data" / "examples").rglob("*.yml"))


def test_new_works_while_another_example_is_broken(project):
    root = project({"school/broken.yml": "id: [\n"})
    assert new(root, "--type", "school", "--kind", "plan", "--slug", "fresh") == 0


# --------------------------------------------------------------------------- schema

def test_schema_command_writes_the_schema_once(tmp_path, capsys):
    root = make_project(tmp_path / "p")
    assert main(["schema", "--root", str(root)]) == 0
    written = (root / "docs/schema/example.schema.json").read_text(encoding="utf-8")
    assert written == (ROOT / "docs/schema/example.schema.json").read_text(encoding="utf-8")
    assert main(["schema", "--root", str(root)]) == 0
    assert "已是最新" in capsys.readouterr().out
