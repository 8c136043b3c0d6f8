"""Reminders of transfers and mobile members (DOMAIN §5): due contacts, lost contact, expired letters.
Delivered once per key and period, however often the job runs."""

import pytest
from django.utils import timezone

from branches.rules import RoleKind
from branches.scoping import clear_scope_cache
from members.models import Lifecycle
from movements.reminders import due_reminders
from movements.services import mobile
from notices.models import Notification
from notices.reminders import reminders_run
from partywork.dates import add_months
from tests.factories import MemberFactory, RoleFactory, UserFactory

from .builders import days_ago, letter_out, mobile_record

pytestmark = pytest.mark.dates


@pytest.fixture
def b3_township(world):
    user = UserFactory(username="t2_secretary")
    RoleFactory(user=user, organization=world.t2, kind=RoleKind.TOWNSHIP_SECRETARY)
    clear_scope_cache(user)
    return user


def _kinds(reminders):
    return sorted((r.recipient.username, r.kind, r.subject_key) for r in reminders)


def test_quarterly_contact_due_reminds_the_branch_secretary_domain_s5(world, branch_secretary, county_admin):
    today = timezone.localdate()
    due = mobile_record(by=county_admin, member=MemberFactory(branch=world.b1), left_on=add_months(today, -4))
    mobile_record(by=county_admin, member=MemberFactory(branch=world.b1), left_on=days_ago(20))
    reminders = list(due_reminders(today=today))
    assert _kinds(reminders) == [("branch_secretary", "mobile_contact_due", f"mobile:{due.pk}")]
    # Once contacted, no reminder until the next quarter.
    mobile.mobile_contact_record(by=branch_secretary, record=due, contacted_on=today, channel="phone")
    assert list(due_reminders(today=today)) == []


def test_six_months_without_contact_marks_lost_and_tells_the_township_domain_s5(
    world, branch_secretary, township_secretary, county_admin
):
    today = timezone.localdate()
    member = MemberFactory(branch=world.b1)
    record = mobile_record(by=county_admin, member=member, left_on=add_months(today, -7))
    reminders = list(due_reminders(today=today))
    member.refresh_from_db()
    assert member.lifecycle == Lifecycle.LOST_CONTACT
    event = member.lifecycle_events.get()
    assert event.recorded_by.username == mobile.SYSTEM_USERNAME and not event.recorded_by.is_active
    assert _kinds(reminders) == [("township_secretary", "mobile_lost_contact", f"mobile:{record.pk}")]


def test_expired_letter_reminds_sender_and_township_domain_s5(world, branch_secretary, township_secretary, outsider):
    letter = letter_out(by=branch_secretary, member=MemberFactory(branch=world.b1), issued_on=days_ago(40))
    letter_out(by=branch_secretary, member=MemberFactory(branch=world.b1), issued_on=days_ago(5))
    reminders = list(due_reminders(today=timezone.localdate()))
    assert _kinds(reminders) == [
        ("branch_secretary", "transfer_expired", f"transfer:{letter.pk}"),
        ("township_secretary", "transfer_expired", f"transfer:{letter.pk}"),
    ]
    assert letter.letter_number in reminders[0].title


def test_reminders_are_idempotent(world, branch_secretary, township_secretary, county_admin, b3_township):
    today = timezone.localdate()
    mobile_record(by=county_admin, member=MemberFactory(branch=world.b1), left_on=add_months(today, -4))
    mobile_record(by=county_admin, member=MemberFactory(branch=world.b3), left_on=add_months(today, -8))
    letter_out(by=branch_secretary, member=MemberFactory(branch=world.b1), issued_on=days_ago(40))
    first = reminders_run(today=today)
    mine = Notification.objects.filter(kind__in=("mobile_contact_due", "mobile_lost_contact", "transfer_expired"))
    count = mine.count()
    assert first >= count == 4
    assert mine.filter(recipient=b3_township, kind="mobile_lost_contact").count() == 1
    assert reminders_run(today=today) == 0
    assert mine.count() == count


def test_incoming_transfer_tells_the_receiving_secretary_once(world, branch_secretary, outsider):
    from .builders import transfer_within

    transfer = transfer_within(by=branch_secretary, member=MemberFactory(branch=world.b1), to_branch=world.b3)
    reminders = [r for r in due_reminders(today=timezone.localdate()) if r.kind == "transfer_incoming"]
    assert _kinds(reminders) == [("outsider", "transfer_incoming", f"transfer:{transfer.pk}")]
    assert reminders_run(today=timezone.localdate()) >= 1
    assert reminders_run(today=timezone.localdate()) == 0
