"""Search in Chromium: Pagefind behind Material's header box finds every page that holds a query, ranks
well, and behaves like Material's search (keys, Esc, clicking a result, a site under a sub-path).

The expected pages are read from the built site itself: the indexed part of each page (the article
minus data-pagefind-ignore) holding every word of the query.
"""

from __future__ import annotations

import functools
import re
import shutil

import pytest
from lxml import html as lxml_html
from playwright.sync_api import expect

from conftest import VIEWPORTS, Watch, serve, shot
from macros.searchprobe import measure

pytestmark = pytest.mark.browser


@functools.cache
def indexed_text(site_dir, url_path: str) -> str:
    """What the index holds for a page: its article without the ignored parts, whitespace dropped."""
    root = lxml_html.parse(str(site_dir / url_path.strip("/") / "index.html")).getroot()
    articles = root.xpath("//article[@data-pagefind-body]")
    if not articles:  # later pages of a paged list are left out of the index
        return ""
    (article,) = articles
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


def search(page, url: str, query: str) -> int:
    """Open ``url``, put ``query`` in the header box at once and wait for the count line; the count."""
    page.goto(url)
    page.locator(".md-search__input").fill(query)
    meta = page.locator(".md-search-result__meta")
    expect(meta).to_have_text(re.compile("符合条件的结果$"))
    digits = re.sub(r"\D", "", meta.inner_text())
    return int(digits) if digits else 0


def result_paths(page) -> list[str]:
    hrefs = page.locator(".md-search-result__item > a").evaluate_all("els => els.map(a => a.pathname)")
    return hrefs


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


def test_a_query_no_page_holds_says_so(desk, site_url):
    assert search(desk, site_url, "鳄鱼潜水艇") == 0
    expect(desk.locator(".md-search-result__meta")).to_have_text("没有找到符合条件的结果")
    expect(desk.locator(".md-search-result__item")).to_have_count(0)


def test_titles_and_excerpts_read_as_the_page_does(desk, site_url, built_site):
    """The index spells Chinese as pairs (金秋 秋助 助学); results must show the page's own text."""
    search(desk, site_url, "金秋助学")
    first = desk.locator(".md-search-result__item > a").first
    title = first.locator("h1").inner_text()
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
    title = item.locator("h1").inner_text()
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
