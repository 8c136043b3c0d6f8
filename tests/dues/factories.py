"""Dues test data: members of a branch with a standard set, payments booked through the services."""

import datetime
from decimal import Decimal

from django.utils import timezone

from dues import services
from dues.models import DuesStandard
from dues.rules import Category
from partywork.dates import add_months, month_start
from tests.factories import MemberFactory


def this_month() -> datetime.date:
    return month_start(timezone.localdate())


def months_ago(n: int) -> datetime.date:
    return add_months(this_month(), -n)


def member_with_standard(
    branch, *, by, category=Category.SALARIED, base=Decimal("4000.00"), joined_on=None, valid_from=None, **kwargs
):
    """A member of `branch` with a standard from `valid_from` (default: January of last year)."""
    joined_on = joined_on or datetime.date(2000, 7, 1)
    member = MemberFactory(branch=branch, joined_on=joined_on, **kwargs)
    valid_from = valid_from or datetime.date(timezone.localdate().year - 1, 1, 1)
    services.standard_change(
        org=branch, member=member, month=valid_from, category=category, base=base, reason="测试核定", by=by
    )
    return member


def standard_of(member) -> DuesStandard:
    return DuesStandard.objects.filter(member=member).order_by("-valid_from").first()
