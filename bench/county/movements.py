"""Transfers and mobile members over the two years (DOMAIN §5): moves between branches of the county (most
accepted, a few pending, one or two withdrawn), letters out of the county (numbered per year without gaps,
most with their return slip, some past their validity), members arriving with letters from elsewhere, and
members away from home with their contacts: most reached monthly or quarterly, some overdue, some lost
(失联) after six months, some back home. Shapes the people's timelines first; `write_movements` writes the
records once the members have ids."""

import datetime

from members.models import Lifecycle
from movements import demo as movements_demo
from movements import rules as mr
from movements.models import MobileContact, MobileRecord, Transfer, TransferDirection, TransferStatus
from partywork.dates import add_months, add_years, month_start

from .bulk import copy, history, insert
from .people import new_member
from .plan import County, Person, Stay, between

REASONS_WITHIN = ["婚迁", "工作调动", "随子女迁居", "易地搬迁安置", "到村任职"]
REASONS_OUT = ["迁居外地", "工作调动", "随子女迁居", "考入外地单位"]
ELSEWHERE = [
    ("中共兰州市城关区委组织部", "兰城"),
    ("中共西安市雁塔区委组织部", "雁塔"),
    ("中共定西市安定区委组织部", "安定"),
    ("中共天水市秦州区委组织部", "秦州"),
    ("中共银川市兴庆区委组织部", "兴庆"),
]
CONTACT_NOTES = ["本人在外务工，情况良好", "已参加流入地党组织活动", "已按时交纳党费", "近期计划返乡"]


def build_movements(county: County) -> None:
    rng = county.rng("movements")
    pool = [p for p in county.people if not p.anchor and p.gone is None and p.joined < county.start]
    rng.shuffle(pool)
    years = (county.today - county.start).days / 365
    county.transfers, county.mobile = [], []
    _within(county, rng, pool, round(len(county.people) * 0.015 * years))
    _out(county, rng, pool, round(len(county.people) * 0.008 * years))
    _in(county, rng, round(len(county.people) * 0.008 * years))
    _mobile(county, rng, pool)
    county.forget_members()


def _take(pool: list[Person]) -> Person | None:
    return pool.pop() if pool else None


