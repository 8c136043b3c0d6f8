"""A dashboard: every area's figures for an organisation and the rows below it, laid out for the page (sections
of cells, each with its drill-down link and colour), the "needs attention" list and the charts' data.

Views call `dashboard(...)` with the user, the organisation taken through the scope, the period and today;
templates only show what this returns."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from members.rules import AGE_BANDS, Education, Occupation

from .figures import Context
from .figures import dues as dues_area
from .figures import meetings as meetings_area
from .figures import members as members_area
from .figures import movements as movements_area
from .figures import quality as quality_area
from .figures import recruitment as recruitment_area
from .figures import remote as remote_area
from .periods import Period
from .summaries import summary_get, thaw, uses_summary
from .tree import Level, level_for

AREAS = {
    "members": members_area.compute,
    "meetings": meetings_area.compute,
    "dues": dues_area.compute,
    "recruitment": recruitment_area.compute,
    "mobile": movements_area.compute,
    "remote": remote_area.compute,
    "quality": quality_area.compute,
}


@dataclass
class Cell:
    text: str
    url: str = ""
    tone: str = ""
    value: object = None
    key: str = ""


@dataclass
class SectionRow:
    org: object
    url: str  # the organisation's own dashboard (empty for the dashboard's organisation itself)
    cells: list[Cell]
    label: str = ""


@dataclass
class Section:
    key: str
    title: str
    note: str
    columns: list[str]
    rows: list[SectionRow]
    total: SectionRow

    @property
    def pairs(self) -> list[tuple[str, Cell]]:
        """(column, total cell): a branch's one-screen overview shows a section as a list."""
        return list(zip(self.columns, self.total.cells, strict=True))


@dataclass
class Attention:
    org: object
    kind: str  # overdue, below minimum, vacancy...
    reason: str
    url: str


@dataclass
class Dashboard:
    org: object
    level: Level
    period: Period
    today: datetime.date
    figures: dict
    sections: list[Section] = field(default_factory=list)
    profile: list[Section] = field(default_factory=list)
    cards: list[dict] = field(default_factory=list)
    attention: list[Attention] = field(default_factory=list)
    charts: dict = field(default_factory=dict)
    summary: object = None  # the stored summary the figures come from (the county), or None when live
    missing: bool = False  # read from summaries, but none computed yet for this period
    chart_tables: dict = field(default_factory=dict)
    chart_headers: dict = field(default_factory=dict)
    sites: list = field(default_factory=list)

    @property
    def as_of(self) -> datetime.date:
        return self.period.as_of(self.today)


def compute_figures(*, user, org, period: Period, today: datetime.date) -> tuple[Level, dict]:
    """Every area's figures of `org` and its rows for `period`: a fixed number of queries whatever the number of
    rows (reports/summaries.py stores them for the county)."""
    level = level_for(user=user, org=org)
    ctx = Context(user=user, period=period, today=today)
    return level, {name: compute(level, ctx) for name, compute in AREAS.items()}


def dashboard(*, user, org, period: Period, today: datetime.date) -> Dashboard:
    """`org`'s dashboard for `period`: computed now, or read from the summary table for the county."""
    if uses_summary(org):
        level = level_for(user=user, org=org)
        summary = summary_get(org=org, period=period)
        if summary is None:
            return Dashboard(org=org, level=level, period=period, today=today, figures={}, missing=True)
        board = Dashboard(org=org, level=level, period=period, today=summary.computed_on, figures=thaw(summary.data))
        board.summary = summary
    else:
        level, figures = compute_figures(user=user, org=org, period=period, today=today)
        board = Dashboard(org=org, level=level, period=period, today=today, figures=figures)
    _fill_missing_rows(board)
    _layout(board)
    return board


def _fill_missing_rows(board: Dashboard) -> None:
    """Rows added to the tree after a summary was computed show empty figures, never an error."""
    for figures in board.figures.values():
        rows = figures.get("rows")
        if rows is None:
            continue
        sample = figures["total"]
        for row in board.level.rows:
            if row.key not in rows:
                rows[row.key] = _zeroed(sample)


def _zeroed(value):
    if isinstance(value, dict):
        return {key: _zeroed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_zeroed(item) for item in value]
    if isinstance(value, Decimal):
        return Decimal("0.00")
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float):
        return 0
    return value


# ---------------------------------------------------------------- layout


