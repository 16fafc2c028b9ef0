"""Shared fixtures: throwaway projects, the table of bad inputs, one strict build, a local server, and
pytest-playwright's browser fixtures pointed at Debian's Chromium."""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page, expect

from tools.bench import serve
from tools.searchprobe import CHROMIUM, CHROMIUM_FLAGS  # one list of Chromium flags for tests and benchmark

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
VOCABULARY = ("union_types.yml", "kinds.yml", "themes.yml", "placeholders.yml", "framing.yml", "terms.yml",
              "search.yml")


def make_project(base: Path, examples: dict[str, str | bytes] | None = None) -> Path:
    """A project with the real vocabulary files and the given example files (path under data/examples)."""
    (base / "data" / "examples").mkdir(parents=True)
    for name in VOCABULARY:
        shutil.copy(ROOT / "data" / name, base / "data" / name)
    for rel, content in (examples or {}).items():
        path = base / "data" / "examples" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return base


def real_examples() -> dict[str, str]:
    """The repository's examples, keyed like ``make_project`` wants (the guides link to some of them)."""
    folder = ROOT / "data" / "examples"
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in sorted(folder.glob("*/*.yml"))}


def make_site_project(base: Path, examples: dict[str, str | bytes] | None = None) -> Path:
    """``make_project`` plus what the build reads: mkdocs.yml, docs/, macros/, overrides/, CONTRIBUTING.md."""
    project = make_project(base, examples)
    for name in ("mkdocs.yml", "CONTRIBUTING.md"):
        shutil.copy(ROOT / name, project)
    for folder in ("docs", "macros", "overrides"):
        shutil.copytree(ROOT / folder, project / folder, ignore=shutil.ignore_patterns("__pycache__"))
    (project / "node_modules").symlink_to(ROOT / "node_modules")  # the browser libraries the build vendors
    return project


@pytest.fixture
def project(tmp_path):
    return functools.partial(make_project, tmp_path)


@pytest.fixture(scope="session")
def valid_text() -> str:
    return (FIXTURES / "valid.yml").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- bad inputs

def expectations(text: str) -> set[tuple[int, str, str]]:
    """``# expect: LINE CODE FIELD`` header lines of a fixture."""
    found = re.findall(r"^# expect: (\d+) (\S+) (\S+)$", text, flags=re.M)
    return {(int(line), code, "" if field == "-" else field) for line, code, field in found}


class BadInput(NamedTuple):
    """Example files (under data/examples) and the problems, ``(file, line, code, field)``, they must raise."""

    files: dict[str, str | bytes]
    expected: set[tuple[str, int, str, str]]


def _bad_inputs() -> dict[str, BadInput]:
    """Every bad input that ``check`` and the build must stop on: one per fixture file, plus those
    a text fixture cannot hold (other encodings, several files, sizes)."""
    cases = {}
    for fixture in sorted((FIXTURES / "invalid").glob("*.yml")):
        text = fixture.read_text(encoding="utf-8")
        rel = f"school/{fixture.name}"
        cases[fixture.stem] = BadInput({rel: text}, {(f"data/examples/{rel}", *e) for e in expectations(text)})
    valid = (FIXTURES / "valid.yml").read_text(encoding="utf-8")
    at = "data/examples/school/valid.yml"

    def one(content: str | bytes, line: int, code: str, field: str = "") -> BadInput:
        return BadInput({"school/valid.yml": content}, {(at, line, code, field)})

    cases.update({
        "gbk-encoding": one(valid.encode("gbk"), 2, "encoding"),  # line of the first non-ASCII character
        "empty-file": one("\n\n", 1, "empty-file"),
        "control-character": one(valid.replace("period: 全年", "period: 全\x00年"), 5, "yaml-syntax"),
        "nested-too-deep": one(valid + "extra: " + "[" * 3000 + "]" * 3000 + "\n", 1, "too-deep"),
        "file-too-large": one(valid + "# " + "很" * 100_000 + "\n", 1, "too-large"),
        "field-too-long": one(valid.replace("走访困难教职工3户。", "很" * 20_001), 23, "too-long", "sections[1].text"),
        "duplicate-id-across-files": BadInput(
            {"school/valid.yml": valid,
             "community/valid.yml": valid.replace("union_type: school", "union_type: community")},
            {(at, 1, "duplicate-id", "id")}),
        "outside-type-folder": BadInput({"valid.yml": valid}, {("data/examples/valid.yml", 1, "path-mismatch", "")}),
        "not-yml": BadInput({"school/valid.yaml": valid},
                            {("data/examples/school/valid.yaml", 1, "bad-file-name", "")}),
    })
    return cases


