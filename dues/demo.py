"""Demo dues of 青山县: two years of monthly collections in every demo branch, through the real services so
receipts are numbered and the ledger reconciles: standards by occupation, most members paying each month, a
few paying quarterly, a few in arrears (3+ and 6+ months), one with a single old unpaid month, a new member
without a standard (未核定), one reversal, quarterly remittances from the branches to the townships and from the
townships to the county. Deterministic and idempotent: a county that already has dues entries is left alone."""

import datetime
import random
from decimal import Decimal

from django.core.exceptions import ValidationError

from branches.models import Organization, Role, subtree_q
from branches.rules import TOWNSHIP_KINDS
from members.models import Member
from partywork.dates import add_months, month_end, month_start

from . import selectors, services
from .models import DuesEntry, DuesParameters
from .rules import Category

BASES = {
    "party_government": ("salaried", (Decimal("3200"), Decimal("6800"))),
    "public_institution": ("salaried", (Decimal("2800"), Decimal("7500"))),
    "enterprise": ("salaried", (Decimal("2500"), Decimal("12000"))),
    "worker": ("salaried", (Decimal("2200"), Decimal("5200"))),
    "migrant_worker": ("farmer_income", (Decimal("2600"), Decimal("5800"))),
    "retired": ("retired", (Decimal("1800"), Decimal("6200"))),
}
FIXED = {"farmer": Category.FARMER, "student": Category.STUDENT}


def _clerk(branch):
    """Who books the branch's dues: its secretary or organiser account, else the township's, else an admin."""
    roles = Role.objects.filter(is_active=True, organization__path__in=[branch.path, *branch.ancestor_paths()])
    role = roles.order_by("-organization__depth", "pk").select_related("user").first()
    return role.user if role else None


def _standard_for(member, rng):
    if member.occupation in BASES:
        category, (low, high) = BASES[member.occupation]
        base = Decimal(rng.randrange(int(low), int(high))) + Decimal(rng.choice(["0", "0.50", "0.35"]))
        return category, base
    return FIXED.get(member.occupation, Category.FARMER), None


