"""党内统计 as of a day: who counts where, and the membership change table (DOMAIN §7, issue 12).

A member counts on a day in the branch that holds their formal relationship that day: the branch stay
(`Membership`) covering the day, as the dashboards read it (`reports.figures.members.roll_on`), with one
rule of the statistics added: a new member counts from the **approval** of their admission (step 17 of their
recruitment file, `recruitment.rules.ADMISSION_APPROVAL`), not from the admitting vote that is their 入党日期.
A member registered without a recruitment file (the roster kept before this system) counts from 入党日期.

The change table of a period [first, last], per row of a `reports.tree.Level` and for the organisation:

    count(first − 1 day) + admitted + transferred in − transferred out − died − removed − lapsed = count(last)

- admitted: approval (or 入党日期 without a file) in the period, at the branch whose stay covers that day;
- transferred in / out: the dashboards' transfers (`reports.figures.members`): completed moves within the
  county, letters in (received) and out (issued, not cancelled); only those crossing the row's edge;
- died, removed: the member's state changed to 已去世 / 已出党 in the period (the date of the decision);
- lapsed (自行脱党, Constitution art. 9): removals whose recorded reason names 脱党. The members app keeps no
  separate state for it, so the reason written at removal is what tells it apart; lapsed and other removals
  together are every removal.

The count comes from the stays and the changes from the events, so the identity is a real check: a member put
on a roll without an admission or a transfer, or a death recorded without closing the stay, shows as the
difference."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy

from branches.models import subtree_q
from members.models import Lifecycle, Member, Membership
from recruitment.models import Step
from recruitment.rules import ADMISSION_APPROVAL
from reports.figures.members import _transfers_in, _transfers_out, roll_on
from reports.tree import Level, key_expression

LAPSE_WORD = "脱党"

CHANGE_COLUMNS = [
    ("prior", gettext_lazy("上年末党员数")),
    ("admitted", gettext_lazy("发展党员")),
    ("transferred_in", gettext_lazy("转入")),
    ("transferred_out", gettext_lazy("转出")),
    ("died", gettext_lazy("去世")),
    ("removed", gettext_lazy("出党")),
    ("lapsed", gettext_lazy("自行脱党")),
    ("current", gettext_lazy("本年末党员数")),
]
ADDS = ("admitted", "transferred_in")
SUBTRACTS = ("transferred_out", "died", "removed", "lapsed")


@dataclass
class Change:
    """One row of the change table."""

    prior: int = 0
    admitted: int = 0
    transferred_in: int = 0
    transferred_out: int = 0
    died: int = 0
    removed: int = 0
    lapsed: int = 0
    current: int = 0

    @property
    def expected(self) -> int:
        """The year-end count the changes give: prior + additions − departures."""
        return self.prior + sum(getattr(self, n) for n in ADDS) - sum(getattr(self, n) for n in SUBTRACTS)

    @property
    def difference(self) -> int:
        """Counted minus expected: 0 when the table reconciles."""
        return self.current - self.expected

    def values(self) -> list[int]:
        return [getattr(self, name) for name, _label in CHANGE_COLUMNS]


@dataclass
class ChangeTable:
    first: datetime.date
    last: datetime.date
    rows: dict[str, Change] = field(default_factory=dict)  # by row key of the level
    total: Change = field(default_factory=Change)


def admitted_on(member_ref: str = "member_id"):
    """The day a member counts from: the approval of their admission, or 入党日期 without a recruitment file."""
    approval = (
        Step.objects.filter(applicant__member=OuterRef(member_ref), number=ADMISSION_APPROVAL)
        .order_by("on", "pk")
        .values("on")[:1]
    )
    joined = "member__joined_on" if member_ref == "member_id" else "joined_on"
    return Coalesce(Subquery(approval), F(joined))


def counted_on(day: datetime.date):
    """The stays counted on `day`: one per member counted, in the branch holding their relationship."""
    return roll_on(day).annotate(admitted_on=admitted_on()).filter(admitted_on__lte=day)


def admissions(first: datetime.date, last: datetime.date):
    """The stays at which members admitted in [first, last] were counted in: the stay covering the admission."""
    return (
        Membership.objects.annotate(admitted_on=admitted_on())
        .filter(admitted_on__range=(first, last), started_on__lte=F("admitted_on"))
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=F("admitted_on")))
    )


def departures(state: str, first: datetime.date, last: datetime.date, *, lapsed: bool | None = None):
    """Members whose state became `state` in [first, last] (died or removed), by the date of the decision."""
    found = Member.objects.filter(lifecycle=state, lifecycle_changed_on__range=(first, last))
    if lapsed is not None:
        lapse = Q(lifecycle_reason__contains=LAPSE_WORD)
        found = found.filter(lapse if lapsed else ~lapse)
    return found


def _count_by_key(queryset, level: Level, field_name: str) -> dict[str, int]:
    found: dict[str, int] = {}
    grouped = (
        queryset.annotate(key=key_expression(field_name, level.length))
        .order_by()
        .values("key")
        .annotate(n=Count("pk"))
        .values_list("key", "n")
    )
    for key, n in grouped:
        row_key = level.key_of(key)
        found[row_key] = found.get(row_key, 0) + n
    return found


def change_table(level: Level, first: datetime.date, last: datetime.date) -> ChangeTable:
    """The change table of [first, last] for every row of `level` and for its organisation (ten queries).
    The caller built `level` from the user's scope (`reports.tree.level_for`)."""
    org = level.org
    under_stay, under_member = subtree_q(org, "organization"), subtree_q(org, "branch")
    table = ChangeTable(first, last, {row.key: Change() for row in level.rows})
    prior_day = first - datetime.timedelta(days=1)
    sources = {
        "prior": (counted_on(prior_day).filter(under_stay), "organization"),
        "current": (counted_on(last).filter(under_stay), "organization"),
        "admitted": (admissions(first, last).filter(under_stay), "organization"),
        "died": (departures(Lifecycle.DECEASED, first, last).filter(under_member), "branch"),
        "removed": (departures(Lifecycle.REMOVED, first, last, lapsed=False).filter(under_member), "branch"),
        "lapsed": (departures(Lifecycle.REMOVED, first, last, lapsed=True).filter(under_member), "branch"),
    }
    for name, (queryset, field_name) in sources.items():
        for key, n in _count_by_key(queryset, level, field_name).items():
            if key in table.rows:
                setattr(table.rows[key], name, n)
        setattr(table.total, name, sum(getattr(row, name) for row in table.rows.values()))
    # A move between two rows counts out of one and into the other; the organisation counts only what
    # crossed its own edge.
    moves = {
        "transferred_in": (_transfers_in(first, last, level.length).filter(subtree_q(org, "to_branch"))),
        "transferred_out": (_transfers_out(first, last, level.length).filter(subtree_q(org, "from_branch"))),
    }
    for name, queryset in moves.items():
        for key, n in queryset.order_by().values("key").annotate(n=Count("pk")).values_list("key", "n"):
            row_key = level.key_of(key)
            if row_key in table.rows:
                setattr(table.rows[row_key], name, getattr(table.rows[row_key], name) + n)
    length = len(org.path)
    table.total.transferred_in = _transfers_in(first, last, length).filter(subtree_q(org, "to_branch")).count()
    table.total.transferred_out = _transfers_out(first, last, length).filter(subtree_q(org, "from_branch")).count()
    return table


def year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
