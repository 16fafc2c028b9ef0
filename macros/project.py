"""Find the project root and build the Site once per data state (shared by the build and the CLI)."""

from __future__ import annotations

from pathlib import Path

from .lint import load_checked
from .render import Site
from .yamlsource import Problem

dirty_preview = False  # `mkdocs serve --dirty` (make serve); set by the hooks' on_startup
_cache: dict[Path, tuple[tuple, Site, list[Problem]]] = {}  # root -> (data fingerprint, site, lint warnings)


def _fingerprint(root: Path) -> tuple:
    """Paths, sizes and mtimes of data/: a cheap key that changes whenever a YAML file does."""
    return tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in sorted((root / "data").rglob("*")))


def refresh(config_file: str | Path) -> list[Problem]:
    """Load data/ again if a file changed since the last build (``mkdocs serve`` rebuilds on every edit);
    returns the lint warnings, which are shown but do not fail the build. Raises DataError when invalid."""
    root = Path(config_file).resolve().parent
    key = _fingerprint(root)
    if root not in _cache or _cache[root][0] != key:
        _cache.pop(root, None)
        lib, warnings = load_checked(root)
        _cache[root] = (key, Site(lib), warnings)
    return _cache[root][2]


def site_for(config_file: str | Path) -> Site:
    """The Site as of the last ``refresh``: the hooks and macros of one build ask for it many times, so
    this does not look at data/ again (a thousand examples took 15 ms a call)."""
    root = Path(config_file).resolve().parent
    if root not in _cache:
        refresh(config_file)
    return _cache[root][1]
