"""Every rule ``check`` reports, in one place: code, severity, what it checks and how to fix it.

The rules are data, listed in ``rules.yml`` next to this module and read once at import into ``RULES``.
A ``Problem`` takes its severity from there (``yamlsource.Problem.severity``) and refuses a code that is
not registered, so a check cannot invent a code or decide on its own that it is only a warning.
CONTRIBUTING.md's table of codes is written from ``RULES`` by ``python -m macros schema``
(``with_table``); a test fails while the committed table is stale. This module imports nothing from
the project: the YAML reader, the model, lint and the conventions all depend on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml

REGISTRY = Path(__file__).with_name("rules.yml")
ERROR, WARNING = "error", "warning"
SEVERITY_LABELS = {ERROR: "错误", WARNING: "警告"}
TABLE_START = "<!-- rules:start -->"  # CONTRIBUTING says above it that the table is generated
TABLE_END = "<!-- rules:end -->"


@dataclass(frozen=True)
class Rule:
    """One rule. ``what`` and ``fix`` are CONTRIBUTING's table (Markdown); ``message`` is the problem's
    text where the check words it here (the conventions), with ``{name}`` fields the check fills in."""

    code: str
    severity: Literal["error", "warning"]
    what: str
    fix: str
    message: str = ""


class RegistryError(ValueError):
    """rules.yml is malformed: a programming error, reported at import so no check runs on a bad registry."""


def load_rules(path: Path = REGISTRY) -> dict[str, Rule]:
    """The registry by code, in file order; refuses duplicate codes, unknown severities and missing texts."""
    rules: dict[str, Rule] = {}
    for entry in yaml.safe_load(path.read_text(encoding="utf-8")):
        rule = Rule(**entry)  # an unknown or missing field is a TypeError naming it
        if rule.code in rules or rule.severity not in SEVERITY_LABELS or not (rule.what and rule.fix):
            raise RegistryError(f"{path.name}: rule {rule.code!r} is duplicated, has no what/fix, "
                                f"or its severity is not {' or '.join(SEVERITY_LABELS)}")
        rules[rule.code] = rule
    return rules


RULES = load_rules()


def contributing_table() -> str:
    """CONTRIBUTING.md's table of codes, between its markers, in registry order."""
    rows = [TABLE_START, "", "| 代码 | 级别 | 检查什么 | 怎么改 |", "| --- | --- | --- | --- |"]
    for rule in RULES.values():
        cells = (f"`{rule.code}`", SEVERITY_LABELS[rule.severity], rule.what, rule.fix)
        rows.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join([*rows, "", TABLE_END])


class TableMarkersMissing(ValueError):
    """CONTRIBUTING.md has lost the comments that delimit the generated table."""


def with_table(text: str) -> str:
    """``text`` (CONTRIBUTING.md) with the generated table in place of whatever is between the markers."""
    start, end = text.find(TABLE_START), text.find(TABLE_END)
    if start < 0 or end < start:
        raise TableMarkersMissing(f"CONTRIBUTING.md 里找不到 {TABLE_START} 和 {TABLE_END} 两行注释，无法写入规则表")
    return text[:start] + contributing_table() + text[end + len(TABLE_END):]
