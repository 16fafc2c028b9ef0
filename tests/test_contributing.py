"""What a contributor meets on GitHub: CONTRIBUTING.md, issue forms, PR template, CI workflows, pre-commit."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import yaml

from conftest import ROOT
from macros.core.model import load_vocabulary
from macros.core.rules import RULES, SEVERITY_LABELS, TABLE_END, TABLE_START, TableMarkersMissing, with_table

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
ISSUE_FORMS = sorted((GITHUB / "ISSUE_TEMPLATE").glob("*.yml"))
MATCHER = GITHUB / "problem-matchers" / "macros-check.json"


def read(path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def check_jsonschema(builtin: str, files) -> subprocess.CompletedProcess:
    """check-jsonschema with the schema it ships (no download), as the pre-commit hooks run it."""
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", builtin, *map(str, files)],
                          capture_output=True, text=True)


@pytest.mark.parametrize("builtin, files", [("vendor.github-workflows", WORKFLOWS),
                                            ("vendor.github-issue-forms", ISSUE_FORMS)])
def test_github_files_are_valid_against_githubs_schemas(builtin, files):
    assert files
    result = check_jsonschema(builtin, files)
    assert result.returncode == 0, result.stdout + result.stderr


def test_pull_requests_run_ci_run_and_a_strict_build():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci.splitlines()[-1]
    workflow = read(GITHUB / "workflows" / "pull-request.yml")
    assert "pull_request" in workflow[True]  # PyYAML reads the key `on` as True
    runs = [step.get("run") for step in steps(workflow)]
    assert "bash .ci/run" in runs and "make build" in runs
    assert runs.index("bash .ci/run") < runs.index("make build")


def test_main_is_built_with_its_url_and_deployed_to_pages():
    workflow = read(GITHUB / "workflows" / "deploy.yml")
    assert workflow[True]["push"]["branches"] == ["main"]
    uses = {step["uses"].split("@")[0] for step in steps(workflow) if "uses" in step}
    assert {"actions/checkout", "actions/setup-python", "actions/upload-pages-artifact", "actions/deploy-pages"} <= uses
    (build,) = [step for step in steps(workflow) if step.get("run") == "make build"]
    assert build["env"]["SITE_URL"]
    assert workflow["permissions"]["pages"] == "write" and workflow["permissions"]["id-token"] == "write"


def test_new_example_form_offers_every_kind():
    form = read(GITHUB / "ISSUE_TEMPLATE" / "new-example.yml")
    (kind,) = [field for field in form["body"] if field.get("id") == "kind"]
    assert kind["attributes"]["options"] == [k.name for k in load_vocabulary(ROOT).kinds]


def test_pre_commit_runs_the_schema_check_yamllint_and_ruff():
    config = read(ROOT / ".pre-commit-config.yaml")
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert {"data-check", "example-schema", "check-jsonschema", "yamllint", "ruff-check"} <= set(hooks)
    assert hooks["example-schema"]["entry"].endswith("schema")
    schema_args = [h["args"] for repo in config["repos"] for h in repo["hooks"] if h["id"] == "check-jsonschema"]
    assert ["--schemafile", "docs/schema/example.schema.json"] in schema_args


CONTRIBUTING = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def test_contributing_table_of_rules_is_generated_from_the_registry():
    assert CONTRIBUTING.count(TABLE_START) == 1 and CONTRIBUTING.count(TABLE_END) == 1
    assert with_table(CONTRIBUTING) == CONTRIBUTING, (
        "CONTRIBUTING.md's table of rule codes is out of date with macros/core/rules.yml: "
        "run python -m macros schema")
    for rule in RULES.values():
        assert f"| `{rule.code}` | {SEVERITY_LABELS[rule.severity]} | " in CONTRIBUTING, rule.code


def test_a_stale_table_is_rewritten_and_lost_markers_are_named():
    stale = CONTRIBUTING.replace("| `encoding` | 错误 |", "| `encoding` | 警告 |")
    assert stale != CONTRIBUTING and with_table(stale) == CONTRIBUTING
    with pytest.raises(TableMarkersMissing, match="rules:end"):
        with_table(CONTRIBUTING.replace(TABLE_END, ""))


def test_every_workflow_that_checks_data_registers_the_problem_matcher_first():
    assert MATCHER.is_file()
    for path in WORKFLOWS:
        runs = [step.get("run", "") for step in steps(read(path))]
        checks = [i for i, run in enumerate(runs) if run in ("bash .ci/run", "make build", "make test")]
        assert checks, path.name
        register = runs.index(f"echo \"::add-matcher::{MATCHER.relative_to(ROOT).as_posix()}\"")
        assert register < min(checks), path.name


def test_contributing_covers_both_workflows_preview_and_licence():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    serve = re.search(r"^(make serve)\b", readme, flags=re.M).group(1)
    for needle in ["Add file", "Create new file", "Propose changes", "python -m macros new", serve, "CC BY 4.0",
                   "提交新范文", "报告错误", "原样显示"]:
        assert needle in CONTRIBUTING, needle
    names = {read(form)["name"] for form in ISSUE_FORMS}
    assert names == {"提交新范文", "报告错误"}


def test_pull_request_template_is_a_checklist():
    template = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    assert template.count("- [ ] ") >= 5 and "CC BY 4.0" in template
