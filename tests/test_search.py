"""Search in Chromium: Pagefind behind Material's header box finds every page that holds a query, reads
queries the way union officers type them (tests/search_queries.yml), never leaves a blank panel, and behaves
like Material's search (keys, Esc, clicking a result, a site under a sub-path).

The expected pages are read from the built site itself: the indexed part of each page (the article
minus data-pagefind-ignore) holding every word of the query, and examples.json for each example's type
and kind.
"""

from __future__ import annotations

import functools
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from lxml import html as lxml_html
from playwright.sync_api import expect

from conftest import VIEWPORTS, Watch, serve, shot
from macros.site.search import later_page
from tools.searchprobe import measure

pytestmark = pytest.mark.browser


@functools.cache
def indexed_text(site_dir, url_path: str) -> str:
    """What the index holds for a page: its article without the ignored parts, whitespace dropped."""
    if later_page(url_path.strip("/") + ".md"):  # later pages of a paged list are left out of the index
        return ""
    root = lxml_html.parse(str(site_dir / url_path.strip("/") / "index.html")).getroot()
    (article,) = root.xpath("//article[contains(@class, 'md-content__inner')]")
    for ignored in article.xpath(".//*[@data-pagefind-ignore]"):
        ignored.getparent().remove(ignored)
    return re.sub(r"\s+", "", article.text_content())


def pages_holding(site_dir, words: list[str]) -> set[str]:
    pages = {"/" + p.parent.relative_to(site_dir).as_posix() + "/" for p in site_dir.rglob("index.html")
             if "pagefind" not in p.parts}
    pages = {p.replace("/./", "/") for p in pages}
    return {p for p in pages if all(w in indexed_text(site_dir, p) for w in words)}


@pytest.fixture
def desk(browser):
    context = browser.new_context(viewport=VIEWPORTS["desktop"], locale="zh-CN")
    context.set_default_timeout(30_000)
    page = context.new_page()
    watch = Watch(page)
    yield page
    context.close()
    watch.assert_clean()


def ask(page, query: str) -> str:
    """Put ``query`` in the header box of the page already open and wait until its results are shown
    (search.js counts each finished search in data-done); the count line."""
    done = page.locator(".md-search-result").get_attribute("data-done") or "0"
    page.locator(".md-search__input").fill(query)
    page.wait_for_function("done => (document.querySelector('.md-search-result').dataset.done || '0') !== done",
                           arg=done)
    return page.locator(".md-search-result__meta").inner_text()


def search(page, url: str, query: str) -> int:
    """Open ``url``, put ``query`` in the header box at once and wait for its results; the count."""
    page.goto(url)
    meta = ask(page, query)
    found = re.search(r"(\d+) (?:个符合条件的结果|篇)", meta)
    return int(found.group(1)) if found else 0


def result_paths(page) -> list[str]:
    hrefs = page.locator(".md-search-result__item > a").evaluate_all("els => els.map(a => a.pathname)")
    return hrefs


def title_of(link) -> str:
    """A result's title without its label (范文, 提纲, 指南, 分类)."""
    return link.locator("h1").evaluate(
        "h => [...h.childNodes].filter(n => !(n.classList && n.classList.contains('ur-search-label')))"
        ".map(n => n.textContent).join('').trim()")


QUERIES = ["金秋助学", "厂务公开", "送温暖", "职工 书屋", "女职工 两癌", "疗休养", "工资集体协商"]


@pytest.mark.parametrize("query", QUERIES)
def test_every_page_holding_the_query_is_found_and_the_first_ten_hold_it(desk, site_url, built_site, query):
    """The words jieba and the browser's segmenter cut differently (金秋助学, 厂务公开, 送温暖, 职工书屋)
    found 4–10 % of their pages with Pagefind's own Chinese segmentation; every one must be found."""
    words = query.split()
    expected = pages_holding(built_site, words)
    assert expected, f"no page holds {words}: choose another query"
    count = search(desk, site_url, query)
    assert count >= len(expected), f"{query}: {count} results, {len(expected)} pages hold it"
    first = result_paths(desk)
    assert len(first) == min(10, count)
    missing = [p for p in first if p not in expected]
    assert not missing, f"{query}: results without {words}: {missing}"


