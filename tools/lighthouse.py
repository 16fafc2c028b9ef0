"""Lighthouse scores of three pages: ``python -m macros.lighthouse`` (or ``make lighthouse``).

Builds the site (strict) into a temporary folder, serves it on 127.0.0.1 with gzip like any
static host, runs the pinned Lighthouse (package.json; ``npm ci`` first) on the home page, a type
page and the first school example, a few times each with its default mobile emulation and
simulated throttling, and prints the median score of each category. The JSON reports are kept in
.lighthouse/ to read the failing audits. A measurement, not a test: CI does not run it.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / ".lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices"]
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
COMPRESSED = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".map"}


class Handler(SimpleHTTPRequestHandler):
    """http.server's static files, gzipped when the browser asks, as GitHub Pages or a CDN would."""

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if not (path.is_file() and path.suffix in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().do_GET()
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        self.wfile.write(body)

    def end_headers(self):
        self.send_header("Cache-Control", "max-age=600")  # what GitHub Pages sends
        super().end_headers()

    def log_message(self, *args):
        pass


def lighthouse(url: str, out: Path) -> dict[str, int]:
    subprocess.run(
        ["npx", "--no-install", "lighthouse", url, f"--chrome-path={CHROME}",
         "--chrome-flags=--headless --no-sandbox --disable-gpu",
         f"--only-categories={','.join(CATEGORIES)}", "--output=json", f"--output-path={out}", "--quiet"],
        cwd=ROOT, check=True,
    )
    report = json.loads(out.read_text(encoding="utf-8"))
    return {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (median), default 3")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=tmp))
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        env = {**os.environ, "SITE_URL": base, "NO_MKDOCS_2_WARNING": "1"}
        subprocess.run([sys.executable, "-m", "macros", "build", "-d", tmp],
                       cwd=ROOT, env=env, check=True)
        catalog = json.loads((Path(tmp) / "examples.json").read_text(encoding="utf-8"))
        example = next(e["url"] for e in catalog if e["union_type"] == "school")
        pages = {"home": "", "type": "types/school/", "example": example}

        threading.Thread(target=server.serve_forever, daemon=True).start()
        REPORTS.mkdir(exist_ok=True)
        rows = {}
        try:
            for name, path in pages.items():
                runs = [lighthouse(base + path, REPORTS / f"{name}-{i}.json") for i in range(args.runs)]
                rows[name] = {c: statistics.median(r[c] for r in runs) for c in CATEGORIES}
                print(f"{name}: /{path} {runs}", file=sys.stderr)
        finally:
            server.shutdown()

    print(f"\n{'page':<9}" + "".join(f"{c:>16}" for c in CATEGORIES) + f"   (median of {args.runs})")
    for name, scores in rows.items():
        print(f"{name:<9}" + "".join(f"{scores[c]:>16g}" for c in CATEGORIES))
    for name in pages:
        problems = failing(REPORTS / f"{name}-0.json")
        print(f"\n{name}: " + ("no failing audit" if not problems else "failing audits in the first run:"))
        print("".join(f"  {line}\n" for line in problems), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
