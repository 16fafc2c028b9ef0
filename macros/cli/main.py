"""Command line: ``python -m macros check | new | schema | generate | index | serve``.

``check`` validates data/ the way the build does (``--strict``: warnings fail too, as in CI); ``new`` writes a
pre-filled example file; ``schema`` regenerates the JSON Schema that editors use and CONTRIBUTING's rule
table. ``generate`` writes the build folder the site generator builds from, ``index`` gives the built site
its search index, ``serve`` previews with live reload.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from ..core.lint import load_checked
from ..core.model import ID_RE, DataError, _suggest, load_vocabulary
from ..core.outline import build_tree, char_count
from ..core.rules import TableMarkersMissing, with_table
from ..core.schema import SCHEMA_PATH, schema_text
from ..site import generate as site_generate
from ..site import search
from ..site.generate import VendorMissing
from ..site.handwritten import HandwrittenPageError
from ..site.scaffold import scaffold

CONTRIBUTING = "CONTRIBUTING.md"  # ``schema`` writes its table of rule codes from macros/core/rules.yml


def check(root: Path, strict: bool = False) -> int:
    """Print every problem as ``file:line: field: message [code]`` and return 1, or warnings, a summary and 0.

    ``strict`` (CI) returns 1 on warnings too. In GitHub Actions the workflow's problem matcher
    (.github/problem-matchers/macros-check.json) turns these lines into annotations on the diff.
    """
    try:
        lib, warnings = load_checked(root)
        search.load(root, lib)  # data/search.yml, checked against the types and kinds
    except DataError as err:
        print(err)
        errors = sum(p.severity == "error" for p in err.problems)
        print(f"共 {errors} 处问题 ({errors} errors)", file=sys.stderr)
        return 1
    for problem in warnings:
        print(problem)
    if strict and warnings:
        print(f"共 {len(warnings)} 处警告：--strict 把警告也算作失败 ({len(warnings)} warnings)", file=sys.stderr)
        return 1
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


def _write_generated(root: Path, name: str, text: str) -> None:
    """Write a generated file only when its text changed, and say which it was."""
    path = root / name
    if path.exists() and path.read_text(encoding="utf-8") == text:
        print(f"{name} 已是最新")
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"已更新 {name}")


def schema(root: Path) -> int:
    """Write the generated contributor files: the JSON Schema for example files (run after changing the model
    or data/*.yml) and CONTRIBUTING.md's table of rule codes (after changing macros/core/rules.yml)."""
    _write_generated(root, SCHEMA_PATH, schema_text(load_vocabulary(root)))
    contributing = root / CONTRIBUTING
    if contributing.exists():  # a project made by the tests has none
        try:
            _write_generated(root, CONTRIBUTING, with_table(contributing.read_text(encoding="utf-8")))
        except TableMarkersMissing as err:
            print(err, file=sys.stderr)
            return 1
    return 0


def generate(root: Path, build: Path | None) -> int:
    """Write the build folder; print what changed. Data problems stop it like ``check`` does."""
    try:
        done = site_generate.generate(root, build)
    except (HandwrittenPageError, VendorMissing) as err:
        print(err, file=sys.stderr)
        return 1
    print(f"generate: {len(done.written)} written, {len(done.removed)} removed, {done.unchanged} unchanged")
    return 0


def index(root: Path, site_dir: Path, build: Path | None) -> int:
    """Give the built site its Pagefind index (after ``mkdocs build`` or ``zensical build``)."""
    try:
        print(search.index(site_dir, search.load_pages(build or root / site_generate.BUILD)))
    except (search.SearchIndexError, FileNotFoundError) as err:
        print(err, file=sys.stderr)
        return 1
    return 0


def build(root: Path, site_dir: Path | None, generator: str = "mkdocs") -> int:
    """The whole site in three steps, each its own program: generate, ``mkdocs build --strict`` (or
    ``zensical build --strict``), index."""
    site_dir = (site_dir or root / "site").resolve()
    if generate(root, None) or _site(root, site_dir, generator):
        return 1
    return index(root, site_dir, None)


def _site(root: Path, site_dir: Path, generator: str) -> int:
    """Build build/docs into site_dir; non-zero on any warning. Zensical has no option for the site folder (and
    wants it inside the project), so it reads a throwaway config in the root that inherits mkdocs.yml."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if generator == "mkdocs":
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(site_dir)]
        return subprocess.run(command, cwd=root, env=env).returncode
    with tempfile.NamedTemporaryFile("w", dir=root, prefix=".zensical-", suffix=".yml", encoding="utf-8") as config:
        config.write(f"INHERIT: mkdocs.yml\nsite_dir: {json.dumps(str(site_dir))}\n")  # a JSON string is YAML
        config.flush()
        command = [sys.executable, "-m", "zensical", "build", "--strict", "--config-file", config.name]
        return subprocess.run(command, cwd=root, env=env).returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros", description=__doc__)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--root", type=Path, default=Path("."), help="project root (default: .)")
    sub = parser.add_subparsers(dest="command", required=True)
    p_check = sub.add_parser("check", parents=[common], help="validate data/ and print every problem")
    p_check.add_argument("--strict", action="store_true", help="exit 1 on warnings too (CI)")
    p_new = sub.add_parser("new", parents=[common], help="write a pre-filled example file")
    p_new.add_argument("--type", required=True, dest="union_type", help="union type id, e.g. school")
    p_new.add_argument("--kind", required=True, help="document kind id, e.g. plan")
    p_new.add_argument("--slug", required=True, help="file name and id, e.g. county-hospital-plan")
    sub.add_parser("schema", parents=[common], help=f"regenerate {SCHEMA_PATH} and the rule table in {CONTRIBUTING}")
    p_gen = sub.add_parser("generate", parents=[common], help="write the build folder the site generator builds from")
    p_gen.add_argument("--build", type=Path, help="build folder (default: ROOT/build)")
    p_index = sub.add_parser("index", parents=[common], help="index a built site with Pagefind")
    p_index.add_argument("site", type=Path, nargs="?", default=Path("site"), help="the built site (default: site)")
    p_index.add_argument("--build", type=Path, help="build folder with search-pages.json (default: ROOT/build)")
    p_build = sub.add_parser("build", parents=[common], help="generate, build with MkDocs (strict), index")
    p_build.add_argument("-d", "--site-dir", type=Path, default=None, help="where the site goes (default: ROOT/site)")
    p_build.add_argument("--generator", choices=("mkdocs", "zensical"), default="mkdocs",
                         help="site generator (default: mkdocs; zensical wants the site folder inside ROOT)")
    p_serve = sub.add_parser("serve", parents=[common], help="preview with live reload; regenerates on every edit")
    p_serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on (default 127.0.0.1:8000)")
    args = parser.parse_args(argv)
    try:
        if args.command == "new":
            return new(args.root, args.union_type, args.kind, args.slug)
        if args.command == "schema":
            return schema(args.root)
        if args.command == "generate":
            return generate(args.root, args.build)
        if args.command == "index":
            return index(args.root, args.site, args.build)
        if args.command == "build":
            return build(args.root.resolve(), args.site_dir, args.generator)
        if args.command == "serve":
            from .serve import serve

            return serve(args.root.resolve(), args.dev_addr)
        return check(args.root, args.strict)
    except DataError as err:  # new, schema and generate need valid data files
        print(err)
        print(f"共 {len(err.problems)} 处问题：运行 python -m macros check 查看", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
