from celery import shared_task

from .imports import imports_purge_stale


@shared_task
def imports_purge_task() -> int:
    """Delete roster uploads left uncommitted past their day (hourly, by beat)."""
    return imports_purge_stale()
