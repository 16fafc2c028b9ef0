"""Shared fixtures: throwaway projects for validation tests, one strict build, a local server."""

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

import pytest

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
