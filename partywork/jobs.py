"""Background jobs with progress: exports and other long work.

An app registers a runner for a kind of job:

    jobs.register("members.roster_export", run_roster_export, label=_("党员花名册导出"))

    def run_roster_export(job, progress) -> tuple[str, bytes]:
        # job.user, job.organization and job.params say what to build; re-check the scope here,
        # because the job runs later, in a worker. Call progress(done, total) now and then.
        return "花名册.xlsx", workbook_bytes

A view starts it with `job_start(...)` and redirects to the job page, which polls until the file is
ready. Runs are idempotent: a job already done is not run again. A runner whose file holds full ID or phone
numbers sets `job.personal_data = True`; the job row then records it with the scope and the row count.

Faults (issue 15 §3): an unreachable broker fails the job at once with a retry button; a worker that dies
leaves a stale heartbeat, which the watchdog turns into 中断 and one automatic retry."""

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy
from kombu.exceptions import KombuError
from redis.exceptions import RedisError

from members.crypto import seal_bytes, unseal_bytes

from .models import Job

# Finished files (which may hold personal data) are kept this long, then deleted.
FILE_HOURS = 24

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


# A running job writes a heartbeat with every progress call; one silent for this long lost its worker.
STALE_AFTER = datetime.timedelta(minutes=5)
# A job is run at most this many times: once, and once more automatically after an interruption.
MAX_ATTEMPTS = 2
BROKER_DOWN = gettext_lazy("任务队列暂时无法连接，任务未开始。请稍后点击“重试”；如仍失败，请联系系统管理员。")


@transaction.atomic
def job_start(*, user, kind: str, organization=None, params: dict | None = None) -> Job:
    """Queue a job for `user`; it is sent to the worker after the transaction commits. Caller has checked
    the permission. If the broker cannot be reached the job is marked failed with a retry, never left
    queued forever."""
    if kind not in _KINDS:
        raise ValueError(f"unknown job kind {kind}")
    job = Job.objects.create(user=user, kind=kind, organization=organization, params=params or {})
    transaction.on_commit(lambda: _send(job.pk))
    return job


def _send(job_id: int) -> bool:
    from .tasks import job_run_task

    try:
        # No retries inside the request: an unreachable broker fails within the connect timeout.
        job_run_task.apply_async((job_id,), retry=False)
    except (KombuError, OSError, RedisError):
        logger.warning("broker unreachable: job %s not sent", job_id, exc_info=True)
        Job.objects.filter(pk=job_id).update(
            status=Job.Status.FAILED, message=str(BROKER_DOWN), finished_at=timezone.now()
        )
        return False
    return True


@transaction.atomic
def job_retry(*, job: Job) -> bool:
    """Queue a failed or interrupted job again. Caller is the job's owner (job_list)."""
    job = Job.objects.select_for_update().get(pk=job.pk)
    if job.status not in (Job.Status.FAILED, Job.Status.INTERRUPTED):
        return False
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.PENDING, message="", progress=0, finished_at=None, heartbeat_at=None, attempts=0
    )
    transaction.on_commit(lambda: _send(job.pk))
    return True


def job_run(*, job_id: int) -> None:
    """Run one job to the end, recording progress, the file or the reason it failed. A job already done, or
    running with a live heartbeat elsewhere, is left alone, so a redelivered message changes nothing."""
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job_id)
        now = timezone.now()
        if job.status == Job.Status.DONE:
            return
        if job.status == Job.Status.RUNNING and job.heartbeat_at and now - job.heartbeat_at < STALE_AFTER:
            return
        job.status, job.started_at, job.progress, job.heartbeat_at = Job.Status.RUNNING, now, 0, now
        job.attempts += 1
        job.save(update_fields=["status", "started_at", "progress", "heartbeat_at", "attempts"])

    def progress(done: int, total: int | None = None) -> None:
        fields = {"progress": done, "heartbeat_at": timezone.now()}
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
    personal_data = job.personal_data  # a runner marks the files that hold full ID or phone numbers
    job.refresh_from_db()
    # Files are sealed at rest (AES-GCM under the field key) and readable only by the service's own user.
    job.result.save(filename, ContentFile(seal_bytes(content)), save=False)
    job.result_name = filename
    job.status = Job.Status.DONE
    job.finished_at = timezone.now()
    job.personal_data = personal_data
    job.save(update_fields=["result", "result_name", "status", "finished_at", "personal_data"])


def job_file(*, job: Job) -> bytes:
    """The finished file's bytes, unsealed. Caller is the job's owner (job_list)."""
    with job.result.open("rb") as handle:
        return unseal_bytes(handle.read())


def jobs_watchdog(*, now: datetime.datetime | None = None) -> dict:
    """Find jobs whose worker died (running with a stale heartbeat, or queued and never picked up) and mark
    them 中断; each is sent again once automatically, and fails for good after MAX_ATTEMPTS. Run every
    minute by beat."""
    now = now or timezone.now()
    stale = now - STALE_AFTER
    # A queued job may wait behind others; only one never picked up for three times as long is lost.
    lost = Job.objects.filter(
        Q(status=Job.Status.RUNNING, heartbeat_at__lt=stale)
        | Q(status=Job.Status.PENDING, created_at__lt=now - 3 * STALE_AFTER)
    )
    retried = failed = 0
    for job_id, attempts in lost.values_list("pk", "attempts"):
        if attempts >= MAX_ATTEMPTS:
            failed += Job.objects.filter(pk=job_id, status__in=[Job.Status.RUNNING, Job.Status.PENDING]).update(
                status=Job.Status.FAILED,
                message=str(gettext_lazy("任务两次中断（处理进程意外停止），请点击“重试”或联系系统管理员。")),
                finished_at=now,
            )
            continue
        marked = Job.objects.filter(pk=job_id, status__in=[Job.Status.RUNNING, Job.Status.PENDING]).update(
            status=Job.Status.INTERRUPTED,
            message=str(gettext_lazy("处理进程意外停止，任务已中断，正在自动重试一次。")),
            heartbeat_at=None,
        )
        if marked and _send(job_id):
            retried += 1
    return {"retried": retried, "failed": failed}


def jobs_purge_files(*, now: datetime.datetime | None = None) -> int:
    """Delete finished files after FILE_HOURS; the job row stays as the record of the export (who, what
    scope, how many rows, whether full numbers). Run hourly by beat."""
    cutoff = (now or timezone.now()) - datetime.timedelta(hours=FILE_HOURS)
    purged = 0
    for job in Job.objects.filter(finished_at__lt=cutoff).exclude(result=""):
        job.result.delete(save=False)
        Job.objects.filter(pk=job.pk).update(result="", message=str(gettext_lazy("文件已超过保留期限，已删除。")))
        purged += 1
    return purged


def job_list(*, user):
    """A user's own jobs: nobody downloads another person's file."""
    return Job.objects.filter(user=user)
