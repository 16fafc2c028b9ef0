"""The placeholder grammar and rules: one table of what readers type and what texts hold, read the same by
macros/core/placeholders.py and by the JavaScript mirror in docs/assets/tools.js (run in Chromium on the
built site), which gets every pattern from the build and writes none of its own."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import ROOT, real_examples
from macros.core.framing import kind_defaults, positioning_by_year
from macros.core.model import DataError, load, load_vocabulary
from macros.core.placeholders import TOKEN, browser_spec, derive, fill, normalise, pieces, resolve

PLACEHOLDERS = load_vocabulary(ROOT).placeholders
BY_NAME = {p.name: p for p in PLACEHOLDERS}

# (placeholder, typed, what the text must read)
NORMALISE = [
    ("单位名称", "城关镇", "城关镇"),
    ("单位名称", "城关镇工会", "城关镇"),
    ("单位名称", "城关镇总工会", "城关镇"),
    ("单位名称", " 城关镇总工会 ", "城关镇"),
    ("单位名称", "幸福里社区工会联合会", "幸福里社区"),
    ("单位名称", "滨河小学工会委员会", "滨河小学"),
    ("单位名称", "工会", "工会"),  # nothing would be left: kept as typed
    ("年度", "2025", "2025"),
    ("年度", "2025年", "2025"),
    ("年度", "2025年度", "2025"),
    ("年度", "２０２５年", "2025"),
    ("下一年度", "2026年", "2026"),
    ("学年", "2025—2026学年", "2025—2026"),
    ("上级工会", "江城市教育工会", "江城市教育工会"),  # a full name: nothing trimmed
]
# (typed values, expected {name: (value, source)} for the names listed)
RESOLVE = [
    ({"年度": "2025年"},
     {"年度": ("2025", "typed"), "下一年度": ("2026", "derived"), "学年": ("2025—2026", "derived")}),
    ({"年度": "2025", "下一年度": "2027"}, {"下一年度": ("2027", "typed")}),
    ({}, {"年度": ("", ""), "下一年度": ("", ""), "学年": ("", "")}),
    ({"年度": "明年"}, {"下一年度": ("", "")}),  # not a number: nothing derived
    ({"年度": "٢٠٢٥"}, {"下一年度": ("", "")}),  # digits of another script: not a number in either language
    ({"年度": "²"}, {"下一年度": ("", "")}),  # Python's isdigit() says yes, int() fails
]
# Texts with the edges of the grammar: empty names, nested and unclosed brackets, a line break inside,
# characters outside the BMP. Each is filled from VALUES, so every token the pattern finds shows.
TEXTS = [
    "〔单位名称〕工会〔年度〕年工作总结",
    "〔〕〔单位名称〕〔〔年度〕〕〔年度",
    "〔单位\n名称〕〔年度〕\n〔单位名称〕",
    "𠀋〔𠀋〕〔单位名称〕𠀋",
    "〔单位名称〕〕〔〔〔年度〕",
    "无占位符",
]
VALUES = {"单位名称": ("滨河小学", "typed"), "年度": ("2025", "typed"), "": ("空", "typed"), "𠀋": ("X", "typed")}
DERIVE = [("{年度+1}", {"年度": "2025"}), ("{年度}—{年度+1}", {"年度": "2025"}), ("{年度+１}", {"年度": "2025"}),
          ("{年度-10}", {"年度": "2025"}), ("{年度+1}", {"年度": "０"}), ("{年度}", {"年度": "明年"})]


@pytest.mark.parametrize("name, typed, reads", NORMALISE)
def test_normalise_trims_what_the_text_already_says(name, typed, reads):
    assert normalise(typed, BY_NAME[name].trim_suffix) == reads


@pytest.mark.parametrize("typed, expected", RESOLVE)
def test_resolve_derives_from_the_year_unless_set(typed, expected):
    got = resolve(PLACEHOLDERS, typed)
    assert {name: got[name] for name in expected} == expected


def test_by_year_and_default_come_before_nothing(project):
    """A year-keyed table (年度定位) follows 年度; without a year the default shows."""
    from macros.core.model import Placeholder

    rules = [Placeholder(name="年度", label="年度", sample="2025", description="年", trim_suffix=("年",)),
             Placeholder(name="年度定位", label="定位", sample="x", description="x", default="关键之年",
                         by_year={"2026": "开局之年"})]
    assert resolve(rules, {"年度": "2026年"})["年度定位"] == ("开局之年", "by_year")
    assert resolve(rules, {"年度": "2027"})["年度定位"] == ("关键之年", "default")
    assert resolve(rules, {"年度定位": "收官之年"})["年度定位"] == ("收官之年", "typed")
    assert derive("{年度}—{年度+1}", {"年度": "2025"}) == "2025—2026"


def test_pieces_cut_a_text_where_fill_sees_placeholders():
    """Word runs and page spans (``pieces``) and the copies (``fill``) find the same tokens."""
    for text in TEXTS:
        assert "".join(piece for piece, _ in pieces(text)) == text
        names = [name for _, name in pieces(text) if name is not None]
        assert names == [m.group()[1:-1] for m in TOKEN.finditer(text)]
        assert fill(text, VALUES) == "".join(VALUES.get(n, (p,))[0] if n is not None else p for p, n in pieces(text))


def test_the_browser_is_handed_the_patterns_it_reads():
    """The spec carries the patterns as RegExp source and flags, and each compiles to what Python reads."""
    spec = browser_spec([])
    assert spec["token"]["source"] == TOKEN.pattern and "u" in spec["token"]["flags"]
    for key in ("token", "derive_ref", "number"):
        assert re.compile(spec[key]["source"]).pattern == spec[key]["source"]
    assert pieces(spec["open"] + "x" + spec["close"]) == [("〔x〕", "x")]


def test_tools_js_writes_no_placeholder_pattern_of_its_own():
    """A complement to the browser test below: outside comments, tools.js names no bracket and no digit class."""
    source = (ROOT / "docs/assets/tools.js").read_text(encoding="utf-8")
    code = re.sub(r"^\s*//.*$|//[^\n\"']*$", "", source, flags=re.M)
    assert "〔" not in code and "〕" not in code
    assert "\\d" not in code and "０" not in code and "0xfee0" not in code
    assert "window.urPlaceholders ||" not in code  # no fallback copy of the grammar


def test_derive_naming_an_unknown_placeholder_is_reported(tmp_path):
    from conftest import make_project

    root = make_project(tmp_path)
    path = root / "data" / "placeholders.yml"
    path.write_text(path.read_text(encoding="utf-8").replace('derive: "{年度+1}"', 'derive: "{年份+1}"'),
                    encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_vocabulary(root)
    (problem,) = err.value.problems
    assert problem.code == "unknown-placeholder" and problem.field.endswith(".derive") and problem.line > 1


def test_the_browser_reads_the_table_the_same_way(browser, site_url):
    """tools.js's normalise and resolve, given the same inputs, return what Python returns."""
    page = browser.new_page()
    page.goto(site_url)
    page.wait_for_function("window.urTools && window.urPlaceholders")
    assert page.evaluate("window.urPlaceholders.token.source") == TOKEN.pattern
    for name, typed, reads in NORMALISE:
        got = page.evaluate("([typed, trim]) => window.urTools.normalise(typed, trim)",
                            [typed, list(BY_NAME[name].trim_suffix)])
        assert got == reads, (name, typed)
    lib = load(ROOT)  # site-wide, the dated wording of data/framing.yml is a default too (macros/core/framing.py)
    site_wide = kind_defaults(lib), {"年度定位": positioning_by_year(lib)}
    for typed, _ in [*RESOLVE, ({"年度": "2025"}, {})]:
        got = page.evaluate(f"window.urTools.resolve({json.dumps(typed, ensure_ascii=False)})")
        assert {k: (v["value"], v["source"]) for k, v in got.items()} == resolve(PLACEHOLDERS, typed, *site_wide)
    values = {name: {"value": value, "source": source} for name, (value, source) in VALUES.items()}
    for text in TEXTS:
        got = page.evaluate("([text, values]) => window.urTools.fill(text, values)", [text, values])
        assert got == fill(text, VALUES), text
    for template, known in DERIVE:
        got = page.evaluate("([t, v]) => window.urTools.derive(t, v)", [template, known])
        assert got == derive(template, known), (template, known)
    page.close()


