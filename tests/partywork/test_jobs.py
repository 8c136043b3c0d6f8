import datetime
import io
import os
import stat

from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from partywork import jobs
from partywork.models import Job
from partywork.xlsx import Sheet, write_workbook


def _runner(job, progress):
    progress(1, 2)
    progress(2, 2)
    return "测试.xlsx", write_workbook([Sheet("s", ["h"], [[job.params["value"]]])])


def _failing(job, progress):
    from django.core.exceptions import ValidationError

    raise ValidationError("该组织不在您的权限范围内")


jobs.register("test.sample", _runner, label="测试导出")
jobs.register("test.failing", _failing, label="失败")


def test_job_runs_after_commit_and_file_is_downloadable(
    world, township_secretary, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.job_start(user=township_secretary, kind="test.sample", params={"value": "你好"})
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.percent == 100 and job.total == 2
    client = client_for(township_secretary)
    page = client.get(reverse("job_detail", args=[job.pk]))
    assert "测试.xlsx" in page.content.decode()
    response = client.get(reverse("job_download", args=[job.pk]))
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert workbook.active["A2"].value == "你好"


def test_failed_job_says_why(world, township_secretary, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.job_start(user=township_secretary, kind="test.failing")
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and "权限" in job.message


def test_htmx_poll_returns_the_fragment(world, township_secretary, client_for):
    job = Job.objects.create(
        user=township_secretary, kind="test.sample", total=10, progress=5, status=Job.Status.RUNNING
    )
    response = client_for(township_secretary).get(reverse("job_detail", args=[job.pk]), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body and "50%" in body and "hx-get" in body


def test_nobody_downloads_someone_elses_file(world, township_secretary, outsider, client_for):
    job = Job.objects.create(user=outsider, kind="test.sample", status=Job.Status.DONE)
    assert client_for(township_secretary).get(reverse("job_download", args=[job.pk])).status_code == 404


# Faults and files at rest (issue 15 §2-3) -------------------------------------------------------------------


def _finished(user, captured, value="你好"):
    with captured(execute=True):
        job = jobs.job_start(user=user, kind="test.sample", params={"value": value})
    job.refresh_from_db()
    return job


def test_finished_files_are_sealed_and_readable_by_the_service_user_only(
    world, township_secretary, client_for, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.STORAGES = {  # the production storage: files on disk under MEDIA_ROOT
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }
    job = _finished(township_secretary, django_capture_on_commit_callbacks, value="620102198506150017")
    with job.result.open("rb") as handle:
        raw = handle.read()
    assert not raw.startswith(b"PK") and b"620102" not in raw  # not a readable workbook on disk
    assert stat.S_IMODE(os.stat(job.result.path).st_mode) == 0o600
    response = client_for(township_secretary).get(reverse("job_download", args=[job.pk]))
    assert response["Cache-Control"] == "no-store"
    assert load_workbook(io.BytesIO(b"".join(response.streaming_content))).active["A2"].value == "620102198506150017"


def test_files_are_deleted_after_24_hours_and_the_job_row_stays(
    world, township_secretary, django_capture_on_commit_callbacks
):
    old = _finished(township_secretary, django_capture_on_commit_callbacks)
    recent = _finished(township_secretary, django_capture_on_commit_callbacks)
    path = old.result.path
    Job.objects.filter(pk=old.pk).update(finished_at=timezone.now() - datetime.timedelta(hours=24, minutes=1))
    Job.objects.filter(pk=recent.pk).update(finished_at=timezone.now() - datetime.timedelta(hours=23, minutes=59))
    assert jobs.jobs_purge_files() == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert not old.result and not os.path.exists(path) and old.total == 2  # the record of the export stays
    assert recent.result


def test_an_unreachable_broker_fails_the_job_with_a_retry_in_chinese(
    world, township_secretary, client_for, django_capture_on_commit_callbacks
):
    from partywork.celery import app

    saved = app.conf.task_always_eager, app.conf.broker_url, app._pool, app.amqp._producer_pool
    app.conf.task_always_eager, app.conf.broker_url = False, "redis://127.0.0.1:1/0"  # nothing listens there
    app._pool = app.amqp._producer_pool = None  # a fresh connection pool for that broker
    try:
        with django_capture_on_commit_callbacks(execute=True):
            job = jobs.job_start(user=township_secretary, kind="test.sample", params={"value": "x"})
    finally:
        if app._pool is not None:
            app._pool.force_close_all()
        app.conf.task_always_eager, app.conf.broker_url, app._pool, app.amqp._producer_pool = saved
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and "任务队列暂时无法连接" in job.message
    client = client_for(township_secretary)
    assert "job-retry" in client.get(reverse("job_detail", args=[job.pk])).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("job_retry", args=[job.pk])).status_code == 302
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.attempts == 1


def test_nobody_retries_someone_elses_job(world, township_secretary, outsider, client_for):
    job = Job.objects.create(user=outsider, kind="test.sample", status=Job.Status.FAILED)
    assert client_for(township_secretary).post(reverse("job_retry", args=[job.pk])).status_code == 404


def test_a_job_whose_worker_died_is_interrupted_and_retried_once(
    world, township_secretary, client_for, django_capture_on_commit_callbacks
):
    stale = timezone.now() - jobs.STALE_AFTER - datetime.timedelta(seconds=1)
    alive = timezone.now() - jobs.STALE_AFTER + datetime.timedelta(seconds=30)
    dead = Job.objects.create(
        user=township_secretary, kind="test.sample", params={"value": "x"}, status=Job.Status.RUNNING,
        heartbeat_at=stale, attempts=1,
    )  # fmt: skip
    busy = Job.objects.create(
        user=township_secretary, kind="test.sample", params={"value": "x"}, status=Job.Status.RUNNING,
        heartbeat_at=alive, attempts=1,
    )  # fmt: skip
    twice = Job.objects.create(
        user=township_secretary, kind="test.sample", params={"value": "x"}, status=Job.Status.RUNNING,
        heartbeat_at=stale, attempts=jobs.MAX_ATTEMPTS,
    )  # fmt: skip
    assert jobs.jobs_watchdog() == {"retried": 1, "failed": 1}
    for job in (dead, busy, twice):
        job.refresh_from_db()
    assert dead.status == Job.Status.DONE and dead.attempts == 2  # retried once (tasks run eagerly here)
    assert busy.status == Job.Status.RUNNING  # a live heartbeat is left alone
    assert twice.status == Job.Status.FAILED and "两次中断" in twice.message


def test_an_interrupted_job_shows_it_and_keeps_polling(world, township_secretary, client_for):
    job = Job.objects.create(
        user=township_secretary, kind="test.sample", status=Job.Status.INTERRUPTED, message="处理进程意外停止"
    )
    body = client_for(township_secretary).get(reverse("job_detail", args=[job.pk]), HTTP_HX_REQUEST="true")
    text = body.content.decode()
    assert "job-interrupted" in text and "中断" in text and "hx-get" in text


def test_a_redelivered_message_does_not_run_a_job_twice(world, township_secretary):
    busy = Job.objects.create(
        user=township_secretary, kind="test.sample", params={"value": "x"}, status=Job.Status.RUNNING,
        heartbeat_at=timezone.now(), attempts=1,
    )  # fmt: skip
    jobs.job_run(job_id=busy.pk)
    busy.refresh_from_db()
    assert busy.status == Job.Status.RUNNING and busy.attempts == 1 and not busy.result


def test_the_roster_export_records_full_numbers_and_row_count(
    world, branch_secretary, django_capture_on_commit_callbacks
):
    from members.exports import roster_export_start
    from tests.factories import MemberFactory

    MemberFactory.create_batch(3, branch=world.b1)
    with django_capture_on_commit_callbacks(execute=True):
        job = roster_export_start(user=branch_secretary, org=world.b1)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.total == 3 and job.organization == world.b1
    assert job.personal_data is True  # a branch secretary's roster carries full ID numbers


def test_an_outage_answers_a_chinese_503_and_other_errors_a_chinese_500(rf):
    from django.db import OperationalError

    from partywork.views import server_error

    for error, status, text in ((OperationalError("down"), 503, "系统暂时无法使用"), (KeyError("x"), 500, "系统出错")):
        try:
            raise error
        except Exception:
            response = server_error(rf.get("/"))
        assert response.status_code == status and text in response.content.decode()
