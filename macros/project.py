"""Find the project root and build the Site once per data state (shared by the build and the CLI)."""

from __future__ import annotations

from pathlib import Path

from .model import load
from .render import Site

_cache: dict[tuple, Site] = {}


def _fingerprint(root: Path) -> tuple:
    """Paths, sizes and mtimes of data/: a cheap key that changes whenever a YAML file does."""
    return tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in sorted((root / "data").rglob("*")))


def site_for(config_file: str | Path) -> Site:
    """The Site for the project that holds ``config_file`` (mkdocs.yml); raises DataError when invalid."""
    root = Path(config_file).resolve().parent
    key = (str(root), _fingerprint(root))
    if key not in _cache:
        _cache.clear()
        _cache[key] = Site(load(root))
    return _cache[key]
