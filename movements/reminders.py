"""Reminders of transfers and mobile members (DOMAIN §5), delivered once per key and period by notices.

- a mobile member's contact is due (at least quarterly [local]): the branch secretary, once per due date;
- a mobile member unreachable for 6 months: the member is marked lost contact (失联) and the township hears
  of it, once per record and lost date;
- an introduction letter past its validity without return slip (or a transfer within the county not yet
  accepted): the sending branch secretary and the township, once per transfer;
- a transfer within the county waiting for the receiving branch: its secretary, once per transfer.
"""

import datetime
from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import gettext as _

from branches.reminders import TOWNSHIP_ROLES, Reminder, holders_over, role_holders
from branches.rules import RoleKind
from members.models import Lifecycle

from . import rules as mr
from .models import MobileRecord, Transfer, TransferDirection, TransferStatus
from .services import mobile

SECRETARY_ROLES = (RoleKind.BRANCH_SECRETARY,)


def mobile_contact_reminders(*, today: datetime.date, secretaries, rules) -> Iterable[Reminder]:
    records = (
        MobileRecord.objects.filter(
            returned_on__isnull=True, lost_contact_on__isnull=True, member__lifecycle=Lifecycle.ACTIVE
        )
        .select_related("member", "member__branch")
        .order_by("pk")
    )
    for record in records:
        due = mr.contact_due_on(
            left_on=record.left_on, last_contact_on=record.last_contact_on, months=rules.contact_months
        )
        if due > today:
            continue
        branch = record.member.branch
        for user in holders_over(branch, secretaries):
            yield Reminder(
                recipient=user,
                kind="mobile_contact_due",
                subject_key=f"mobile:{record.pk}",
                period=due.isoformat(),
                organization=branch,
                title=_("请联系流动党员 %(name)s") % {"name": record.member.name},
                body=_("%(name)s 外出在%(place)s，最近一次联系是 %(last)s，按规定应于 %(due)s 前再次联系。")
                % {
                    "name": record.member.name,
                    "place": f"{record.dest_province}{record.dest_city}",
                    "last": record.last_contact_on.isoformat() if record.last_contact_on else _("外出以来未联系"),
                    "due": due.isoformat(),
                },
                url=reverse("movements:mobile_detail", kwargs={"mobile_pk": record.pk}),
            )


def lost_contact_reminders(*, today: datetime.date, townships, rules) -> Iterable[Reminder]:
    records = (
        MobileRecord.objects.filter(returned_on__isnull=True, lost_contact_on__isnull=False)
        .select_related("member", "member__branch")
        .order_by("pk")
    )
    for record in records:
        branch = record.member.branch
        for user in holders_over(branch, townships):
            yield Reminder(
                recipient=user,
                kind="mobile_lost_contact",
                subject_key=f"mobile:{record.pk}",
                period=record.lost_contact_on.isoformat(),
                organization=branch,
                title=_("流动党员 %(name)s 已失联") % {"name": record.member.name},
                body=_("%(branch)s 的流动党员 %(name)s 连续%(n)s个月未取得联系，已标记为失联党员。")
                % {"branch": branch.name, "name": record.member.name, "n": rules.lost_contact_months},
                url=reverse("movements:mobile_detail", kwargs={"mobile_pk": record.pk}),
            )


def expired_transfer_reminders(*, today: datetime.date, recipients) -> Iterable[Reminder]:
    transfers = (
        Transfer.objects.filter(
            status=TransferStatus.PENDING,
            valid_until__lt=today,
            return_slip_received_on__isnull=True,
            from_branch__isnull=False,
        )
        .select_related("member", "from_branch")
        .order_by("pk")
    )
    for transfer in transfers:
        branch = transfer.from_branch
        if transfer.direction == TransferDirection.OUT:
            title = _("介绍信 %(number)s 已过有效期，尚未收到回执") % {"number": transfer.letter_number}
        else:
            title = _("%(name)s 的县内转接已过有效期，尚未接收") % {"name": transfer.member.name}
        for user in holders_over(branch, recipients):
            yield Reminder(
                recipient=user,
                kind="transfer_expired",
                subject_key=f"transfer:{transfer.pk}",
                period=transfer.valid_until.isoformat(),
                organization=branch,
                title=title,
                body=_("%(name)s 的组织关系转接有效期至 %(day)s。转出党组织在对方接收前仍对其负责，请跟进。")
                % {"name": transfer.member.name, "day": transfer.valid_until.isoformat()},
                url=reverse("movements:transfer_detail", kwargs={"transfer_pk": transfer.pk}),
            )


def incoming_transfer_reminders(*, today: datetime.date, secretaries) -> Iterable[Reminder]:
    transfers = (
        Transfer.objects.filter(status=TransferStatus.PENDING, direction=TransferDirection.WITHIN)
        .select_related("member", "from_branch", "to_branch")
        .order_by("pk")
    )
    for transfer in transfers:
        for user in holders_over(transfer.to_branch, secretaries):
            yield Reminder(
                recipient=user,
                kind="transfer_incoming",
                subject_key=f"transfer:{transfer.pk}",
                period=transfer.issued_on.isoformat(),
                organization=transfer.to_branch,
                title=_("%(name)s 的组织关系待你支部接收") % {"name": transfer.member.name},
                body=_("%(from)s 于 %(day)s 发起转接，请核实后接收。")
                % {"from": transfer.from_branch.name, "day": transfer.issued_on.isoformat()},
                url=reverse("movements:transfer_detail", kwargs={"transfer_pk": transfer.pk}),
            )


def due_reminders(*, today: datetime.date) -> Iterable[Reminder]:
    """Apply the 6-month lost-contact rule, then yield what is due. Safe to run any number of times."""
    rules = mr.movement_rules(on=today)
    mobile.mobile_mark_lost_contact(by=mobile.system_user(), today=today)
    secretaries = role_holders(SECRETARY_ROLES)
    townships = role_holders(TOWNSHIP_ROLES)
    yield from mobile_contact_reminders(today=today, secretaries=secretaries, rules=rules)
    yield from lost_contact_reminders(today=today, townships=townships, rules=rules)
    yield from expired_transfer_reminders(today=today, recipients=secretaries + townships)
    yield from incoming_transfer_reminders(today=today, secretaries=secretaries)
