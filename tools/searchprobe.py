"""What the first search costs a reader: bytes transferred and milliseconds from the first keystroke in the
header search box to the first visible result, in Debian's Chromium with an empty cache.

``measure(site_url, query)`` is used by the search benchmark; Playwright (a dev dependency) is imported
only when it runs. Bytes are Chromium's own count of what came over the network (CDP
``Network.loadingFinished`` encodedDataLength: headers and body as sent) for requests that started once
typing began; the time is taken inside the page, from the search box gaining focus (the first key does
that, and the search script starts loading then) to the frame after the first result page was added (not
the card on top, which links the list of the type and kind the query names).
"""

from __future__ import annotations

import contextlib
import json
import statistics
from pathlib import Path

# Debian's Chromium and its flags, written once in lighthouserc.json (Lighthouse CI takes them from there; the
# tests' pytest-playwright fixtures and this benchmark from here): headless as root, nothing fetched from outside.
_COLLECT = json.loads((Path(__file__).resolve().parent.parent / "lighthouserc.json").read_text())["ci"]["collect"]
CHROMIUM: str = _COLLECT["chromePath"]
CHROMIUM_FLAGS: list[str] = _COLLECT["settings"]["chromeFlags"].split()

# Runs in the page before its own scripts: when the search box first gets focus or a key, and the first
# frame painted with a result in the list.
_TIMER = """
window.__probe = {};
for (const type of ["focusin", "keydown"]) {
  addEventListener(type, e => {
    if (!window.__probe.start && e.target.matches && e.target.matches(".md-search__input")) {
      window.__probe.start = performance.now();
    }
  }, true);
}
new MutationObserver((changes, observer) => {
  if (window.__probe.start && document.querySelector(".md-search-result__item:not(.ur-search-card)")) {
    observer.disconnect();
    requestAnimationFrame(() => { window.__probe.shown = performance.now(); });
  }
}).observe(document, {childList: true, subtree: true});
"""


# Where the time goes, from the page's resource timings: when the last file search needs before it can
# search had arrived (Pagefind's script, wasm, entry, metadata and filters, and the word list), when the
# last index chunk and the last result fragment had, in ms after the box got focus.
_PHASES = """() => {
  const start = window.__probe.start;
  const files = performance.getEntriesByType("resource").filter(e => e.startTime >= start - 1);
  const end = re => Math.round(Math.max(0, ...files.filter(e => re.test(e.name)).map(e => e.responseEnd - start)));
  return {ready_ms: end(/pagefind\\.js$|\\.pagefind$|entry\\.json$|pf_meta$|pf_filter$|search-words\\.json$/),
          index_ms: end(/pf_index$/), fragments_ms: end(/pf_fragment$/)};
}"""


def _once(browser, site_url: str, query: str, delay_ms: float) -> dict:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    try:
        page = context.new_page()
        page.add_init_script(_TIMER)
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        counting, started, received = [False], set(), {}

        def on_request(event):
            if counting[0]:
                started.add(event["requestId"])

        def on_finished(event):
            if event["requestId"] in started:
                received[event["requestId"]] = event["encodedDataLength"]

        cdp.on("Network.requestWillBeSent", on_request)
        cdp.on("Network.loadingFinished", on_finished)
        page.goto(site_url, wait_until="load")
        # Let the page's own late requests (Material's sitemap.xml) finish before counting; mkdocs serve
        # never goes idle (it keeps a live-reload request open), hence the short limit.
        with contextlib.suppress(PlaywrightTimeout):
            page.wait_for_load_state("networkidle", timeout=3_000)
        box = page.locator(".md-search__input")
        counting[0] = True  # every request from here on is the search's
        box.press_sequentially(query, delay=delay_ms)  # focuses the box, then one key event per character
        first = page.locator(".md-search-result__item:not(.ur-search-card)").first
        first.wait_for(state="visible", timeout=30_000)
        page.wait_for_function("window.__probe.shown")
        probe = page.evaluate("window.__probe")
        phases = page.evaluate(_PHASES)
        meta = page.locator(".md-search-result__meta").inner_text()
        digits = "".join(c for c in meta if c.isdigit())
        return {"bytes": int(sum(received.values())), "ms": round(probe["shown"] - probe["start"], 1),
                "results": int(digits) if digits else page.locator(".md-search-result__item").count(), **phases}
    finally:
        context.close()


def measure(site_url: str, query: str, runs: int = 1, delay_ms: float = 0, browser=None) -> dict:
    """``{"bytes", "ms", "results", "ready_ms", "index_ms", "fragments_ms"}`` of the first search for ``query``
    typed into a fresh page of the site (each run a new browser context: empty cache). With ``runs`` > 1, the
    median of each. ``delay_ms`` is the pause between keystrokes; the default 0 types as fast as a paste, so
    the time is the search's.
    ``browser``: a Playwright Chromium already running (the tests'); by default Debian's is launched."""
    if browser is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            launched = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            try:
                return measure(site_url, query, runs, delay_ms, launched)
            finally:
                launched.close()
    samples = [_once(browser, site_url, query, delay_ms) for _ in range(runs)]
    return {"bytes": int(statistics.median(s["bytes"] for s in samples)),
            "ms": round(statistics.median(s["ms"] for s in samples), 1),
            "results": statistics.median_low(s["results"] for s in samples),
            **{k: statistics.median(s[k] for s in samples) for k in ("ready_ms", "index_ms", "fragments_ms")}}
