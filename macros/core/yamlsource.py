"""Read a YAML file into plain Python values plus the line of every field.

PyYAML's loaders keep the last of two duplicate keys and forget positions, which
would silently drop a contributor's text and make errors point nowhere. Here we
compose the node tree ourselves: duplicate keys and aliases become problems,
and every value's path (``("sections", 2, "heading")``) maps to its 1-based line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .rules import RULES, WARNING

Path_ = tuple[str | int, ...]

MAX_FILE_BYTES = 256 * 1024  # the longest example is under 10 KB; a huge file would only slow the build
# Tags a plain YAML file produces. Anything else (!!python/…, !!binary, !custom) is refused:
# a contributor's file is text, never an instruction to build an object.
_PLAIN_TAGS = {f"tag:yaml.org,2002:{name}"
               for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")}
_LIBYAML = getattr(yaml, "CSafeLoader", None)
_LIBYAML_MAX_BRACKETS = 200  # example files have a dozen; libyaml recurses in C and crashes on deep [[[…]]]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data, printed as ``path:line: field: message [code]`` (a warning's message
    starts with 警告：). ``code`` must be registered in ``rules.RULES``, which also decides the severity."""

    file: str
    line: int
    field: str
    code: str
    message: str

    def __post_init__(self) -> None:
        if self.code not in RULES:
            raise ValueError(f"rule code {self.code!r} is not registered in macros/core/rules.yml")

    @property
    def severity(self) -> str:
        """``error`` fails check and the build; ``warning`` is reported and fails only ``check --strict``."""
        return RULES[self.code].severity

    def __str__(self) -> str:
        label = "警告：" if self.severity == WARNING else ""
        return f"{self.file}:{self.line}: {self.field or '-'}: {label}{self.message} [{self.code}]"


@dataclass
class Document:
    """A parsed YAML file: its value and the line where each path starts."""

    file: str
    value: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    blocks: set[Path_] = field(default_factory=set)  # values written as block scalars (``|-``)

    def line(self, path: Path_) -> int:
        """Line of ``path``, or of its nearest ancestor that exists (for missing fields)."""
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, 1)

    def text_line(self, path: Path_, offset: int) -> int:
        """Line of the ``offset``-th line inside the string at ``path`` (block scalars start below the key)."""
        return self.line(path) + (1 + offset if path in self.blocks else offset)


