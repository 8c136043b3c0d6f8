"""Reads of transfers and mobile members, always starting from the user's scope (a transfer is visible to
its sending and its receiving side; a mobile record to those who may see the member)."""

import datetime
from dataclasses import dataclass

from django.db.models import BooleanField, ExpressionWrapper, Q
from django.utils import timezone

from branches.models import Organization, subtree_q
from branches.scoping import has_perm_on, scope_q
from members.models import Lifecycle, Member, MemberStatus

from . import rules as mr
from .models import MobileRecord, Transfer, TransferDirection, TransferStatus

# --- Transfers ---------------------------------------------------------------------------------------


def county_of(org: Organization) -> Organization:
    """The county (root of the tree) an organisation belongs to."""
    return Organization.objects.get(path=org.path[: org.steplen])


def transfer_target_branches(*, member: Member):
    """Active branches of the member's county a transfer may go to (names and codes only: the sender does not
    see the target's data)."""
    root = member.branch.path[: member.branch.steplen]
    return Organization.objects.subtree(root).branches().active().exclude(pk=member.branch_id).order_by("path")


def _expired_expression(today: datetime.date):
    return ExpressionWrapper(
        Q(status=TransferStatus.PENDING, valid_until__lt=today, return_slip_received_on__isnull=True),
        output_field=BooleanField(),
    )


def transfer_list(*, user, permission: str = "members.view", today: datetime.date | None = None):
    """Transfers the user may see: those whose sending or receiving branch is in the user's scope, never
    others. Each row carries `is_expired` (pending past its validity, DOMAIN §5)."""
    today = today or timezone.localdate()
    return (
        Transfer.objects.filter(
            scope_q(user, permission, field="from_branch") | scope_q(user, permission, field="to_branch")
        )
        .select_related("member", "from_branch", "to_branch", "started_by", "completed_by")
        .annotate(is_expired=_expired_expression(today))
    )


def transfer_get(*, user, pk: int, permission: str = "members.view") -> Transfer:
    """One transfer visible to the user (sending or receiving side); DoesNotExist outside the scope."""
    return transfer_list(user=user, permission=permission).get(pk=pk)


def transfer_list_for_org(*, user, org: Organization, today: datetime.date | None = None):
    """Transfers touching branches under `org` that the user may see, newest first."""
    return (
        transfer_list(user=user, today=today)
        .filter(subtree_q(org, "from_branch") | subtree_q(org, "to_branch"))
        .order_by("-issued_on", "-pk")
    )


def member_transfers(*, member: Member, today: datetime.date | None = None):
    """A member's transfers for the member page (the caller has fetched the member through the scope)."""
    today = today or timezone.localdate()
    return (
        Transfer.objects.filter(member=member)
        .select_related("from_branch", "to_branch")
        .annotate(is_expired=_expired_expression(today))
        .order_by("-issued_on", "-pk")
    )


def transfer_permissions(*, user, transfer: Transfer) -> dict:
    """What the user may do with a transfer: accept (receiving side), cancel / return slip / print (sending)."""
    pending = transfer.status == TransferStatus.PENDING
    sender = transfer.from_branch is not None and has_perm_on(user, "members.write", transfer.from_branch)
    receiver = transfer.to_branch is not None and has_perm_on(user, "members.write", transfer.to_branch)
    out = transfer.direction == TransferDirection.OUT
    return {
        "can_accept": pending and transfer.direction == TransferDirection.WITHIN and receiver,
        "can_cancel": pending and transfer.direction == TransferDirection.WITHIN and sender,
        "can_return_slip": pending and out and sender,
        "can_void": pending and out and sender,
        "can_print": out
        and transfer.from_branch is not None
        and has_perm_on(user, "members.view_sensitive", transfer.from_branch),
    }


# --- Mobile members ------------------------------------------------------------------------------


@dataclass
class RollRow:
    """One line of the mobile-member roll, with the rule flags worked out (no queries)."""

    record: MobileRecord
    last_reached: datetime.date
    days_since: int
    contact_due_on: datetime.date
    contact_overdue: bool
    lost_due: bool
    is_lost: bool


def mobile_records(*, user, permission: str = "members.view"):
    """Mobile records of members in the user's scope, with member, branch and contact person joined."""
    return MobileRecord.objects.filter(scope_q(user, permission, field="member__branch")).select_related(
        "member", "member__branch", "contact_person"
    )


def mobile_get(*, user, pk: int, permission: str = "members.view") -> MobileRecord:
    """One mobile record in the user's scope; DoesNotExist outside it."""
    return mobile_records(user=user, permission=permission).get(pk=pk)


def roll_row(record: MobileRecord, *, today: datetime.date, rules: mr.MovementRules) -> RollRow:
    reached = mr.last_reached(left_on=record.left_on, last_contact_on=record.last_contact_on)
    due = mr.contact_due_on(left_on=record.left_on, last_contact_on=record.last_contact_on, months=rules.contact_months)
    lost_due = mr.is_lost_contact(
        left_on=record.left_on, last_contact_on=record.last_contact_on, today=today, months=rules.lost_contact_months
    )
    return RollRow(
        record=record,
        last_reached=reached,
        days_since=mr.days_since(reached, today),
        contact_due_on=due,
        contact_overdue=due < today,
        lost_due=lost_due and record.lost_contact_on is None,
        is_lost=record.lost_contact_on is not None,
    )


def mobile_roll(*, user, org: Organization, today: datetime.date, flag: str = "", rules=None) -> list[RollRow]:
    """The mobile-member roll of a township (or branch): members away now, with last contact, days since, and
    the overdue-contact and lost-contact flags (DOMAIN §5). Two queries whatever its size, and one for the local
    rules unless the caller passes them."""
    rules = rules or mr.movement_rules(on=today)
    records = (
        mobile_records(user=user)
        .filter(subtree_q(org, "member__branch"), returned_on__isnull=True)
        .exclude(member__lifecycle__in=(Lifecycle.TRANSFERRED_OUT, Lifecycle.DECEASED, Lifecycle.REMOVED))
        .order_by("member__branch__path", "member__name_pinyin", "pk")
    )
    rows = [roll_row(record, today=today, rules=rules) for record in records]
    if flag == "overdue":
        rows = [row for row in rows if row.contact_overdue and not row.is_lost]
    elif flag == "lost":
        rows = [row for row in rows if row.is_lost or row.lost_due]
    return rows


def mobile_contacts(*, record: MobileRecord):
    """The contacts of a record, newest first (the caller fetched the record through the scope)."""
    return record.contacts.select_related("recorded_by").order_by("-contacted_on", "-pk")


def contact_person_choices(*, member: Member):
    """Who may be the contact person of a mobile member: an active full member of the same branch."""
    return (
        Member.objects.filter(branch_id=member.branch_id, lifecycle=Lifecycle.ACTIVE, status=MemberStatus.FULL)
        .exclude(pk=member.pk)
        .order_by("name_pinyin", "pk")
    )
