import pytest
from django.urls import reverse
from django.utils import timezone

from notices.models import Notification
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


def test_email_copy_is_sent_once(world, township_secretary, mailoutbox, django_capture_on_commit_callbacks):
    township_secretary.email = "sec@example.org"
    township_secretary.save()
    with django_capture_on_commit_callbacks(execute=True):
        notification_create(recipient=township_secretary, kind="k", subject_key="s", period="p", title="标题")
    assert len(mailoutbox) == 1
    from notices.services import notification_email

    assert notification_email(notification_id=Notification.objects.get().pk) is False
    assert len(mailoutbox) == 1


def test_inbox_shows_only_own_notifications(world, client_for, township_secretary, outsider):
    notification_create(recipient=outsider, kind="k", subject_key="s", period="p", title="别人的提醒")
    notification_create(recipient=township_secretary, kind="k", subject_key="s", period="p", title="我的提醒")
    body = client_for(township_secretary).get(reverse("notices:notification_list")).content.decode()
    assert "我的提醒" in body and "别人的提醒" not in body


def test_mark_read(world, client_for, township_secretary):
    note, _ = notification_create(recipient=township_secretary, kind="k", subject_key="s", period="p", title="t")
    client_for(township_secretary).post(reverse("notices:notification_read", args=[note.pk]))
    note.refresh_from_db()
    assert note.read_at is not None


def test_workbench_shows_unread_reminders(world, client_for, township_secretary):
    notification_create(recipient=township_secretary, kind="k", subject_key="s", period="p", title="乙村尚无账号")
    response = client_for(township_secretary).get(reverse("home"))
    body = response.content.decode()
    assert "待办提醒" in body and "乙村尚无账号" in body
