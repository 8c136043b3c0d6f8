"""Scope-sweep builders for the dues URLs (see tests/scope_registry.py)."""

from decimal import Decimal

from django.utils import timezone

from dues import services
from dues.models import DuesEntry, DuesRelief
from members.models import Member

from .factories import member_with_standard


def _member(p, branch, name):
    member = Member.objects.filter(branch=branch, name=name).first()
    return member or member_with_standard(branch, by=p.county_admin, name=name)


def _entry(p, branch, name):
    member = _member(p, branch, name)
    entry = DuesEntry.objects.filter(member=member, kind=DuesEntry.Kind.PAYMENT).first()
    if entry is None:
        today = timezone.localdate()
        services.dues_collect(
            org=branch, member=member, months=[today.replace(day=1)], paid_on=today, by=p.county_admin
        )
        entry = DuesEntry.objects.get(member=member, kind=DuesEntry.Kind.PAYMENT)
    return entry


def _relief(p, branch, name):
    member = _member(p, branch, name)
    today = timezone.localdate()
    return services.relief_request(
        org=branch,
        member=member,
        kind=DuesRelief.Kind.WAIVER,
        first_month=today,
        last_month=today,
        amount=Decimal("0"),
        reason="生活困难",
        decided_on=today,
        by=p.branch_secretary,
    )


REGISTRY = {
    # member_pk is registered by tests/members/scope.py (a member of b1 / of b3).
    "entry_pk": (lambda p: _entry(p, p.world.b1, "扫描甲").pk, lambda p: _entry(p, p.world.b3, "扫描丙").pk),
    "relief_pk": (lambda p: _relief(p, p.world.b1, "扫描甲").pk, lambda p: _relief(p, p.world.b3, "扫描丙").pk),
    "year": (lambda p: timezone.localdate().year, lambda p: timezone.localdate().year),
    "month": (lambda p: timezone.localdate().month, lambda p: timezone.localdate().month),
}
