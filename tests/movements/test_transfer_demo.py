"""The demo transfers and mobile members: built through the services, idempotent, and coping with few members."""

import io

import pytest
from django.utils import timezone

from branches import demo as branches_demo
from branches.models import Organization
from members.models import Lifecycle
from movements import demo as demo_movements
from movements.models import MobileRecord, Transfer, TransferDirection, TransferStatus
from partywork.dates import add_months
from tests.factories import MemberFactory

pytestmark = pytest.mark.dates


def _context():
    result = branches_demo.seed(password="Demo-Password-2026")
    return {**result, "password": "x", "today": timezone.localdate(), "stdout": io.StringIO()}


def test_demo_movements_cover_every_case_and_run_twice(db):
    context = _context()
    for branch in Organization.objects.filter(kind="branch").order_by("code"):
        for index in range(4):
            MemberFactory(branch=branch, status="full" if index % 3 else "probationary")
    demo_movements.seed(context)
    transfers = Transfer.objects.filter(notes=demo_movements.MARK)
    assert transfers.filter(direction=TransferDirection.WITHIN, status=TransferStatus.PENDING).count() == 1
    assert transfers.filter(direction=TransferDirection.WITHIN, status=TransferStatus.COMPLETED).count() == 1
    assert transfers.filter(direction=TransferDirection.OUT, return_slip_received_on__isnull=False).count() == 1
    expired = transfers.filter(direction=TransferDirection.OUT, status=TransferStatus.PENDING).get()
    assert expired.valid_until < timezone.localdate()
    assert transfers.filter(direction=TransferDirection.IN).count() == 1
    records = MobileRecord.objects.all()
    assert records.count() == 15
    assert records.filter(lost_contact_on__isnull=False).count() == 1
    assert records.filter(member__lifecycle=Lifecycle.LOST_CONTACT).count() == 1
    assert records.filter(contacts__isnull=False).distinct().count() >= 12
    before = (Transfer.objects.count(), MobileRecord.objects.count())
    demo_movements.seed(context)
    assert (Transfer.objects.count(), MobileRecord.objects.count()) == before


def test_demo_movements_cope_with_an_empty_county(db):
    context = _context()
    demo_movements.seed(context)
    # Only the member registered from outside can be made without members of the demo roster.
    assert Transfer.objects.filter(direction=TransferDirection.IN).count() == 1
    assert MobileRecord.objects.count() == 0


def test_demo_mobile_members_are_contacted_on_the_20th_before_an_early_day_of_the_month(db):
    """Found by the date passes (and by the real date 2026-11-30, already 1 December in Shanghai): before the
    20th the demo took the 1st of last month as its last contact day, so the members who left two months
    ago had no contact at all. Their last contact is the latest 20th before the demo's day."""
    context = _context()
    first = timezone.localdate().replace(day=1)
    context["today"] = first
    for branch in Organization.objects.filter(kind="branch").order_by("code"):
        for index in range(4):
            MemberFactory(branch=branch, status="full" if index % 3 else "probationary")
    demo_movements.seed(context)
    last_20th = add_months(first, -1).replace(day=20)
    recent = MobileRecord.objects.filter(left_on__gte=add_months(first, -2), left_on__lt=last_20th)
    assert recent.exists()
    assert all(record.last_contact_on == last_20th for record in recent)
    assert not MobileRecord.objects.filter(last_contact_on__gt=first).exists()
