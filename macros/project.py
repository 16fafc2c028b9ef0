"""Find the project root and build the Site once per data state (shared by the build and the CLI)."""

from __future__ import annotations

from pathlib import Path

from .lint import load_checked
from .render import Site
from .yamlsource import Problem

_cache: dict[tuple, tuple[Site, list[Problem]]] = {}


def _fingerprint(root: Path) -> tuple:
    """Paths, sizes and mtimes of data/: a cheap key that changes whenever a YAML file does."""
    return tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in sorted((root / "data").rglob("*")))


def _entry(config_file: str | Path) -> tuple[Site, list[Problem]]:
    root = Path(config_file).resolve().parent
    key = (str(root), _fingerprint(root))
    if key not in _cache:
        _cache.clear()
        lib, warnings = load_checked(root)
        _cache[key] = (Site(lib), warnings)
    return _cache[key]


def site_for(config_file: str | Path) -> Site:
    """The Site for the project that holds ``config_file`` (mkdocs.yml); raises DataError when invalid."""
    return _entry(config_file)[0]


def warnings_for(config_file: str | Path) -> list[Problem]:
    """Lint warnings (e.g. repeated sentences) of the same data: shown, but they do not fail the build."""
    return _entry(config_file)[1]
