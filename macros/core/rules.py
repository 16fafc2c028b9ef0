"""Every rule ``check`` reports, in one place: code, severity, what it checks and how to fix it.

A ``Problem`` takes its severity from here (``yamlsource.Problem.severity``) and refuses a code that is
not registered, so a check cannot invent a code or decide on its own that it is only a warning.
CONTRIBUTING.md's table of codes is written from ``RULES`` by ``python -m macros schema``
(``contributing_table``); a test fails while the committed table is stale. This module imports
nothing from the project: the YAML reader, the model, lint and the conventions all depend on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ERROR, WARNING = "error", "warning"
SEVERITY_LABELS = {ERROR: "错误", WARNING: "警告"}
TABLE_START = "<!-- rules:start (python -m macros schema writes this table from macros/core/rules.py) -->"
TABLE_END = "<!-- rules:end -->"


@dataclass(frozen=True)
class Rule:
    """One rule. ``what`` and ``fix`` are CONTRIBUTING's table (Markdown); ``message`` is the problem's
    text where the check words it here (the conventions), with ``{name}`` fields the check fills in."""

    code: str
    severity: Literal["error", "warning"]
    what: str
    fix: str
    message: str = ""


def _rules(*rules: Rule) -> dict[str, Rule]:
    table = {r.code: r for r in rules}
    assert len(table) == len(rules), "a rule code is registered twice"
    return table


_VOCABULARY_FIX = "从 `data/` 下对应的登记表里选；确实需要新的，在拉取请求里说明"

RULES = _rules(
    # ---------------------------------------------------------------- reading the file (yamlsource)
    Rule("encoding", ERROR, "文件不是 UTF-8 编码", "用 UTF-8 另存（带 BOM 也可以）"),
    Rule("empty-file", ERROR, "文件是空的，或只有注释", "检查是否存错了文件"),
    Rule("too-large", ERROR, "文件超过 256 KB，大得不像一篇范文", "检查是否存错了文件"),
    Rule("yaml-syntax", ERROR, "YAML 写法错误，或有不允许的控制字符",
         "看报出的行和列；冒号后面要有空格，括号和引号要成对"),
    Rule("yaml-tab", ERROR, "缩进里有制表符（Tab）", "缩进只用空格"),
    Rule("duplicate-key", ERROR, "同一个字段写了两次", "合并成一个，否则后写的会覆盖先写的"),
    Rule("yaml-alias", ERROR, "用了锚点、别名或合并键（`&`、`*`、`<<`）", "直接把内容写出来"),
    Rule("yaml-tag", ERROR, "用了标签（`!!`）", "直接把内容写出来"),
    Rule("too-deep", ERROR, "嵌套层级过深", "标题最多四级：一、（一）1.（1）"),
    # ---------------------------------------------------------------- shape of a file (model)
    Rule("missing-file", ERROR, "维护者用：`data/` 下缺了一个登记表文件", "从仓库里恢复这个文件"),
    Rule("unknown-field", ERROR, "没有这个字段", "按提示改成正确的字段名"),
    Rule("missing-field", ERROR, "缺少必填字段，或标题是空的", "按说明补上"),
    Rule("wrong-type", ERROR, "该写文本的地方写成了列表或映射（反之亦然）",
         "按说明改写；纯数字、日期、yes/no 要加引号才算文本"),
    Rule("invalid-value", ERROR, "取值不合要求", "按说明改正"),
    Rule("bad-date", ERROR, "日期写法不对，或没有这一天", "写成 2026-01-31"),
    Rule("bad-id", ERROR, "`id` 里有大写字母、下划线或空格",
         "只用小写英文字母、数字和连字符，如 `county-hospital-annual-summary`"),
    Rule("path-mismatch", ERROR, "文件名和 `id`、文件夹和 `union_type` 对不上",
         "让四者一致：`data/examples/<union_type>/<id>.yml`"),
    Rule("bad-file-name", ERROR, "文件名不以 `.yml` 结尾", "改成 `.yml`"),
    Rule("duplicate-id", ERROR, "`id` 已被另一篇范文占用（推荐提纲：同一文种写了两份）",
         "换一个没人用过的 id；提纲合并成一份"),
    Rule("unknown-union-type", ERROR, "不在登记表里的工会类型（`data/union_types.yml`）", _VOCABULARY_FIX),
    Rule("unknown-kind", ERROR, "不在登记表里的文种（`data/kinds.yml`）", _VOCABULARY_FIX),
    Rule("unknown-theme", ERROR, "不在登记表里的主题（`data/themes.yml`）", _VOCABULARY_FIX),
    Rule("unknown-placeholder", ERROR, "没有登记的占位符（`data/placeholders.yml`）", _VOCABULARY_FIX),
    Rule("missing-part", ERROR, "缺了文种必备的部分", "对照 `data/kinds.yml` 的 `parts` 补上"),
    Rule("part-not-allowed", ERROR, "多了不属于这一文种的部分", "删去，或对照 `data/kinds.yml` 的 `parts` 换一个文种"),
    Rule("empty-part", ERROR, "某部分既没有 `text` 也没有 `items`", "补上内容，或删去这一部分"),
    Rule("too-few-sections", ERROR, "正文并列部分太少", "拆分内容多的部分，数量见 `data/kinds.yml` 的 `sections`"),
    Rule("too-many-sections", ERROR, "正文并列部分太多", "合并相近的部分，数量见 `data/kinds.yml` 的 `sections`"),
    Rule("missing-theme", ERROR, "正文一级部分没有标注主题", "加上 `themes: [主题名]`"),
    Rule("numbered-heading", ERROR, "标题自带了“一、”“（一）”“1.”等编号", "删掉编号，网站会自动编号"),
    Rule("too-long", ERROR, "一个字段超过 20,000 字", "分成几个部分"),
    Rule("stray-placeholder", ERROR, "出现 20xx、xx、**、某某之类残缺的占位写法",
         "写出具体内容，或用〔年度〕〔单位名称〕等登记过的占位符"),
    Rule("unfilled", ERROR, "还留着模板里的“待填写”", "换成正文"),
    # ---------------------------------------------------------------- the writing (lint)
    Rule("half-width-punctuation", ERROR, "中文里用了半角标点（, ; : ? ! ( ) \"）", "改成全角：，；：？！（）“”"),
    Rule("lookalike-character", ERROR, "从 PDF 复制来的部首字（如“⼈”“⼯”），看着像汉字，其实不是，搜索和复制都会出错",
         "按提示换成正常汉字"),
    Rule("title-pattern", ERROR, "标题不合文种的格式",
         "以〔单位名称〕开头、以文种要求的结尾，如“〔单位名称〕工会〔年度〕年工作计划”；格式里的“……”处写自己的话，"
         "如专项工作总结的“〔单位名称〕工会〔年度〕年“安康杯”竞赛活动总结”"),
    Rule("length", ERROR, "全文不在 1,200～3,500 字之间（不计空白）", "补写具体做法和成效，或删去空话"),
    Rule("opening-length", ERROR, "开头段不在 80～250 字之间", "开头段只交代背景和总体情况，具体做法写进正文"),
    Rule("too-many-items", ERROR, "一个部分下面超过 4 个小项", "合并相近的小项，或拆成两个部分"),
    Rule("heading-too-long", ERROR, "标题超过 40 字", "标题只概括，细节放进正文"),
    Rule("heading-punctuation", ERROR, "标题以句号、逗号或分号结尾", "删去末尾的标点"),
    Rule("repeated-sentence", WARNING, "有一句 20 字以上的话和另一篇范文一模一样", "换一种说法"),
    # ---------------------------------------------------------------- document conventions (conventions)
    Rule("signature-missing", ERROR, "没有落款（`signature`）",
         "总结、计划、要点写两行：`〔单位名称〕工会委员会` 和 `〔成文日期〕`；述职报告写 `述职人："
         "〔姓名〕` 和 `〔成文日期〕`",
         "缺少落款（signature）。总结、计划、要点写“〔单位名称〕工会委员会”“〔成文日期〕”两行；述职报告写“述职人："
         "〔姓名〕”“〔成文日期〕”两行"),
    Rule("signature-form", ERROR, "落款不合格式",
         "总结、计划、要点写两行：`〔单位名称〕工会委员会`（或总工会、分工会、工会联合会；"
         "女职工委员会和经费审查委员会的文稿写 `〔单位名称〕工会女职工委员会`、`〔单位名称〕工会经费审查委员会`，"
         "见 `data/kinds.yml` 的 `issuers`）和 `〔成文日期〕`；述职报告写 `述职人：〔姓名〕` 和 `〔成文日期〕`，"
         "不写职务",
         "落款不合格式：{detail}。总结、计划、要点：第一行〔单位名称〕工会委员会（或总工会、分工会、工会；"
         "女职工委员会、经费审查委员会的文稿写本委员会），最后一行〔成文日期〕；述职报告：述职人：〔姓名〕，"
         "最后一行〔成文日期〕"),
    Rule("guiding-idea-opening", ERROR, "计划、要点的“指导思想”（“总体要求”）没有以〔指导思想〕开头",
         "第一句写“坚持〔指导思想〕，”或“〔指导思想〕，”，再写本单位的话；"
         "网站按 `data/framing.yml` 填写当年的规范表述，读者可以改",
         "{kind}的“{heading}”没有以〔指导思想〕开头。第一句写“坚持〔指导思想〕，”或“〔指导思想〕，”，再接本单位的话："
         "在〔党组织〕领导和〔上级工会〕指导下，紧紧围绕……；网站按年度自动填写规范表述"),
    Rule("political-guidance-missing", ERROR, "总结里没有思想政治引领工作",
         "加一个部分（一般是第一部分），标注 `themes: [思想政治引领]`，写专题学习、“中国工人大思政课”、宣讲、"
         "思想动态调研等具体做法和数字",
         "{kind}没有思想政治引领工作：正文没有一个部分标注主题“{theme}”。加一个部分（一般放在第一部分），写专题学习、"
         "“中国工人大思政课”、宣讲、职工思想动态调研等具体做法和数字，并标注 themes: [{theme}]"),
    Rule("duty-study-missing", ERROR, "述职报告没有本人学习的部分",
         "加标题含“学习”的部分或小标题，写本人的理论学习和工会业务学习，具体到内容和次数",
         "述职报告没有本人学习的内容：没有标题含“{words}”的部分，也没有标注“{theme}”的部分。加一部分或一个小标题，"
         "写本人的理论学习和工会业务学习，具体到内容和次数"),
    Rule("duty-integrity-missing", ERROR, "述职报告没有廉洁自律的内容（“廉洁”“八项规定”或“廉政”）",
         "加一部分或一个小标题，写经费审批、落实中央八项规定精神、接受监督等具体做法",
         "述职报告没有廉洁自律的内容：全文没有出现“{words}”。加一部分或一个小标题，写经费审批、落实中央八项规定精神、"
         "接受监督等具体做法"),
    Rule("year-bound", ERROR,
         "写死了随年份变化的表述：“十五五”、成立100周年、二十届×中全会、“……思想为指导”，"
         "或指导思想一类句子里的具体年份",
         "写“〔年度〕年是〔年度定位〕”“坚持〔指导思想〕”，年份写〔年度〕年；"
         "这些表述每年在 `data/framing.yml` 更新一次",
         "写死了随年份变化的表述“{found}”：{why}。改用〔指导思想〕〔年度定位〕〔年度〕，"
         "网站按 data/framing.yml 填写当年的规范表述"),
    Rule("leadership-formula", ERROR, "领导格式不统一",
         "只写“在〔党组织〕领导和〔上级工会〕指导下”：党组织在前，用占位符，不写“的正确领导”",
         "领导格式“{found}”不合规范。统一写“{formula}”（党组织在前，用占位符，不加“的正确”）"),
    Rule("law-quotes", ERROR, "法律法规名称没有书名号",
         "写《中华人民共和国工会法》《中国工会章程》等，名单见 `data/terms.yml` 的 `laws`",
         "法规名称“{name}”没有加书名号。写{full}，第一次出现写全称，后文可写简称并保留书名号"),
    Rule("abbreviation-first", ERROR, "简称（教代会、职代会、女工委……）出现在全称之前",
         "第一次写全称并注明，如“教职工代表大会（以下简称教代会）”；标题和开头段也算",
         "简称“{short}”第一次出现之前没有写全称“{full}”。第一次写全称并注明简称，如“{full}（以下简称{short}）”"),
    Rule("forbidden-term", ERROR, "用了不规范的说法，如员工大会、技能大师工作室、暑期助学、去年",
         "按提示改，如职工大会、劳模和工匠人才创新工作室、金秋助学、上一年度；"
         "词表和理由见 `data/terms.yml` 的 `forbidden`",
         "“{found}”：{why}。{use}"),
    Rule("subtitle-form", ERROR, "副标题格式不对",
         "写“——在〔单位名称〕第X届会员代表大会第X次会议上”：以“——”开头、以“上”结尾，不加标点",
         "副标题“{subtitle}”不合格式。以“——”开头、以“上”结尾，不加标点，"
         "如“——在〔单位名称〕第X届会员代表大会第X次会议上”"),
    Rule("congress-address", ERROR, "在会议上的报告（工会工作报告一定是）缺副标题或缺“各位代表：”，或者只有其中一个",
         "在会议上的报告加副标题，开头段以“各位代表：”起；报送党组织的总结两者都不写",
         "{detail}。在会议上所作的报告（工会工作报告必须是）：加副标题（subtitle），开头段以“各位代表：”起；"
         "报送党组织和上级工会的总结：不写副标题，也不写称呼"),
    Rule("uniform-shortcomings", WARNING, "全库一半以上的总结“存在的不足”条数相同，像套了模板",
         "按实际写 2～4 条，每条点出具体差距",
         "全库 {total} 篇总结中有 {same} 篇的不足都是 {count} 条，像套了模板。按实际写 2～4 条，"
         "每条点出具体的差距（数字或事例）"),
    Rule("uniform-closing", WARNING, "三篇以上范文的结尾段开头相同",
         "换一种收束：展望具体目标、致谢或表态",
         "结尾段和另外 {others} 篇范文一样以“{start}”开头。换一种收束：展望一个具体目标、致谢或表态，1～3 句"),
    # ---------------------------------------------------------------- vocabulary, outlines, search (maintainers)
    Rule("markup", ERROR, "登记表（`data/` 下的 YAML 文件）里出现了 `<`、`>`、`{{` 之类的标记",
         "登记表的文字会直接进入页面，只写纯文本"),
    Rule("framing-year", ERROR, "维护者用：`data/framing.yml` 缺今年或明年的条目",
         "每年 12 月把 `current_year` 改成新的一年，并补上下一年的条目"),
    Rule("bad-pattern", ERROR, "维护者用：`data/terms.yml` 或 `data/search.yml` 的正则表达式写错了",
         "按报错的位置改正则"),
    Rule("bad-year", ERROR, "维护者用：`data/placeholders.yml` 的 `by_year` 不是四位年份", "写成 `\"2026\": ……`"),
    Rule("unknown-example", ERROR, "推荐提纲列出的依据范文不存在", "按提示改正 `examples` 里的 id"),
    Rule("wrong-union-type", ERROR, "推荐提纲列出的依据范文不是这一工会类型", "换成本类型的范文"),
    Rule("no-example-of-kind", ERROR, "推荐提纲的依据范文里没有一篇是这一文种", "至少列出一篇这一文种的范文"),
    Rule("duplicate-theme", ERROR, "推荐提纲里同一个主题写了两次", "合并成一处"),
    Rule("duplicate-heading", ERROR, "推荐提纲里同一个标题写了两次", "合并成一处"),
    Rule("sub-kind-word", ERROR,
         "推荐提纲里用了只有部分单位才有的词（见该文件的 `sub_kind_words`，如学校的“二级教代会”“幼儿”）",
         "换成这一类型所有单位都适用的说法"),
)


def contributing_table() -> str:
    """CONTRIBUTING.md's table of codes, between its markers, in registry order."""
    rows = [TABLE_START, "", "| 代码 | 级别 | 检查什么 | 怎么改 |", "| --- | --- | --- | --- |"]
    for rule in RULES.values():
        cells = (f"`{rule.code}`", SEVERITY_LABELS[rule.severity], rule.what, rule.fix)
        rows.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join([*rows, "", TABLE_END])


class TableMarkersMissing(ValueError):
    """CONTRIBUTING.md has lost the comments that delimit the generated table."""


def with_table(text: str) -> str:
    """``text`` (CONTRIBUTING.md) with the generated table in place of whatever is between the markers."""
    start, end = text.find(TABLE_START), text.find(TABLE_END)
    if start < 0 or end < start:
        raise TableMarkersMissing(f"CONTRIBUTING.md 里找不到 {TABLE_START} 和 {TABLE_END} 两行注释，无法写入规则表")
    return text[:start] + contributing_table() + text[end + len(TABLE_END):]
