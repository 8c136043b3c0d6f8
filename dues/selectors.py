"""Reads of the dues ledger, always starting from the user's scope or from an organisation the view took
from the URL through the scope. Every function runs a fixed number of queries."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, OuterRef, Q, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from branches.models import Organization, subtree_q
from branches.rules import BRANCH_KINDS, MEMBER_HOLDING_KINDS, TOWNSHIP_KINDS, OrgKind
from branches.scoping import orgs_for, scope_q
from members.models import Member
from partywork.dates import add_months, month_end, month_start

from . import rules
from .models import DuesEntry, DuesRelief, DuesRemittance, DuesStandard
from .obligations import Ledger, Obligation

ZERO = Decimal("0.00")
DUES_ORG_KINDS = (*BRANCH_KINDS, *TOWNSHIP_KINDS, OrgKind.COUNTY)


def dues_org_list(*, user, permission: str = "dues.view"):
    """Organisations whose dues the user may see: branches, committees and the county."""
    return orgs_for(user, permission).filter(kind__in=DUES_ORG_KINDS, is_active=True).order_by("path")


def parent_of(org: Organization) -> Organization | None:
    """The organisation a remittance goes to: the one directly above."""
    if org.depth <= 1:
        return None
    return Organization.objects.filter(path=org.path[: -org.steplen]).first()


def holds_members(org: Organization) -> bool:
    return org.kind in MEMBER_HOLDING_KINDS


def entry_get(*, user, pk: int, permission: str = "dues.view") -> DuesEntry:
    """A ledger entry in the user's scope (404 outside it)."""
    return (
        DuesEntry.objects.filter(scope_q(user, permission))
        .select_related("member", "organization", "receipt", "created_by", "reverses")
        .get(pk=pk)
    )


def relief_get(*, user, pk: int, permission: str = "dues.view") -> DuesRelief:
    """A relief request in the user's scope."""
    return DuesRelief.objects.filter(scope_q(user, permission)).select_related("member", "organization").get(pk=pk)


def members_of_branch(org: Organization, first: datetime.date, last: datetime.date):
    """Members with a stay in `org` overlapping [first, last] who had joined by `last`."""
    return (
        Member.objects.filter(
            Q(memberships__organization=org, memberships__started_on__lte=last)
            & (Q(memberships__ended_on__isnull=True) | Q(memberships__ended_on__gte=first)),
            joined_on__lte=last,
        )
        .distinct()
        .order_by("name_pinyin", "pk")
    )


# ---- standards ---------------------------------------------------------------------------------------------


@dataclass
class StandardRow:
    member: Member
    standard: DuesStandard | None
    changes: list = field(default_factory=list)
    reliefs: list = field(default_factory=list)


def standard_rows(*, org: Organization, year: int) -> list[StandardRow]:
    """Every member of the branch during `year` with the year's standard, later changes and reliefs."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    members = list(members_of_branch(org, first, last))
    ids = [m.pk for m in members]
    standards = {}
    changes = {}
    for standard in DuesStandard.objects.filter(member_id__in=ids, valid_from__lte=last).order_by("valid_from"):
        if standard.valid_from <= first:
            standards[standard.member_id] = standard
        else:
            changes.setdefault(standard.member_id, []).append(standard)
    reliefs = {}
    for relief in DuesRelief.objects.filter(member_id__in=ids, first_month__lte=last, last_month__gte=first):
        reliefs.setdefault(relief.member_id, []).append(relief)
    return [StandardRow(m, standards.get(m.pk), changes.get(m.pk, []), reliefs.get(m.pk, [])) for m in members]


def member_standards(*, member: Member) -> list[DuesStandard]:
    """The member's standards in force order, each with the category and base it came from."""
    return list(DuesStandard.objects.filter(member=member).select_related("organization").order_by("valid_from"))


