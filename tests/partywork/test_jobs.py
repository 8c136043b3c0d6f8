import io

from django.urls import reverse
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
