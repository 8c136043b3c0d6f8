"""Scope-sweep builders for the standing URLs (term_pk)."""

import datetime

from standing.models import CommitteeTerm

from .builders import approved_term


def _term(p, branch):
    term = CommitteeTerm.objects.filter(branch=branch).first()
    return term or approved_term(by=p.county_admin, branch=branch, elected_on=datetime.date(2025, 3, 1))


REGISTRY = {
    "term_pk": (lambda p: _term(p, p.world.b1).pk, lambda p: _term(p, p.world.b3).pk),
}


def _assessment(p, branch):
    from standing.models import Assessment

    from .builders import proposed

    found = Assessment.objects.filter(branch=branch).first()
    return found or proposed(by=p.county_admin, branch=branch, year=2025)


REGISTRY["assessment_pk"] = (lambda p: _assessment(p, p.world.b1).pk, lambda p: _assessment(p, p.world.b3).pk)


def _rectification(p, branch):
    from standing.models import Rectification

    from .builders import listed

    found = Rectification.objects.filter(branch=branch).first()
    return found or listed(
        by=p.county_admin,
        branch=branch,
        listed_on=datetime.date(2026, 1, 5),
        milestones=[("整顿", datetime.date(2026, 3, 1))],
    )


REGISTRY["rectification_pk"] = (
    lambda p: _rectification(p, p.world.b1).pk,
    lambda p: _rectification(p, p.world.b3).pk,
)
REGISTRY["milestone_pk"] = (
    lambda p: _rectification(p, p.world.b1).milestones.first().pk,
    lambda p: _rectification(p, p.world.b3).milestones.first().pk,
)
