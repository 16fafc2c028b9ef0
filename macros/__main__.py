"""Command line: ``python -m macros check`` validates data/ the way the site build does."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .model import DataError, load
from .outline import build_tree, char_count


def check(root: Path) -> int:
    """Print every problem as ``file:line: field: message [code]`` and return 1, or a summary and 0."""
    try:
        lib = load(root)
    except DataError as err:
        print(err)
        print(f"共 {len(err.problems)} 处问题 ({len(err.problems)} problems)", file=sys.stderr)
        return 1
    chars = sum(char_count(build_tree(e, lib.kind_by_id[e.kind])) for e in lib.examples)
    print(f"ok: {len(lib.examples)} 篇范文（{chars:,} 字），{len(lib.union_types)} 类工会，"
          f"{len(lib.kinds)} 个文种，{len(lib.themes)} 个主题，{len(lib.placeholders)} 个占位符")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p_check = sub.add_parser("check", help="validate data/ and print every problem")
    p_check.add_argument("--root", type=Path, default=Path("."), help="project root (default: .)")
    args = parser.parse_args(argv)
    if args.command == "check":
        return check(args.root)
    return 2


if __name__ == "__main__":
    sys.exit(main())
