"""Compliance with the minimum frequencies of organisational life (DOMAIN §2, Branch Regs art. 11–12,
Member Regs): periods, the rules (data, versioned by year, loaded by the caller) and the evaluator that
says per organisation, kind and period what was required, what was held and its status. Pure: no ORM."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from partywork.dates import month_end, quarter_bounds

from .choices import Period, kind_label


class Status(models.TextChoices):
    DONE = "done", _lazy("已完成")
    DUE = "due", _lazy("待完成")
    OVERDUE = "overdue", _lazy("逾期未完成")
    UPCOMING = "upcoming", _lazy("未到期")
    NOT_APPLICABLE = "na", _lazy("不适用")


# For a cell that combines several periods or groups, the worst status wins.
_SEVERITY = {Status.OVERDUE: 4, Status.DUE: 3, Status.UPCOMING: 2, Status.DONE: 1, Status.NOT_APPLICABLE: 0}
QUARTER_NAMES = {1: _lazy("第一季度"), 2: _lazy("第二季度"), 3: _lazy("第三季度"), 4: _lazy("第四季度")}


# Branch Regs art. 16, as the township's page tracks it: the committee (党委) secretary lectures yearly.
COMMITTEE_SECRETARY_LECTURE = _lazy("党委书记讲党课")
COMMITTEE_SECRETARY_BASIS = _lazy(
    "《中国共产党支部工作条例（试行）》第十六条：党员领导干部应当定期为基层党员讲党课，党委（党组）书记每年至少讲1次党课"
)


# DOMAIN §2 (the township committee's own life): 民主生活会 once a year for the committee; 党委会 as needed and the
# centre group's study by local practice are counted, not judged.
DEMOCRATIC_LIFE_BASIS = _lazy(
    "乡镇党委领导班子民主生活会每年召开1次；党委会根据需要召开、理论学习中心组学习按本地安排，只统计不考核"
)


def committee_secretary_rule() -> "Rule":
    """[national] Branch Regs art. 16: 党委（党组）书记每年至少讲1次党课."""
    return Rule(
        "lecture",
        Period.YEAR,
        1,
        by_secretary=True,
        basis=str(COMMITTEE_SECRETARY_BASIS),
        title=str(COMMITTEE_SECRETARY_LECTURE),
    )


def branch_secretary_rule(*, per_year: int, local_basis: str) -> "Rule | None":
    """[local] The county's rule that each branch secretary lectures `per_year` times a year (0: not assessed).
    Not a regulation: its basis names the local rule it comes from."""
    if per_year <= 0:
        return None
    return Rule(
        "lecture",
        Period.YEAR,
        per_year,
        by_secretary=True,
        basis=_("本地规则（%(basis)s）：支部书记每年至少讲党课%(n)d次，非《支部工作条例》规定")
        % {"basis": local_basis, "n": per_year},
        title=_("支部书记讲党课"),
    )


# ---------------------------------------------------------------- periods


@dataclass(frozen=True)
class PeriodSpan:
    kind: str  # Period value
    start: datetime.date
    end: datetime.date

    @property
    def label(self) -> str:
        if self.kind == Period.MONTH:
            return _("%(month)d月") % {"month": self.start.month}
        if self.kind == Period.QUARTER:
            return str(QUARTER_NAMES[(self.start.month - 1) // 3 + 1])
        return _("%(year)d年度") % {"year": self.start.year}

    @property
    def key(self) -> str:
        if self.kind == Period.MONTH:
            return f"{self.start:%Y-%m}"
        if self.kind == Period.QUARTER:
            return f"{self.start.year}Q{(self.start.month - 1) // 3 + 1}"
        return str(self.start.year)

    def contains(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end


def periods_of_year(year: int, period: str) -> list[PeriodSpan]:
    """Every period of one kind in a calendar year: 12 months, 4 quarters or the year itself."""
    if period == Period.MONTH:
        return [
            PeriodSpan(Period.MONTH, datetime.date(year, m, 1), month_end(datetime.date(year, m, 1)))
            for m in range(1, 13)
        ]
    if period == Period.QUARTER:
        return [PeriodSpan(Period.QUARTER, *quarter_bounds(year, q)) for q in range(1, 5)]
    return [PeriodSpan(Period.YEAR, datetime.date(year, 1, 1), datetime.date(year, 12, 31))]


def periods_within(start: datetime.date, end: datetime.date, period: str) -> list[PeriodSpan]:
    """The periods of one kind that overlap [start, end] (a quarter shows its months and its year)."""
    spans = []
    for year in range(start.year, end.year + 1):
        spans += [p for p in periods_of_year(year, period) if p.start <= end and p.end >= start]
    return spans


# ---------------------------------------------------------------- compliance


@dataclass(frozen=True)
class Rule:
    """A minimum frequency (DOMAIN §2). `min_full_members`: the rule applies only to branches with at
    least that many full members (a committee needs 7); `per_group`: counted for each party group."""

    kind: str
    period: str
    min_count: int = 1
    min_full_members: int = 0
    per_group: bool = False
    by_secretary: bool = False  # only lectures given by the secretary (on the lecture's date) count
    basis: str = ""  # the regulation, or the local rule, it comes from, as shown to users
    title: str = ""  # a label other than the kind's

    @property
    def key(self) -> str:
        return f"{self.kind}:secretary" if self.by_secretary else self.kind

    @property
    def label(self) -> str:
        if self.title:
            return self.title
        return _("书记讲党课") if self.by_secretary else kind_label(self.kind)


@dataclass(frozen=True)
class OrgFacts:
    """What the evaluator knows of a branch. `full_members` is today's count; `full_spans`, when given, are
    the days each full member belonged to it ([first day, day they left) or open), so a past period is judged
    by the count at its end. `group_dates` gives each group's founding and dissolution (groups not listed
    existed throughout)."""

    org_id: int
    full_members: int
    groups: tuple[tuple[int, str], ...] = ()  # (group id, group name)
    founded_on: datetime.date | None = None
    dissolved_on: datetime.date | None = None
    full_spans: tuple[tuple[datetime.date, datetime.date | None], ...] | None = None
    group_dates: tuple[tuple[int, datetime.date | None, datetime.date | None], ...] = ()

    def full_members_on(self, day: datetime.date) -> int:
        if self.full_spans is None:
            return self.full_members
        return sum(1 for start, end in self.full_spans if start <= day and (end is None or day < end))

    def groups_in(self, span: "PeriodSpan") -> tuple[tuple[int, str], ...]:
        """The party groups that existed during the period (a group founded or dissolved within it counts)."""
        dates = {pk: (founded, dissolved) for pk, founded, dissolved in self.group_dates}
        kept = []
        for pk, name in self.groups:
            founded, dissolved = dates.get(pk, (None, None))
            if (founded and span.end < founded) or (dissolved and span.start > dissolved):
                continue
            kept.append((pk, name))
        return tuple(kept)


@dataclass(frozen=True)
class Held:
    """One meeting counted for one kind (a meeting with three kinds gives three of these)."""

    org_id: int
    group_id: int | None
    kind: str
    held_on: datetime.date
    by_secretary: bool = False  # the lecturer was the branch's secretary


@dataclass
class Result:
    org_id: int
    kind: str
    period: PeriodSpan
    required: int
    held: int
    status: str
    reason: str
    group_id: int | None = None
    rule_key: str = ""


def _status(*, required: int, held: int, period: PeriodSpan, today: datetime.date) -> str:
    if held >= required:
        return Status.DONE
    if period.end < today:
        return Status.OVERDUE
    if period.start <= today:
        return Status.DUE
    return Status.UPCOMING


def _reason(status: str, *, who: str, label: str, period: PeriodSpan, required: int, held: int) -> str:
    values = {"who": who, "period": period.label, "kind": label, "required": required, "held": held}
    if status == Status.DONE:
        return _("%(who)s%(period)s已召开%(kind)s%(held)d次") % values
    if status == Status.OVERDUE:
        if held:
            return _("%(who)s%(period)s%(kind)s只召开%(held)d次，应召开%(required)d次") % values
        return _("%(who)s%(period)s未召开%(kind)s") % values
    if status == Status.DUE:
        return _("%(who)s%(period)s尚未召开%(kind)s（截至%(end)s）") % {**values, "end": f"{period.end:%m月%d日}"}
    return _("%(who)s%(period)s未到期") % values


def lifetime_reason(org: OrgFacts, span: PeriodSpan) -> str:
    """Nothing is owed for a period that ended before the organisation was founded or began after it was
    dissolved (issue 10 item 7); a period it existed in for a single day is owed in full."""
    if org.founded_on and span.end < org.founded_on:
        return _("%(day)s成立，此前不适用") % {"day": f"{org.founded_on:%Y年%m月%d日}"}
    if org.dissolved_on and span.start > org.dissolved_on:
        return _("%(day)s撤销，此后不适用") % {"day": f"{org.dissolved_on:%Y年%m月%d日}"}
    return ""


def judged_on(span: PeriodSpan, today: datetime.date) -> datetime.date:
    """The day whose facts judge a period (issue 10 item 8): its last day, or today while it runs."""
    return min(span.end, today)


def not_applicable_reason(
    rule: Rule, org: OrgFacts, span: PeriodSpan | None = None, today: datetime.date | None = None
) -> str:
    """Why a rule does not apply to an organisation (in a period, by the facts of its end), or "" when it does."""
    day = judged_on(span, today) if span is not None and today is not None else None
    full = org.full_members_on(day) if day is not None else org.full_members
    if rule.min_full_members and full < rule.min_full_members:
        return _("正式党员%(n)d人，不足%(min)d人，不设支部委员会") % {"n": full, "min": rule.min_full_members}
    if rule.per_group and not (org.groups_in(span) if span is not None else org.groups):
        return _("未设党小组")
    return ""


def evaluate(
    *,
    rules: Iterable[Rule],
    orgs: Iterable[OrgFacts],
    held: Iterable[Held],
    start: datetime.date,
    end: datetime.date,
    today: datetime.date,
) -> list[Result]:
    """Per organisation (and party group for per-group rules), kind and period overlapping [start, end]:
    what was required, what was held and the status, with the reason in words. A meeting on the last day
    of a period counts for that period; a meeting of several kinds counts for each of them."""
    counts: dict[tuple, int] = {}
    held = list(held)
    orgs = list(orgs)
    results: list[Result] = []
    for rule in rules:
        spans = periods_within(start, end, rule.period)
        for h in held:
            if h.kind != rule.kind or (rule.by_secretary and not h.by_secretary):
                continue
            for span in spans:
                if span.contains(h.held_on):
                    key = (rule.key, h.org_id, h.group_id if rule.per_group else None, span.key)
                    counts[key] = counts.get(key, 0) + 1
        for org in orgs:
            for span in spans:
                why = lifetime_reason(org, span) or not_applicable_reason(rule, org, span, today)
                if why:
                    results.append(
                        Result(org.org_id, rule.kind, span, 0, 0, Status.NOT_APPLICABLE, why, rule_key=rule.key)
                    )
                    continue
                targets = org.groups_in(span) if rule.per_group else ((None, ""),)
                for group_id, group_name in targets:
                    count = counts.get((rule.key, org.org_id, group_id, span.key), 0)
                    status = _status(required=rule.min_count, held=count, period=span, today=today)
                    text = _reason(
                        status, who=group_name, label=rule.label, period=span, required=rule.min_count, held=count
                    )
                    results.append(
                        Result(org.org_id, rule.kind, span, rule.min_count, count, status, text, group_id, rule.key)
                    )
    return results


@dataclass
class Cell:
    """Several results shown as one coloured cell (a quarter's three months, a branch's groups)."""

    status: str = Status.NOT_APPLICABLE
    required: int = 0
    held: int = 0
    reasons: list[str] = field(default_factory=list)

    @property
    def colour(self) -> str:
        return {
            Status.DONE: "success",
            Status.DUE: "warning",
            Status.OVERDUE: "danger",
            Status.UPCOMING: "light",
            Status.NOT_APPLICABLE: "secondary",
        }[self.status]

    @property
    def status_label(self) -> str:
        return str(Status(self.status).label)

    @property
    def reason(self) -> str:
        return "；".join(self.reasons)


def combine(results: Iterable[Result]) -> Cell:
    """The worst status of the results, their totals, and the reasons of those not done (or, when all are
    done or not applicable, the first reason)."""
    cell = Cell()
    results = list(results)
    for result in results:
        cell.required += result.required
        cell.held += min(result.held, result.required) if result.required else 0
        if _SEVERITY[result.status] > _SEVERITY[cell.status]:
            cell.status = result.status
    cell.reasons = [r.reason for r in results if r.status == cell.status and r.reason]
    if cell.status in (Status.DONE, Status.NOT_APPLICABLE, Status.UPCOMING):
        cell.reasons = cell.reasons[:1]
    return cell


def due_soon(result: Result, *, today: datetime.date, days: int) -> bool:
    """A period still open whose end is at most `days` away and whose minimum is not met yet."""
    return result.status == Status.DUE and (result.period.end - today).days <= days