def pending_reliefs(*, user):
    """Relief requests waiting for the user's approval (dues.approve over the branch)."""
    return (
        DuesRelief.objects.filter(scope_q(user, "dues.approve"), status=DuesRelief.Status.PENDING)
        .select_related("member", "organization", "requested_by")
        .order_by("decided_on", "pk")
    )


# ---- collection --------------------------------------------------------------------------------------------


@dataclass
class BatchRow:
    member: Member
    obligation: Obligation
    paid_entry: DuesEntry | None

    @property
    def can_pay(self) -> bool:
        return self.paid_entry is None and self.obligation.owed

    @property
    def unassessed(self) -> bool:
        """Owed to the branch without a standard for the month (未核定): the branch must set one."""
        return self.obligation.org_id is not None and self.obligation.amount is None


def batch_rows(*, org: Organization, month: datetime.date) -> list[BatchRow]:
    """Every member who owes `org` the month's dues, the standard, and the payment if already made."""
    month = month_start(month)
    members = list(members_of_branch(org, month, month_end(month)))
    ledger = Ledger([m.pk for m in members], until=month)
    paid_ids = [ledger.paid[(m.pk, month)] for m in members if (m.pk, month) in ledger.paid]
    entries = {e.pk: e for e in DuesEntry.objects.filter(pk__in=paid_ids).select_related("receipt", "created_by")}
    rows = []
    for member in members:
        obligation = ledger.obligation(member, month)
        if obligation.org_id != org.pk:
            continue
        entry_id = ledger.paid.get((member.pk, month))
        rows.append(BatchRow(member, obligation, entries.get(entry_id)))
    return rows


def ledger_entries(*, org: Organization, first: datetime.date, last: datetime.date):
    """The branch's ledger rows booked in [first, last], with member, receipt and reversal."""
    return (
        DuesEntry.objects.filter(organization=org, booked_on__gte=first, booked_on__lte=last)
        .select_related("member", "receipt", "created_by", "reverses")
        .annotate(is_reversed=Exists(DuesEntry.objects.filter(reverses=OuterRef("pk"))))
        .order_by("booked_on", "pk")
    )


# ---- arrears -----------------------------------------------------------------------------------------------


@dataclass
class ArrearsMonth:
    month: datetime.date
    org_id: int  # the branch the month is owed to (after a transfer, old months stay with the old branch)
    amount: Decimal | None  # None: no standard for the month (未核定)
    late: bool  # older than the usual 6-month back-payment window: paid only with a recorded reason


@dataclass
class ArrearsRow:
    member: Member
    run: int
    level: str
    unpaid: list  # every ended owed month without a payment, oldest first (ArrearsMonth)
    total: Decimal  # the amount owed for the assessed months among them

    @property
    def unassessed(self) -> int:
        return sum(1 for m in self.unpaid if m.amount is None)


def dues_epoch(today: datetime.date) -> datetime.date:
    """The first month the county's dues are kept in PartyWork: the earliest standard recorded (January of this
    year when none is)."""
    first = DuesStandard.objects.order_by("valid_from").values_list("valid_from", flat=True).first()
    january = datetime.date(today.year, 1, 1)
    return min(first, january) if first else january


