"""Two years of party dues (DOMAIN §3, Dues Rules): the yearly standard of every member (category and base
kept, the amount from `dues.rules.monthly_amount` with the year's parameters), some mid-year income changes,
a few approved reliefs; monthly collection by about 95 % of members (a few pay quarterly, late, ahead, or
have stopped), one numbered receipt per payment (numbers per branch and year without gaps), ledger entries
and PaidMonth allocations, some reversals re-booked the same week, quarterly remittances branch → township →
county, and the counters the services continue from. Who owes which branch which month is decided by
`dues.rules.owing_org`, as the batch screen decides it; the ledger reconciles (bench.county.checks)."""

import datetime
from collections import defaultdict
from decimal import Decimal

from dues import demo as dues_demo
from dues import rules
from dues.models import DuesCounter, DuesEntry, DuesReceipt, DuesRelief, DuesRemittance, DuesStandard, PaidMonth
from dues.obligations import params_versions
from partywork.dates import add_months, month_end, month_start, quarter_bounds, quarter_of

from .bulk import history, insert, rows
from .plan import County, Person

ZERO = Decimal("0.00")
RECEIPT_COLUMNS = [
    "id",
    "organization_id",
    "year",
    "number",
    "member_id",
    "paid_on",
    "total",
    "to_centre",
    "collector_id",
    "created_at",
]
ENTRY_COLUMNS = [
    "id",
    "organization_id",
    "member_id",
    "kind",
    "month",
    "amount",
    "standard",
    "booked_on",
    "receipt_id",
    "reverses_id",
    "reason",
    "created_by_id",
    "created_at",
]
BEHAVIOURS = [
    ("monthly", 0.86),
    ("quarterly", 0.06),
    ("late", 0.04),
    ("stopped", 0.03),
    ("never", 0.004),
    ("ahead", 0.006),
]


def build_dues(county: County) -> None:
    rng = county.rng("dues")
    versions = params_versions()
    today = county.today
    county.dues = {"standards": [], "reliefs": [], "events": defaultdict(list), "horizon": add_months(today, 6)}
    for person in county.people:
        if not person.behaviour:
            person.behaviour = "monthly" if len(person.stays) > 1 else _draw(rng)
        standards = _standards(county, rng, person, versions)
        reliefs = _reliefs(county, rng, person)
        owed = _owed(county, person, standards, reliefs)
        for org, paid_on, lines in _payments(county, rng, person, owed):
            county.dues["events"][org].append((paid_on, person, lines))
    _write_standards(county)
    receipts, entries = _write_ledger(county, rng)
    _write_remittances(county)
    county.counts.update(dues_standards=len(county.dues["standards"]), dues_receipts=receipts, dues_entries=entries)
    del county.dues


def _draw(rng) -> str:
    values, weights = zip(*BEHAVIOURS, strict=True)
    return rng.choices(values, weights=weights)[0]


def _base(rng, occupation: str):
    if occupation in dues_demo.BASES:
        category, (low, high) = dues_demo.BASES[occupation]
        return category, Decimal(rng.randrange(int(low), int(high))) + Decimal(rng.choice(["0", "0.50", "0.35"]))
    return dues_demo.FIXED.get(occupation, rules.Category.FARMER), None


def _standards(county: County, rng, person: Person, versions) -> list[DuesStandard]:
    """党费基数核定 at the start of each year the member is on a roll (the branch they are in sets it), and a
    recorded change of income now and then (DOMAIN §3: applies from the month it happens)."""
    rows = []
    category, base = _base(rng, person.member.occupation)
    for year in range(county.start.year, county.today.year + 1):
        first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        present = [s for s in person.stays if s.start <= last and (s.end is None or s.end >= first)]
        if not present or person.joined > last or (person.gone and person.gone < first):
            continue
        stay = present[0]
        since = max(first, stay.start, person.joined)
        if base is not None and year > county.start.year:
            base = rules.money(base * Decimal("1.03"))
        params = rules.params_for_year(versions, year)
        branch = county.branch_of(stay.branch)
        set_on = min(county.today, max(since, datetime.date(year, 1, rng.randint(5, 25))) + datetime.timedelta(days=3))
        rows.append(_standard(county, person, branch, first, category, base, params, f"{year} 年度核定", set_on))
        if base is not None and rng.random() < 0.02:
            month = datetime.date(year, rng.randint(3, 11), 1)
            if since < month <= county.today:
                base = rules.money(base * Decimal(rng.choice(["1.10", "1.20", "0.85"])))
                rows.append(
                    _standard(county, person, branch, month, category, base, params, "工资调整，收入变化", month)
                )
    county.dues["standards"] += rows
    return rows


