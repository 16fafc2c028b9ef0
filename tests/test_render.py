"""Page Markdown and derived views, without MkDocs."""

from __future__ import annotations

import json
import re

import markdown

from conftest import FIXTURES, ROOT
from macros.core.framing import placeholder_defaults
from macros.core.model import load
from macros.core.outline import full_text, outline_text
from macros.site.pages import ENV, catalog, fence, filled, md, page_json, pages
from macros.site.urls import url_of
from macros.site.views import Site


def to_html(text: str) -> str:
    return markdown.markdown(text, extensions=["attr_list", "md_in_html", "tables"])


def test_md_escape_shows_markup_literally():
    samples = ["<script>alert(1)</script>", "[链接](javascript:alert(1))", "**粗体** _斜体_",
               "1. 不是列表", "# 不是标题"]
    for raw in samples:
        html = to_html(md(raw))
        assert "<script>" not in html and "<a " not in html and "<strong>" not in html
        assert "<ol>" not in html and "<h1>" not in html


def test_filled_escapes_the_text_and_marks_build_defaults():
    """Plain runs are escaped; a placeholder with a default shows it in a span tools.js swaps, one without stays."""
    got = filled("*〔指导思想〕*〔年度〕〔a.b〕", {"指导思想": "以_新_为指导", "a.b": "x"})
    assert got == ('\\*<span class="ur-ph ur-ph--empty" data-ph="指导思想">以\\_新\\_为指导</span>\\*〔年度〕'
                   '<span class="ur-ph ur-ph--empty" data-ph="a&#46;b">x</span>')
    assert filled("〔a.b〕", {}) == md("〔a.b〕") == "〔a\\.b〕"


def test_page_templates_get_values_not_the_site():
    """Templates format what macros/site/pages.py computed: none reaches the Site or the library to query it
    (new_example.yml.j2, the scaffold, lists the types it is given)."""
    names = [n for n in ENV.list_templates() if n.endswith(".md.j2")]
    assert len(names) > 10
    for name in names:
        source = ENV.loader.get_source(ENV, name)[0]
        assert not re.search(r"\b(site|lib)\.|_src\(", source), name


def test_fence_outgrows_backticks_inside():
    assert fence("a ```` b").startswith("`````text")


def test_url_of_uses_directory_urls():
    assert url_of("examples/school/x.md") == "examples/school/x/"
    assert url_of("types/index.md") == "types/"
    assert url_of("index.md") == ""


def test_every_example_type_kind_theme_and_cell_gets_a_page():
    site = Site(load(ROOT))
    generated = pages(site)
    lib = site.lib
    assert all(f"examples/{e.union_type}/{e.id}.md" in generated for e in lib.examples)
    assert all(f"types/{t.id}.md" in generated for t in lib.union_types)
    assert all(f"kinds/{k.id}.md" in generated for k in lib.kinds)
    assert all(f"themes/{t.id}/index.md" in generated for t in lib.themes)
    assert all(f"outlines/{t.id}-{k.id}.md" in generated for t, k in site.cells())


def test_recommended_outline_merges_examples_by_theme(project, valid_text):
    second = (valid_text.replace("id: valid", "id: second").replace("added: 2026-01-05", "added: 2026-02-01")
              .replace("heading: 开好教代会", "heading: 办好第二次教代会"))
    site = Site(load(project({"school/valid.yml": valid_text, "school/second.yml": second})))
    rec = site.recommended(site.lib.type_by_id["school"], site.lib.kind_by_id["annual-summary"])
    headings = [n.numbered for n in rec.tree.body]
    # Two examples, same three themed sections: merged, newest wording wins, fixed parts follow.
    assert headings == [
        "一、办好第二次教代会", "二、关心教职工生活", "三、加强工会自身建设", "四、存在的不足", "五、下一步工作打算"]
    assert rec.basis[0] == ("民主管理", 2)
    assert [e.id for e in rec.sources] == ["second", "valid"]


def test_catalog_records_have_the_published_fields():
    site = Site(load(ROOT))
    record = catalog(site)[0]
    assert set(record) == {"id", "title", "union_type", "kind", "period", "url", "chars", "themes", "outline"}
    assert record["outline"][0]["level"] == 1


def _plan_site(project, edit=lambda text: text) -> tuple[Site, str]:
    text = edit((FIXTURES / "conventions" / "plan.yml").read_text(encoding="utf-8"))
    site = Site(load(project({"school/plan.yml": text})))
    return site, pages(site)["examples/school/plan.md"]


def test_placeholders_with_a_default_show_this_years_wording_still_marked(project):
    """A plan is about next year: 指导思想 of the current year, 年度定位 of the next (data/framing.yml)."""
    site, page = _plan_site(project)
    framing = site.lib.framing
    now, next_year = framing.of(framing.current_year), framing.of(framing.current_year + 1)
    html = to_html(page)
    assert f'<span class="ur-ph ur-ph--empty" data-ph="指导思想">{now.guiding_idea}</span>' in html
    assert f'<span class="ur-ph ur-ph--empty" data-ph="年度定位">{next_year.positioning}</span>' in html
    assert "〔指导思想〕" not in html.split('class="ur-document"')[1]  # the document shows the wording
    data = json.loads(re.search(r'class="ur-ph-defaults"[^>]*>(.*?)</script>',
                                page).group(1))
    assert data == {"指导思想": now.guiding_idea, "年度定位": next_year.positioning}


def test_summary_uses_the_current_years_positioning(project, valid_text):
    site = Site(load(project({"school/valid.yml": valid_text})))
    (example,) = site.lib.examples
    framing = site.lib.framing
    assert placeholder_defaults(site.lib, example)["年度定位"] == framing.of(framing.current_year).positioning


def test_defaults_cannot_close_the_json_script(project):
    assert "</script>" not in page_json({"指导思想": "</script><script>alert(1)</script>"})


def test_subtitle_is_under_the_title_on_the_page_and_in_the_copies(project):
    subtitle = "——在〔单位名称〕第三届教职工代表大会第二次会议上"
    site, page = _plan_site(project,
                            lambda t: t.replace("added: 2026-01-05", f"added: 2026-01-05\nsubtitle: {subtitle}"))
    tree = site.trees["plan"]
    assert outline_text(tree).split("\n")[:2] == [tree.title, subtitle]
    assert full_text(tree).split("\n")[:2] == [tree.title, subtitle]
    html = to_html(page)
    assert re.search(r'<p class="ur-doc-title">[^<]*</p>\s*<p class="ur-doc-subtitle">——在', html)