def _number(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    return str(value)


def _percent(value) -> str:
    return "—" if value is None else f"{value:.1f}%"


class _Links:
    def __init__(self, board: Dashboard):
        self.query = f"?period={board.period.key}"

    def figure(self, org, key: str) -> str:
        return reverse("reports:figure_rows", kwargs={"org_pk": org.pk, "figure": key}) + self.query

    def board(self, org) -> str:
        return reverse("reports:dashboard", kwargs={"org_pk": org.pk}) + self.query


def _rows(board: Dashboard, area: str, build) -> tuple[list[SectionRow], SectionRow]:
    links = _Links(board)
    figures = board.figures[area]
    rows = [
        SectionRow(row.org, "" if row.own else links.board(row.org), build(row.org, figures["rows"][row.key]),
                   _("（本级）") if row.own and not board.level.is_branch else "")
        for row in board.level.rows
    ]  # fmt: skip
    total = SectionRow(board.org, "", build(board.org, figures["total"]), _("合计"))
    return rows, total


def _layout(board: Dashboard) -> None:
    """Lay out the board's sections in display order, then its cards, attention list and charts."""
    links = _Links(board)
    _members_sections(board, links)
    _meetings_section(board, links)
    _dues_section(board, links)
    _recruitment_section(board, links)
    _mobile_section(board, links)
    _quality_section(board, links)
    _cards(board, links)
    _attention(board, links)
    _charts(board)


def _count(links, org, key, value, tone=""):
    return Cell(_number(value), links.figure(org, key) if value else "", tone if value else "", value, key)


def _members_sections(board: Dashboard, links) -> None:
    count = partial(_count, links)

    def member_cells(org, f):
        cells = [count(org, f"members.{name}", f[name]) for name, _label in members_area.PROFILE]
        cells += [count(org, f"members.changes.{name}", f["changes"][name]) for name, _label in members_area.CHANGES]
        return cells

    rows, total = _rows(board, "members", member_cells)
    board.sections.append(
        Section(
            "members",
            _("党员队伍"),
            _("人数为%(day)s在册（含失联）；变动为本期内。") % {"day": board.as_of.isoformat()},
            [str(label) for _n, label in members_area.PROFILE] + [str(label) for _n, label in members_area.CHANGES],
            rows,
            total,
        )
    )
    profile_families = {
        "age": (_("年龄结构"), [label for _l, _h, label in AGE_BANDS], list(range(len(AGE_BANDS)))),
        "education": (_("学历结构"), [str(label) for label in Education.labels], Education.values),
        "occupation": (_("职业结构"), [str(label) for label in Occupation.labels], Occupation.values),
    }
    for family, (title, labels, keys) in profile_families.items():

        def cells(org, f, family=family, keys=keys):
            return [count(org, f"members.{family}.{key}", f[family][key]) for key in keys]

        rows, total = _rows(board, "members", cells)
        board.profile.append(Section(family, title, "", labels, rows, total))


def _meetings_section(board: Dashboard, links) -> None:
    meetings = board.figures["meetings"]
    rules = meetings["rules"]

    def meeting_cell(org, f, rule_key=""):
        figures = f["kinds"].get(rule_key, {"required": 0, "held": 0, "overdue": 0, "due": 0}) if rule_key else f
        suffix = f".{rule_key}" if rule_key else ""
        share = meetings_area.share(figures)
        if figures["overdue"]:
            tone, url = "danger", links.figure(org, f"meetings.overdue{suffix}")
        elif figures["due"]:
            tone, url = "warning", links.figure(org, f"meetings.all{suffix}")
        elif figures["required"]:
            tone, url = "success", links.figure(org, f"meetings.all{suffix}")
        else:
            tone, url = "", ""
        text = _percent(share)
        if figures["required"]:
            text = f"{text}（{figures['held']}/{figures['required']}）"
        return Cell(text, url, tone, share, f"meetings.all{suffix}")

    rows, total = _rows(
        board,
        "meetings",
        lambda org, f: [meeting_cell(org, f)] + [meeting_cell(org, f, key) for key, _label in rules],
    )
    board.sections.append(
        Section(
            "meetings",
            _("组织生活"),
            _(
                "已召开÷应召开：本期内到期的各类会议（按各自周期计），正在进行的周期计入已开的次数；红色为逾期未完成，点开可见原因。"
            ),
            [_("合计")] + [str(label) for _key, label in rules],
            rows,
            total,
        )
    )


def _dues_section(board: Dashboard, links) -> None:
    count = partial(_count, links)

    def dues_cells(org, f):
        return [
            Cell(_number(f["owed"]), links.figure(org, "dues.owed") if f["owed"] else "", "", f["owed"], "dues.owed"),
            Cell(
                _number(f["collected"]),
                links.figure(org, "dues.collected") if f["collected"] else "",
                "",
                f["collected"],
                "dues.collected",
            ),
            Cell(_percent(dues_area.rate(f)), "", "", dues_area.rate(f), "dues.rate"),
            count(org, "dues.unassessed", f["unassessed"], "warning"),
            count(org, "dues.arrears_warning", f["arrears_warning"], "warning"),
            count(org, "dues.arrears_escalation", f["arrears_escalation"], "danger"),
            Cell(
                _number(f["received"]),
                links.figure(org, "dues.received") if f["received"] else "",
                "",
                f["received"],
                "dues.received",
            ),
            Cell(
                _number(f["on_hand"]),
                links.figure(org, "dues.on_hand") if f["on_hand"] else "",
                "",
                f["on_hand"],
                "dues.on_hand",
            ),
        ]

    rows, total = _rows(board, "dues", dues_cells)
    board.sections.append(
        Section(
            "dues",
            _("党费"),
            _(
                "应缴、已缴按党费所属月份计（截至本月）；欠缴按已结束的月份连续计算；收到上缴按上缴日期，结存为期末余额。"
            ),
            [
                _("应缴（元）"),
                _("已缴（元）"),
                _("收缴率"),
                _("未核定标准"),
                _("连续欠缴≥3月"),
                _("连续欠缴≥6月"),
                _("收到上缴（元）"),
                _("结存（元）"),
            ],
            rows,
            total,
        )
    )


def _recruitment_section(board: Dashboard, links) -> None:
    count = partial(_count, links)

    def recruitment_cells(org, f):
        cells = [count(org, f"recruitment.{name}", f[name]) for name, _label in recruitment_area.PIPELINE]
        cells.append(count(org, "recruitment.overdue", f["overdue"], "danger"))
        for name, target in (("activists_year", "target_activists"), ("admitted_year", "target_members")):
            achieved = f[name]
            text = _number(achieved) if f[target] is None else f"{achieved}/{f[target]}"
            tone = "success" if f[target] is not None and achieved >= f[target] else ""
            cells.append(
                Cell(
                    text,
                    links.figure(org, f"recruitment.{name}") if achieved else "",
                    tone,
                    achieved,
                    f"recruitment.{name}",
                )
            )
        cells.append(count(org, "recruitment.confirmed_year", f["confirmed_year"]))
        return cells

    rows, total = _rows(board, "recruitment", recruitment_cells)
    board.sections.append(
        Section(
            "recruitment",
            _("发展党员"),
            _("在培养的人数为%(day)s的情况；本年完成数与年度计划对比（完成/计划）。")
            % {"day": board.as_of.isoformat()},
            [str(label) for _n, label in recruitment_area.PIPELINE]
            + [_("下一步逾期"), _("本年确定积极分子"), _("本年接收预备党员"), _("本年转正")],
            rows,
            total,
        )
    )


def _mobile_section(board: Dashboard, links) -> None:
    count = partial(_count, links)

    def mobile_cells(org, f, r):
        return [
            count(org, "mobile.away", f["away"]),
            count(org, "mobile.contact_overdue", f["contact_overdue"], "warning"),
            count(org, "mobile.lost", f["lost"], "danger"),
            Cell(_number(r["sites"]), "", "", r["sites"]),
            count(org, "remote.sessions", r["sessions"]),
            Cell(_number(r["hours"]), "", "", r["hours"]),
            Cell(_percent(r["rate"]), "", "", r["rate"], "remote.rate"),
            count(org, "remote.below", r["below"], "danger"),
        ]

    remote = board.figures["remote"]
    mobile = board.figures["mobile"]
    rows = [
        SectionRow(
            row.org,
            "" if row.own else links.board(row.org),
            mobile_cells(row.org, mobile["rows"][row.key], remote["rows"][row.key]),
        )
        for row in board.level.rows
    ]
    total = SectionRow(board.org, "", mobile_cells(board.org, mobile["total"], remote["total"]), _("合计"))
    board.sections.append(
        Section(
            "mobile",
            _("流动党员与远程教育"),
            _("流动党员为当前情况；远程教育为本期已过的月份，收看率=各月收看党员之和÷各月在家党员之和。"),
            [
                _("外出"),
                _("联系逾期"),
                _("失联"),
                _("播放点"),
                _("播放次数"),
                _("播放小时"),
                _("收看率"),
                _("未达标准（点·月）"),
            ],
            rows,
            total,
        )
    )
    board.sites = remote["sites"]


def _quality_section(board: Dashboard, links) -> None:
    count = partial(_count, links)

    def quality_cells(org, f):
        return [
            count(org, f"quality.{check}", f[check], "danger" if check == "vacancy" else "warning")
            for check in quality_area.LABELS
        ]

    rows, total = _rows(board, "quality", quality_cells)
    board.sections.append(
        Section(
            "quality",
            _("数据质量与书记空缺"),
            _("当前情况。"),
            [str(v) for v in quality_area.LABELS.values()],
            rows,
            total,
        )
    )


def _card(label, value, url, note, tone="") -> dict:
    return {"label": label, "value": value, "url": url, "note": note, "tone": tone}


def _cards(board: Dashboard, links: _Links) -> None:
    """The headline figures of the dashboard's organisation, each opening the records behind it."""
    f = {name: figures["total"] for name, figures in board.figures.items()}
    org = board.org
    members, meetings, dues, recruitment = f["members"], f["meetings"], f["dues"], f["recruitment"]
    mobile, remote, quality = f["mobile"], f["remote"], f["quality"]
    target = recruitment["target_members"]
    admitted = str(recruitment["admitted_year"]) + (f"/{target}" if target is not None else "")
    board.cards = [
        _card(
            _("党员"),
            _number(members["total"]),
            links.figure(org, "members.total"),
            _("正式%(full)d · 预备%(prob)d · 女%(women)d")
            % {"full": members["full"], "prob": members["probationary"], "women": members["women"]},
        ),
        _card(
            _("组织生活完成率"),
            _percent(meetings_area.share(meetings)),
            links.figure(org, "meetings.all"),
            _("逾期%(n)d项") % {"n": meetings["overdue"]},
            "danger" if meetings["overdue"] else "",
        ),
        _card(
            _("党费收缴率"),
            _percent(dues_area.rate(dues)),
            links.figure(org, "dues.owed"),
            _("欠缴≥6月%(n)d人 · 未核定%(u)d人") % {"n": dues["arrears_escalation"], "u": dues["unassessed"]},
            "danger" if dues["arrears_escalation"] else "",
        ),
        _card(
            _("本年接收预备党员"),
            admitted,
            links.figure(org, "recruitment.admitted_year"),
            _("下一步逾期%(n)d份") % {"n": recruitment["overdue"]},
            "danger" if recruitment["overdue"] else "",
        ),
        _card(
            _("流动党员"),
            _number(mobile["away"]),
            links.figure(org, "mobile.away"),
            _("失联%(n)d人") % {"n": mobile["lost"]},
            "danger" if mobile["lost"] else "",
        ),
        _card(
            _("远程教育收看率"),
            _percent(remote["rate"]),
            links.figure(org, "remote.sessions"),
            _("播放%(n)d次 · %(h)s小时") % {"n": remote["sessions"], "h": remote["hours"]},
            "danger" if remote["below"] else "",
        ),
        _card(
            _("数据质量问题"),
            _number(quality["problems"]),
            "#section-quality",
            _("书记空缺%(n)d个") % {"n": quality["vacancy"]},
            "danger" if quality["vacancy"] else "",
        ),
    ]


# (area, figure, kind of attention, reason with %(n)d, figure key behind it)
ATTENTION = [
    ("meetings", "overdue", gettext_lazy("逾期"), gettext_lazy("%(n)d项组织生活逾期未完成"), "meetings.overdue"),
    ("remote", "below", gettext_lazy("低于标准"), gettext_lazy("远程教育%(n)d个点·月低于播放标准"), "remote.below"),
    ("quality", "vacancy", gettext_lazy("空缺"), gettext_lazy("%(n)d个党支部书记空缺"), "quality.vacancy"),
    (
        "quality",
        "small_branch",
        gettext_lazy("低于标准"),
        gettext_lazy("%(n)d个党支部正式党员不足3人"),
        "quality.small_branch",
    ),
    (
        "dues",
        "arrears_escalation",
        gettext_lazy("逾期"),
        gettext_lazy("%(n)d名党员连续6个月及以上未交纳党费"),
        "dues.arrears_escalation",
    ),
    ("dues", "unassessed", gettext_lazy("未核定"), gettext_lazy("%(n)d名党员未核定党费标准"), "dues.unassessed"),
    (
        "recruitment",
        "overdue",
        gettext_lazy("逾期"),
        gettext_lazy("%(n)d份发展党员档案下一步逾期"),
        "recruitment.overdue",
    ),
    ("mobile", "lost", gettext_lazy("失联"), gettext_lazy("%(n)d名流动党员失去联系"), "mobile.lost"),
]


def _attention(board: Dashboard, links: _Links) -> None:
    """Organisations needing attention, in tree order, each with why: never a ranking, never people's names.
    A branch's overdue meetings are listed one by one with the compliance engine's reason."""
    items = []
    for row in board.level.rows:
        for area, name, kind, reason, key in ATTENTION:
            figures = board.figures[area]["rows"][row.key]
            n = figures[name]
            if not n:
                continue
            text = str(reason) % {"n": n}
            if area == "meetings" and figures.get("reasons") and len(figures["reasons"]) == n:
                text = "；".join(figures["reasons"])
            items.append(Attention(row.org, str(kind), text, links.figure(row.org, key)))
    board.attention = items


def _charts(board: Dashboard) -> None:
    f = board.figures
    months = [_("%(m)d月") % {"m": m} for m in range(1, 13)]
    members = f["members"]["total"]
    recruitment = f["recruitment"]["total"]
    standing = [recruitment[name] for name, _label in recruitment_area.PIPELINE]
    # A funnel narrows: at each stage, the files standing there or further on.
    reached = [sum(standing[index:]) for index in range(len(standing))]
    board.charts = {
        "compliance": {
            "title": _("%(year)d年组织生活完成率") % {"year": board.period.year},
            "labels": months,
            "share": [m["share"] for m in f["meetings"]["trend"]],
            "required": [m["required"] for m in f["meetings"]["trend"]],
            "held": [m["held"] for m in f["meetings"]["trend"]],
            "names": {"share": _("完成率(%)"), "required": _("应召开"), "held": _("已召开")},
        },
        "collection": {
            "title": _("%(year)d年党费收缴") % {"year": board.period.year},
            "labels": months,
            "rate": [m["rate"] for m in f["dues"]["trend"]],
            "owed": [float(m["owed"]) for m in f["dues"]["trend"]],
            "collected": [float(m["collected"]) for m in f["dues"]["trend"]],
            "names": {"rate": _("收缴率(%)"), "owed": _("应缴（元）"), "collected": _("已缴（元）")},
        },
        "funnel": {
            "title": _("发展党员漏斗（已到达各阶段的人数）"),
            "labels": [str(label) for _n, label in recruitment_area.PIPELINE],
            "values": reached,
        },
        "profile": {
            "title": _("党员年龄结构"),
            "labels": [label for _l, _h, label in AGE_BANDS],
            "values": members["age"],
            "education_title": _("学历结构"),
            "education": [
                {"name": str(label), "value": members["education"][value]}
                for value, label in zip(Education.values, Education.labels, strict=True)
            ],
        },
    }
    board.chart_tables = {
        "compliance": [
            (months[i], m["required"], m["held"], _percent(m["share"])) for i, m in enumerate(f["meetings"]["trend"])
        ],
        "collection": [
            (months[i], _number(m["owed"]), _number(m["collected"]), _percent(m["rate"]))
            for i, m in enumerate(f["dues"]["trend"])
        ],
        "funnel": list(zip(board.charts["funnel"]["labels"], standing, reached, strict=True)),
        "profile": list(zip(board.charts["profile"]["labels"], members["age"], strict=True)),
        "education": [(e["name"], e["value"]) for e in board.charts["profile"]["education"]],
    }
    board.chart_headers = {
        "compliance": [_("月份"), _("应召开"), _("已召开"), _("完成率")],
        "collection": [_("月份"), _("应缴（元）"), _("已缴（元）"), _("收缴率")],
        "funnel": [_("阶段"), _("现处本阶段"), _("已到达本阶段")],
        "profile": [_("年龄"), _("人数")],
    }