def seed(context):
    """The demo county's dues: standards, a year of collection, remittances, reversals and the cases the
    regulations single out (an old unpaid month, a new member without a standard). Long because it tells
    that story in date order, each step building on the books the previous one left."""
    county = context["county"]
    today = context["today"]
    out = context["stdout"]
    if not DuesParameters.objects.exists():
        out.write("  党费：尚未设置党费计算标准（迁移 dues 0002 提供默认值），跳过")
        return
    if DuesEntry.objects.filter(subtree_q(county, "organization")).exists():
        out.write("  党费：已有演示数据，跳过")
        return
    branches = list(Organization.objects.subtree(county).branches().active().order_by("path"))
    start = datetime.date(today.year - 1, 1, 1)
    current = month_start(today)
    # The most recently admitted probationary member has no standard yet: they owe from the month of admission
    # and show as 未核定 until the branch sets one (DOMAIN §3).
    newcomer = (
        Member.objects.on_roll()
        .filter(branch__in=branches, status="probationary", joined_on__gte=add_months(current, -11))
        .order_by("-joined_on", "pk")
        .values_list("pk", flat=True)
        .first()
    )
    plans = []
    for branch in branches:
        clerk = _clerk(branch)
        members = list(Member.objects.on_roll().filter(branch=branch).order_by("pk"))
        if clerk is None or not members:
            continue
        rng = random.Random(branch.code)  # noqa: S311 - demo data, not secrets
        for year in (start.year, today.year):
            rows = []
            for member in members:
                category, base = _standard_for(member, rng)
                if member.pk == newcomer:
                    continue
                if base is not None and year == today.year:
                    base = (base * Decimal("1.03")).quantize(Decimal("0.01"))
                rows.append(services.StandardInput(member, category, base))
            services.standards_set(org=branch, year=year, rows=rows, by=clerk)
        # A few members stop paying: one 4 months ago (warning), one 7 months ago (escalation).
        # One member forgot a single month 9 months ago: an old unpaid month, payable only with a reason.
        stops, gaps = {}, {}
        if len(members) >= 10:
            stops[members[-1].pk] = add_months(current, -4)
            stops[members[-2].pk] = add_months(current, -7)
            gaps[members[-3].pk] = add_months(current, -9)
        quarterly = {m.pk for m in members[: len(members) // 6]}
        plans.append((branch, clerk, members, stops, quarterly, gaps))

    month = start
    reversed_once = False
    while month <= current:
        for branch, clerk, members, stops, quarterly, gaps in plans:
            paid_on = min(month + datetime.timedelta(days=14), today)
            # Who owes this branch the month follows the branch history (a member transferred in pays here
            # from the month after arriving), exactly as the batch screen shows it.
            payable = {row.member.pk for row in selectors.batch_rows(org=branch, month=month) if row.can_pay}
            payers = [
                m
                for m in members
                if m.pk in payable
                and m.pk not in quarterly
                and (m.pk not in stops or month < stops[m.pk])
                and gaps.get(m.pk) != month
            ]
            if payers:
                services.dues_collect_batch(
                    org=branch, month=month, payments=[(m, None) for m in payers], paid_on=paid_on, by=clerk
                )
            if month.month % 3 == 0 or month == current:
                # Quarterly payers pay the quarter at its last month (or what has passed of it).
                first_of_quarter = datetime.date(month.year, month.month - (month.month - 1) % 3, 1)
                quarter = [add_months(first_of_quarter, i) for i in range(3)]
                payable_in = {
                    m: {row.member.pk for row in selectors.batch_rows(org=branch, month=m) if row.can_pay}
                    for m in quarter
                    if m <= month
                }
                for member in members:
                    if member.pk not in quarterly:
                        continue
                    owed = [m for m, payable_ids in payable_in.items() if member.pk in payable_ids]
                    if owed:
                        services.dues_collect(org=branch, member=member, months=owed, paid_on=paid_on, by=clerk)
            if not reversed_once and month == add_months(current, -1):
                entry = (
                    DuesEntry.objects.filter(organization=branch, month=month, kind="payment").order_by("pk").first()
                )
                if entry is not None:
                    services.dues_reverse(entry=entry, reason="金额登记错误，重新登记", by=clerk, on=paid_on)
                    services.dues_collect(org=branch, member=entry.member, months=[month], paid_on=paid_on, by=clerk)
                    reversed_once = True
        quarter_done = month.month % 3 == 0 and month_end(month) < today
        if quarter_done:
            _remit_quarter(month, plans, today)
        month = add_months(month, 1)
    out.write(f"  党费：{len(plans)} 个支部两年的收缴、上缴和对账数据")


def _remit_quarter(last_month, plans, today):
    """The townships forward what their branches handed over during the quarter; then each branch hands over
    the quarter it collected (that money reaches the township in the next quarter)."""
    first_month = add_months(last_month, -2)
    handed_on = min(month_end(last_month) + datetime.timedelta(days=10), today)
    townships = {}
    for branch, _clerk_user, _members, _stops, _quarterly, _gaps in plans:
        parent = services.parent_of(branch)
        if parent is not None and parent.kind in TOWNSHIP_KINDS:
            townships[parent.pk] = parent
    for township in townships.values():
        clerk = _clerk(township)
        if clerk is None:
            continue
        try:
            services.dues_remit(org=township, first_month=first_month, last_month=last_month, by=clerk, on=handed_on)
        except ValidationError:
            continue  # nothing arrived this quarter (the first one)
    for branch, clerk, _members, _stops, _quarterly, _gaps in plans:
        try:
            services.dues_remit(org=branch, first_month=first_month, last_month=last_month, by=clerk, on=handed_on)
        except ValidationError:
            continue  # nothing on hand for the quarter