def arrears_list(*, org: Organization, today: datetime.date) -> list[ArrearsRow]:
    """Members on the roll under `org` with any owed month that has ended unpaid (every such month, not only the
    latest run, with the total owed), longest runs first. `run` counts the consecutive ended unpaid months
    (Constitution art. 9: the current month is not unpaid until it ends); `level` is "warning" at 3 and
    "escalation" at 6. A month without a standard is listed as 未核定 and not counted in the run."""
    last = rules.last_ended_month(today)
    members = list(Member.objects.on_roll().filter(subtree_q(org, "branch")).select_related("branch").order_by("pk"))
    ledger = Ledger([m.pk for m in members], until=last)
    epoch = dues_epoch(today)
    rows = []
    for member in members:
        start = rules.tracking_start(
            joined_on=member.joined_on,
            stays=ledger.stays.get(member.pk, []),
            first_standard=ledger.first_tracked_month(member),
            epoch=epoch,
        )
        owed, paid, unpaid = [], set(), []
        for month in rules.month_range(start, last):
            obligation = ledger.obligation(member, month)
            if obligation.org_id is None:
                continue
            is_paid = ledger.is_paid(member, month)
            if obligation.owed:
                owed.append(month)
                if is_paid:
                    paid.add(month)
            if is_paid or not (obligation.owed or obligation.amount is None):
                continue
            unpaid.append(
                ArrearsMonth(month, obligation.org_id, obligation.amount, rules.is_late(month, paid_on=today))
            )
        if not unpaid:
            continue
        run = rules.consecutive_unpaid(owed, paid, until=last)
        total = sum((m.amount for m in unpaid if m.amount is not None), ZERO)
        rows.append(ArrearsRow(member, run, rules.arrears_level(run), unpaid, total))
    rows.sort(key=lambda r: (-r.run, r.member.branch.path, r.member.name_pinyin))
    return rows


@dataclass
class UnassessedRow:
    member: Member
    org_id: int  # the branch the first such month is owed to
    first: datetime.date  # the first month owed without a standard
    months: int  # how many months up to this one are owed without a standard


def unassessed_list(*, org: Organization, today: datetime.date) -> list[UnassessedRow]:
    """Members on the roll under `org` who owe a month up to this one without a standard for it (未核定): a new,
    imported or transferred-in member owes from joining or arriving (DOMAIN §3), so the branch must set one."""
    current = month_start(today)
    members = list(Member.objects.on_roll().filter(subtree_q(org, "branch")).select_related("branch").order_by("pk"))
    ledger = Ledger([m.pk for m in members], until=current, with_paid=False)
    epoch = dues_epoch(today)
    rows = []
    for member in members:
        start = rules.tracking_start(
            joined_on=member.joined_on,
            stays=ledger.stays.get(member.pk, []),
            first_standard=ledger.first_tracked_month(member),
            epoch=epoch,
        )
        missing = []
        for month in rules.month_range(start, current):
            obligation = ledger.obligation(member, month)
            if obligation.org_id is not None and obligation.amount is None:
                missing.append(obligation)
        if missing:
            rows.append(UnassessedRow(member, missing[0].org_id, missing[0].month, len(missing)))
    rows.sort(key=lambda r: (r.member.branch.path, r.member.name_pinyin))
    return rows


def first_unassessed_month(*, member: Member, today: datetime.date) -> datetime.date:
    """The first month the member owes their branch without a standard (未核定), or this month when none."""
    current = month_start(today)
    ledger = Ledger([member.pk], until=current, with_paid=False)
    start = rules.tracking_start(
        joined_on=member.joined_on,
        stays=ledger.stays.get(member.pk, []),
        first_standard=ledger.first_tracked_month(member),
        epoch=dues_epoch(today),
    )
    for month in rules.month_range(start, current):
        obligation = ledger.obligation(member, month)
        if obligation.org_id == member.branch_id and obligation.amount is None:
            return month
    return current


# ---- the member's card -------------------------------------------------------------------------------------


@dataclass
class CardRow:
    month: datetime.date
    obligation: Obligation
    entry: DuesEntry | None
    reversed_entries: list


def member_card(*, member: Member, year: int) -> list[CardRow]:
    """党员一本通: month by month standard, paid amount, date, receipt and collector for `year`."""
    first = datetime.date(year, 1, 1)
    months = [add_months(first, i) for i in range(12)]
    ledger = Ledger([member.pk], until=months[-1])
    entries = list(
        DuesEntry.objects.filter(member=member, month__year=year)
        .select_related("receipt", "created_by", "organization")
        .order_by("pk")
    )
    live = {e.pk: e for e in entries if e.kind == DuesEntry.Kind.PAYMENT}
    reversed_by_month = {}
    for entry in entries:
        if entry.kind == DuesEntry.Kind.PAYMENT and ledger.paid.get((member.pk, entry.month)) != entry.pk:
            reversed_by_month.setdefault(entry.month, []).append(entry)
    return [
        CardRow(
            month,
            ledger.obligation(member, month),
            live.get(ledger.paid.get((member.pk, month))),
            reversed_by_month.get(month, []),
        )
        for month in months
    ]