def test_two_word_query_marks_both_words_in_the_excerpts(desk, site_url):
    search(desk, site_url, "女职工 两癌")
    marks = desk.locator(".md-search-result__item > a mark").all_inner_texts()
    assert "女职工" in marks and "两癌" in marks, marks
    shot(desk, "search-two-words-desktop")


def test_quotation_marks_in_the_text_do_not_hide_a_word(desk, site_url, built_site):
    """The examples write “两癌”筛查; a reader types 两癌筛查."""
    expected = pages_holding(built_site, ["“两癌”筛查"])
    assert search(desk, site_url, "两癌筛查") >= len(expected) > 0
    assert set(result_paths(desk)) & expected


def test_outdoor_workers_finds_the_examples_about_their_service_stations(desk, site_url, built_site):
    search(desk, site_url, "户外劳动者")
    stations = [p for p in result_paths(desk) if p.startswith("/examples/")
                and "户外劳动者服务站点" in indexed_text(built_site, p)]
    assert len(stations) >= 3, result_paths(desk)


def test_jiaodaihui_ranks_a_school_example_first(desk, site_url):
    search(desk, site_url, "教代会")
    assert result_paths(desk)[0].startswith("/examples/school/"), result_paths(desk)


def test_a_query_no_page_holds_says_so_and_suggests_where_to_look(desk, site_url):
    assert search(desk, site_url, "鳄鱼潜水艇") == 0
    expect(desk.locator(".md-search-result__meta")).to_have_text("没有找到含“鳄鱼潜水艇”的页面")
    expect(desk.locator(".md-search-result__item")).to_have_count(0)
    suggest = desk.locator(".ur-search-suggest")
    expect(suggest.locator("a", has_text="按类型浏览")).to_be_visible()
    expect(suggest.locator("a", has_text="按文种浏览")).to_be_visible()


@pytest.mark.parametrize("query", ["职工书屋活动", "热水艇"])
def test_the_characters_apart_step_shows_only_pages_holding_every_character(desk, site_url, built_site, query):
    """Pagefind drops a term it has no word for and reads 水艇 as 水 (pages with 热水 for 热水艇); the
    relaxed step must show no page that lacks one of the characters, and nothing when one is on no page."""
    assert not pages_holding(built_site, [query])
    meta_count = search(desk, site_url, query)
    meta = desk.locator(".md-search-result__meta").inner_text()
    shown = result_paths(desk)
    assert all(set(query) <= set(indexed_text(built_site, p)) for p in shown), shown
    if all(pages_holding(built_site, [c]) for c in query):
        assert meta.startswith("没有完全匹配“" + query + "”的页面，下面是相近的") and meta_count and shown, meta
    else:
        assert meta == "没有找到含“" + query + "”的页面" and not shown, meta


def test_titles_and_excerpts_read_as_the_page_does(desk, site_url, built_site):
    """The index spells Chinese as pairs (金秋 秋助 助学); results must show the page's own text."""
    search(desk, site_url, "金秋助学")
    first = desk.locator(".md-search-result__item > a").first
    title = title_of(first)
    assert title == desk.evaluate("p => fetch(p).then(r => r.text())", result_paths(desk)[0]).split(
        "<h1")[1].split(">", 1)[1].split("</h1>")[0]
    excerpt = first.locator("p").inner_text()
    assert "金秋助学" in excerpt and " " not in excerpt.strip(), excerpt
    assert re.sub(r"\s+", "", excerpt).strip("…") in indexed_text(built_site, result_paths(desk)[0])


def test_keys_slash_focuses_arrows_move_escape_closes(desk, site_url):
    desk.goto(site_url)
    desk.keyboard.press("/")
    box = desk.locator(".md-search__input")
    expect(box).to_be_focused()
    box.press_sequentially("疗休养")
    expect(desk.locator(".md-search-result__item").first).to_be_visible()
    desk.keyboard.press("ArrowDown")
    expect(desk.locator(".md-search-result__item > a").first).to_be_focused()
    desk.keyboard.press("Escape")
    expect(desk.locator("#__search")).not_to_be_checked()
    expect(desk.locator(".md-search__output")).to_be_hidden()
    desk.keyboard.press("s")
    expect(box).to_be_focused()
    expect(desk.locator(".md-search-result__item").first).to_be_visible()  # the results stay, as in Material


