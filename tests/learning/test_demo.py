"""The demo county gets a year of training: members with their hours, some short; a second run adds nothing."""

import io

import pytest
from django.utils import timezone

from branches import demo as branches_demo
from branches.models import Organization
from learning import demo, selectors
from learning.models import CareVisit, Publication, Talk, TrainingSession
from learning.rules import CareOccasion, TrainingKind
from members.models import Member, MemberPost
from partywork.dates import add_months
from tests.factories import MemberFactory

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


def _demo_county():
    context = {
        **branches_demo.seed(password="Demo-Password-2026"),
        "today": timezone.localdate(),
        "stdout": io.StringIO(),
        "password": "x",
    }
    county = context["county"]
    for branch in Organization.objects.filter(path__startswith=county.path, kind="branch"):
        roll = [MemberFactory(branch=branch) for _ in range(12)]
        MemberPost.objects.create(
            member=roll[0], organization=branch, post="secretary", started_on=add_months(context["today"], -60)
        )
    return context


def test_demo_builds_a_year_of_training_with_some_members_short_and_is_idempotent():
    context = _demo_county()
    today = context["today"]
    demo.seed(context)
    sessions = TrainingSession.objects.count()
    branches = Organization.objects.filter(path__startswith=context["county"].path, kind="branch").count()
    # Every branch studies each month of the twelve up to this one.
    assert TrainingSession.objects.filter(organization__kind="branch").count() == branches * 12
    first = add_months(today.replace(day=1), -11)
    assert TrainingSession.objects.filter(held_on__lt=first).count() == 0
    assert TrainingSession.objects.filter(held_on__gt=today).count() == 0
    if today.month > 1 or today.day >= 13:
        assert TrainingSession.objects.filter(kind=TrainingKind.WINTER, held_on__year=today.year).exists()
    standings = selectors.hours_standings(members=Member.objects.all(), year=today.year)
    if today.month >= 5:
        assert any(s.met for s in standings) and any(not s.met for s in standings)
    # Talks: the secretary talks with most members over the year; some have none yet.
    talks = Talk.objects.count()
    members = Member.objects.count()
    assert members * 0.6 < talks < members
    assert Talk.objects.filter(held_on__gt=today).count() == 0
    # Care: 七一 and 春节 visits of the last twelve months in every branch, with money.
    visits = CareVisit.objects.count()
    assert visits == branches * 5
    assert CareVisit.objects.filter(occasion=CareOccasion.JULY_FIRST, amount__gt=0).count() == branches * 2
    assert not CareVisit.objects.filter(visited_on__gt=today).exists()
    # 党务公开: the dues each quarter on the board in every branch.
    publications = Publication.objects.count()
    assert Publication.objects.filter(kind="dues").count() >= branches * 3
    assert not Publication.objects.filter(published_on__gt=today).exists()
    demo.seed(context)
    assert Publication.objects.count() == publications
    assert CareVisit.objects.count() == visits
    assert TrainingSession.objects.count() == sessions
    assert Talk.objects.count() == talks
