"""Remittances (上缴): dues on hand handed to the level above under a numbered receipt, closing the period."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from branches.models import Organization
from partywork.dates import month_end, month_start

from .. import rules, selectors
from ..models import DuesRemittance
from ..selectors import parent_of
from .books import REMITTANCE_SERIES, check_open, closed_until, lock_books, next_number


def on_hand(org: Organization, *, until: datetime.date) -> Decimal:
    """collected − reversed + received − remitted for `org` up to `until` (a remittance counts at the end of the
    period it covers, money received at the date it was handed over)."""
    parts = selectors.balance_parts(org, first=None, last=until)
    return parts["collected"] - parts["reversed"] + parts["received"] - parts["remitted"]


@transaction.atomic
def dues_remit(
    *,
    org: Organization,
    first_month: datetime.date,
    last_month: datetime.date,
    by,
    note: str = "",
    on: datetime.date | None = None,
) -> DuesRemittance:
    """Hand the dues on hand for a period that has ended to the level above under a numbered receipt; the period
    is then closed for `org` (never the month the remittance is made in). Caller holds dues.remit on `org`."""
    today = on or timezone.localdate()
    if today > timezone.localdate():
        raise ValidationError({"first_month": [_("上缴日期不能晚于今天")]})
    first_month, last_month = month_start(first_month), month_start(last_month)
    if last_month < first_month:
        raise ValidationError({"last_month": [_("截止月份不能早于起始月份")]})
    if month_end(last_month) >= today:
        # A period is closed only once it has ended: a remittance never closes the month it is made in.
        latest = rules.last_ended_month(today)
        raise ValidationError(
            {
                "last_month": [
                    _("%(m)s 尚未结束，不能结账上缴：截止月份最晚为 %(latest)s；%(m)s 的党费请在该月结束后上缴")
                    % {"m": last_month.strftime("%Y-%m"), "latest": latest.strftime("%Y-%m")}
                ]
            }
        )
    parent = parent_of(org)
    if parent is None:
        raise ValidationError(_("县委组织部没有上级组织可上缴"))
    # Lock the books (the sender's, then the receiver's) first: nothing is booked into the period while it
    # closes, and two remittances of one organisation never interleave.
    lock_books(org)
    lock_books(parent)
    number = next_number(org=org, year=last_month.year, series=REMITTANCE_SERIES)
    closed = closed_until(org)
    if closed is not None and first_month <= closed:
        raise ValidationError(
            {"first_month": [_("该期间与已上缴的期间重叠（已结至 %(d)s）") % {"d": closed.isoformat()}]}
        )
    amount = on_hand(org, until=month_end(last_month))
    if amount <= 0:
        raise ValidationError(_("该期间没有可上缴的党费（结存 %(a)s 元）") % {"a": amount})
    check_open(parent, today, field="first_month")
    remittance = DuesRemittance(
        from_org=org,
        to_org=parent,
        year=last_month.year,
        number=number,
        first_month=first_month,
        last_month=last_month,
        amount=amount,
        handed_on=today,
        note=note.strip(),
        created_by=by,
    )
    remittance.full_clean()
    remittance.save()
    return remittance
