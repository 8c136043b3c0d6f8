"""Organisational life: the share of required meetings held, by kind and organisation, with the red cells and
their reasons, as the compliance engine of the meetings app judges them (`meetings.selectors.compliance_results`;
its corrections, such as 不适用 before a branch's founding, flow through unchanged).

Which meetings a period requires: those whose own period (month, quarter, year of the rule) ends within the
dashboard's period and has begun by today. A quarter therefore requires its three months' committee meetings,
its general meeting and lecture; the yearly ones fall due in the period holding December. A period still running
counts what was held so far (amber until held); only periods that have ended unmet are red. Results the engine
says are not applicable (不适用) or not yet begun require nothing. Held is counted up to the minimum, so the
share never passes 100 %."""

import datetime

from django.utils.translation import gettext_lazy

from meetings.rules import Status
from meetings.selectors import compliance_results

from ..tree import Level
from . import Context, Table

COUNTED = (Status.DONE, Status.DUE, Status.OVERDUE)
REASONS_SHOWN = 5


def _year_results(level: Level, ctx: Context):
    """The engine's results for every branch of the level over the period's whole year (one evaluation)."""
    year = ctx.period.year
    return compliance_results(
        branches=level.branches,
        start=datetime.date(year, 1, 1),
        end=datetime.date(year, 12, 31),
        today=ctx.today,
    )


def counted(result, first: datetime.date, last: datetime.date) -> bool:
    """Whether a result counts for the period [first, last]: its period ends in it and is not upcoming or n/a."""
    return first <= result.period.end <= last and result.status in COUNTED


def _empty(rules) -> dict:
    return {
        "reasons": [],
        "required": 0,
        "held": 0,
        "overdue": 0,
        "due": 0,
        "kinds": {rule.key: {"required": 0, "held": 0, "overdue": 0, "due": 0} for rule in rules},
    }


def _add(figures: dict, result) -> None:
    held = min(result.held, result.required)
    for target in (
        figures,
        figures["kinds"].setdefault(result.rule_key, {"required": 0, "held": 0, "overdue": 0, "due": 0}),
    ):
        target["required"] += result.required
        target["held"] += held
        target["overdue"] += result.status == Status.OVERDUE
        target["due"] += result.status == Status.DUE


def share(figures: dict) -> float | None:
    """Held ÷ required as a percentage with one decimal, None when nothing was required."""
    if not figures["required"]:
        return None
    return round(figures["held"] * 100 / figures["required"], 1)


def compute(level: Level, ctx: Context) -> dict:
    """Per row and in total: required, held, overdue and due, overall and by kind; the year's monthly trend; the
    rules in force (for the column headers). A fixed number of queries (the engine's)."""
    rules, results = _year_results(level, ctx)
    path_of = {b.pk: b.path for b in level.branches}
    rows = {row.key: _empty(rules) for row in level.rows}
    total = _empty(rules)
    first, last = ctx.period.start, ctx.period.end
    months = {month: {"required": 0, "held": 0, "overdue": 0} for month in range(1, 13)}
    for result in results:
        if result.status not in COUNTED:
            continue
        if first <= result.period.end <= last:
            target = rows.get(level.key_of(path_of[result.org_id]))
            if target is not None:
                _add(target, result)
                # A branch's own row lists the engine's reasons for its red cells (a few, for the attention list).
                own = path_of[result.org_id] == level.key_of(path_of[result.org_id])
                if result.status == Status.OVERDUE and own and len(target["reasons"]) < REASONS_SHOWN:
                    target["reasons"].append(result.reason)
            _add(total, result)
        month = months[result.period.end.month]
        month["required"] += result.required
        month["held"] += min(result.held, result.required)
        month["overdue"] += result.status == Status.OVERDUE
    trend = [
        {"month": number, "required": m["required"], "held": m["held"], "overdue": m["overdue"], "share": share(m)}
        for number, m in months.items()
    ]
    return {"rows": rows, "total": total, "rules": [(rule.key, rule.label) for rule in rules], "trend": trend}


HEADERS = [
    gettext_lazy("党支部"),
    gettext_lazy("会议类型"),
    gettext_lazy("周期"),
    gettext_lazy("应召开"),
    gettext_lazy("已召开（计入）"),
    gettext_lazy("状态"),
    gettext_lazy("原因"),
]


def result_rows(ctx: Context, level: Level, org, *, status: str = "", rule_key: str = "") -> Table:
    """The engine's cells behind a figure of `org`: every counted cell (the share), or only the overdue (red)
    ones, optionally of one kind. Σ required and Σ held of the rows are the figure's required and held."""
    rules, results = _year_results(level, ctx)
    labels = {rule.key: rule.label for rule in rules}
    branches = {b.pk: b for b in level.branches if b.path.startswith(org.path)}
    first, last = ctx.period.start, ctx.period.end
    picked = [
        r
        for r in results
        if r.org_id in branches
        and counted(r, first, last)
        and (not status or r.status == status)
        and (not rule_key or r.rule_key == rule_key)
    ]
    picked.sort(key=lambda r: (branches[r.org_id].path, r.rule_key, r.period.start, r.group_id or 0))
    rows = [
        [
            branches[r.org_id].name,
            str(labels.get(r.rule_key, r.kind)),
            f"{r.period.start.year}年{r.period.label}" if r.period.kind != "year" else r.period.label,
            r.required,
            min(r.held, r.required),
            str(Status(r.status).label),
            r.reason,
        ]
        for r in picked
    ]
    return Table(HEADERS, rows)
