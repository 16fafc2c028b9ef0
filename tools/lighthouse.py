"""Lighthouse scores of three pages: ``python -m tools.lighthouse`` (or ``make lighthouse``).

Lighthouse CI (@lhci/cli, pinned in package.json with the Lighthouse it runs; ``npm ci`` first) does the
measuring as lighthouserc.json says: it serves ``collect.staticDistDir`` on localhost, gzipped like any static
host, runs Lighthouse ``numberOfRuns`` times on each ``collect.url`` in Debian's Chromium with its default mobile
emulation and simulated throttling, and writes the reports and a manifest to ``upload.outputDir``. This
wrapper builds the site into staticDistDir first (``python -m macros build``: generate, strict MkDocs build,
Pagefind index), then prints the median score of each category per page and the failing audits of the median
run. A measurement, not a test: CI does not run it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "lighthouserc.json"
CATEGORIES = ["performance", "accessibility", "best-practices"]


def build(site: Path, paths: list[str]) -> None:
    """The site as ``make build`` makes it, and every page lighthouserc.json names in it (a renamed example
    would otherwise surface as a Lighthouse error page scored like a real one)."""
    shutil.rmtree(site, ignore_errors=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "macros", "build", "-d", str(site)], cwd=ROOT, env=env, check=True)
    missing = [p for p in paths if not (site / p.lstrip("/") / "index.html").is_file()]
    if missing:
        sys.exit(f"lighthouserc.json: ci.collect.url: no such page in the built site: {', '.join(missing)}")


def lhci(*args: str) -> None:
    """The pinned ``lhci`` from node_modules (``--no-install``: never fetched on the fly)."""
    subprocess.run(["npx", "--no-install", "lhci", *args], cwd=ROOT, check=True)


def medians(manifest: list[dict]) -> dict[str, dict]:
    """Per page path (the server's port changes each run): the median score (0-100) of each category, and the
    report of the run Lighthouse CI picked as representative (the median one)."""
    rows = {}
    for url in dict.fromkeys(entry["url"] for entry in manifest):
        runs = [entry for entry in manifest if entry["url"] == url]
        scores = {c: statistics.median(round(e["summary"][c] * 100) for e in runs) for c in CATEGORIES}
        median_run = next(e for e in runs if e["isRepresentativeRun"])
        rows[urlparse(url).path] = {"scores": scores, "runs": len(runs), "report": Path(median_run["jsonPath"])}
    return rows


def failing(report_path: Path) -> list[str]:
    """Audits that count towards a category and did not pass, as ``id (score): title``."""
    report = json.loads(report_path.read_text(encoding="utf-8"))
    ids = {ref["id"] for c in report["categories"].values() for ref in c["auditRefs"] if ref["weight"] > 0}
    lines = []
    for audit_id in sorted(ids):
        audit = report["audits"][audit_id]
        if audit["score"] is not None and audit["score"] < 0.9 and audit["scoreDisplayMode"] in ("binary", "numeric"):
            value = f" {audit['displayValue']}" if audit.get("displayValue") else ""
            lines.append(f"{audit_id} ({audit['score']:.2f}{value}): {audit['title']}")
    return lines


def report(rows: dict[str, dict]) -> None:
    """The table README's Performance section shows, then what kept each page below 100."""
    width = max(len(url) for url in rows) + 2
    runs = "/".join(sorted({str(row["runs"]) for row in rows.values()}))
    print(f"\n{'page':<{width}}" + "".join(f"{c:>16}" for c in CATEGORIES) + f"   (median of {runs})")
    for url, row in rows.items():
        print(f"{url:<{width}}" + "".join(f"{row['scores'][c]:>16g}" for c in CATEGORIES))
    for url, row in rows.items():
        problems = failing(row["report"])
        print(f"\n{url}: " + ("no failing audit" if not problems else "failing audits in the median run:"))
        print("".join(f"  {line}\n" for line in problems), end="")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, help="Lighthouse runs per page (median); default lighthouserc.json's")
    args = parser.parse_args(argv)
    config = json.loads(CONFIG.read_text(encoding="utf-8"))["ci"]
    site, out = ROOT / config["collect"]["staticDistDir"], ROOT / config["upload"]["outputDir"]
    build(site, config["collect"]["url"])
    shutil.rmtree(out, ignore_errors=True)  # the manifest lists this run's reports only
    lhci("collect", *([f"--numberOfRuns={args.runs}"] if args.runs else []))
    lhci("upload")
    report(medians(json.loads((out / "manifest.json").read_text(encoding="utf-8"))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
