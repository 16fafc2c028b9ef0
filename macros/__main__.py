"""Command line: ``python -m macros check | new | schema | bench``, the contributor's side of the build.

``check`` validates data/ the way the site build does; ``new`` writes a pre-filled
example file; ``schema`` regenerates the JSON Schema that editors use.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from pathlib import Path

from . import searchwords
from .lint import load_checked
from .model import ID_RE, DataError, _suggest, load_vocabulary
from .outline import build_tree, char_count
from .scaffold import scaffold
from .schema import SCHEMA_PATH, schema_text


def check(root: Path) -> int:
    """Print every problem as ``file:line: field: message [code]`` and return 1, or warnings, a summary and 0.

    In GitHub Actions each problem is printed a second time as an ``::error`` annotation,
    which GitHub shows on the pull request next to the offending line.
    """
    try:
        lib, warnings = load_checked(root)
        searchwords.load(root, lib)  # data/search.yml, checked against the types and kinds
    except DataError as err:
        print(err)
        errors = sum(p.severity == "error" for p in err.problems)
        if os.environ.get("GITHUB_ACTIONS") == "true":
            print("\n".join(p.annotation() for p in err.problems))
        print(f"共 {errors} 处问题 ({errors} errors)", file=sys.stderr)
        return 1
    for problem in warnings:
        print(problem)
    chars = sum(char_count(build_tree(e, lib.kind_by_id[e.kind])) for e in lib.examples)
    print(f"ok: {len(lib.examples)} 篇范文（{chars:,} 字），{len(lib.union_types)} 类工会，"
          f"{len(lib.kinds)} 个文种，{len(lib.themes)} 个主题，{len(lib.placeholders)} 个占位符，"
          f"{len(lib.outline_by_cell)} 份推荐提纲")
    return 0


def new(root: Path, union_type: str, kind: str, slug: str) -> int:
    """Write data/examples/<type>/<slug>.yml from the scaffold; never overwrite anything."""
    lib = load_vocabulary(root)
    for what, value, choices in (("工会类型", union_type, list(lib.type_by_id)), ("文种", kind, list(lib.kind_by_id))):
        if value not in choices:
            print(f"未登记的{what}“{value}”。{_suggest(value, choices)}可选：{'、'.join(choices)}", file=sys.stderr)
            return 1
    if not ID_RE.match(slug):
        print(f"--slug“{slug}”不合格：只能用小写英文字母、数字和连字符，如 county-hospital-annual-summary",
              file=sys.stderr)
        return 1
    taken = sorted((root / "data" / "examples").glob(f"*/{slug}.yml"))
    if taken:
        print(f"{taken[0].relative_to(root).as_posix()} 已存在，不覆盖；换一个 --slug", file=sys.stderr)
        return 1
    path = root / "data" / "examples" / union_type / f"{slug}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(scaffold(lib, kind, union_type, slug), encoding="utf-8")
    print(f"已生成 {path.relative_to(root).as_posix()}：把其中的“待填写”换成正文，然后运行 make check")
    return 0


def schema(root: Path) -> int:
    """Write the JSON Schema for example files (run after changing the model or data/*.yml)."""
    path = root / SCHEMA_PATH
    text = schema_text(load_vocabulary(root))
    if path.exists() and path.read_text(encoding="utf-8") == text:
        print(f"{SCHEMA_PATH} 已是最新")
        return 0
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"已更新 {SCHEMA_PATH}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros", description=__doc__)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--root", type=Path, default=Path("."), help="project root (default: .)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", parents=[common], help="validate data/ and print every problem")
    p_new = sub.add_parser("new", parents=[common], help="write a pre-filled example file")
    p_new.add_argument("--type", required=True, dest="union_type", help="union type id, e.g. school")
    p_new.add_argument("--kind", required=True, help="document kind id, e.g. plan")
    p_new.add_argument("--slug", required=True, help="file name and id, e.g. county-hospital-plan")
    sub.add_parser("schema", parents=[common], help=f"regenerate {SCHEMA_PATH}")
    p_bench = sub.add_parser("bench", parents=[common], help="build a site of N examples and print timings as JSON")
    p_bench.add_argument("--examples", type=int, default=1000, help="examples in the site (default 1000)")
    p_bench.add_argument("--runs", type=int, default=3, help="builds to take the median of (default 3)")
    p_bench.add_argument("--reload", action="store_true",
                         help="instead: seconds from saving a YAML file to make serve showing it (real corpus)")
    args = parser.parse_args(argv)
    try:
        if args.command == "new":
            return new(args.root, args.union_type, args.kind, args.slug)
        if args.command == "schema":
            return schema(args.root)
        if args.command == "bench":
            from .bench import bench, reload_seconds  # imports Playwright, a development dependency

            if args.reload:
                times = reload_seconds(args.root.resolve(), args.runs)
                print(json.dumps({"reload_s": round(statistics.median(times), 2),
                                  "runs": [round(t, 2) for t in times]}))
            else:
                print(json.dumps(bench(args.root.resolve(), args.examples, args.runs)))
            return 0
        return check(args.root)
    except DataError as err:  # new and schema need valid vocabulary files
        print(err)
        return 1


if __name__ == "__main__":
    sys.exit(main())
