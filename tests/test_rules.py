"""The rule registry (macros/core/rules.yml, read by rules.py): every code a check reports is registered
there, and every registered code is reported somewhere and tested."""

from __future__ import annotations

import ast
import re

import pytest

from conftest import BAD_INPUTS, FIXTURES, ROOT, expectations
from macros.core.rules import RULES, SEVERITY_LABELS, RegistryError, load_rules
from macros.core.yamlsource import Problem

CODE_RE = re.compile(r"^[a-z]+(?:-[a-z]+)*$")
REPORTERS = {"add", "problem", "_problem"}  # helpers that build a Problem; their code is a positional string
SOURCES = sorted((ROOT / "macros").rglob("*.py"))


def _constants(node: ast.expr) -> list[str]:
    """Code-shaped strings an argument can be: a literal or either branch of ``a if x else b``."""
    if isinstance(node, ast.IfExp):
        return _constants(node.body) + _constants(node.orelse)
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and CODE_RE.match(node.value):
        return [node.value]
    return []


def _codes_in(tree: ast.AST) -> set[str]:
    """Codes passed to ``Problem(file, line, field, code, …)`` or a reporting helper, assigned to ``code``,
    or paired with a message as ``("code", "说明")`` (model's table of pydantic error types)."""
    codes: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name == "Problem":
                args = node.args[3:4] + [k.value for k in node.keywords if k.arg == "code"]
            else:
                args = node.args if name in REPORTERS else []
            codes.update(c for arg in args for c in _constants(arg))
        elif isinstance(node, ast.Tuple) and len(node.elts) == 2:
            code, message = node.elts
            chinese = isinstance(message, ast.Constant) and not str(message.value).isascii()
            if chinese or isinstance(message, ast.JoinedStr):
                codes.update(_constants(code))
        elif isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "code" for t in node.targets):
            codes.update(_constants(node.value))
    return codes


def codes_reported_by(path) -> set[str]:
    """The codes one module of macros/ reports."""
    return _codes_in(ast.parse(path.read_text(encoding="utf-8")))


def codes_in_source() -> set[str]:
    return set().union(*map(codes_reported_by, SOURCES))


def codes_in_tests() -> set[str]:
    """Codes a test expects: bad inputs, ``# expect:`` fixtures, and codes named in a test module."""
    codes = {code for case in BAD_INPUTS.values() for _, _, code, _ in case.expected}
    codes |= {code for path in FIXTURES.rglob("*.yml") for _, code, _ in expectations(path.read_text(encoding="utf-8"))}
    for path in (ROOT / "tests").glob("test_*.py"):
        if path.name != "test_rules.py":
            codes |= set(re.findall(r"[\"\[]([a-z]+(?:-[a-z]+)*)[\"\]]", path.read_text(encoding="utf-8")))
    return codes


def test_every_code_the_source_reports_is_registered():
    used = codes_in_source()
    assert len(used) >= 60, sorted(used)  # the scan still finds the checks
    assert not used - set(RULES), f"register in macros/core/rules.yml: {sorted(used - set(RULES))}"


def test_every_registered_code_is_reported_by_some_check():
    unused = set(RULES) - codes_in_source()
    assert not unused, f"no check reports these; remove them from macros/core/rules.yml: {sorted(unused)}"


def test_every_registered_code_is_tested():
    untested = set(RULES) - codes_in_tests()
    assert not untested, f"add a bad input (tests/fixtures/invalid, # expect:) or a test for: {sorted(untested)}"


def test_the_scan_sees_each_way_a_code_is_written():
    tree = ast.parse("Problem(f, 1, 'id', 'a-b', m)\nself.add(p, 'c-d' if x else 'e', m)\n"
                     "code, message = 'f-g', f'{x}'\nT = {'x': ('h-i', '说明')}\n")
    assert _codes_in(tree) == {"a-b", "c-d", "e", "f-g", "h-i"}


def test_an_unregistered_code_fails_loudly():
    with pytest.raises(ValueError, match="not registered in macros/core/rules.yml"):
        Problem("data/examples/school/x.yml", 1, "title", "no-such-rule", "说明")


@pytest.mark.parametrize("code, severity", [("repeated-sentence", "warning"), ("uniform-closing", "warning"),
                                            ("unknown-kind", "error"), ("year-bound", "error")])
def test_a_problem_takes_its_severity_from_the_registry(code, severity):
    problem = Problem("data/examples/school/x.yml", 3, "closing", code, "说明")
    assert problem.severity == severity
    assert str(problem) == f"data/examples/school/x.yml:3: closing: {'警告：' * (severity == 'warning')}说明 [{code}]"


@pytest.mark.parametrize("entries, error", [
    ("- {code: a, severity: error, what: 甲, fix: 乙}\n- {code: a, severity: error, what: 丙, fix: 丁}", RegistryError),
    ("- {code: a, severity: fatal, what: 甲, fix: 乙}", RegistryError),
    ("- {code: a, severity: error, what: 甲}", TypeError),
    ("- {code: a, severity: error, what: 甲, fix: 乙, hint: 丙}", TypeError),
])
def test_a_malformed_registry_fails_at_import(tmp_path, entries, error):
    path = tmp_path / "rules.yml"
    path.write_text(entries, encoding="utf-8")
    with pytest.raises(error):
        load_rules(path)


def test_every_rule_says_what_and_how_in_chinese():
    for rule in RULES.values():
        assert rule.severity in SEVERITY_LABELS, rule.code
        assert rule.what and rule.fix and not rule.what.isascii() and not rule.fix.isascii(), rule.code
