"""Builders for transfers and mobile members, through the real services (so every rule is applied)."""

import datetime

from django.utils import timezone

from movements.models import MobileRecord, Transfer
from movements.services import mobile, transfers
from tests.factories import MemberFactory


def days_ago(n: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=n)


def transfer_within(*, by, member, to_branch, issued_on=None, reason="工作调动") -> Transfer:
    return transfers.transfer_start(
        by=by, member=member, to_branch=to_branch, reason=reason, issued_on=issued_on or timezone.localdate()
    )


def letter_out(*, by, member, issued_on=None, valid_days=30, external_org="中共兰州市城关区委组织部") -> Transfer:
    issued_on = issued_on or timezone.localdate()
    return transfers.transfer_issue_letter(
        by=by,
        member=member,
        external_org=external_org,
        reason="迁居外地",
        issued_on=issued_on,
        dues_paid_until=issued_on.replace(day=1),
        valid_until=issued_on + datetime.timedelta(days=valid_days - 1),
    )


def mobile_record(*, by, member, left_on=None, contact_person=None, **overrides) -> MobileRecord:
    if contact_person is None:
        contact_person = MemberFactory(branch=member.branch, status="full")
    data = {
        "left_on": left_on or days_ago(30),
        "reason": "务工",
        "dest_province": "广东省",
        "dest_city": "东莞市",
        "dest_unit": "",
        "employer": "东莞某电子厂",
        "card_number": "LD2026001",
        "card_issued_on": (left_on or days_ago(30)),
        "contact_person": contact_person,
        "dues_status": "按季度微信转账",
        "phone": "13800001111",
        **overrides,
    }
    return mobile.mobile_start(by=by, member=member, **data)