def _within(county: County, rng, pool, n: int) -> None:
    """Moves within the county: mostly to a branch of the same township, accepted within a few days."""
    today, branches = county.today, [b for b in county.branches if b.receives]
    if len(branches) < 2:
        return
    pending, cancelled = max(1, n // 40), max(1, n // 60)
    for index in range(n + pending + cancelled):
        person = _take(pool)
        if person is None:
            return
        source = county.branch_of(person.branch)
        same = [b for b in branches if b.township.pk == source.township.pk and b is not source]
        target = rng.choice(same if same and rng.random() < 0.7 else [b for b in branches if b is not source])
        record = {
            "person": person,
            "direction": TransferDirection.WITHIN,
            "from": source,
            "to": target,
            "reason": rng.choice(REASONS_WITHIN),
        }
        if index < n:
            moved = between(rng, county.start + datetime.timedelta(days=30), today - datetime.timedelta(days=12))
            issued = moved - datetime.timedelta(days=rng.randint(1, 8))
            text = f"县内转接：{source.org.name} → {target.org.name}"
            person.stays[-1].end, person.stays[-1].end_reason = moved, text
            group = rng.choice(target.groups).pk if target.groups else None
            person.stays.append(Stay(target.pk, group, moved, start_reason=text))
            record.update(status=TransferStatus.COMPLETED, issued=issued, completed=moved)
        elif index < n + pending:
            # Waiting for the receiving branch; some past the letter's validity (a reminder to both sides).
            record.update(status=TransferStatus.PENDING, issued=today - datetime.timedelta(days=rng.randint(1, 25)))
            person.anchor = True  # one pending transfer per member: keep them out of the other parts
        else:
            issued = between(rng, county.start, today - datetime.timedelta(days=30))
            record.update(status=TransferStatus.CANCELLED, issued=issued, notes="撤回：对方支部暂不具备接收条件")
        county.transfers.append(record)


def _out(county: County, rng, pool, n: int) -> None:
    """Letters out of the county, numbered per county and year in the order they were issued."""
    today = county.today
    records = []
    for _ in range(n):
        person = _take(pool)
        if person is None:
            break
        issued = between(rng, county.start + datetime.timedelta(days=10), today - datetime.timedelta(days=3))
        if issued <= person.stays[-1].start:
            continue
        external, _prefix = rng.choice(ELSEWHERE)
        records.append({"person": person, "issued": issued, "external": external})
    records.sort(key=lambda r: (r["issued"], r["person"].key))
    prefix = mr.county_prefix(county.org.short_name or county.org.name)
    serials: dict[int, int] = {}
    for record in records:
        person, issued = record["person"], record["issued"]
        serials[issued.year] = serials.get(issued.year, 0) + 1
        letter = mr.letter_number(prefix=prefix, year=issued.year, serial=serials[issued.year])
        source = county.branch_of(person.branch)
        person.gone, person.gone_state = issued, Lifecycle.TRANSFERRED_OUT
        person.gone_reason = f"开具组织关系介绍信 {letter}，转往{record['external']}"
        person.stays[-1].end, person.stays[-1].end_reason = issued, str(Lifecycle.TRANSFERRED_OUT.label)
        person.behaviour = "monthly"  # pays up to the month they leave: the letter says so
        status, accepted, received = TransferStatus.PENDING, None, None
        if issued + datetime.timedelta(days=40) < today and rng.random() < 0.9:
            accepted = issued + datetime.timedelta(days=rng.randint(3, 20))
            received = min(today, accepted + datetime.timedelta(days=rng.randint(3, 15)))
            status = TransferStatus.COMPLETED
        county.transfers.append(
            {
                "person": person,
                "direction": TransferDirection.OUT,
                "from": source,
                "to": None,
                "reason": rng.choice(REASONS_OUT),
                "external": record["external"],
                "letter": letter,
                "issued": issued,
                "status": status,
                "completed": accepted,
                "slip": received,
            }
        )


def _in(county: County, rng, n: int) -> None:
    """Members arriving from outside the county with their letter (a new file on our roll)."""
    today = county.today
    used = set()
    for _ in range(n):
        branch = rng.choice([b for b in county.branches if b.receives])
        received = between(rng, county.start, today - datetime.timedelta(days=2))
        letter_date = received - datetime.timedelta(days=rng.randint(2, 20))
        external, prefix = rng.choice(ELSEWHERE)
        while True:
            letter = mr.letter_number(prefix=prefix, year=letter_date.year, serial=rng.randint(1, 400))
            if letter not in used:
                used.add(letter)
                break
        member = new_member(rng, county.identities, category=branch.org.category, today=today, age=(24, 60))
        member.work_unit = member.work_unit or ""
        member.address = f"{branch.org.short_name}"
        earliest = add_years(member.birth_date, 19)
        joined = between(rng, earliest, received - datetime.timedelta(days=400))
        if joined >= received - datetime.timedelta(days=400):
            joined = received - datetime.timedelta(days=400)
        confirmed = joined + datetime.timedelta(days=366 + rng.randint(0, 30))
        group = rng.choice(branch.groups).pk if branch.groups else None
        text = f"持介绍信 {letter} 从{external}转入"
        person = Person(
            key=len(county.people),
            member=member,
            joined=joined,
            confirmed=confirmed,
            stays=[Stay(branch.pk, group, received, start_reason=text)],
        )
        county.people.append(person)
        county.transfers.append(
            {
                "person": person,
                "direction": TransferDirection.IN,
                "from": None,
                "to": branch,
                "reason": "从县外转入",
                "external": external,
                "letter": letter,
                "issued": letter_date,
                "status": TransferStatus.COMPLETED,
                "completed": received,
            }
        )


def _contact_days(rng, left: datetime.date, last: datetime.date, *, every: int) -> list[datetime.date]:
    """Contacts on the 20th (the seed township's practice), every `every` months, from the month after
    leaving up to `last`."""
    days, current = [], add_months(month_start(left), 1).replace(day=20)
    while current <= last:
        days.append(current)
        current = add_months(current, every)
    return days


def _mobile(county: County, rng, pool) -> None:
    """About one village member in twenty is away from home (DOMAIN §5)."""
    today, rules = county.today, mr.movement_rules()
    villages = [p for p in pool if county.branch_of(p.branch).org.category in ("village", "community")]
    n = round(len(villages) * 0.07)
    serial = 0
    for index in range(n):
        person = _take(villages)
        if person is None:
            break
        branch = county.branch_of(person.branch)
        contacts_of = [p for p in county.members_of(branch) if p.anchor and p.stable and p.confirmed]
        if not contacts_of:
            continue
        roll = rng.random()
        kind = "back" if roll < 0.25 else "regular" if roll < 0.80 else "overdue" if roll < 0.92 else "lost"
        back = None
        horizon = today
        if kind == "back":
            left = between(rng, county.start - datetime.timedelta(days=200), today - datetime.timedelta(days=150))
            back = min(today - datetime.timedelta(days=5), left + datetime.timedelta(days=rng.randint(60, 300)))
            last = back
        elif kind == "regular":
            left = between(rng, county.start - datetime.timedelta(days=300), today - datetime.timedelta(days=20))
            last = today
        elif kind == "overdue":
            left = between(rng, county.start - datetime.timedelta(days=200), today - datetime.timedelta(days=200))
            last = between(
                rng,
                add_months(today, -rules.lost_contact_months) + datetime.timedelta(days=12),
                add_months(today, -rules.contact_months) - datetime.timedelta(days=5),
            )
        else:
            left = between(rng, county.start - datetime.timedelta(days=100), today - datetime.timedelta(days=200))
            last = between(rng, left, add_months(today, -rules.lost_contact_months) - datetime.timedelta(days=3))
        left = max(left, person.stays[-1].start + datetime.timedelta(days=1))
        every = 1 if rng.random() < 0.6 else 3
        days = [d for d in _contact_days(rng, left, min(last, horizon), every=every) if left <= d <= today]
        if back is not None:
            days = [d for d in days if d < back]
        if (
            kind == "regular"
            and every == 3
            and days
            and mr.contact_overdue(left_on=left, last_contact_on=days[-1], today=today, months=rules.contact_months)
        ):
            days.append(max(left, today - datetime.timedelta(days=rng.randint(1, 20))))
        last_contact = days[-1] if days else None
        lost = None
        if kind != "back" and mr.is_lost_contact(
            left_on=left, last_contact_on=last_contact, today=today, months=rules.lost_contact_months
        ):
            lost = mr.lost_contact_on(left_on=left, last_contact_on=last_contact, months=rules.lost_contact_months)
            reached = mr.last_reached(left_on=left, last_contact_on=last_contact)
            person.gone, person.gone_state = min(lost, today), Lifecycle.LOST_CONTACT
            person.gone_reason = f"流动党员自{reached.isoformat()}起连续{rules.lost_contact_months}个月未取得联系"
        person.away = [(left, back)]
        person.behaviour = "quarterly" if rng.random() < 0.6 else "on_return"
        province, city, employer, reason = movements_demo.DESTINATIONS[index % len(movements_demo.DESTINATIONS)]
        has_card = rng.random() < 0.8
        if has_card:
            serial += 1
        county.mobile.append(
            {
                "person": person,
                "left": left,
                "back": back,
                "lost": lost,
                "contacts": days,
                "contact": rng.choice(contacts_of),
                "reason": reason,
                "place": (province, city, f"{city}流动党员党支部" if index % 3 == 0 else "", employer),
                "card": (f"JZLD{left.year}{serial:04d}", min(today, left + datetime.timedelta(days=3)))
                if has_card
                else ("", None),
                "dues": "按季度微信转账" if person.behaviour == "quarterly" else "回乡时补交",
                "phone": f"1{rng.choice('3578')}{rng.randrange(10**9):09d}",
            }
        )


def write_movements(county: County) -> None:
    """The transfer records and the mobile-member ledger, once the members have their ids."""
    rows = []
    for record in county.transfers:
        source, target = record["from"], record["to"]
        issued = record["issued"]
        clerk = (source or target).clerk
        transfer = Transfer(
            member_id=record["person"].pk,
            direction=record["direction"],
            status=record["status"],
            from_branch=source.org if source else None,
            to_branch=target.org if target else None,
            external_org=record.get("external", ""),
            letter_number=record.get("letter", ""),
            reason=record["reason"],
            issued_on=issued,
            valid_until=None
            if record["direction"] == TransferDirection.IN
            else mr.letter_valid_until(issued, days=10 if record["direction"] == TransferDirection.WITHIN else 30),
            dues_paid_until=month_start(issued) if record["direction"] == TransferDirection.OUT else None,
            started_by=clerk,
            started_at=county.at(issued, 10),
            completed_on=record.get("completed"),
            completed_by=(target or source).clerk if record.get("completed") else None,
            return_slip_received_on=record.get("slip"),
            notes=record.get("notes", ""),
        )
        transfer._history_user, transfer._history_date = clerk, county.at(record.get("completed") or issued, 11)
        rows.append(transfer)
    insert(Transfer, rows)
    history(Transfer, rows)
    records, contacts = [], []
    for entry in county.mobile:
        person = entry["person"]
        branch = county.branch_of(person.stays[-1].branch)
        province, city, unit, employer = entry["place"]
        record = MobileRecord(
            member_id=person.pk,
            left_on=entry["left"],
            reason=entry["reason"],
            dest_province=province,
            dest_city=city,
            dest_unit=unit,
            employer=employer,
            card_number=entry["card"][0],
            card_issued_on=entry["card"][1],
            contact_person_id=entry["contact"].pk,
            dues_status=entry["dues"],
            last_contact_on=entry["contacts"][-1] if entry["contacts"] else None,
            returned_on=entry["back"],
            lost_contact_on=entry["lost"],
        )
        record.set_phone(entry["phone"])
        record._history_user, record._history_date = branch.clerk, county.at(entry["left"], 15)
        records.append(record)
    insert(MobileRecord, records)
    history(MobileRecord, records)
    for record, entry in zip(records, county.mobile, strict=True):
        clerk = county.branch_of(entry["person"].stays[-1].branch).clerk
        for index, day in enumerate(entry["contacts"]):
            contacts.append(
                MobileContact(
                    record_id=record.pk,
                    contacted_on=day,
                    channel=MobileContact.Channel.PHONE if index % 3 else MobileContact.Channel.MESSAGE,
                    notes=CONTACT_NOTES[index % len(CONTACT_NOTES)],
                    recorded_by=clerk,
                    recorded_at=county.at(day, 16),
                )
            )
    copy(MobileContact, contacts)
    county.counts.update(transfers=len(rows), mobile_records=len(records), mobile_contacts=len(contacts))
