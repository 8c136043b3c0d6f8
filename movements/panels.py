"""The member page's transfer and mobile-member panels (registered in MovementsConfig.ready())."""

from django.utils import timezone

from branches.scoping import has_perm_on
from members.models import Lifecycle

from . import rules as mr
from . import selectors
from .models import TransferStatus


def transfers_context(request, member) -> dict:
    """The member's transfers with both dates; start buttons for the sending branch. One query."""
    rows = list(selectors.member_transfers(member=member))
    can_write = has_perm_on(request.user, "members.write", member.branch)
    active = member.lifecycle == Lifecycle.ACTIVE
    pending = any(t.status == TransferStatus.PENDING for t in rows)
    return {
        "member": member,
        "transfers": rows,
        "can_start_transfer": can_write and active and not pending,
    }


def mobile_context(request, member) -> dict:
    """The member's mobile-member records (open one first) with the contact flags. One query."""
    today = timezone.localdate()
    rules = mr.movement_rules()
    records = list(member.mobile_records.select_related("contact_person").order_by("returned_on", "-left_on", "-pk"))
    rows = [selectors.roll_row(record, today=today, rules=rules) for record in records]
    open_rows = [row for row in rows if row.record.returned_on is None]
    can_write = has_perm_on(request.user, "members.write", member.branch)
    return {
        "member": member,
        "mobile_rows": rows,
        "can_start_mobile": can_write and member.lifecycle == Lifecycle.ACTIVE and not open_rows,
    }
