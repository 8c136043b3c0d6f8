"""The reminder jobs' schedule is data (issue 13 item 3): django-celery-beat entries an administrator changes
in 系统管理, shipped once and never overwritten."""

import json

from django_celery_beat.models import PeriodicTask

from notices import defaults, schedule


def _entries():
    return {json.loads(t.kwargs)["job"]: t for t in PeriodicTask.objects.filter(task=defaults.TASK)}


def test_every_job_has_a_beat_entry_on_its_day(db):
    entries = _entries()
    assert set(entries) == set(schedule.JOBS)
    assert (entries["monthly"].crontab.day_of_month, entries["monthly"].crontab.hour) == ("1", "7")
    assert entries["weekly"].crontab.day_of_week == "1"
    # The jobs whose day is a local rule fire daily; the job itself waits for its day (LocalRules).
    assert entries["mobile_contact"].crontab.day_of_month == "*"
    assert not PeriodicTask.objects.filter(name="daily-reminders").exists()


def test_an_administrators_change_is_kept(db):
    monthly = _entries()["monthly"]
    monthly.enabled = False
    monthly.name = "每月提醒（暂停）"
    monthly.save()
    assert defaults.ensure_defaults() == 0
    assert PeriodicTask.objects.filter(task=defaults.TASK).count() == len(schedule.JOBS)
    assert not PeriodicTask.objects.get(pk=monthly.pk).enabled


def test_the_county_admin_changes_the_schedule_in_the_admin(client_for, county_admin, branch_secretary):
    body = client_for(county_admin).get("/admin/django_celery_beat/periodictask/").content.decode()
    assert "提醒任务：" in body
    monthly = _entries()["monthly"]
    change = f"/admin/django_celery_beat/periodictask/{monthly.pk}/change/"
    assert client_for(county_admin).get(change).status_code == 200
    assert client_for(branch_secretary).get("/admin/django_celery_beat/periodictask/").status_code == 302
