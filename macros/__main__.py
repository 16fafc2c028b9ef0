"""Command line: ``python -m macros check`` validates data/ the way the site build does."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .lint import load_checked
from .model import DataError
from .outline import build_tree, char_count


def check(root: Path) -> int:
    """Print every problem as ``file:line: field: message [code]`` and return 1, or warnings, a summary and 0."""
    try:
        lib, warnings = load_checked(root)
    except DataError as err:
        print(err)
        errors = sum(p.severity == "error" for p in err.problems)
        print(f"共 {errors} 处问题 ({errors} errors)", file=sys.stderr)
        return 1
    for problem in warnings:
        print(problem)
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