def card_years(*, member: Member, today: datetime.date) -> list[int]:
    first = (
        DuesStandard.objects.filter(member=member).order_by("valid_from").values_list("valid_from", flat=True).first()
    )
    start = first.year if first else today.year
    return list(range(today.year + 1 if today.month >= 7 else today.year, start - 1, -1))


def dues_paid_until(member: Member) -> datetime.date | None:
    """The last month up to which every owed month of the member is paid (for the transfer letter: 党费交至);
    None when no owed month has been paid."""
    ledger = Ledger([member.pk])
    first = ledger.first_tracked_month(member)
    if first is None:
        return None
    last_paid = max((month for (mid, month) in ledger.paid if mid == member.pk), default=None)
    last_standard = max(s.valid_from for s in ledger.standards[member.pk])
    horizon = max(filter(None, [last_paid, month_start(last_standard)]))
    months = rules.month_range(first, max(horizon, first))
    owed = [m for m in months if ledger.obligation(member, m).owed]
    paid = {m for m in owed if ledger.is_paid(member, m)}
    return rules.paid_until(owed, paid)


# ---- money on hand -----------------------------------------------------------------------------------------


def _sum(queryset, name="amount") -> Decimal:
    # SQLite sums decimals through floats: round back to the fen (exact on PostgreSQL already).
    return rules.money(queryset.aggregate(total=Coalesce(Sum(name), ZERO))["total"])


def balance_parts(org: Organization, *, first: datetime.date | None, last: datetime.date) -> dict:
    """Collected, reversed (by booking date), received (by hand-over date) and remitted (at the end of the period
    it covers) for `org` in [first, last]; `first=None` means from the beginning."""
    entries = DuesEntry.objects.filter(organization=org, booked_on__lte=last)
    received = DuesRemittance.objects.filter(to_org=org, handed_on__lte=last)
    remitted = DuesRemittance.objects.filter(from_org=org, last_month__lte=month_start(last))
    if first is not None:
        entries = entries.filter(booked_on__gte=first)
        received = received.filter(handed_on__gte=first)
        remitted = remitted.filter(last_month__gte=month_start(first))
    totals = entries.aggregate(
        collected=Coalesce(Sum("amount", filter=~Q(kind=DuesEntry.Kind.REVERSAL)), ZERO),
        reversed=Coalesce(Sum("amount", filter=Q(kind=DuesEntry.Kind.REVERSAL)), ZERO),
    )
    return {
        "collected": rules.money(totals["collected"]),
        "reversed": rules.money(totals["reversed"]),
        "received": _sum(received),
        "remitted": _sum(remitted),
    }


@dataclass
class Reconciliation:
    org: Organization
    first: datetime.date
    last: datetime.date
    opening: Decimal
    collected: Decimal
    reversed: Decimal
    received: Decimal
    remitted: Decimal
    closing: Decimal
    centre: Decimal
    remittances_out: list  # settling months of the period (counted in `remitted`), whatever their date
    remittances_in: list  # handed to `org` in the period (counted in `received`), with the months they settle
    remittances_handed_earlier: list  # handed over in the period for earlier months (counted in those periods)
    unremitted: list  # (date, label, signed amount) that explain a closing balance
    unremitted_total: Decimal

    @property
    def balanced(self) -> bool:
        return self.closing == ZERO


