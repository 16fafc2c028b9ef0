"""``python -m macros check`` as a contributor runs it."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


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
