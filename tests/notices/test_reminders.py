import pytest
from django.urls import reverse
from django.utils import timezone

from notices.models import Digest, Notification
from notices.reminders import reminders_run
from notices.services import notification_create
from partywork.dates import add_months, month_start
from tests.clock import moment

pytestmark = pytest.mark.dates


def test_branch_without_account_reminds_its_township_once_a_month(
    world, township_secretary, branch_secretary, time_machine
):
    today = timezone.localdate()
    assert reminders_run(today=today) >= 1
    # b1 has a branch secretary; b2 has nobody, so township 1's secretary hears about b2 only.
    kind = "branch_without_account"
    notes = Notification.objects.filter(recipient=township_secretary, kind=kind)
    assert [n.organization for n in notes] == [world.b2]
    assert not Notification.objects.filter(kind=kind).exclude(recipient=township_secretary).exists()
    # Running again the same day (a retry, a double beat) notifies nobody twice, in any app's checks.
    assert reminders_run(today=today) == 0
    # The first of next month: the township hears about b2 again.
    time_machine.move_to(moment(add_months(month_start(today), 1)))
    reminders_run(today=timezone.localdate())
    assert Notification.objects.filter(recipient=township_secretary, kind=kind).count() == 2


def test_notification_key_is_unique(world, township_secretary):
    first, created = notification_create(
        recipient=township_secretary, kind="k", subject_key="org:1", period="2026-11", title="一"
    )
    again, created_again = notification_create(
        recipient=township_secretary, kind="k", subject_key="org:1", period="2026-11", title="一"
    )
    assert created and not created_again and first == again


def test_inbox_shows_only_own_digests(world, client_for, township_secretary, outsider):
    from tests.notices.scope import _digest

    mine, theirs = _digest(township_secretary, world), _digest(outsider, world)
    Digest.objects.filter(pk=mine.pk).update(title="我的提醒")
    Digest.objects.filter(pk=theirs.pk).update(title="别人的提醒")
    client = client_for(township_secretary)
    body = client.get(reverse("notices:notification_list")).content.decode()
    assert "我的提醒" in body and "别人的提醒" not in body
    assert client.get(reverse("notices:digest_detail", args=[theirs.pk])).status_code == 404


def test_mark_read(world, client_for, township_secretary):
    from tests.notices.scope import _digest

    digest = _digest(township_secretary, world)
    client_for(township_secretary).post(reverse("notices:notification_read", args=[digest.pk]))
    digest.refresh_from_db()
    assert digest.read_at is not None and not digest.items.filter(read_at__isnull=True).exists()


def test_workbench_shows_unread_digests(world, client_for, township_secretary):
    from tests.notices.scope import _digest

    digest = _digest(township_secretary, world)
    Digest.objects.filter(pk=digest.pk).update(title="乙村尚无账号")
    body = client_for(township_secretary).get(reverse("home")).content.decode()
    assert "乙村尚无账号" in body
