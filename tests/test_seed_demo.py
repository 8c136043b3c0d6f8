"""`make run` loads the demo county with seed_demo: it must work on an empty database and be idempotent."""

import io

from django.core.management import call_command

from branches.models import Organization, User
from dues.models import DuesEntry
from meetings.models import Meeting
from members.models import Member
from movements.models import Transfer
from recruitment.models import Applicant


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (Organization, User, Member, Transfer, Meeting, DuesEntry, Applicant)
    }


def test_seed_demo_builds_the_whole_county_once(db):
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    first = _counts()
    assert first["Member"] > 300 and first["Meeting"] > 100 and first["DuesEntry"] > 1000
    assert first["Applicant"] >= 10 and first["Transfer"] >= 4
    assert "hl_secretary" in out.getvalue()
    call_command("seed_demo", stdout=io.StringIO())
    assert _counts() == first