def field_name(path: Path_) -> str:
    """``("sections", 2, "heading")`` -> ``sections[2].heading`` (0-based, like the YAML list)."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class _Reader:
    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []
        self.lines: dict[Path_, int] = {}
        self.blocks: set[Path_] = set()
        self._seen: set[int] = set()
        self._aliased: set[int] = set()
        self._constructor = yaml.SafeLoader("")

    def problem(self, line: int, path: Path_, code: str, message: str) -> None:
        self.problems.append(Problem(self.file, line, field_name(path), code, message))

    def build(self, node: yaml.Node, path: Path_) -> Any:
        # A mapping value is reported at its key's line (set by the caller); an alias shares
        # its anchor's node, whose own mark would point back at the anchor.
        line = self.lines.setdefault(path, node.start_mark.line + 1)
        if id(node) in self._seen:  # one problem per anchor, not one per use (nine levels of nine = 72)
            if id(node) not in self._aliased:
                self._aliased.add(id(node))
                self.problem(line, path, "yaml-alias", "不允许使用 YAML 锚点和别名（&、*），请直接写出内容")
            return None
        self._seen.add(id(node))
        if node.tag not in _PLAIN_TAGS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            self.problem(line, path, "yaml-tag", f"不允许使用 YAML 标签“{tag}”，请直接写出文本")
            return None
        if isinstance(node, yaml.MappingNode):
            out: dict[str, Any] = {}
            first_line: dict[str, int] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    self.problem(key_node.start_mark.line + 1, path, "yaml-alias",
                                 "不允许使用 YAML 合并键（<<），请直接写出内容")
                    continue
                key = str(self._constructor.construct_object(key_node, deep=True))
                key_line = key_node.start_mark.line + 1
                if key in first_line:
                    self.problem(key_line, path + (key,), "duplicate-key",
                                 f"键“{key}”重复（第 {first_line[key]} 行已出现），后写的会覆盖先写的内容")
                    continue
                first_line[key] = key_line
                self.lines[path + (key,)] = key_line
                out[key] = self.build(value_node, path + (key,))
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        if node.style in ("|", ">"):
            self.blocks.add(path)
        try:
            return self._constructor.construct_object(node, deep=True)
        except (ValueError, yaml.YAMLError):  # 2026-02-30, a 5,000-digit number: let validation judge the text
            return node.value


def _compose(text: str) -> yaml.Node | None:
    """The node tree, through libyaml when it is safe (several times faster, the same line marks).

    Files libyaml rejects are read again by PyYAML, whose messages CONTRIBUTING.md documents.
    """
    if _LIBYAML and text.count("[") + text.count("{") <= _LIBYAML_MAX_BRACKETS:
        try:
            return yaml.compose(text, Loader=_LIBYAML)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


def read_yaml(path: Path, display: str) -> tuple[Document | None, list[Problem]]:
    """Parse one file; never raises for bad content, returns problems instead."""
    raw = path.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        size = f"{len(raw) // 1024} KB，上限 {MAX_FILE_BYTES // 1024} KB"
        return None, [Problem(display, 1, "", "too-large", f"文件过大（{size}），一篇范文用不了这么多")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return None, [Problem(display, line, "", "encoding",
                              "文件不是 UTF-8 编码（可能是 GBK），请用 UTF-8 另存")]
    if not text.strip():
        return None, [Problem(display, 1, "", "empty-file", "文件是空的")]
    for number, content in enumerate(text.splitlines(), start=1):
        indent = content[: len(content) - len(content.lstrip(" \t"))]
        if "\t" in indent:
            return None, [Problem(display, number, "", "yaml-tab",
                                  "缩进里有制表符（Tab），YAML 只能用空格缩进")]
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else 1
        column = f"（第 {mark.column + 1} 列）" if mark else ""
        detail = err.problem or err.context or "无法解析"
        if err.context_mark and mark is not err.context_mark and err.context_mark.line + 1 != line:
            detail += f"（{err.context}，起点在第 {err.context_mark.line + 1} 行）"
        return None, [Problem(display, line, "", "yaml-syntax", f"YAML 语法错误{column}：{detail}")]
    except yaml.reader.ReaderError as err:  # control characters such as NUL
        line = text[: err.position].count("\n") + 1
        return None, [Problem(display, line, "", "yaml-syntax",
                              f"文件里有不允许的控制字符（#x{err.character:04x}），请删除")]
    except yaml.YAMLError as err:
        return None, [Problem(display, 1, "", "yaml-syntax", f"YAML 语法错误：{err}")]
    except RecursionError:  # thousands of nested brackets overflow PyYAML's recursive composer
        return None, [Problem(display, 1, "", "too-deep", "嵌套层级过深，无法读取")]
    if node is None:
        return None, [Problem(display, 1, "", "empty-file", "文件里没有内容")]
    reader = _Reader(display)
    value = reader.build(node, ())
    return Document(display, value, reader.lines, reader.blocks), reader.problems


class CachedReader:
    """``read_yaml`` that keeps each file's result until the file's size or modification time changes: the
    preview loads the library again after every save, and all files but one are as they were."""

    def __init__(self):
        self._seen: dict[Path, tuple[tuple, tuple[Document | None, list[Problem]]]] = {}

    def __call__(self, path: Path, display: str) -> tuple[Document | None, list[Problem]]:
        stat = path.stat()
        key = (stat.st_size, stat.st_mtime_ns, display)
        seen = self._seen.get(path)
        if seen is None or seen[0] != key:
            seen = self._seen[path] = (key, read_yaml(path, display))
        return seen[1]
