"""Shared fixtures: throwaway projects for validation tests, one strict build, a local server, Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page, expect, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
VOCABULARY = ("union_types.yml", "kinds.yml", "themes.yml", "placeholders.yml", "search_words.txt")


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


def expectations(text: str) -> set[tuple[int, str, str]]:
    """``# expect: LINE CODE FIELD`` header lines of a bad-input fixture."""
    found = re.findall(r"^# expect: (\d+) (\S+) (\S+)$", text, flags=re.M)
    return {(int(line), code, "" if field == "-" else field) for line, code, field in found}


@pytest.fixture
def project(tmp_path):
    return functools.partial(make_project, tmp_path)


@pytest.fixture(scope="session")
def valid_text() -> str:
    return (FIXTURES / "valid.yml").read_text(encoding="utf-8")


def mkdocs_build(project_dir: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` of a project into site_dir, as the README's build does."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project_dir / "mkdocs.yml"), "-d", str(site_dir)],
        capture_output=True, text=True, env=env, cwd=project_dir,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    """The built site served on 127.0.0.1 at a free port."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


# --------------------------------------------------------------------------- browser

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
SHOTS = ROOT / "test-results" / "screenshots"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
# Generous waits: CI shares 2 cores, and one run here timed out at Playwright's default 5 s.
expect.set_options(timeout=15_000)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: run `make system` (make test does it)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


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
def reader(request, browser):
    context = browser.new_context(viewport=VIEWPORTS[request.param], locale="zh-CN")
    context.set_default_timeout(30_000)
    page = context.new_page()
    watch = Watch(page)
    yield request.param, page, watch
    context.close()
    watch.assert_clean()


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)
