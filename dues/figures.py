"""Dues figures per organisation for the dashboards (issue 11), set-based: a fixed number of queries whatever
the number of organisations and members, then the dues rules in memory.

    dues_figures(*, org_ids, first, last, today, trend=None) -> DuesFigures

- `org_ids`: the organisations to report on, any kind. Branches get the member figures (what their members owe
  them); every organisation gets its money figures (remittances received, on hand). The caller has checked
  that the user may see them (reports take them from the scope).
- `first`, `last`: the period (any days; whole months are counted: every month from `first`'s to `last`'s).
- `today`: the day the caller read the clock (never read here).
- `trend`: optionally a (first, last) range of months whose owed and collected amounts are also wanted month
  by month (the dashboards' collection trend over the year); computed in the same pass.

Definitions (one basis per figure, stated):
- owed: Σ over the member-months of the period, up to today's month, that a member owes the branch (the
  branch holding them that month, from the month they joined; the month of a transfer is owed to the branch
  they leave), at the standard in force that month, or the approved reduced amount; waived months owe nothing.
- collected: Σ paid for those same member-months (the live payment of the month; a reversed payment no longer
  counts). So the collection rate is collected ÷ owed on the basis of the month the dues are for (所属月份),
  never above 100 %.
- unassessed (未核定): members who owe the branch a month of the period without any standard for it (they are
  not in `owed`; they are counted here instead of being left out).
- arrears_warning / arrears_escalation: members on the roll whose consecutive owed months that have ended
  unpaid, counted back from the last ended month of the period (Constitution art. 9: 连续…个月不交纳党费),
  reach 3 / 6; counted at the branch owed the latest of those months.
- received: remittances handed to the organisation in the period (by hand-over date).
- on_hand: the organisation's own balance at the end of the period, on the reconciliation's basis
  (`selectors.balance_parts`): collected − reversed (by booking date) + received (by hand-over date) − remitted
  (by the last month the remittance covers).
`member_dues` gives the member-level rows behind the member figures, from the same pass."""

import bisect
import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, Sum
from django.db.models.functions import Coalesce

from members.models import Member, Membership
from partywork.dates import add_months, month_end, month_start

from . import rules
from .models import DuesEntry, DuesRelief, DuesRemittance, DuesStandard, PaidMonth
from .obligations import Obligation

ZERO = Decimal("0.00")
# How far back a run of unpaid months is followed: the escalation threshold, with room for months not owed.
ARREARS_LOOKBACK_MONTHS = 2 * rules.ARREARS_ESCALATION_MONTHS


@dataclass
class OrgDues:
    org_id: int
    owed: Decimal = ZERO
    collected: Decimal = ZERO
    members_owing: int = 0
    unassessed: int = 0
    arrears_warning: int = 0
    arrears_escalation: int = 0
    received: Decimal = ZERO
    on_hand: Decimal = ZERO

    @property
    def rate(self) -> float | None:
        """Collected ÷ owed, as a percentage with one decimal; None when nothing is owed."""
        if not self.owed:
            return None
        return round(float(self.collected * 100 / self.owed), 1)


@dataclass
class MemberDues:
    """One member's dues in the period at one branch: what the member figures are sums and counts of."""

    member: Member
    org_id: int
    owed: Decimal = ZERO
    collected: Decimal = ZERO
    owed_months: list = field(default_factory=list)
    unpaid_months: list = field(default_factory=list)
    unassessed_months: list = field(default_factory=list)
    run: int = 0  # consecutive ended unpaid owed months at the end of the period (0 unless on the roll)


@dataclass
class DuesFigures:
    rows: dict[int, OrgDues]
    trend: dict[tuple[int, datetime.date], tuple[Decimal, Decimal]]  # (org id, month) -> (owed, collected)


def last_ended_month(last: datetime.date, today: datetime.date) -> datetime.date:
    """The last month of the period that has ended by today: arrears count ended months only."""
    current = month_start(today)
    return month_start(last) if month_start(last) < current else add_months(current, -1)