def _standard(county, person, branch, valid_from, category, base, params, reason, set_on) -> DuesStandard:
    standard = DuesStandard(
        member=person.member,
        organization=branch.org,
        valid_from=valid_from,
        category=category,
        base=base,
        amount=rules.monthly_amount(category, base, params),
        parameters_year=params.year_from,
        reason=reason,
        set_by=branch.clerk,
        set_at=county.at(set_on, 11),
    )
    standard._history_user, standard._history_date = branch.clerk, standard.set_at
    return standard


def _reliefs(county: County, rng, person: Person) -> list[DuesRelief]:
    """Hardship waivers and reductions: decided by the branch, approved by the township (Dues Rules)."""
    roll = rng.random()
    if roll > 0.005 or person.gone:
        return []
    branch = county.branch_of(person.branch)
    first = add_months(month_start(county.today), -rng.randint(1, 18))
    first = max(first, month_start(person.stays[-1].start), county.start)
    kind = DuesRelief.Kind.WAIVER if roll < 0.003 else DuesRelief.Kind.REDUCTION
    decided = first - datetime.timedelta(days=rng.randint(5, 20))
    relief = DuesRelief(
        member=person.member,
        organization=branch.org,
        kind=kind,
        first_month=first,
        last_month=add_months(first, rng.randint(2, 11)),
        amount=ZERO if kind == DuesRelief.Kind.WAIVER else Decimal("0.20"),
        reason="家庭遭遇重大疾病，生活困难" if kind == DuesRelief.Kind.WAIVER else "享受最低生活保障，收入微薄",
        decided_on=decided,
        requested_by=branch.clerk,
        status=DuesRelief.Status.PENDING if roll < 0.0007 else DuesRelief.Status.APPROVED,
    )
    if relief.status == DuesRelief.Status.APPROVED:
        relief.approved_by = county.township_secretaries[branch.township.pk]
        relief.approved_at = county.at(min(county.today, decided + datetime.timedelta(days=rng.randint(3, 14))), 16)
        relief.approval_note = "同意"
    relief._history_user, relief._history_date = branch.clerk, county.at(decided, 15)
    county.dues["reliefs"].append(relief)
    return [relief] if relief.status == DuesRelief.Status.APPROVED else []


def _owed(county: County, person: Person, standards, reliefs) -> list[tuple[datetime.date, int, Decimal, Decimal]]:
    """(month, branch, amount, standard) for every month the member owes, from the window's start up to six
    months ahead: `dues.rules.owing_org` decides the branch, the standard in force (or an approved relief)
    the amount."""
    stays = [rules.Stay(s.branch, s.start, s.end) for s in person.stays]
    owed = []
    month = county.start
    while month <= county.dues["horizon"]:
        org = rules.owing_org(stays, person.joined, month)
        in_force = [s for s in standards if s.valid_from <= month]
        if org is not None and in_force and not (person.gone and person.gone < month):
            standard = in_force[-1].amount
            relief = next((r for r in reliefs if r.first_month <= month <= r.last_month), None)
            amount = relief.amount if relief else standard
            if amount > 0:
                owed.append((month, org, amount, standard))
        month = add_months(month, 1)
    return owed


def _collection_day(county: County, person: Person, org: int, month: datetime.date) -> datetime.date | None:
    """The day the branch collects the month (its fixed day), moved into the member's time in the branch."""
    day = month.replace(day=min(28, county.branch_of(org).day))
    stay = next((s for s in person.stays if s.branch == org and s.start <= month_end(month)), None)
    if stay is not None and stay.start > day:
        day = stay.start
    if person.joined > day:
        day = person.joined
    leaving = [s.end for s in person.stays if s.branch == org and s.end and month <= s.end <= month_end(month)]
    if leaving:
        day = min(day, leaving[0])
    if person.gone and day >= person.gone and person.gone_state != "transferred_out":
        return None
    if day > county.today or month_start(day) != month:
        return None
    return day


