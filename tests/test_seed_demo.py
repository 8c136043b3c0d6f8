"""`make run` loads the demo county with seed_demo: it must work on an empty database and be idempotent."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Max
from django.utils import timezone

from branches.models import Organization, User
from dues.models import DuesEntry, DuesReceipt, DuesRemittance
from meetings.models import Meeting, RemoteSession
from members.models import LifecycleEvent, Member
from movements.models import MobileContact, MobileRecord, Transfer
from recruitment.models import Applicant, Step, Target
from reports.summaries import nightly_periods

pytestmark = pytest.mark.dates


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (Organization, User, Member, Transfer, Meeting, DuesEntry, Applicant)
    }


# What happened on a day: the demo built "as of" a day dates none of it later.
EVENT_DATES = [
    (Member, ("joined_on", "confirmed_on", "lifecycle_changed_on")),
    (LifecycleEvent, ("on",)),
    (Transfer, ("issued_on", "completed_on", "return_slip_received_on")),
    (MobileRecord, ("left_on", "card_issued_on", "last_contact_on", "lost_contact_on")),
    (MobileContact, ("contacted_on",)),
    (Meeting, ("held_on",)),
    (RemoteSession, ("held_on",)),
    (DuesEntry, ("booked_on",)),
    (DuesReceipt, ("paid_on",)),
    (DuesRemittance, ("handed_on",)),
    (Step, ("on",)),
]


def test_seed_demo_builds_the_whole_county_once(db):
    # Built as of six weeks ago (--today), then completed as of today: the second run adds nothing.
    day = timezone.localdate() - datetime.timedelta(days=42)
    out = io.StringIO()
    call_command("seed_demo", "--today", day.isoformat(), stdout=out)
    first = _counts()
    assert first["Member"] > 300 and first["Meeting"] > 100 and first["DuesEntry"] > 1000
    assert first["Applicant"] >= 10 and first["Transfer"] >= 4
    assert "hl_secretary" in out.getvalue()
    for model, fields in EVENT_DATES:
        latest = model.objects.aggregate(**{field: Max(field) for field in fields})
        assert all(value is None or value <= day for value in latest.values()), (model.__name__, latest, day)
    # The county dashboard's figures are stored as of that day; the year's recruitment targets are set.
    county = Organization.objects.get(code="QS")
    assert set(county.report_summaries.values_list("period", flat=True)) == {p.key for p in nightly_periods(day)}
    assert Target.objects.filter(year=day.year, organization__code="QS0101", new_activists=3).exists()
    call_command("seed_demo", stdout=io.StringIO())
    assert _counts() == first
    assert county.report_summaries.filter(computed_on=timezone.localdate()).exists()


def test_seed_demo_refuses_a_day_after_today_and_writes_nothing(db):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(CommandError, match="晚于今天"):
        call_command("seed_demo", "--today", tomorrow.isoformat(), stdout=io.StringIO())
    assert not Organization.objects.exists() and not User.objects.exists()
