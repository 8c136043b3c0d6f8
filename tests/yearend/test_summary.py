"""The year-end summary draft (.docx): every figure from the workbook's tables with its source, the gaps left
for the secretary marked, the same text twice, and the job from the dashboard."""

import datetime
import io

import pytest
from docx import Document
from openpyxl import load_workbook

from members.models import Membership
from partywork.models import Job
from tests.clock import on_day
from tests.factories import MemberFactory
from yearend.summary import GAP_OPEN, docx_bytes, draft_build, number
from yearend.tables import yearend_build
from yearend.workbook import workbook_bytes

pytestmark = [on_day(datetime.date(2026, 6, 17)), pytest.mark.django_db]
TODAY = datetime.date(2026, 6, 17)


def _draft_text(user, org) -> str:
    return _text(docx_bytes(draft_build(yearend_build(user=user, org=org, year=2025, today=TODAY))))


def _text(content: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)


def _totals(book, sheet: str) -> dict:
    """The total row of a sheet of the workbook, by header."""
    rows = list(book[sheet].iter_rows(min_row=2, values_only=True))
    headers, total = rows[0], next(r for r in rows if r[0] in ("合计", "支部合计"))
    return dict(zip(headers, total, strict=True))


def test_the_draft_cites_the_workbooks_figures_with_their_sources(county, township_secretary):
    ye = yearend_build(user=township_secretary, org=county.t1, year=2025, today=TODAY)
    content, _checks = workbook_bytes(ye)
    book = load_workbook(io.BytesIO(content))
    draft = draft_build(ye)
    text = _text(docx_bytes(draft))
    change = _totals(book, "党员变动")
    # 一号乡 by hand: 9 at the end of 2024, one admitted, two in, one out, one died, one lapsed, 9 at the end of 2025.
    assert "上年末党员9名；本年发展党员1名，转入2名，转出1名，去世1名，出党0名，自行脱党1名；年末党员9名。" in text
    columns = ("上年末党员数", "发展党员", "转入", "转出", "去世", "出党", "自行脱党", "本年末党员数")
    assert [change[k] for k in columns] == [9, 1, 2, 1, 1, 0, 1, 9]
    assert "党费：全年应缴18.00元，实缴9.00元，欠缴9.00元，收缴率50.0%" in text
    # Every figure the draft cites is the workbook's, and its source names the sheet and the column.
    for figure in draft.figures():
        assert number(figure.value) in text
        sheet, _sep, column = figure.source.partition("表·")
        if sheet in book.sheetnames and column in _totals(book, sheet):
            assert _totals(book, sheet)[column] == figure.value or float(_totals(book, sheet)[column]) == float(
                figure.value
            ), figure
            assert "（来源：" in text and figure.source in text
    # What needs a person's judgement is left as a marked gap, never written for them.
    assert text.count(GAP_OPEN) == 8
    for praise in ("成效显著", "取得了", "圆满", "充分发挥", "显著提高"):
        assert praise not in text


def test_the_same_year_twice_gives_the_same_text(county, township_secretary):
    first = _text(
        docx_bytes(draft_build(yearend_build(user=township_secretary, org=county.t1, year=2025, today=TODAY)))
    )
    again = _text(
        docx_bytes(draft_build(yearend_build(user=township_secretary, org=county.t1, year=2025, today=TODAY)))
    )
    assert first == again


def test_a_failed_check_is_named_among_the_problems(county, township_secretary):
    stray = MemberFactory(branch=county.b2, name="乙无据", status="full", joined_on=datetime.date(2010, 7, 1))
    Membership.objects.filter(member=stray).update(started_on=datetime.date(2025, 6, 1))
    text = _draft_text(township_secretary, county.t1)
    assert "党内统计年报有2项表间校验不通过" in text


def test_the_draft_is_a_job_from_the_dashboard(
    county, township_secretary, client_for, django_capture_on_commit_callbacks
):
    client = client_for(township_secretary)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/yearend/org/{county.t1.pk}/", {"what": "summary", "year": "2025"})
    job = Job.objects.get(kind="yearend.summary")
    assert job.status == Job.Status.DONE, job.message
    assert job.result_name == "一号乡党委2025年度党建工作总结（初稿）.docx"
    content = b"".join(client.get(f"/jobs/{job.pk}/download/").streaming_content)
    assert "一号乡党委2025年度党建工作总结（初稿）" in _text(content)
