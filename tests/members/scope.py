"""Scope-sweep builders for the roster URLs (member_pk, import_pk, post_pk)."""

import datetime

from members.imports import seal
from members.models import Member, MemberImport, MemberPost
from members.workbook import template_bytes
from tests.factories import MemberFactory


def _member(branch):
    return Member.objects.filter(branch=branch).first() or MemberFactory(branch=branch)


def _import(user, org):
    return MemberImport.objects.create(owner=user, organization=org, filename="a.xlsx", content=seal(template_bytes()))


def _post(branch):
    member = _member(branch)
    post = MemberPost.objects.filter(member=member).first()
    return post or MemberPost.objects.create(
        member=member, organization=branch, post="organization", started_on=datetime.date(2024, 1, 1)
    )


REGISTRY = {
    "member_pk": (lambda p: _member(p.world.b1).pk, lambda p: _member(p.world.b3).pk),
    "import_pk": (lambda p: _import(p.county_admin, p.world.b1).pk, lambda p: _import(p.outsider, p.world.b3).pk),
    "post_pk": (lambda p: _post(p.world.b1).pk, lambda p: _post(p.world.b3).pk),
}
