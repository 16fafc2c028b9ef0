"""``python -m macros check | new | schema`` as a contributor runs them."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import BAD_INPUTS, ROOT, assert_reported, make_project
from macros.cli.main import main
from macros.core.model import UNFILLED, load, load_vocabulary
from macros.core.schema import MODELINE


def run_check(root, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "macros", "check", "--root", str(root), *args],
                          capture_output=True, text=True, cwd=ROOT)


def test_check_passes_on_the_repository():
    result = run_check(ROOT)
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines()[-1].startswith("ok: ")


def warned_project(base: Path) -> Path:
    """Two real examples that share one sentence: a warning (repeated-sentence) and no error."""
    shared = "工会委员会每季度听取一次会员代表对食堂饭菜质量和价格的意见。"
    files = {}
    for rel in ("school/primary-annual-summary.yml", "bank/state-bank-branch-annual-summary.yml"):
        text = (ROOT / "data" / "examples" / rel).read_text(encoding="utf-8")
        files[rel] = text.replace("closing: |-\n", f"closing: |-\n  {shared}\n", 1)
    return make_project(base, files)


def test_check_strict_fails_on_warnings_and_passes_on_a_clean_project(tmp_path):
    root = warned_project(tmp_path / "warned")
    lenient, strict = run_check(root), run_check(root, "--strict")
    assert lenient.returncode == 0 and "[repeated-sentence]" in lenient.stdout
    assert strict.returncode == 1 and "[repeated-sentence]" in strict.stdout and "--strict" in strict.stderr
    assert "Traceback" not in strict.stderr
    rel = "school/primary-annual-summary.yml"
    clean = make_project(tmp_path / "clean", {rel: (ROOT / "data" / "examples" / rel).read_text(encoding="utf-8")})
    result = run_check(clean, "--strict")
    assert result.returncode == 0 and result.stdout.startswith("ok: "), result.stdout + result.stderr


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
def test_check_exits_1_naming_file_line_and_field_for_each_bad_input(project, capsys, name):
    case = BAD_INPUTS[name]
    assert main(["check", "--root", str(project(case.files))]) == 1
    assert_reported(capsys.readouterr().out, case.expected)


# --------------------------------------------------------------------------- GitHub problem matcher

MATCHERS = json.loads((ROOT / ".github/problem-matchers/macros-check.json").read_text(encoding="utf-8"))


def matched(line: str) -> list[dict]:
    """What each matcher that matches ``line`` would annotate (Python's ``re`` reads these patterns as
    the runner does: groups, ``(?!…)``, ``\\d``, ``\\s``)."""
    found = []
    for matcher in MATCHERS["problemMatcher"]:
        (pattern,) = matcher["pattern"]
        m = re.match(pattern["regexp"], line)
        if m:
            fields = {k: m.group(pattern[k]) for k in ("file", "line", "message", "code")}
            found.append({"severity": matcher["severity"], **fields})
    return found


def test_problem_matcher_annotates_an_error_and_a_warning_of_real_check_output(project, valid_text, tmp_path):
    broken = project({"school/valid.yml": valid_text.replace("kind: annual-summary", "kind: annual-sumary")})
    (error,) = [line for line in run_check(broken).stdout.splitlines() if line.endswith("[unknown-kind]")]
    (annotation,) = matched(error)
    assert annotation["severity"] == "error" and annotation["code"] == "unknown-kind"
    assert (annotation["file"], annotation["line"]) == ("data/examples/school/valid.yml", "4")
    assert annotation["message"].startswith("kind: 未登记的文种") and "annual-summary" in annotation["message"]

    result = run_check(warned_project(tmp_path / "warned"), "--strict")
    (warning,) = [line for line in result.stdout.splitlines() if line.endswith("[repeated-sentence]")]
    (annotation,) = matched(warning)
    assert annotation["severity"] == "warning" and annotation["code"] == "repeated-sentence"
    assert annotation["file"] == "data/examples/school/primary-annual-summary.yml" and annotation["line"].isdigit()
    assert annotation["message"].startswith("closing: 警告：句子")
    output = result.stdout.splitlines() + result.stderr.splitlines()
    assert [line for line in output if matched(line)] == [warning]  # not the summary lines


def test_check_prints_no_workflow_commands_of_its_own(project, valid_text, capsys, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    root = project({"school/valid.yml": valid_text.replace("kind: annual-summary", "kind: annual-sumary")})
    assert main(["check", "--root", str(root)]) == 1
    assert "::" not in capsys.readouterr().out


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