def _payments(county: County, rng, person: Person, owed):
    """Payment events (branch, day, [(month, amount, standard)]) the member's habit gives; every event keeps
    the Dues Rules' window (at most 6 months behind or ahead of the day it is paid)."""
    today = county.today
    behaviour = person.behaviour
    current = month_start(today)
    due = [o for o in owed if o[0] <= current]
    away = person.away[0] if person.away else None
    stop = None
    if behaviour == "stopped":
        stop = add_months(current, -rng.randint(1, 14))
    if behaviour == "never":
        return
    pending: list = []
    for index, (month, org, amount, standard) in enumerate(due):
        away_now = away and away[0] <= month_end(month) and (away[1] is None or month < month_start(away[1]))
        if away_now and (behaviour != "quarterly" or person.gone):
            continue  # away: pays when back (on_return), or stops once lost
        if stop and month >= stop:
            break
        # The last month owed to this branch (the member leaves it, or is gone): settle what is pending.
        last_of_org = index + 1 == len(owed) or owed[index + 1][1] != org
        if behaviour in ("monthly", "stopped", "on_return"):
            day = _collection_day(county, person, org, month)
            if day is not None:
                yield org, day, [(month, amount, standard)]
            continue
        if behaviour == "ahead":
            if not pending or month > pending[-1][0]:
                day = _collection_day(county, person, org, month)
                ahead = [o for o in owed if o[1] == org and month <= o[0] <= add_months(month, 5)]
                if day is not None and ahead:
                    yield org, day, [(m, a, s) for m, _o, a, s in ahead]
                    pending = ahead
            continue
        pending.append((month, amount, standard))
        every = 3 if behaviour == "quarterly" else rng.choice((2, 3, 4))
        end_of_quarter = behaviour == "quarterly" and month.month % 3 == 0
        if end_of_quarter or (behaviour == "late" and len(pending) >= every) or last_of_org:
            day = _collection_day(county, person, org, month)
            window = add_months(month, -rules.MAX_MONTHS_BEHIND)
            lines = [line for line in pending if line[0] >= window]
            if day is not None and lines:
                yield org, day, lines
                pending = []
            elif day is None and month < current:
                pending = []
    if behaviour == "on_return" and away and away[1] is not None:
        back = min(today, away[1] + datetime.timedelta(days=rng.randint(3, 20)))
        window = add_months(month_start(back), -rules.MAX_MONTHS_BEHIND)
        org = person.stays[-1].branch
        missed = [(m, a, s) for m, o, a, s in due if o == org and window <= m < month_start(away[1])]
        missed = [line for line in missed if line[0] >= month_start(away[0])]
        if missed:
            yield org, back, missed


def _write_standards(county: County) -> None:
    standards = county.dues["standards"]
    for standard in standards:
        standard.member_id = standard.member.pk
    insert(DuesStandard, standards)
    history(DuesStandard, standards)
    reliefs = county.dues["reliefs"]
    for relief in reliefs:
        relief.member_id = relief.member.pk
    insert(DuesRelief, reliefs)
    history(DuesRelief, reliefs)