def _months(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    return rules.month_range(month_start(first), month_start(last))


class _Facts:
    """Stays, standards, approved reliefs and paid months of the members who had a stay in one of the branches
    during [first, last] (five queries)."""

    def __init__(self, branch_ids: list[int], first: datetime.date, last: datetime.date):
        stays_here = Membership.objects.filter(
            Q(ended_on__isnull=True) | Q(ended_on__gte=first),
            organization_id__in=branch_ids,
            started_on__lte=month_end(last),
        ).values("member_id")
        self.members = {
            m.pk: m
            for m in Member.objects.filter(pk__in=stays_here)
            .select_related("branch")
            .only("pk", "name", "name_pinyin", "joined_on", "lifecycle", "branch__path", "branch__name")
        }
        self.stays = defaultdict(list)
        for member_id, org_id, started_on, ended_on in Membership.objects.filter(member_id__in=stays_here).values_list(
            "member_id", "organization_id", "started_on", "ended_on"
        ):
            self.stays[member_id].append(rules.Stay(org_id, started_on, ended_on))
        self.standards = defaultdict(list)
        for standard in DuesStandard.objects.filter(member_id__in=stays_here, valid_from__lte=last).order_by(
            "member_id", "valid_from"
        ):
            self.standards[standard.member_id].append(standard)
        self.reliefs = defaultdict(list)
        for relief in DuesRelief.objects.filter(
            member_id__in=stays_here,
            status=DuesRelief.Status.APPROVED,
            first_month__lte=last,
            last_month__gte=month_start(first),
        ):
            self.reliefs[relief.member_id].append(relief)
        self.paid = {
            (member_id, month): amount
            for member_id, month, amount in PaidMonth.objects.filter(
                member_id__in=stays_here, month__gte=month_start(first), month__lte=last
            ).values_list("member_id", "month", "entry__amount")
        }
        self._starts = {pk: [s.valid_from for s in rows] for pk, rows in self.standards.items()}

    def obligation(self, member: Member, month: datetime.date) -> Obligation:
        """The month's obligation as `obligations.Ledger.obligation` reads it: the branch owed (rules.owing_org),
        the latest standard from before the month, an approved relief covering it."""
        org_id = rules.owing_org(self.stays.get(member.pk, []), member.joined_on, month)
        index = bisect.bisect_right(self._starts.get(member.pk, []), month)
        standard = self.standards[member.pk][index - 1] if index else None
        relief = next((r for r in self.reliefs.get(member.pk, []) if r.first_month <= month <= r.last_month), None)
        return Obligation(member.pk, month, org_id, standard, relief)


def _scan(branch_ids: list[int], months: list[datetime.date], period: set, reference: datetime.date | None):
    """Per member: the MemberDues of the period at each branch, and (owed, collected) per (branch, month)."""
    per_member: dict[tuple[int, int], MemberDues] = {}
    by_month: dict[tuple[int, datetime.date], list] = {}
    if not months:
        return per_member, by_month
    wanted = set(branch_ids)
    facts = _Facts(branch_ids, months[0], month_end(months[-1]))
    on_roll = {"active", "lost_contact"}
    for member in facts.members.values():
        owed_months, paid_months, last_org = [], set(), None
        for month in months:
            obligation = facts.obligation(member, month)
            if obligation.org_id is None:
                continue
            paid = facts.paid.get((member.pk, month))
            if obligation.owed:
                owed_months.append(month)
                if paid is not None:
                    paid_months.add(month)
                if reference is not None and month <= reference:
                    last_org = obligation.org_id
            if obligation.org_id not in wanted:
                continue
            if obligation.owed:
                money = by_month.setdefault((obligation.org_id, month), [ZERO, ZERO])
                money[0] += obligation.amount
                money[1] += paid or ZERO
            if month not in period:
                continue
            row = per_member.get((member.pk, obligation.org_id))
            if row is None:
                row = per_member[(member.pk, obligation.org_id)] = MemberDues(member, obligation.org_id)
            if obligation.amount is None:
                row.unassessed_months.append(month)
            elif obligation.owed:
                row.owed_months.append(month)
                row.owed += obligation.amount
                if paid is None:
                    row.unpaid_months.append(month)
                else:
                    row.collected += paid
        if reference is None or last_org not in wanted or member.lifecycle not in on_roll:
            continue
        run = rules.consecutive_unpaid(owed_months, paid_months, until=reference)
        if run:
            row = per_member.get((member.pk, last_org))
            if row is None:
                row = per_member[(member.pk, last_org)] = MemberDues(member, last_org)
            row.run = run
    return per_member, by_month


def _window(first, last, today, trend) -> tuple[list[datetime.date], set, datetime.date | None]:
    current = month_start(today)
    period = {m for m in _months(first, last) if m <= current}
    reference = last_ended_month(last, today) if month_start(first) <= current else None
    wanted = set(period)
    if reference is not None:
        wanted |= set(_months(add_months(reference, 1 - ARREARS_LOOKBACK_MONTHS), reference))
    if trend is not None:
        wanted |= {m for m in _months(*trend) if m <= current}
    return sorted(wanted), period, reference


def member_dues(*, branch_ids: Iterable[int], first: datetime.date, last: datetime.date, today: datetime.date):
    """The member-level rows behind the member figures of `dues_figures` for the same arguments: one per member
    and branch owed in the period (or in arrears at its end), ordered by branch and name."""
    months, period, reference = _window(first, last, today, None)
    per_member, _by_month = _scan(list(branch_ids), months, period, reference)
    return sorted(per_member.values(), key=lambda r: (r.member.branch.path, r.member.name_pinyin, r.member.pk))


def dues_figures(
    *,
    org_ids: Iterable[int],
    first: datetime.date,
    last: datetime.date,
    today: datetime.date,
    trend: tuple[datetime.date, datetime.date] | None = None,
) -> DuesFigures:
    """The dues figures of each organisation in `org_ids` for the period [first, last] (see the module's
    docstring for each definition). Eight queries whatever the number of organisations and members."""
    org_ids = list(org_ids)
    rows = {pk: OrgDues(pk) for pk in org_ids}
    months, period, reference = _window(first, last, today, trend)
    per_member, by_month = _scan(org_ids, months, period, reference)
    for member_row in per_member.values():
        row = rows[member_row.org_id]
        row.owed += member_row.owed
        row.collected += member_row.collected
        row.members_owing += bool(member_row.owed_months)
        row.unassessed += bool(member_row.unassessed_months)
        row.arrears_warning += member_row.run >= rules.ARREARS_WARNING_MONTHS
        row.arrears_escalation += member_row.run >= rules.ARREARS_ESCALATION_MONTHS
    _money(rows, first, last)
    trend_rows = {}
    if trend is not None:
        trend_months = set(_months(*trend))
        trend_rows = {
            (org_id, month): tuple(money) for (org_id, month), money in by_month.items() if month in trend_months
        }
    return DuesFigures(rows, trend_rows)


def _money(rows: dict[int, OrgDues], first: datetime.date, last: datetime.date) -> None:
    """Remittances received in the period and the balance on hand at its end (three queries)."""
    ids = list(rows)
    closing = month_start(last)
    entries = (
        DuesEntry.objects.filter(organization_id__in=ids, booked_on__lte=last)
        .order_by()
        .values("organization_id")
        .annotate(
            collected=Coalesce(Sum("amount", filter=~Q(kind=DuesEntry.Kind.REVERSAL)), ZERO),
            reversed=Coalesce(Sum("amount", filter=Q(kind=DuesEntry.Kind.REVERSAL)), ZERO),
        )
    )
    for entry in entries:
        rows[entry["organization_id"]].on_hand += rules.money(entry["collected"]) - rules.money(entry["reversed"])
    received = (
        DuesRemittance.objects.filter(to_org_id__in=ids, handed_on__lte=last)
        .order_by()
        .values("to_org_id")
        .annotate(
            total=Coalesce(Sum("amount"), ZERO),
            in_period=Coalesce(Sum("amount", filter=Q(handed_on__gte=first)), ZERO),
        )
    )
    for remittance in received:
        row = rows[remittance["to_org_id"]]
        row.on_hand += rules.money(remittance["total"])
        row.received = rules.money(remittance["in_period"])
    remitted = (
        DuesRemittance.objects.filter(from_org_id__in=ids, last_month__lte=closing)
        .order_by()
        .values("from_org_id")
        .annotate(total=Coalesce(Sum("amount"), ZERO))
    )
    for remittance in remitted:
        rows[remittance["from_org_id"]].on_hand -= rules.money(remittance["total"])


def remittances_received(*, org_ids: Iterable[int], first: datetime.date, last: datetime.date):
    """The remittances behind `received`: handed to one of the organisations in [first, last]."""
    return (
        DuesRemittance.objects.filter(to_org_id__in=list(org_ids), handed_on__gte=first, handed_on__lte=last)
        .select_related("from_org", "to_org")
        .order_by("handed_on", "pk")
    )