def test_clicking_a_result_opens_the_example_and_closes_search(desk, site_url):
    search(desk, site_url, "金秋助学")
    item = desk.locator(".md-search-result__item > a").filter(has_text="工会").nth(1)
    title = title_of(item)
    path = item.evaluate("a => a.pathname")
    item.click()
    expect(desk).to_have_url(re.compile(re.escape(path) + "$"))
    expect(desk.locator("h1").first).to_have_text(title)
    expect(desk.locator("#__search")).not_to_be_checked()


def test_scrolling_to_the_end_of_the_list_shows_ten_more(desk, site_url):
    assert search(desk, site_url, "职工之家") > 20
    items = desk.locator(".md-search-result__item")
    expect(items).to_have_count(10)
    desk.locator(".md-search__scrollwrap").evaluate("el => el.scrollTo(0, el.scrollHeight)")
    expect(items).to_have_count(20)


def test_enter_opens_the_first_result(desk, site_url):
    search(desk, site_url, "疗休养")
    path = result_paths(desk)[0]
    desk.locator(".md-search__input").press("Enter")
    expect(desk).to_have_url(re.compile(re.escape(path) + "$"))


def test_search_loads_nothing_before_the_reader_searches(desk, site_url):
    loaded = []
    desk.on("request", lambda r: loaded.append(r.url))
    desk.goto(site_url + "examples/school/primary-annual-summary/")
    desk.wait_for_load_state("networkidle")
    assert not [u for u in loaded if "/pagefind/" in u or "search_index" in u], loaded
    desk.locator(".md-search__input").click()
    expect(desk.locator(".md-search-result__meta")).to_have_text("键入以开始搜索")
    assert any(u.endswith("/pagefind/pagefind.js") for u in loaded)
    assert not [u for u in loaded if "pagefind-worker" in u]


def test_search_works_under_a_sub_path_and_after_instant_navigation(desk, built_site, tmp_path):
    """Deployed at /reports/ (a GitHub Pages project site), entered on a deep page, searched after
    Material's instant navigation has swapped the page without reloading the script."""
    shutil.copytree(built_site, tmp_path / "reports", symlinks=True)
    with serve(tmp_path) as root:
        desk.goto(root + "reports/examples/school/primary-annual-summary/")
        desk.locator(".md-tabs a", has_text="按主题").click()
        expect(desk.locator("h1")).to_have_text("按主题浏览")
        desk.locator(".md-search__input").fill("金秋助学")
        expect(desk.locator(".md-search-result__item").first).to_be_visible()
        paths = result_paths(desk)
        assert paths and all(p.startswith("/reports/") for p in paths), paths
        desk.locator(".md-search-result__item > a").first.click()
        expect(desk.locator("mark, h1").first).to_be_visible()
        assert desk.url.startswith(root + "reports/")


def test_phone_search_icon_opens_the_overlay_and_the_arrow_closes_it(browser, site_url):
    context = browser.new_context(viewport=VIEWPORTS["phone"], locale="zh-CN")
    page = context.new_page()
    page.goto(site_url)
    toggle = page.locator("#__search")
    expect(toggle).not_to_be_checked()
    page.locator("label.md-header__button[for='__search']").click()
    box = page.locator(".md-search__input")
    expect(toggle).to_be_checked()
    expect(box).to_be_focused()
    box.press_sequentially("女职工 两癌")
    expect(page.locator(".md-search-result__item").first).to_be_in_viewport()
    shot(page, "search-two-words-phone")
    page.locator(".md-search__form label.md-search__icon").click()  # the back arrow
    expect(toggle).not_to_be_checked()
    expect(page.locator(".md-search-result__item").first).not_to_be_in_viewport()
    context.close()


def test_searchprobe_measures_the_first_search(browser, site_url):
    """The benchmark's helper: bytes and time from the first keystroke to the first result, on this site."""
    found = measure(site_url, "女职工 两癌", browser=browser)
    assert 50_000 < found["bytes"] < 600_000, found
    assert 0 < found["ms"] < 10_000, found
    assert found["results"] >= 10, found


# --------------------------------------------------------------------------- queries as readers type them

