"""The real site: strict build, one page per example with all its text, examples.json, build-time validation."""

from __future__ import annotations

import html
import json
import re

import pytest

from conftest import BAD_INPUTS, ROOT, as_built, assert_reported, make_site_project, site_build
from macros.core.model import DataError, load
from macros.core.outline import build_tree, full_text, outline_text
from macros.site import search
from macros.site.generate import generate
from macros.site.pages import catalog
from macros.site.urls import example_src, url_of
from macros.site.views import Site


def page_text(path) -> str:
    """Visible text of a built page: tags dropped, entities decoded."""
    raw = path.read_text(encoding="utf-8")
    return html.unescape(re.sub(r"<[^>]+>", "", raw))


def test_every_example_has_a_page_with_every_fragment_of_its_text(built_site):
    lib = load(ROOT)
    assert lib.examples
    for e in lib.examples:
        page = built_site / url_of(example_src(e)) / "index.html"
        assert page.exists(), page
        text = page_text(page)  # 〔指导思想〕 and 〔年度定位〕 show this year's wording (macros/core/framing.py)
        for line in as_built(lib, e, full_text(build_tree(e, lib.kind_by_id[e.kind]))).splitlines():
            assert line in text, f"{e.id}: missing {line[:40]!r}"


def test_every_example_page_carries_the_reader_tools(built_site):
    """复制提纲 and 复制全文 hold exactly the outline and full text; 下载 Word points at a built .docx."""
    lib = load(ROOT)
    site = Site(lib)
    for e in lib.examples:
        page_dir = built_site / url_of(example_src(e))
        raw = (page_dir / "index.html").read_text(encoding="utf-8")
        copies = dict(re.findall(r'data-copy="([^"]+)" data-copy-text="([^"]*)"', raw))
        assert html.unescape(copies["提纲"]) == outline_text(site.trees[e.id]), e.id
        assert html.unescape(copies["全文"]) == full_text(site.trees[e.id]), e.id
        (href,) = re.findall(r'<a class="md-button" data-docx-title="[^"]+" download="[^"]+" href="([^"]+\.docx)"', raw)
        assert (page_dir / href).resolve().is_file(), (e.id, href)
        assert 'class="ur-fill"' in raw and "data-print" in raw


def test_examples_json_matches_the_data(built_site):
    records = json.loads((built_site / "examples.json").read_text(encoding="utf-8"))
    lib = load(ROOT)
    assert [r["id"] for r in records] == [e.id for e in lib.examples]
    assert records == catalog(Site(lib))
    for r in records:
        assert (built_site / r["url"] / "index.html").exists()
        assert r["chars"] > 1000 and r["outline"] and r["themes"]


def test_browse_pages_exist(built_site):
    for path in ["index.html", "types/index.html", "types/school/index.html", "kinds/plan/index.html",
                 "themes/democratic-management/index.html", "outlines/index.html",
                 "outlines/school-annual-summary/index.html", "guides/numbering/index.html"]:
        assert (built_site / path).exists(), path


def test_sidebar_does_not_list_examples(built_site):
    """Material repeats the nav in every page; examples must stay out of it so pages stay small."""
    home = (built_site / "index.html").read_text(encoding="utf-8")
    nav = home[home.index('<nav class="md-nav md-nav--primary'):]
    nav = nav[: nav.index("</nav>")]
    assert "examples/" not in nav


def test_pages_request_nothing_from_other_hosts(built_site):
    for page in built_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        loads = re.findall(r'<(?:script|img|iframe|source|audio|video)\b[^>]*\ssrc="(https?://[^"]+)"', text)
        loads += [href for tag, href in re.findall(r'(<link\b[^>]*\shref="(https?://[^"]+)"[^>]*>)', text)
                  if 'rel="canonical"' not in tag]
        assert not [u for u in loads if not u.startswith("http://127.0.0.1")], f"{page}: {loads}"
        assert "fonts.googleapis" not in text


def test_build_fails_with_the_check_messages_on_bad_data(tmp_path, valid_text):
    project = make_site_project(tmp_path / "proj", {"school/valid.yml": valid_text.replace("[民主管理]", "[民主监督]")})
    result = site_build(project, tmp_path / "site")
    assert result.returncode == 1
    out = result.stdout + result.stderr
    assert "data/examples/school/valid.yml:12: sections[0].themes[0]: 未登记的主题“民主监督”" in out
    assert "Traceback" not in out


def test_build_fails_on_several_bad_files_listing_each(tmp_path, valid_text):
    """A real build over bad inputs of every layer: encoding, YAML reading, the model."""
    names = ["duplicate-key", "yaml-tag", "yaml-billion-laughs", "unknown-field", "missing-part"]
    files = {path: content for name in names for path, content in BAD_INPUTS[name].files.items()}
    files["school/gbk.yml"] = valid_text.encode("gbk")
    result = site_build(make_site_project(tmp_path / "proj", files), tmp_path / "site")
    out = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in out
    assert_reported(out, {("data/examples/school/gbk.yml", 2, "encoding", "")})
    for name in names:
        assert_reported(out, BAD_INPUTS[name].expected)