BAD_INPUTS = _bad_inputs()


def all_problems(root: Path) -> list:
    """Every error and warning of ``check`` on a project (a test of one rule must not depend on the others)."""
    from macros.core.lint import load_checked
    from macros.core.model import DataError

    try:
        return load_checked(root)[1]
    except DataError as err:
        return err.problems


def assert_reported(output: str, expected: set[tuple[str, int, str, str]]) -> None:
    """Each expected problem is one ``file:line: field: message [code]`` line of the output."""
    lines = output.splitlines()
    for file, line, code, field in expected:
        prefix = f"{file}:{line}: {field or '-'}: "
        assert any(x.startswith(prefix) and x.endswith(f"[{code}]") for x in lines), f"no {prefix}… [{code}]:\n{output}"


# --------------------------------------------------------------------------- builds, server, browser

def site_build(project_dir: Path, site_dir: Path, build_dir: Path | None = None) -> subprocess.CompletedProcess:
    """``python -m macros build`` (generate, ``mkdocs build --strict``, index) of a project into site_dir, as
    ``make build`` runs it. ``build_dir``: the generated folder, by default the project's build/."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    command = [sys.executable, "-m", "macros", "build", "--root", str(project_dir), "-d", str(site_dir)]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=project_dir)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real project built once into a temporary copy (so the tests never touch the working build/)."""
    project = make_site_project(tmp_path_factory.mktemp("project"), real_examples())
    shutil.copytree(ROOT / "data" / "outlines", project / "data" / "outlines")  # the written outlines too
    site = tmp_path_factory.mktemp("site")
    result = site_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, browser_name):
    """pytest-playwright's ``browser`` is Debian's Chromium with the flags the benchmark uses: Playwright
    cannot download its own browsers here, so ``--browser firefox`` or ``webkit`` has nothing to run."""
    if browser_name != "chromium":
        pytest.fail(f"--browser {browser_name}: only Debian's Chromium is installed here (leave --browser out)")
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: run `make system` (make test does it)")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_FLAGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """Every page of pytest-playwright's ``new_context``, ``context`` and ``page`` reads Chinese, like a reader."""
    return {**browser_context_args, "locale": "zh-CN"}


# --------------------------------------------------------------------------- browser

SHOTS = ROOT / "test-results" / "screenshots"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
# Generous waits: CI shares 2 cores, and one run here timed out at Playwright's default 5 s.
expect.set_options(timeout=15_000)


class Watch:
    """Every request host and console error a page produced."""

    def __init__(self, page: Page):
        self.hosts: set[str] = set()
        self.errors: list[str] = []
        page.on("request", lambda r: self.hosts.add(urlparse(r.url).hostname or r.url))
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))

    def assert_clean(self):
        foreign = {h for h in self.hosts if h not in {"127.0.0.1", "localhost"} and not h.startswith("data:")}
        assert not foreign, f"requests to other hosts: {foreign}"
        assert not self.errors, f"console errors: {self.errors}"


@pytest.fixture(params=list(VIEWPORTS))
def reader(request, new_context):
    """A page at each viewport, in a context pytest-playwright records (``--tracing``, ``--screenshot``) and
    closes; no request may leave 127.0.0.1 and the console must stay free of errors."""
    context = new_context(viewport=VIEWPORTS[request.param])
    context.set_default_timeout(30_000)
    page = context.new_page()
    watch = Watch(page)
    yield request.param, page, watch
    context.close()
    watch.assert_clean()


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


def as_built(lib, example, text: str) -> str:
    """``text`` as the site shows it before a reader types anything: the placeholders the build fills from
    data/framing.yml (〔指导思想〕〔年度定位〕) replaced, through the one grammar in macros/core/placeholders.py."""
    from macros.core.framing import placeholder_defaults
    from macros.core.placeholders import fill, resolve

    return fill(text, resolve(lib.placeholders, {}, placeholder_defaults(lib, example)))
