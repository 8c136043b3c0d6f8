"""The county organisation department closes the year: from the county dashboard on the workbench it starts the
党内统计 workbook of 2025, follows the job to its end and opens the file; the check sheet passes. The card fits a
375 px phone."""

import datetime
import io
import os
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from partywork.models import Job
from tests.browser.screen import fits_the_screen
from tests.clock import on_day
from tests.yearend.county import build

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), on_day(datetime.date(2026, 6, 17))]


def test_county_starts_the_year_end_workbook_waits_for_it_and_opens_it(
    live_server, page, login, world, county_admin, artifacts_dir
):
    build(world, county_admin)
    login(county_admin.username)
    card = page.get_by_test_id("yearend")
    expect(card).to_be_visible()
    assert fits_the_screen(page)
    page.screenshot(path=os.path.join(artifacts_dir, "yearend-card-375.png"), full_page=True)

    card.locator("input[name=year]").fill("2025")
    card.get_by_test_id("yearend-workbook").click()
    # The job page shows the progress until the job is done, then offers the file.
    status = page.get_by_test_id("job-status")
    expect(status).to_contain_text("已完成", timeout=60_000)
    job = Job.objects.get(kind="yearend.workbook")
    assert job.user_id == county_admin.pk and job.progress == job.total == 12
    page.screenshot(path=os.path.join(artifacts_dir, "yearend-job-375.png"), full_page=True)
    with page.expect_download() as info:
        page.get_by_test_id("job-download").click()
    assert info.value.suggested_filename == "测试县委2025年度党内统计.xlsx"
    book = load_workbook(io.BytesIO(Path(info.value.path()).read_bytes()))
    assert book.sheetnames[:2] == ["校验", "党员变动"]
    lines = list(book["校验"].iter_rows(values_only=True))
    assert lines[0][0] == "测试县委 2025年度党内统计 · 表间校验（统计日：2025-12-31）"
    assert lines[-1][1].endswith("不通过0项")
    assert list(book["党员变动"].iter_rows(min_row=5, max_row=5, values_only=True)) == [
        ("合计", 14, 1, 1, 1, 1, 1, 1, 12)
    ]
