"""The reminder jobs' beat entries (django-celery-beat), shipped once: an administrator changes their time,
pauses them or adds one in 系统管理 「周期任务」 without a deploy, and nothing here touches an entry again.
The days that are local rules (dues collection day, contact day) are read from LocalRules by the job."""

import json

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS

TASK = "notices.tasks.reminders_job_task"
PREFIX = "提醒任务："


def ensure_defaults(apps=global_apps, using: str = DEFAULT_DB_ALIAS) -> int:
    """One beat entry per reminder job, created when no entry runs that job; returns how many were created."""
    from .schedule import JOBS

    try:
        PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
        CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    except LookupError:  # django-celery-beat not migrated yet; its own post_migrate comes later
        return 0
    created = 0
    existing = set(PeriodicTask.objects.using(using).filter(task=TASK).values_list("kwargs", flat=True))
    known = {json.loads(kwargs or "{}").get("job") for kwargs in existing}
    for job in JOBS.values():
        if job.name in known:
            continue
        fields = {"minute": "0", "hour": "*", "day_of_week": "*", "day_of_month": "*", "month_of_year": "*"}
        fields.update(job.crontab)
        crontab, _ = CrontabSchedule.objects.using(using).get_or_create(timezone="Asia/Shanghai", **fields)
        PeriodicTask.objects.using(using).get_or_create(
            name=f"{PREFIX}{job.label}",
            defaults={"task": TASK, "crontab": crontab, "kwargs": json.dumps({"job": job.name}), "enabled": True},
        )
        created += 1
    return created
