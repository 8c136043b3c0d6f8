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


def ensure_default_parameters() -> None:
    """The data migration ships these; transactional tests (here and in other apps) flush them away."""
    from dues.models import DuesBracket, DuesParameters
    from dues.rules import DEFAULT_PARAMS

    params, created = DuesParameters.objects.get_or_create(
        year_from=DEFAULT_PARAMS.year_from,
        defaults={"farmer_amount": DEFAULT_PARAMS.farmer_amount, "minimal_amount": DEFAULT_PARAMS.minimal_amount},
    )
    if created:
        for scale, brackets in (("salaried", DEFAULT_PARAMS.salaried), ("retired", DEFAULT_PARAMS.retired)):
            for bracket in brackets:
                DuesBracket.objects.create(parameters=params, scale=scale, upper=bracket.upper, rate=bracket.rate)
