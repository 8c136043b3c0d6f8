from celery import shared_task

from .jobs import job_run, jobs_purge_files, jobs_watchdog


@shared_task
def job_run_task(job_id: int) -> None:
    job_run(job_id=job_id)


@shared_task
def jobs_watchdog_task() -> dict:
    """Every minute: jobs whose worker died become 中断 and are retried once."""
    return jobs_watchdog()


@shared_task
def jobs_purge_task() -> int:
    """Hourly: finished export files are deleted after 24 hours."""
    return jobs_purge_files()
