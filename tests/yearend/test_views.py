"""Starting the year-end files from the dashboards: who may, the job with its progress, the download that is
the requester's alone, and bad input refused in Chinese."""

import datetime
import io

import pytest
from openpyxl import load_workbook

from partywork.jobs import job_run
from partywork.models import Job
from tests.clock import on_day

pytestmark = [on_day(datetime.date(2026, 6, 17)), pytest.mark.django_db]


def _url(org):
    return f"/yearend/org/{org.pk}/"


def test_the_dashboards_offer_the_year_end_files(county, county_admin, township_secretary, branch_secretary,
                                                 client_for):  # fmt: skip
    for user, org in ((county_admin, county.county), (township_secretary, county.t1)):
        page = client_for(user).get(f"/reports/org/{org.pk}/").content.decode()
        assert 'data-testid="yearend"' in page and _url(org) in page
    # The workbench of a township user is its dashboard: the same card.
    assert 'data-testid="yearend"' in client_for(township_secretary).get("/").content.decode()
    # A branch's overview has no year-end report of its own.
    overview = client_for(branch_secretary).get(f"/reports/org/{county.b1.pk}/")
    assert 'data-testid="yearend"' not in overview.content.decode()


def test_the_county_workbook_runs_as_a_job_with_progress_and_only_its_owner_downloads_it(
    county, county_admin, township_secretary, client_for, django_capture_on_commit_callbacks
):
    client = client_for(county_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(county.county), {"what": "workbook", "year": "2025"})
    job = Job.objects.get(kind="yearend.workbook")
    assert response.status_code == 302 and response.url == f"/jobs/{job.pk}/"
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.message
    assert job.progress == job.total == 12
    assert job.result_name == "测试县委2025年度党内统计.xlsx"
    book = load_workbook(io.BytesIO(b"".join(client.get(f"/jobs/{job.pk}/download/").streaming_content)))
    assert book.sheetnames[0] == "校验"
    assert client_for(township_secretary).get(f"/jobs/{job.pk}/download/").status_code == 404


def test_who_may_start_it(county, township_secretary, branch_secretary, outsider, client_for):
    data = {"what": "workbook", "year": "2025"}
    assert client_for(township_secretary).post(_url(county.t2), data).status_code == 404
    assert client_for(branch_secretary).post(_url(county.t1), data).status_code == 404
    assert client_for(outsider).post(_url(county.t1), data).status_code == 404
    assert client_for(township_secretary).get(_url(county.t1)).status_code == 405
    assert not Job.objects.exists()


@pytest.mark.parametrize(
    "data,message",
    [
        ({"what": "workbook", "year": "2027"}, "2027年尚未开始，不能生成年报。"),
        ({"what": "workbook", "year": "abc"}, "年度须是四位数字。"),
        ({"what": "workbook"}, "请填写年度。"),
        ({"what": "nonsense", "year": "2025"}, "没有这种年终材料。"),
    ],
)
def test_bad_input_is_refused_in_chinese_and_nothing_is_queued(county, township_secretary, client_for, data, message):
    response = client_for(township_secretary).post(_url(county.t1), data, follow=True)
    assert message in response.content.decode()
    assert not Job.objects.exists()


def test_the_job_rechecks_the_scope_when_it_runs(county, township_secretary, client_for):
    from branches.models import Role
    from branches.scoping import clear_scope_cache

    client_for(township_secretary).post(_url(county.t1), {"what": "workbook", "year": "2025"})
    job = Job.objects.get()
    Role.objects.filter(user=township_secretary).update(is_active=False)
    clear_scope_cache(township_secretary)
    job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and job.message == "您已无权查看该组织的数据。"


def test_the_scope_sweep_walks_the_year_end_url():
    from tests.test_scope_sweep import ID_URLS

    assert ("yearend:export", ("org_pk",)) in ID_URLS