def _write_ledger(county: County, rng) -> tuple[int, int]:
    """Per branch: receipts numbered per year in the order they were paid, one entry per month paid, the
    live allocation of each month, and a few reversals re-booked with the right amount."""
    today = county.today
    county.dues["bookings"] = defaultdict(list)  # org -> [(day, signed amount)]
    counters, total_receipts, total_entries = [], 0, 0
    for branch in county.branches:
        events = sorted(county.dues["events"].pop(branch.pk, []), key=lambda e: (e[0], e[1].key))
        clerk = branch.clerk
        plan = []  # (day, person, lines, the day a wrong booking was reversed or None)
        # About one booking in a thousand was wrong, and one in every branch's last finished month.
        last_month = add_months(month_start(today), -1)
        example = next((i for i, e in enumerate(events) if month_start(e[0]) == last_month and len(e[2]) == 1), None)
        for index, (day, person, lines) in enumerate(events):
            quarter_end = quarter_bounds(day.year, quarter_of(day))[1]
            fix_on = day + datetime.timedelta(days=rng.randint(0, 5))
            wrong = index == example or rng.random() < 0.001
            if len(lines) == 1 and wrong and fix_on <= min(today, quarter_end):
                # Booked with a wrong amount, reversed and booked again (never edited, never deleted).
                wrong = lines[0][1] * 10
                plan.append((day, person, [(lines[0][0], wrong, lines[0][2])], fix_on))
                plan.append((fix_on, person, lines, None))
            else:
                plan.append((day, person, lines, None))
        plan.sort(key=lambda p: (p[0], p[1].key))
        numbers: dict[int, int] = defaultdict(int)
        receipts, entries, reversals, allocations = [], [], [], []
        receipt_ids = iter(county.ids.take(DuesReceipt, len(plan)))
        entry_ids = iter(county.ids.take(DuesEntry, sum(len(p[2]) + (p[3] is not None) for p in plan)))
        org = branch.pk
        for day, person, lines, fix in plan:
            numbers[day.year] += 1
            total = sum((amount for _m, amount, _s in lines), ZERO)
            receipt, created = next(receipt_ids), county.at(day, 10)
            receipts.append(
                (
                    receipt,
                    org,
                    day.year,
                    numbers[day.year],
                    person.pk,
                    day,
                    total,
                    rules.is_centre_payment(total),
                    clerk.pk,
                    created,
                )
            )
            for month, amount, standard in lines:
                entry = next(entry_ids)
                entries.append(
                    (
                        entry,
                        org,
                        person.pk,
                        "payment",
                        month,
                        amount,
                        standard,
                        day,
                        receipt,
                        None,
                        "",
                        clerk.pk,
                        created,
                    )
                )
                county.dues["bookings"][org].append((day, amount))
                if fix is None:
                    allocations.append((person.pk, month, entry))
                else:
                    # The wrong booking is reversed (never edited, never deleted); the month is booked again.
                    reversals.append(
                        (
                            next(entry_ids),
                            org,
                            person.pk,
                            "reversal",
                            month,
                            amount,
                            standard,
                            fix,
                            None,
                            entry,
                            "金额登记错误，重新登记",
                            clerk.pk,
                            county.at(fix, 9),
                        )
                    )
                    county.dues["bookings"][org].append((fix, -amount))
        rows(DuesReceipt, RECEIPT_COLUMNS, receipts)
        rows(DuesEntry, ENTRY_COLUMNS, entries + reversals)
        rows(PaidMonth, ["member_id", "month", "entry_id"], allocations)
        counters += [
            DuesCounter(organization=branch.org, year=year, series="receipt", last=last)
            for year, last in numbers.items()
        ]
        total_receipts += len(receipts)
        total_entries += len(entries) + len(reversals)
        county.counts["dues_reversals"] = county.counts.get("dues_reversals", 0) + len(reversals)
    county.dues["counters"] = counters
    return total_receipts, total_entries


def _write_remittances(county: County) -> None:
    """Each quarter that has ended: the townships forward what their branches handed over during it, then each
    branch hands over what it collected in it (that money reaches the county the quarter after), as
    `dues_remit` computes it: everything on hand at the end of the period."""
    today = county.today
    bookings = county.dues["bookings"]
    counters = county.dues["counters"]
    remittances, numbers = [], defaultdict(int)
    received = defaultdict(list)  # township pk -> [(handed_on, amount)]
    closed = {}
    quarter = quarter_bounds(county.start.year, 1)
    while quarter[1] < today:
        first, last = quarter
        handed_on = min(today, last + datetime.timedelta(days=10))
        for township in county.townships:
            since = closed.get(township.pk)
            amount = sum((a for d, a in received[township.pk] if d <= last and (since is None or d > since)), ZERO)
            if amount > 0:
                clerk = county.township_clerks[township.pk]
                remittances.append(
                    _remittance(county, township, county.org, first, last, amount, handed_on, clerk, numbers)
                )
                closed[township.pk] = last
        for branch in county.branches:
            since = closed.get(branch.pk)
            amount = sum((a for d, a in bookings[branch.pk] if d <= last and (since is None or d > since)), ZERO)
            if amount > 0:
                remittances.append(
                    _remittance(
                        county, branch.org, branch.township, first, last, amount, handed_on, branch.clerk, numbers
                    )
                )
                received[branch.township.pk].append((handed_on, amount))
                closed[branch.pk] = last
        quarter = quarter_bounds(*_next_quarter(first))
    insert(DuesRemittance, remittances)
    counters += [
        DuesCounter(organization_id=org, year=year, series="remittance", last=last)
        for (org, year), last in numbers.items()
    ]
    insert(DuesCounter, counters)
    county.counts["dues_remittances"] = len(remittances)


def _next_quarter(first: datetime.date) -> tuple[int, int]:
    following = add_months(first, 3)
    return following.year, quarter_of(following)


def _remittance(county, from_org, to_org, first, last, amount, handed_on, clerk, numbers) -> DuesRemittance:
    year = last.year
    numbers[(from_org.pk, year)] += 1
    return DuesRemittance(
        from_org=from_org,
        to_org=to_org,
        year=year,
        number=numbers[(from_org.pk, year)],
        first_month=first,
        last_month=month_start(last),
        amount=amount,
        handed_on=handed_on,
        created_by=clerk,
        created_at=county.at(handed_on, 15),
    )
