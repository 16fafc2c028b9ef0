"""JSON Schema for example files, generated from the model and the vocabulary in data/.

Editors (VS Code's YAML extension, JetBrains IDEs) find it through the first line
of each example file and then offer field names, union types, kinds and themes as
you type. It is a convenience, not the rule book: ``python -m macros check`` does
every check, with line numbers. Regenerate with ``python -m macros schema`` after
changing the model or a vocabulary file; a test fails while the committed copy is stale.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from .model import BLOCK_PARTS, ID_RE, MAX_FIELD_CHARS, Example, Library

SCHEMA_PATH = "docs/schema/example.schema.json"  # also published on the site at /schema/example.schema.json
MODELINE = f"# yaml-language-server: $schema=../../../{SCHEMA_PATH}"  # relative to data/examples/<type>/


def _nodes(node: Any) -> Iterator[dict]:
    """Every object in a schema tree."""
    if isinstance(node, dict):
        yield node
        for child in node.values():
            yield from _nodes(child)
    elif isinstance(node, list):
        for child in node:
            yield from _nodes(child)


def _choices(node: dict, values: dict[str, str]) -> None:
    node["enum"] = list(values)
    node["enumDescriptions"] = list(values.values())  # shown next to each completion in VS Code


def example_schema(lib: Library) -> dict:
    """The schema of data/examples/<type>/<id>.yml for this vocabulary."""
    schema = Example.model_json_schema()
    props, section = schema["properties"], schema["$defs"]["Section"]
    props["id"]["pattern"] = ID_RE.pattern
    _choices(props["union_type"], {t.id: t.name for t in lib.union_types})
    _choices(props["kind"], {k.id: k.name for k in lib.kinds})
    _choices(section["properties"]["themes"]["items"], {t.name: t.description for t in lib.themes})
    section["description"] = "正文的一个部分：标题、主题、正文，或再分下一级"
    schema["$defs"]["Block"]["description"] = "文种的固定部分（指导思想、存在的不足、下一步打算……）"
    for node in _nodes(schema):
        if isinstance(node.get("title"), str):
            del node["title"]  # pydantic's English titles ("Union Type") would hide the descriptions
        if node.get("type") == "string" and "format" not in node:
            node["maxLength"] = MAX_FIELD_CHARS
    schema["allOf"] = [
        {
            "if": {"properties": {"kind": {"const": k.id}}, "required": ["kind"]},
            "then": {"required": list(k.parts),
                     "properties": {part: False for part in BLOCK_PARTS if part not in k.parts}},
        }
        for k in lib.kinds
    ]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "工会工作范文",
        "description": "data/examples/<工会类型>/<id>.yml 的格式。完整检查请运行 python -m macros check",
        **{key: value for key, value in schema.items() if key not in ("title", "description")},
    }


def schema_text(lib: Library) -> str:
    """The committed file's exact text (stable key order, readable Chinese)."""
    return json.dumps(example_schema(lib), ensure_ascii=False, indent=2) + "\n"
