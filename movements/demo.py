"""Demo transfers and mobile members for the demo county (runs after the members demo). Idempotent.

Picks members deterministically (branch code, then pk) among whatever members.demo created, and goes
through the real services so every rule holds: a pending transfer within the county, one completed, a
letter out with its return slip, a letter out past its validity, a member registered from outside the
county, and about fifteen mobile members contacted monthly on the 20th (DOMAIN §5: the seed township's
practice), some overdue, one lost contact."""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction

from branches.models import Organization, Role
from branches.rules import RoleKind
from members.models import Lifecycle, Member, MemberStatus
from members.rules import make_id_number
from partywork.dates import add_months

from . import selectors
from .models import MobileContact, MobileRecord, Transfer, TransferStatus
from .services import mobile, transfers

MARK = "演示数据"
CARD_PREFIX = "QSLD"
INCOMING_LETTER = "兰城组转〔{year}〕第088号"

# (province, city, employer, reason)
DESTINATIONS = [
    ("广东省", "东莞市", "东莞市长安镇某电子厂", "务工"),
    ("浙江省", "宁波市", "宁波北仑某模具公司", "务工"),
    ("江苏省", "苏州市", "苏州工业园区某物流公司", "务工"),
    ("新疆维吾尔自治区", "乌鲁木齐市", "乌鲁木齐某建筑公司", "务工"),
    ("甘肃省", "兰州市", "兰州新区某食品厂", "务工"),
    ("陕西省", "西安市", "西安某餐饮店", "经商"),
    ("北京市", "北京市", "北京某快递站点", "务工"),
    ("宁夏回族自治区", "银川市", "银川某枸杞合作社", "务工"),
    ("上海市", "上海市", "上海某大学", "求学"),
    ("四川省", "成都市", "成都某装修公司", "务工"),
]


