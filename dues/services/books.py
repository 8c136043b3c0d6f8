"""The books of an organisation: gap-free numbering under a row lock, one lock that serialises every write to
the books, and the closing of remitted periods. Used by the other dues services."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from branches.models import Organization
from partywork.dates import month_end

from ..models import DuesCounter, DuesRemittance

RECEIPT_SERIES = "receipt"
REMITTANCE_SERIES = "remittance"
BOOKS_SERIES = "books"


def next_number(*, org: Organization, year: int, series: str, count: int = 1) -> int:
    """The first of `count` consecutive numbers of a series, under a row lock: numbers have no gaps (a
    rolled-back write gives its numbers back) and no doubles."""
    DuesCounter.objects.get_or_create(organization=org, year=year, series=series)
    counter = DuesCounter.objects.select_for_update().get(organization=org, year=year, series=series)
    first = counter.last + 1
    counter.last += count
    counter.save(update_fields=["last"])
    return first


def lock_books(org: Organization) -> None:
    """Serialise every write to `org`'s books (payments, reversals, remittances) on one row lock, so a period
    cannot close between the check and the write."""
    DuesCounter.objects.get_or_create(organization=org, year=0, series=BOOKS_SERIES)
    DuesCounter.objects.select_for_update().filter(organization=org, year=0, series=BOOKS_SERIES).first()


def closed_until(org: Organization) -> datetime.date | None:
    """The last day of the last period `org` has remitted: nothing may be booked on or before it."""
    last = DuesRemittance.objects.filter(from_org=org).order_by("-last_month").values_list("last_month", flat=True)
    last = last.first()
    return month_end(last) if last else None


def check_open(org: Organization, day: datetime.date, field: str = "paid_on") -> None:
    end = closed_until(org)
    if end is not None and day <= end:
        raise ValidationError(
            {
                field: [
                    _("%(day)s 所在期间已上缴结账（结至 %(end)s），不能再记入；更正请记入当前期间")
                    % {"day": day.isoformat(), "end": end.isoformat()}
                ]
            }
        )
