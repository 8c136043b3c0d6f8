"""Scope-sweep builders for the transfer and mobile-member URLs (transfer_pk, mobile_pk, member_pk)."""

from members.models import Lifecycle, Member
from tests.factories import MemberFactory

from .builders import letter_out, mobile_record


def _member(branch):
    return Member.objects.filter(branch=branch, lifecycle=Lifecycle.ACTIVE).first() or MemberFactory(branch=branch)


def _letter(p, branch):
    # A letter out of the county: its pages (detail, return slip, print) all answer for the sending side.
    return letter_out(by=p.county_admin, member=MemberFactory(branch=branch))


def _mobile(p, branch):
    return mobile_record(by=p.county_admin, member=MemberFactory(branch=branch))


REGISTRY = {
    "member_pk": (lambda p: _member(p.world.b1).pk, lambda p: _member(p.world.b3).pk),
    "transfer_pk": (lambda p: _letter(p, p.world.b1).pk, lambda p: _letter(p, p.world.b3).pk),
    "mobile_pk": (lambda p: _mobile(p, p.world.b1).pk, lambda p: _mobile(p, p.world.b3).pk),
}
