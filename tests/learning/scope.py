"""Scope-sweep builders for the learning URLs (see tests/scope_registry.py)."""

import datetime
from decimal import Decimal

from learning import services
from learning.models import Talk, TrainingSession
from learning.rules import TrainingKind
from tests.factories import MemberFactory


def _session(p, branch):
    session = TrainingSession.objects.filter(organization=branch).first()
    if session is None:
        member = MemberFactory(branch=branch)
        session = services.session_create(
            org=branch,
            by=p.county_admin,
            kind=TrainingKind.CENTRAL,
            held_on=datetime.date(2026, 3, 1),
            hours=Decimal("2"),
            content="扫描培训",
            members=[member],
            today=datetime.date(2026, 6, 17),
        )
    return session


REGISTRY = {
    "session_pk": (lambda p: _session(p, p.world.b1).pk, lambda p: _session(p, p.world.b3).pk),
}


def _talk(p, branch):
    talk = Talk.objects.filter(branch=branch).first()
    if talk is None:
        member = MemberFactory(branch=branch)
        talk = services.talk_create(
            branch=branch,
            by=p.county_admin,
            member=member,
            talker="扫描书记",
            held_on=datetime.date(2026, 3, 1),
            topic="了解思想状况",
            today=datetime.date(2026, 6, 17),
        )
    return talk


REGISTRY["talk_pk"] = (lambda p: _talk(p, p.world.b1).pk, lambda p: _talk(p, p.world.b3).pk)