def _actor(county: Organization):
    """The county administrator the demo records its work as."""
    role = (
        Role.objects.filter(organization=county, kind=RoleKind.COUNTY_ADMIN, is_active=True, user__is_active=True)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return role.user if role else None


def _branch(code):
    return Organization.objects.filter(code=code, is_active=True).first()


def _candidates(branch, used, *, count=1):
    """The first active, non-mobile members of a branch (by pk) not used yet by this demo."""
    if branch is None:
        return []
    found = []
    for member in Member.objects.filter(branch=branch, lifecycle=Lifecycle.ACTIVE, is_mobile=False).order_by("pk"):
        if member.pk in used:
            continue
        found.append(member)
        used.add(member.pk)
        if len(found) == count:
            break
    return found


def _say(context, text):
    stdout = context.get("stdout")
    if stdout is not None:
        stdout.write(text)


@transaction.atomic
def seed_transfers(*, county, by, today, used) -> int:
    """Transfers in every state (issued, received, returned, overdue, voided) for the demo. Long because each
    state is reached through the services in the order a real letter travels."""
    if Transfer.objects.filter(notes=MARK).exists():
        return 0
    made = 0
    # 1. Pending within the county: 红岭村 -> 新庄村, started three days ago.
    for member in _candidates(_branch("QS0101"), used):
        transfers.transfer_start(
            by=by,
            member=member,
            to_branch=_branch("QS0102"),
            reason="婚迁至新庄村",
            issued_on=today - datetime.timedelta(days=3),
            notes=MARK,
        )
        made += 1
    # 2. Completed within the county: 马莲滩村 -> 乡机关, accepted a month ago.
    for member in _candidates(_branch("QS0104"), used):
        transfer = transfers.transfer_start(
            by=by,
            member=member,
            to_branch=_branch("QS0105"),
            reason="调入乡政府工作",
            issued_on=today - datetime.timedelta(days=40),
            notes=MARK,
        )
        transfers.transfer_accept(by=by, transfer=transfer, on=today - datetime.timedelta(days=33))
        made += 1
    # 3. A letter out of the county, returned.
    for member in _candidates(_branch("QS0103"), used):
        transfer = transfers.transfer_issue_letter(
            by=by,
            member=member,
            external_org="中共兰州市城关区委组织部",
            reason="迁居兰州",
            issued_on=today - datetime.timedelta(days=60),
            dues_paid_until=add_months(today, -2).replace(day=1),
            valid_until=today - datetime.timedelta(days=31),
            notes=MARK,
        )
        transfers.transfer_record_return_slip(
            by=by,
            transfer=transfer,
            accepted_on=today - datetime.timedelta(days=52),
            received_on=today - datetime.timedelta(days=40),
        )
        made += 1
    # 4. A letter out past its validity, no return slip yet.
    for member in _candidates(_branch("QS0201"), used):
        transfers.transfer_issue_letter(
            by=by,
            member=member,
            external_org="中共西安市雁塔区委组织部",
            reason="随子女迁居西安",
            issued_on=today - datetime.timedelta(days=50),
            dues_paid_until=add_months(today, -2).replace(day=1),
            valid_until=today - datetime.timedelta(days=21),
            notes=MARK,
        )
        made += 1
    # 5. A member from outside the county, registered with the incoming letter.
    branch = _branch("QS0101")
    letter = INCOMING_LETTER.format(year=today.year)
    if branch is not None and not Transfer.objects.filter(letter_number=letter).exists():
        birth = datetime.date(1992, 3, 14)
        transfer = transfers.transfer_register_in(
            by=by,
            branch=branch,
            letter_number=letter,
            letter_date=today - datetime.timedelta(days=20),
            external_org="中共兰州市城关区委组织部",
            received_on=today - datetime.timedelta(days=12),
            reason="返乡创业",
            name="马晓梅",
            sex="F",
            ethnicity="回族",
            birth_date=birth,
            id_number=make_id_number(region="620102", birth_date=birth, sequence=88, sex="F"),
            phone="13709310088",
            education="bachelor",
            occupation="enterprise",
            work_unit="红岭村农产品合作社",
            address="红岭村二社",
            status=MemberStatus.FULL,
            joined_on=datetime.date(2015, 7, 1),
            confirmed_on=datetime.date(2016, 7, 1),
        )
        Transfer.objects.filter(pk=transfer.pk).update(notes=MARK)
        used.add(transfer.member_id)
        made += 1
    return made


def _last_contact_day(on, *, day=20):
    """The latest contact day (the 20th) on or before `on`."""
    return on.replace(day=day) if on.day >= day else add_months(on, -1).replace(day=day)


def _contact_days(left_on, last, *, day=20):
    """Monthly contacts on the 20th from the month after leaving up to `last`."""
    days, current = [], add_months(left_on.replace(day=1), 1).replace(day=day)
    while current <= last:
        days.append(current)
        current = add_months(current, 1)
    return days


@transaction.atomic
def seed_mobile(*, county, by, today, used) -> int:
    if MobileRecord.objects.filter(card_number__startswith=CARD_PREFIX).exists():
        return 0
    codes = ["QS0101", "QS0101", "QS0101", "QS0102", "QS0102", "QS0103", "QS0103", "QS0104"]
    codes += ["QS0202", "QS0202", "QS0203", "QS0203", "QS0301", "QS0302", "QS0302"]
    made = 0
    for index, code in enumerate(codes):
        branch = _branch(code)
        picked = _candidates(branch, used)
        if not picked:
            continue
        member = picked[0]
        contact = (
            selectors.contact_person_choices(member=member).exclude(pk__in=used).first()
            or selectors.contact_person_choices(member=member).first()
        )
        if contact is None:
            continue
        province, city, employer, reason = DESTINATIONS[index % len(DESTINATIONS)]
        # One member (the fifth) left seven months ago and has not been reached since: lost contact.
        months_away = 7 if index == 4 else 2 + index % 9
        left_on = add_months(today, -months_away).replace(day=1 + (index * 3) % 27)
        if left_on > today:
            left_on = today
        record = mobile.mobile_start(
            by=by,
            member=member,
            left_on=left_on,
            reason=reason,
            dest_province=province,
            dest_city=city,
            dest_unit=f"{city}流动党员党支部" if index % 3 == 0 else "",
            employer=employer,
            phone=f"139{9300000 + index * 37:08d}",
            card_number=f"{CARD_PREFIX}{today.year}{index + 1:03d}",
            card_issued_on=left_on,
            contact_person=contact,
            dues_status="按季度微信转账" if index % 2 else "回乡时补交",
        )
        if index == 4:
            last = None
        elif index % 5 == 2:
            last = _last_contact_day(add_months(today, -4))  # contact overdue
        else:
            last = _last_contact_day(today)
        for day in _contact_days(record.left_on, last) if last else []:
            mobile.mobile_contact_record(
                by=by,
                record=record,
                contacted_on=day,
                channel=MobileContact.Channel.PHONE if day.month % 3 else MobileContact.Channel.MESSAGE,
                notes="本人在外务工，情况良好" if day.month % 2 else "已参加流入地党组织活动",
            )
        made += 1
    mobile.mobile_mark_lost_contact(by=by, today=today, org=county)
    return made


def seed(context) -> None:
    """Add the demo transfers and mobile members to the demo county (nothing the second time)."""
    county = context["county"]
    today = context["today"]
    by = _actor(county) or get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    if by is None:
        _say(context, "demo_movements: no county administrator, skipped")
        return
    # Members already used by earlier runs are skipped, so a partial run is completed, never doubled.
    used = set(Transfer.objects.filter(notes=MARK).values_list("member_id", flat=True)) | set(
        MobileRecord.objects.filter(card_number__startswith=CARD_PREFIX).values_list("member_id", flat=True)
    )
    made_transfers = seed_transfers(county=county, by=by, today=today, used=used)
    made_mobile = seed_mobile(county=county, by=by, today=today, used=used)
    pending = Transfer.objects.filter(notes=MARK, status=TransferStatus.PENDING).count()
    _say(
        context,
        f"demo_movements: {made_transfers} transfers ({pending} pending), {made_mobile} mobile members added",
    )