@pytest.mark.parametrize("name", BAD_INPUTS)
def test_generate_stops_on_each_bad_input_naming_file_line_and_field(project, name, tmp_path):
    """The generate step the build runs first, without the cost of a full build per case; it writes nothing."""
    case = BAD_INPUTS[name]
    with pytest.raises(DataError) as err:
        generate(project(case.files), tmp_path / "build")
    assert_reported(str(err.value), case.expected)
    assert not (tmp_path / "build").exists()


def test_contributing_page_shows_contributing_md_and_links_a_template_per_kind(built_site):
    page = (built_site / "contributing" / "index.html").read_text(encoding="utf-8")
    first_paragraph = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8").split("\n\n")[1]
    assert re.sub(r"\*\*|`", "", first_paragraph)[:40] in html.unescape(re.sub(r"<[^>]+>", "", page))
    assert "{{ config }}" in html.unescape(page)  # CONTRIBUTING's example payloads are not run by macros
    for kind in load(ROOT).kinds:  # each kind's template sits on its guide, linked from here
        assert f'href="../guides/{kind.id}/#template"' in page, kind.id
        guide = html.unescape((built_site / "guides" / kind.id / "index.html").read_text(encoding="utf-8"))
        assert f"kind: {kind.id}" in guide and 'id="template"' in guide, kind.id


def test_schema_is_published_with_the_site(built_site):
    published = (built_site / "schema" / "example.schema.json").read_text(encoding="utf-8")
    assert published == (ROOT / "docs" / "schema" / "example.schema.json").read_text(encoding="utf-8")


def test_search_index_covers_every_page_and_only_pages(built_site):
    """Pagefind's index (site/pagefind/) holds every built page but the later pages of paged lists; not
    404.html, no lunr index."""
    entry = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    pages = {p.parent.relative_to(built_site).as_posix() for p in built_site.rglob("index.html")}
    later = {p for p in pages if re.search(r"/\d+$", p)}
    listed = {url.rstrip("/") or "." for url in search.pages_to_index(load(ROOT), _sources(built_site))}
    assert listed == pages - later
    assert entry["languages"]["und"]["page_count"] == len(listed) > len(load(ROOT).examples)
    assert (built_site / "pagefind" / "pagefind.js").is_file()
    assert not (built_site / "search" / "search_index.json").exists()


def _sources(site_dir):
    """The page sources a built site came from, read back from its URLs (directory style)."""
    out = []
    for page in site_dir.rglob("index.html"):
        rel = page.parent.relative_to(site_dir).as_posix()
        out.append("index.md" if rel == "." else f"{rel}.md")
    return out


def test_example_pages_index_the_document_not_the_tools_or_repeated_text(built_site):
    """The article is the index's body; the toolbar, the fill-in form, the outline and related titles
    (text repeated from this and other pages) are left out of it."""
    raw = (built_site / "examples" / "school" / "primary-annual-summary" / "index.html").read_text(encoding="utf-8")
    assert len(search.ARTICLE.findall(raw)) == 1
    for part in ('div class="ur-tools"', 'details class="ur-fill"', 'div class="ur-more"'):
        assert f'<{part} data-pagefind-ignore="all">' in raw, part
    more = raw[raw.index('<div class="ur-more"'):]
    assert 'id="outline"' in more and 'id="related"' in more
    theme = (built_site / "themes" / "women-workers" / "index.html").read_text(encoding="utf-8")
    assert '<div class="ur-sections" data-pagefind-ignore="all">' in theme


def test_no_page_or_sitemap_names_the_local_preview_address(built_site):
    """Without SITE_URL (a local build) there is no canonical link at all, never http://127.0.0.1."""
    for page in built_site.rglob("*.html"):
        canonical = re.findall(r'<link rel="canonical" href="([^"]*)"', page.read_text(encoding="utf-8"))
        assert not [u for u in canonical if "127.0.0.1" in u or "localhost" in u], page
    assert "127.0.0.1" not in (built_site / "sitemap.xml").read_text(encoding="utf-8")


def test_the_deploy_workflow_sets_the_site_address():
    """Canonical links and the sitemap take the address from SITE_URL, which the deploy workflow sets."""
    import yaml

    assert "!ENV [SITE_URL" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8"))
    build = next(s for s in workflow["jobs"]["build"]["steps"] if "make build" in s.get("run", ""))
    assert "SITE_URL" in build["env"] and "127.0.0.1" not in build["env"]["SITE_URL"]


def test_the_zip_library_is_vendored_from_the_pinned_package(built_site):
    """下载 Word patches the file with fflate, served from the site itself at the version package.json pins."""
    pinned = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["dependencies"]["fflate"]
    installed = json.loads((ROOT / "node_modules" / "fflate" / "package.json").read_text(encoding="utf-8"))
    assert installed["version"] == pinned
    vendored = built_site / "assets" / "vendor" / "fflate.js"
    assert vendored.read_bytes() == (ROOT / "node_modules" / "fflate" / "umd" / "index.js").read_bytes()
    assert "unzipSync" in vendored.read_text(encoding="utf-8")
    assert "vendor/fflate.js" in (built_site / "assets" / "tools.js").read_text(encoding="utf-8")


def test_a_report_read_at_a_meeting_shows_its_salutation_flush_left(built_site):
    e = next(e for e in load(ROOT).examples if e.kind == "congress-report")
    page = (built_site / "examples" / e.union_type / e.id / "index.html").read_text(encoding="utf-8")
    assert '<p class="ur-salutation">各位代表：</p>' in page
