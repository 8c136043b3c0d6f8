"""The dashboards as pages: who sees which, a township only its own branches in every figure and file, the
records behind a figure and their download, the roll-up workbooks, the county's stored figures."""

import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from partywork.models import Job
from reports.models import Summary
from reports.summaries import nightly_periods, summary_refresh
from tests.clock import on_day

from .county import Q2, TODAY, build

PERIOD = f"?period={Q2.key}"
T2_NAMES = ("二号镇党委", "丙村党支部", "丁村党支部", "丙一", "丁一", "丁四")

# The county is built as of its own day, whatever day the suite runs on.
pytestmark = on_day(TODAY)


@pytest.fixture
def county(world, county_admin):
    return build(world, county_admin)


def _url(name, org, **kwargs):
    return reverse(f"reports:{name}", kwargs={"org_pk": org.pk, **kwargs}) + PERIOD


def _figure(page, org_name, figure) -> str:
    """The text of one figure cell of one organisation's row on a rendered dashboard."""
    html = page.content.decode()
    row = re.search(rf'<tr[^>]*data-org="{org_name}">(.*?)</tr>', html, re.S)
    assert row, org_name
    cell = re.search(rf'data-figure="{re.escape(figure)}">(.*?)</td>', row.group(1), re.S)
    return re.sub(r"<[^>]+>", "", cell.group(1)).strip()


def _run_job(client, url, capture, data=None):
    with capture(execute=True):
        response = client.post(url, data or {})
    job = Job.objects.latest("pk")
    assert response.status_code == 302 and response.url == f"/jobs/{job.pk}/"
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.message
    return load_workbook(io.BytesIO(b"".join(client.get(f"/jobs/{job.pk}/download/").streaming_content)))


def _text(workbook) -> str:
    return " ".join(str(v) for ws in workbook.worksheets for row in ws.iter_rows(values_only=True) for v in row if v)


def test_each_user_finds_their_dashboard_on_the_workbench(
    county, county_admin, township_secretary, branch_secretary, client_for
):
    home = client_for(township_secretary).get("/" + PERIOD)
    assert home.status_code == 200
    assert 'data-testid="home-reports"' in home.content.decode()
    assert _figure(home, "甲村党支部", "members.total") == "8"
    # The reminders card (notices) comes first, the dashboard after it.
    html = home.content.decode()
    assert html.index("全部提醒") < html.index('data-testid="dashboard"')
    overview = client_for(branch_secretary).get("/" + PERIOD).content.decode()
    assert "支部概况" in overview and 'data-figure="members.total"' in overview
    county_home = client_for(county_admin).get("/" + PERIOD).content.decode()
    assert 'data-testid="summary-missing"' in county_home
    summary_refresh(org=county.county, period=Q2, today=TODAY, by=county_admin)
    county_home = client_for(county_admin).get("/" + PERIOD)
    assert _figure(county_home, "二号镇党委", "members.changes.transferred_in") == "2"
    assert "截至" in county_home.content.decode()
    assert client_for(county_admin).get("/reports/").url == reverse(
        "reports:dashboard", kwargs={"org_pk": county.county.pk}
    )


def test_a_township_sees_only_its_branches_in_every_figure_and_file(
    county, township_secretary, client_for, django_capture_on_commit_callbacks
):
    client = client_for(township_secretary)
    page = client.get(_url("dashboard", county.t1))
    assert page.status_code == 200
    html = page.content.decode()
    assert all(name not in html for name in T2_NAMES)
    assert _figure(page, "乙村党支部", "members.changes.transferred_out") == "1"
    assert client.get(_url("dashboard", county.county)).status_code == 404
    assert client.get(_url("dashboard", county.b3)).status_code == 404
    assert client.get(_url("figure_rows", county.county, figure="members.total")).status_code == 404
    rows = client.get(_url("figure_rows", county.t1, figure="members.total"))
    assert rows.context["count"] == 10 and all(name not in rows.content.decode() for name in T2_NAMES)
    workbook = _run_job(
        client, _url("figure_rows", county.t1, figure="members.total"), django_capture_on_commit_callbacks
    )
    assert "甲一" in _text(workbook) and all(name not in _text(workbook) for name in T2_NAMES)
    for what in ("meeting_ledger", "dues_register", "dues_publication", "recruitment_ledger"):
        workbook = _run_job(
            client,
            reverse("reports:rollup_export", kwargs={"org_pk": county.t1.pk}),
            django_capture_on_commit_callbacks,
            {"what": what, "year": 2026, "month": 5},
        )
        assert workbook.sheetnames == ["汇总", "甲村党支部", "乙村党支部"], what
        assert all(name not in _text(workbook) for name in T2_NAMES), what


