"""Background jobs with progress: exports and other long work.

An app registers a runner for a kind of job:

    jobs.register("members.roster_export", run_roster_export, label=_("党员花名册导出"))

    def run_roster_export(job, progress) -> tuple[str, bytes]:
        # job.user, job.organization and job.params say what to build; re-check the scope here,
        # because the job runs later, in a worker. Call progress(done, total) now and then.
        return "花名册.xlsx", workbook_bytes

A view starts it with `job_start(...)` and redirects to the job page, which polls until the file is
ready. Runs are idempotent: a job already done is not run again."""

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from .models import Job

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class JobKind:
    kind: str
    runner: Callable
    label: str


_KINDS: dict[str, JobKind] = {}


def register(kind: str, runner: Callable, *, label: str) -> None:
    _KINDS[kind] = JobKind(kind, runner, label)


def kind_label(kind: str) -> str:
    return str(_KINDS[kind].label) if kind in _KINDS else kind


@transaction.atomic
def job_start(*, user, kind: str, organization=None, params: dict | None = None) -> Job:
    """Queue a job for `user`; it runs after the transaction commits. Caller has checked the permission."""
    if kind not in _KINDS:
        raise ValueError(f"unknown job kind {kind}")
    job = Job.objects.create(user=user, kind=kind, organization=organization, params=params or {})
    from .tasks import job_run_task

    transaction.on_commit(lambda: job_run_task.delay(job.pk))
    return job


def job_run(*, job_id: int) -> None:
    """Run one job to the end, recording progress, the file or the reason it failed."""
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job_id)
        if job.status in (Job.Status.DONE, Job.Status.RUNNING) and job.result:
            return
        job.status, job.started_at, job.progress = Job.Status.RUNNING, timezone.now(), 0
        job.save(update_fields=["status", "started_at", "progress"])

    def progress(done: int, total: int | None = None) -> None:
        fields = {"progress": done}
        if total is not None:
            fields["total"] = total
        Job.objects.filter(pk=job.pk).update(**fields)

    try:
        filename, content = _KINDS[job.kind].runner(job, progress)
    except ValidationError as error:
        Job.objects.filter(pk=job.pk).update(
            status=Job.Status.FAILED, message="；".join(error.messages)[:300], finished_at=timezone.now()
        )
        return
    except Exception:
        logger.exception("job %s failed", job.pk)
        Job.objects.filter(pk=job.pk).update(
            status=Job.Status.FAILED, message="内部错误，请联系管理员。", finished_at=timezone.now()
        )
        raise
    job.refresh_from_db()
    job.result.save(filename, ContentFile(content), save=False)
    job.result_name = filename
    job.status = Job.Status.DONE
    job.finished_at = timezone.now()
    job.save(update_fields=["result", "result_name", "status", "finished_at"])


def job_list(*, user):
    """A user's own jobs: nobody downloads another person's file."""
    return Job.objects.filter(user=user)