def reconciliation(*, org: Organization, first: datetime.date, last: datetime.date) -> Reconciliation:
    """collected − reversed + received − remitted = on hand, exact to the fen, for `org` and [first, last], with
    the items not yet remitted that make up any balance."""
    first, last = month_start(first), month_end(last)
    before = balance_parts(org, first=None, last=first - datetime.timedelta(days=1))
    opening = before["collected"] - before["reversed"] + before["received"] - before["remitted"]
    parts = balance_parts(org, first=first, last=last)
    closing = opening + parts["collected"] - parts["reversed"] + parts["received"] - parts["remitted"]
    # Dues Rules art. 11: only voluntary extras of 1000 yuan or more go to the Centre, net of their reversals.
    centre_entries = DuesEntry.objects.filter(organization=org, booked_on__gte=first, booked_on__lte=last).filter(
        Q(kind=DuesEntry.Kind.EXTRA, receipt__to_centre=True)
        | Q(kind=DuesEntry.Kind.REVERSAL, reverses__kind=DuesEntry.Kind.EXTRA, reverses__receipt__to_centre=True)
    )
    centre_totals = centre_entries.aggregate(
        extra=Coalesce(Sum("amount", filter=Q(kind=DuesEntry.Kind.EXTRA)), ZERO),
        reversed=Coalesce(Sum("amount", filter=Q(kind=DuesEntry.Kind.REVERSAL)), ZERO),
    )
    centre = rules.money(centre_totals["extra"]) - rules.money(centre_totals["reversed"])
    # One basis for what is remitted: a remittance counts in the period whose months it settles (its last month),
    # whatever the day it was handed over; those handed over in this period for earlier months are listed apart.
    out = list(
        DuesRemittance.objects.filter(from_org=org, last_month__gte=first, last_month__lte=month_start(last))
        .select_related("from_org", "to_org", "created_by")
        .order_by("first_month")
    )
    handed_earlier = list(
        DuesRemittance.objects.filter(
            from_org=org, handed_on__gte=first, handed_on__lte=last, last_month__lt=month_start(first)
        )
        .select_related("from_org", "to_org", "created_by")
        .order_by("handed_on", "pk")
    )
    received = list(
        DuesRemittance.objects.filter(to_org=org, handed_on__gte=first, handed_on__lte=last)
        .select_related("from_org", "created_by")
        .order_by("handed_on", "pk")
    )
    # Every remittance took exactly what was on hand at the end of its period, so what is on hand now is the
    # sum of what was booked after the last remitted period.
    closed = (
        DuesRemittance.objects.filter(from_org=org, last_month__lte=month_start(last))
        .order_by("-last_month")
        .values_list("last_month", flat=True)
        .first()
    )
    since = month_end(closed) if closed else None
    unremitted = []
    entries = DuesEntry.objects.filter(organization=org, booked_on__lte=last).select_related("member")
    incoming = DuesRemittance.objects.filter(to_org=org, handed_on__lte=last).select_related("from_org")
    if since:
        entries = entries.filter(booked_on__gt=since)
        incoming = incoming.filter(handed_on__gt=since)
    explain = closing != ZERO
    if explain:
        for entry in entries.order_by("booked_on", "pk")[:500]:
            label = f"{entry.get_kind_display()} {entry.member.name} {entry.month:%Y-%m}"
            if entry.kind != DuesEntry.Kind.EXTRA and entry.standard is None:
                label += _("（未核定）")
            unremitted.append((entry.booked_on, label, entry.signed_amount))
        for remittance in incoming.order_by("handed_on", "pk")[:500]:
            unremitted.append(
                (remittance.handed_on, f"{remittance.from_org.name} {remittance.code}", remittance.amount)
            )
    return Reconciliation(
        org=org,
        first=first,
        last=last,
        opening=opening,
        closing=closing,
        centre=centre,
        remittances_out=out,
        remittances_in=received,
        remittances_handed_earlier=handed_earlier,
        unremitted=unremitted,
        unremitted_total=sum((item[2] for item in unremitted), ZERO),
        **parts,
    )


def remittance_list(*, org: Organization):
    """Hand-overs from and to `org`, newest first."""
    return (
        DuesRemittance.objects.filter(Q(from_org=org) | Q(to_org=org))
        .select_related("from_org", "to_org", "created_by")
        .order_by("-handed_on", "-pk")
    )