def test_the_records_behind_a_figure_and_their_download(
    county, county_admin, client_for, django_capture_on_commit_callbacks
):
    client = client_for(county_admin)
    url = _url("figure_rows", county.b2, figure="meetings.overdue")
    page = client.get(url)
    assert page.status_code == 200 and page.context["count"] == 2
    assert "4月未召开主题党日" in page.content.decode()
    workbook = _run_job(client, url, django_capture_on_commit_callbacks)
    sheet = workbook.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == "党支部" and [r[6] for r in rows[2:4]] == ["4月未召开主题党日", "5月未召开主题党日"]
    money = client.get(_url("figure_rows", county.t1, figure="dues.owed"))
    assert money.context["total"] == pytest.approx(16.5)
    assert client.get(_url("figure_rows", county.t1, figure="no.such")).status_code == 404


def test_the_roll_ups_have_a_summary_and_a_sheet_per_branch(
    county, county_admin, client_for, django_capture_on_commit_callbacks
):
    client = client_for(county_admin)
    url = reverse("reports:rollup_export", kwargs={"org_pk": county.county.pk})
    ledger = _run_job(client, url, django_capture_on_commit_callbacks, {"what": "meeting_ledger", "year": 2026})
    assert ledger.sheetnames == ["汇总", "甲村党支部", "乙村党支部", "丙村党支部", "丁村党支部"]
    summary = {row[0]: row[1] for row in ledger["汇总"].iter_rows(min_row=3, values_only=True) if row[0]}
    # b1: 4 meetings and a group meeting of g1; b2 none; b3 3 theme days, 3 group meetings, 1 general; b4 3.
    assert summary == {"甲村党支部": 4, "乙村党支部": 0, "丙村党支部": 7, "丁村党支部": 3, "合计": 14}
    register = _run_job(
        client, url, django_capture_on_commit_callbacks, {"what": "dues_register", "year": 2026, "month": 5}
    )
    lines = {row[0]: row for row in register["汇总"].iter_rows(min_row=3, values_only=True) if row[0]}
    # May: b1 owes 8 members × 0.50 (甲新 has no standard), 7 paid.
    assert lines["甲村党支部"][3] == pytest.approx(4.0) and lines["甲村党支部"][4] == pytest.approx(3.5)
    publication = _run_job(client, url, django_capture_on_commit_callbacks, {"what": "dues_publication", "year": 2026})
    assert len(publication.sheetnames) == 5
    refused = client.post(url, {"what": "dues_register", "year": 2026})
    assert refused.status_code == 302 and not Job.objects.filter(params__what="dues_register", params__month=1).exists()


def test_the_county_figures_are_refreshed_on_demand(
    county, county_admin, township_secretary, client_for, django_capture_on_commit_callbacks
):
    url = _url("summary_refresh", county.county)
    assert client_for(township_secretary).post(url).status_code == 404
    assert client_for(county_admin).get(url).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(county_admin).post(url)
    assert response.status_code == 302
    summary = Summary.objects.get(organization=county.county, period=Q2.key)
    assert summary.data["members"]["total"]["total"] == 20
    # A township's dashboard is live: nothing to refresh.
    client_for(county_admin).post(_url("summary_refresh", county.t1))
    assert not Summary.objects.filter(organization=county.t1).exists()


def test_the_nightly_job_and_the_command_are_idempotent(county, county_admin):
    from django.core.management import call_command

    from reports.tasks import summaries_refresh_task

    nightly = {p.key for p in nightly_periods(timezone.localdate())}
    assert summaries_refresh_task() == 6 == len(nightly)  # this and last month, quarter and year
    assert set(Summary.objects.values_list("period", flat=True)) == nightly
    summaries_refresh_task()
    call_command("refresh_reports", "--org", county.county.code, "--period", "2026Q2")
    assert Summary.objects.count() == len(nightly | {"2026Q2"})
    assert Summary.objects.get(period="2026Q2").data["meetings"]["total"]["required"] > 0