QUERY_SET = yaml.safe_load((Path(__file__).parent / "search_queries.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def shared(browser, site_url):
    """One page for the many queries below: each waits for its own results, so they need no fresh page."""
    context = browser.new_context(viewport=VIEWPORTS["desktop"], locale="zh-CN")
    context.set_default_timeout(30_000)
    page = context.new_page()
    watch = Watch(page)
    page.goto(site_url)
    yield page
    context.close()
    watch.assert_clean()


@pytest.fixture(scope="module")
def catalog(built_site) -> dict[str, dict]:
    """Each example's record in examples.json, by its path."""
    return {"/" + e["url"]: e for e in json.loads((built_site / "examples.json").read_text(encoding="utf-8"))}


def first_pages(page, n: int = 5) -> list[str]:
    """The first ``n`` distinct pages the results link to, the card on top included."""
    return list(dict.fromkeys(result_paths(page)))[:n]


def fits(record: dict | None, case: dict) -> bool:
    return bool(record) and all(record[field] == case[key] for key, field in (("type", "union_type"), ("kind", "kind"))
                                if key in case)


def test_the_query_set_is_large_and_covers_every_type_and_kind(catalog):
    assert len(QUERY_SET) >= 60
    records = list(catalog.values())
    assert {c["type"] for c in QUERY_SET if "type" in c} == {r["union_type"] for r in records}
    assert {c["kind"] for c in QUERY_SET if "kind" in c} == {r["kind"] for r in records}
    for case in QUERY_SET:  # every expectation can be met by some example
        assert any(fits(r, case) for r in records), case


@pytest.mark.parametrize("case", QUERY_SET, ids=lambda c: c["q"])
def test_a_fitting_example_is_among_the_first_five_results(shared, catalog, case):
    ask(shared, case["q"])
    pages = first_pages(shared)
    assert any(fits(catalog.get(p), case) for p in pages), f"{case}: {pages}"


def test_a_query_naming_a_type_and_kind_gets_their_card_first_then_their_examples(shared, catalog):
    meta = ask(shared, "2025年社区工会工作总结范文")
    cell = [r for r in catalog.values() if r["union_type"] == "community" and r["kind"] == "annual-summary"]
    assert meta == f"社区工会的年度工作总结：{len(cell)} 篇范文"
    card = shared.locator(".md-search-result__item").first
    expect(card).to_have_class(re.compile("ur-search-card"))
    expect(card).to_have_text(f"社区工会 · 年度工作总结 · {len(cell)} 篇 →")
    assert card.locator("a").evaluate("a => a.pathname") in {"/outlines/community-annual-summary/",
                                                               "/types/community/annual-summary/"}
    examples = result_paths(shared)[1:1 + len(cell)]
    assert sorted(examples) == sorted("/" + r["url"] for r in cell)
    chosen = shared.locator(".ur-search-chips button[aria-pressed=true]").all_inner_texts()
    assert chosen == ["社区工会", "年度工作总结"]


def test_results_are_labelled_and_examples_come_before_outlines_and_guides(shared):
    ask(shared, "公路养护工会工作计划")
    labels = shared.locator(".md-search-result__item > a h1 .ur-search-label").all_inner_texts()
    assert labels[0] == "范文" and "提纲" in labels and "指南" in labels, labels
    last_example = max(i for i, label in enumerate(labels) if label == "范文")
    assert all(label == "范文" for label in labels[:last_example + 1]), labels
    ask(shared, "女职工")
    assert set(shared.locator(".md-search-result__item > a h1 .ur-search-label").all_inner_texts()) >= {"范文", "分类"}


def test_every_type_and_kind_named_finds_examples(shared, built_site):
    """A query that names a union type or a document kind never ends with zero results, whatever the
    combination (the vocabulary's names, as on the type and kind pages)."""
    words = json.loads((built_site / "assets" / "search-words.json").read_text(encoding="utf-8"))
    for t in words["types"]:
        for k in words["kinds"]:
            ask(shared, t["name"] + k["name"])
            assert result_paths(shared), (t["name"], k["name"])
            assert any(p.startswith("/examples/") for p in result_paths(shared)), (t["name"], k["name"])


def test_no_example_holding_the_words_drops_them_and_says_so(shared, catalog):
    meta = ask(shared, "社区工会年度工作总结 量子计算")
    assert meta.startswith("没有完全匹配“量子计算”的范文，下面是社区工会的年度工作总结"), meta
    paths = [p for p in result_paths(shared) if p.startswith("/examples/")]
    assert paths and all(catalog[p]["union_type"] == "community" and catalog[p]["kind"] == "annual-summary"
                         for p in paths), paths


def test_a_type_without_the_kind_shows_that_kind_elsewhere_and_says_so(shared, catalog, built_site):
    """The cells are read from the catalog: every type × kind with no example yet, by their names."""
    words = json.loads((built_site / "assets" / "search-words.json").read_text(encoding="utf-8"))
    held = {(r["union_type"], r["kind"]) for r in catalog.values()}
    missing = [(t["id"], t["name"], k["id"], k["name"]) for t in words["types"] for k in words["kinds"]
               if (t["id"], k["id"]) not in held]
    assert missing, "every type has every kind: this test has nothing to check"
    for _type_id, type_words, kind_id, kind_words in missing:
        meta = ask(shared, type_words + kind_words)
        assert meta.startswith("还没有") and "下面是其他单位的" in meta, meta
        paths = [p for p in result_paths(shared) if p.startswith("/examples/")]
        assert paths and all(catalog[p]["kind"] == kind_id for p in paths), paths


def test_chips_count_the_examples_and_one_tap_narrows(shared, catalog):
    ask(shared, "女职工 两癌")
    chip = shared.locator(".ur-search-chips button[data-value=school]")
    count = int(chip.locator(".ur-search-chip__count").inner_text())
    assert count > 1
    done = shared.locator(".md-search-result").get_attribute("data-done")
    chip.click()
    shared.wait_for_function("d => (document.querySelector('.md-search-result').dataset.done || '0') !== d", arg=done)
    expect(shared.locator(".ur-search-chips button[data-value=school]")).to_have_attribute("aria-pressed", "true")
    assert f"{count} 篇" in shared.locator(".md-search-result__meta").inner_text()
    examples = [p for p in result_paths(shared) if p.startswith("/examples/")]
    assert len(examples) == min(count, 10) and all(catalog[p]["union_type"] == "school" for p in examples)
    shot(shared, "search-chips-desktop")


def test_marks_are_only_the_words_typed_never_pairs_across_words(shared):
    ask(shared, "学校工会 工作计划")
    marks = shared.locator(".md-search-result__list mark").all_text_contents()
    assert marks and not [m for m in marks if not re.fullmatch("(学校工会|工作计划)+", m)], set(marks)
    ask(shared, "街道 户外劳动者")
    excerpts = shared.locator(".md-search-result__item > a p").all_inner_texts()
    assert excerpts and all(not e.startswith("道") for e in excerpts), excerpts


ODD = ["工会" * 250, "，。！？  ……", "   ", "abc", "２０２５", "<img src=x onerror=alert(1)>", "{{ config }}",
       "'; drop table --", "\\u0000"]


@pytest.mark.parametrize("query", ODD, ids=range(len(ODD)))
def test_odd_input_is_harmless(desk, site_url, query):
    """A clear message or sensible results; no script runs, no console error (desk's Watch)."""
    desk.on("dialog", lambda d: pytest.fail(f"a dialog opened: {d.message}"))
    desk.goto(site_url)
    meta = ask(desk, query)
    assert meta.strip()
    assert desk.locator(".md-search-result img").count() == 0
    if len(query) > 100:
        assert meta.startswith("查询太长，只按前 60 个字搜索"), meta


def test_screenshots_of_results_on_desktop_and_phone(browser, site_url):
    for name, viewport in VIEWPORTS.items():
        context = browser.new_context(viewport=viewport, locale="zh-CN")
        page = context.new_page()
        page.goto(site_url)
        if name == "phone":
            page.locator("label.md-header__button[for='__search']").click()
        ask(page, "社区工会工作总结")
        expect(page.locator(".ur-search-card")).to_be_in_viewport()
        shot(page, f"search-type-kind-{name}")
        ask(page, "鳄鱼潜水艇")
        expect(page.locator(".ur-search-suggest a").first).to_be_in_viewport()
        shot(page, f"search-nothing-found-{name}")
        ask(page, "幼儿园 鳄鱼")
        shot(page, f"search-relaxed-{name}")
        context.close()
