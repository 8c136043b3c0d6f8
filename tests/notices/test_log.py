"""The reminder log (issue 13 item 6): the township sees what was sent about its organisations, to whom
and when; nobody sees another township's."""

import datetime

from django.urls import reverse

from branches.reminders import Reminder
from notices.models import Digest
from notices.services import digests_deliver


def _reminder(recipient, org, title, subject="s"):
    return Reminder(recipient=recipient, kind="k", subject_key=subject, period="2026-06", title=title, organization=org)


def _send(*reminders):
    return digests_deliver(reminders=list(reminders), job="monthly", today=datetime.date(2026, 6, 1))


def test_township_sees_what_was_sent_to_whom(world, client_for, township_secretary, branch_secretary, outsider):
    _send(_reminder(branch_secretary, world.b1, "甲村的提醒"), _reminder(outsider, world.b3, "丙村的提醒"))
    client = client_for(township_secretary)
    assert client.get(reverse("notices:reminder_log_entry")).url == reverse("notices:reminder_log", args=[world.t1.pk])
    body = client.get(reverse("notices:reminder_log", args=[world.t1.pk])).content.decode()
    assert "甲村的提醒" in body and str(branch_secretary) in body and "丙村的提醒" not in body
    assert client.get(reverse("notices:reminder_log", args=[world.t2.pk])).status_code == 404
    assert client_for(outsider).get(reverse("notices:reminder_log", args=[world.b1.pk])).status_code == 404


def test_log_queries_are_bounded(
    world, client_for, township_secretary, branch_secretary, django_assert_max_num_queries
):
    _send(*[_reminder(branch_secretary, world.b1 if n % 2 else world.b2, f"提醒{n}", f"s{n}") for n in range(40)])
    assert Digest.objects.count() == 1  # one digest per person and run, whatever the number of items
    client = client_for(township_secretary)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("notices:reminder_log", args=[world.t1.pk]))
    assert response.status_code == 200 and "提醒39" in response.content.decode()
