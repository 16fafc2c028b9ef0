"""Document conventions an editor checks first (issue 13, /work/notes/CONVENTIONS.md).

Sign-off block, the dated framing through placeholders, political guidance as work, one leadership
formula, laws in 书名号, abbreviations after their full form, current terms, congress subtitles, and
(as warnings) formula repeated across the library. The word lists live in data/terms.yml; every
rule's code, severity, message and fix is in ``rules.RULES``, with every other rule ``check`` reports.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from .model import Example, Kind, Library, Section, paragraphs, strings
from .rules import RULES
from .yamlsource import Document, Path_, Problem, field_name

ISSUERS = ("工会委员会", "工会联合会", "总工会", "分工会", "工会")  # kinds.yml ``issuers`` replace these
DUTY_SIGNER = "述职人：〔姓名〕"
DATE = "〔成文日期〕"
LITERAL_YEAR_RE = re.compile(r"(?<!\d)20\d{2}年")
BOOK_TITLE_RE = re.compile(r"《[^《》]*》")
SENTENCE_RE = re.compile(r"[^。；！？]+")
CLAUSE_RE = re.compile(r"在[^，。；：！？]{0,40}?(?:领导|指导)下")
SUBTITLE_RE = re.compile(r"^——\S*上$")
ADDRESS = "各位代表："
UNIFORM_SHARE = 0.5  # more than this share of summaries with one shortcoming count is a template
UNIFORM_MIN = 4  # …among at least this many summaries
CLOSING_START = 4  # characters compared at the start of closings
CLOSING_SAME_MAX = 2  # this many closings may start alike; the third gets a warning


def problem(doc: Document, path: Path_, offset: int | None, code: str, **fields) -> Problem:
    """A problem of rule ``code`` at ``path`` (line ``offset`` inside a text, or the field's own line;
    a missing field is reported at the file's last field, after which it is to be added)."""
    if offset is None:
        line = doc.line(path) if path in doc.lines else max(doc.lines.values(), default=1)
    else:
        line = doc.text_line(path, offset)
    message = RULES[code].message.format(**fields).replace("。。", "。")
    return Problem(doc.file, line, field_name(path), code, message)


def reading_order(doc: Document, kind: Kind) -> Iterator[tuple[Path_, int, str]]:
    """Every line of prose in the order a reader meets it (title first, signature last), with path and offset."""
    keys = dict.fromkeys(("title", "subtitle", "opening", *kind.parts, "closing", "signature"))
    for key in keys:
        if key not in doc.value:
            continue
        for path, text in strings(doc.value[key], (key,)):
            if "themes" not in path:
                for offset, line in enumerate(text.split("\n")):
                    yield path, offset, line


def _headings(sections: tuple[Section, ...]) -> Iterator[str]:
    for s in sections:
        yield s.heading
        yield from _headings(s.items)


class _Checker:
    def __init__(self, lib: Library, example: Example):
        self.lib, self.ex = lib, example
        self.doc = lib.docs[example.id]
        self.kind = lib.kind_by_id[example.kind]
        self.terms = lib.terms
        self.lines = list(reading_order(self.doc, self.kind))
        self.problems: list[Problem] = []

    def add(self, path: Path_, offset: int | None, code: str, **fields) -> None:
        self.problems.append(problem(self.doc, path, offset, code, **fields))

    def run(self) -> list[Problem]:
        self.signature()
        self.guiding_idea()
        self.political_guidance()
        self.subtitle()
        for path, offset, line in self.lines:
            self.year_bound(path, offset, line)
            self.leadership(path, offset, line)
            self.laws(path, offset, line)
            self.forbidden(path, offset, line)
        self.abbreviations()
        return self.problems

    # ---------------------------------------------------------------- whole-document rules

    def signature(self) -> None:
        lines = paragraphs(self.ex.signature)
        if not lines:
            self.add(("signature",), None, "signature-missing")
            return
        where = ("signature",)
        if lines[-1] != DATE:
            self.add(where, None, "signature-form", detail=f"最后一行应是{DATE}")
        if self.ex.kind in self.terms.required.duty_kinds:
            if DUTY_SIGNER not in lines:
                role = next((x for x in lines if x.startswith("述职人")), "")
                detail = f"“{role}”应写作“{DUTY_SIGNER}”（写本人姓名，不写职务）" if role else f"缺少“{DUTY_SIGNER}”"
                self.add(where, None, "signature-form", detail=detail)
        else:
            issuers = self.kind.issuers or ISSUERS
            if not re.match(rf"^〔单位名称〕\S*({'|'.join(issuers)})$", lines[0]):
                self.add(where, None, "signature-form",
                         detail=f"第一行“{lines[0]}”应是发文的机构，如{self.kind.signer}")

    def guiding_idea(self) -> None:
        block = self.ex.guiding_idea
        if "guiding_idea" not in self.kind.parts or block is None:
            return
        if block.text.strip():
            path, text = ("guiding_idea", "text"), block.text
        elif block.items:
            path, text = ("guiding_idea", "items", 0, "text"), block.items[0].text
        else:
            return
        offset = next((i for i, line in enumerate(text.split("\n")) if line.strip()), 0)
        first = text.split("\n")[offset].strip() if text.strip() else ""
        if not first.startswith(self.terms.required.guiding_openings):
            self.add(path, offset, "guiding-idea-opening", kind=self.kind.name,
                     heading=block.heading or self.kind.headings.get("guiding_idea", "指导思想"))

    def political_guidance(self) -> None:
        required = self.terms.required
        theme = next(t.name for t in self.lib.themes if t.id == required.political_theme)
        top_themes = {t for s in self.ex.sections for t in s.themes}
        if self.ex.kind in required.political_kinds and theme not in top_themes:
            self.add(("sections",), None, "political-guidance-missing", kind=self.kind.name, theme=theme)
        if self.ex.kind in required.duty_kinds:
            headings = list(_headings(self.ex.sections))
            if theme not in top_themes and not any(w in h for h in headings for w in required.duty_study):
                self.add(("sections",), None, "duty-study-missing", words="”“".join(required.duty_study), theme=theme)
            body = "\n".join(line for _, _, line in self.lines)
            if not any(w in body for w in required.duty_integrity):
                self.add(("sections",), None, "duty-integrity-missing", words="”“".join(required.duty_integrity))

    def subtitle(self) -> None:
        subtitle = self.ex.subtitle.strip()
        if subtitle and not SUBTITLE_RE.match(subtitle):
            self.add(("subtitle",), None, "subtitle-form", subtitle=subtitle)
        addressed = self.ex.opening.lstrip().startswith(ADDRESS)
        if not subtitle and self.kind.subtitle == "required":
            self.add(("title",), None, "congress-address",
                     detail=f"{self.kind.name}是在会议上宣读的，缺少副标题（subtitle）")
        elif subtitle and not addressed:
            self.add(("opening",), 0, "congress-address",
                     detail=f"有副标题（在会议上所作的报告），开头段却没有以“{ADDRESS}”起")
        elif addressed and not subtitle:
            self.add(("opening",), 0, "congress-address",
                     detail=f"开头段以“{ADDRESS}”起，却没有副标题说明是在哪次会议上的报告")

    def abbreviations(self) -> None:
        seen = ""
        pending = {a.short: a for a in self.terms.abbreviations}
        for path, offset, line in self.lines:
            for short, entry in list(pending.items()):
                at = line.find(short)
                if at < 0:
                    continue
                del pending[short]
                if entry.full not in seen + line[:at]:
                    self.add(path, offset, "abbreviation-first", short=short, full=entry.full)
            seen += line + "\n"

    # ---------------------------------------------------------------- line rules

    def year_bound(self, path: Path_, offset: int, line: str) -> None:
        for entry in self.terms.year_bound:
            found = re.search(entry.pattern, line)
            if found:
                self.add(path, offset, "year-bound", found=found.group(), why=entry.why)
        in_guiding_idea = path[0] == "guiding_idea"
        for sentence in SENTENCE_RE.findall(BOOK_TITLE_RE.sub("", line)):
            year = LITERAL_YEAR_RE.search(sentence)
            if year and (in_guiding_idea or any(m in sentence for m in self.terms.framing_markers)):
                self.add(path, offset, "year-bound", found=year.group(),
                         why="指导思想、年度定位一类的句子里不写具体年份，写〔年度〕年")

    def leadership(self, path: Path_, offset: int, line: str) -> None:
        required = self.terms.required
        for clause in CLAUSE_RE.findall(line):
            if required.leadership not in clause and any(w in clause for w in required.party_words):
                self.add(path, offset, "leadership-formula", found=clause, formula=required.leadership)

    def laws(self, path: Path_, offset: int, line: str) -> None:
        for law in self.terms.laws:
            if law.name not in line:  # most lines name no law: skip the regex (seconds over a large library)
                continue
            for match in re.finditer(re.escape(law.name), line):
                before, after = line[: match.start()], line[match.end(): match.end() + 1]
                quoted = before.rfind("《") > before.rfind("》")
                if not quoted and not (after and after in law.unless_next):
                    self.add(path, offset, "law-quotes", name=law.name, full=law.full)
                    break

    def forbidden(self, path: Path_, offset: int, line: str) -> None:
        for entry in self.terms.forbidden:
            if not entry.pattern and entry.term not in line:
                continue
            found = re.search(entry.pattern or re.escape(entry.term), line)
            if found:
                use = f"改为“{entry.use}”" if entry.use else "删去"
                self.add(path, offset, "forbidden-term", found=found.group(), why=entry.why, use=use)


def _shortcoming_count(example: Example) -> int:
    """Points in 存在的不足: its sub-headings, else 一是/二是… in the text, else its paragraphs."""
    block = example.shortcomings
    if block is None:
        return 0
    if block.items:
        return len(block.items)
    enumerated = len(re.findall(r"[一二三四五六七八九]是", block.text))
    return enumerated if enumerated >= 2 else len(paragraphs(block.text))


def uniformity(lib: Library) -> list[Problem]:
    """Library-wide warnings: the same shape everywhere reads as a template, not as a real unit's report."""
    problems = []
    summaries = [e for e in lib.examples if e.kind in lib.terms.required.political_kinds and e.shortcomings]
    counts = Counter(_shortcoming_count(e) for e in summaries)
    if len(summaries) >= UNIFORM_MIN and counts:
        count, same = counts.most_common(1)[0]
        if same > UNIFORM_SHARE * len(summaries):
            for e in summaries:
                if _shortcoming_count(e) == count:
                    problems.append(problem(lib.docs[e.id], ("shortcomings",), None, "uniform-shortcomings",
                                            total=len(summaries), same=same, count=count))
    starts: dict[str, list[Example]] = {}
    for e in lib.examples:
        start = "".join(e.closing.split())[:CLOSING_START]
        if len(start) == CLOSING_START:
            starts.setdefault(start, []).append(e)
    for start, group in starts.items():
        if len(group) > CLOSING_SAME_MAX:
            for e in group:
                problems.append(problem(lib.docs[e.id], ("closing",), 0, "uniform-closing",
                                        others=len(group) - 1, start=start))
    return problems


def check_example(lib: Library, example: Example) -> list[Problem]:
    """Convention problems of one example (the benchmark checks each file it recombines)."""
    return _Checker(lib, example).run() if lib.terms is not None else []


def check(lib: Library) -> list[Problem]:
    """Convention problems of every example, then the library-wide warnings."""
    if lib.terms is None:
        return []
    problems = []
    for example in lib.examples:
        problems += check_example(lib, example)
    return problems + uniformity(lib)
