"""Scope-sweep builders for the learning URLs (see tests/scope_registry.py)."""

import datetime
from decimal import Decimal

from learning import services
from learning.models import TrainingSession
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