def test_defaults_and_year_tables_reach_page_copy_and_word(browser, tmp_path):
    """What data/framing.yml supplies (a default for the kind, a value per year) shows filled but marked,
    follows the year the reader types, and stays highlighted in the .docx while typed values lose the highlight."""
    import io

    from docx import Document
    from docx.enum.text import WD_COLOR_INDEX

    from conftest import make_site_project, serve, site_build

    examples = real_examples()
    key = "school/primary-annual-summary.yml"
    examples[key] = examples[key].replace(
        "〔年度〕年，学校工会在〔党组织〕领导", "〔年度〕年是〔年度定位〕。学校工会〔指导思想〕，在〔党组织〕领导", 1)
    assert "〔年度定位〕" in examples[key]
    project = make_site_project(tmp_path / "project", examples)
    (project / "data" / "framing.yml").write_text(  # the dated wording: a default by kind, a value per year
        "current_year: 2026\nyears:\n"
        "  - {year: 2025, guiding_idea: 以旧理论为指导, positioning: 收官之年, sources: [x]}\n"
        "  - {year: 2026, guiding_idea: 以科学理论为指导, positioning: 关键之年, sources: [x]}\n"
        "  - {year: 2027, guiding_idea: 以科学理论为指导, positioning: 次年, sources: [x]}\n", encoding="utf-8")
    result = site_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr

    with serve(tmp_path / "site") as url:
        context = browser.new_context(locale="zh-CN", accept_downloads=True)
        page = context.new_page()
        page.goto(url + "examples/school/primary-annual-summary/")
        opening = page.locator(".ur-document p").nth(1)
        assert opening.inner_text().startswith("〔年度〕年是关键之年。学校工会以科学理论为指导，")
        assert page.locator(".ur-ph--auto", has_text="关键之年").count() == 1  # filled, still marked
        page.get_by_text("填写单位信息").click()
        page.locator(".ur-fill input[name='年度']").fill("2025年")
        assert opening.inner_text().startswith("2025年是收官之年。学校工会以科学理论为指导，")
        with page.expect_download() as info:
            page.get_by_role("link", name="下载 Word").click()
        doc = Document(io.BytesIO(Path(info.value.path()).read_bytes()))
        runs = {r.text: r.font.highlight_color for p in doc.paragraphs for r in p.runs}
        assert runs["收官之年"] == WD_COLOR_INDEX.YELLOW and runs["以科学理论为指导"] == WD_COLOR_INDEX.YELLOW
        assert runs["2025"] is None
        context.close()
