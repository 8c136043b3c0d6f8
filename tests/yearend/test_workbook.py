"""The year-end workbook of the hand-built county (tests/yearend/county.py): every table against figures worked
out by hand, the check sheet, the file read back with openpyxl, the command line."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from members.models import Membership
from tests.clock import on_day
from tests.factories import MemberFactory
from yearend.checks import yearend_checks
from yearend.tables import yearend_build
from yearend.workbook import workbook_bytes

pytestmark = [on_day(datetime.date(2026, 6, 17)), pytest.mark.django_db]
TODAY = datetime.date(2026, 6, 17)
D = datetime.date


def _rows(ye, key):
    table = ye.table(key)
    return {tuple(row[: table.label_columns]): row[table.label_columns :] for row in table.rows}


@pytest.fixture
def township(county, township_secretary):
    """一号乡's report for 2025, as its township secretary sees it."""
    return yearend_build(user=township_secretary, org=county.t1, year=2025, today=TODAY)


def test_change_and_profile_by_hand(township):
    assert _rows(township, "change") == {
        ("甲村党支部",): [6, 0, 2, 1, 1, 0, 1, 5],
        ("乙村党支部",): [3, 1, 0, 0, 0, 0, 0, 4],
    }
    profile = _rows(township, "profile")
    # b1 at the end of 2025: m1 (woman, 29), m5 (75, away), m6 (25, probationary), w1 (woman, 藏族, 40), q3 (60).
    assert profile[("甲村党支部",)][:6] == [5, 4, 1, 3, 2, 1]
    # b2: k1, k2 (woman), k3 (all 60) and the new member A (woman, 26, probationary).
    assert profile[("乙村党支部",)][:6] == [4, 3, 1, 2, 2, 0]
    headers = [str(h) for h in township.table("profile").headers[1:]]
    b1 = dict(zip(headers, profile[("甲村党支部",)], strict=True))
    assert (b1["30岁及以下"], b1["36-40岁"], b1["56-60岁"], b1["71岁及以上"]) == (2, 1, 1, 1)
    # Party standing: m1, m5, q3 confirmed in 1991 (34 years), w1 in 2011 (14 years).
    assert (b1["党龄31-40年"], b1["党龄11-20年"]) == (3, 1)


def test_recruitment_appraisal_mobile_by_hand(township):
    headers = [str(h) for h in township.table("recruitment").headers[1:]]
    b2 = dict(zip(headers, _rows(township, "recruitment")[("乙村党支部",)], strict=True))
    # File A: a woman born 1 April 1999, approved 15 Dec 2025 (26), high school, farmer; file B is a candidate
    # (voted in, not approved) at the end of the year.
    assert (b2["发展党员数"], b2["女"], b2["26-30岁"], b2["高中、中技"], b2["农牧渔民"], b2["生产工作一线"]) == (
        1, 1, 1, 1, 1, 1,
    )  # fmt: skip
    assert (b2["年末入党申请人"], b2["年末入党积极分子"], b2["年末发展对象"]) == (0, 0, 1)
    assert _rows(township, "appraisal") == {
        ("甲村党支部",): [5, 0, 0, 0, 0, 0, 5],
        ("乙村党支部",): [4, 3, 1, 1, 1, 0, 1],
    }
    # q5 (the other township) came back in October; m5 and w1 are away at the end of the year.
    assert _rows(township, "mobile") == {("甲村党支部", "广东省"): [1, 1, 0], ("甲村党支部", "浙江省"): [1, 0, 0]}


def test_discipline_and_training_by_hand(township):
    # k3's warning of May 2025 counts; k2's of 31 December 2024 is last year's (by the decision date).
    discipline = _rows(township, "discipline")
    assert discipline[("乙村党支部",)] == [1, 0, 0, 0, 0, 1]
    assert discipline[("甲村党支部",)] == [0, 0, 0, 0, 0, 0]
    # b2's four members at the year's end: k1 and k2 with 40 hours (>= 32, DOMAIN §2), k3's course was in 2024,
    # B none. b1: m1 and m6 each watched 3 hours of remote education (180 minutes), which count as study hours.
    training = _rows(township, "training")
    assert training[("乙村党支部",)] == [4, Decimal("80"), 20.0, 2, 2]
    assert training[("甲村党支部",)] == [5, Decimal("6"), 1.2, 0, 5]


def test_organisations_meetings_dues_remote_by_hand(township):
    organisations = _rows(township, "organisations")
    # b1 with its party group, b2 without; both village branches, neither with a secretary on record.
    assert organisations[("甲村党支部",)] == [0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1]
    assert organisations[("乙村党支部",)] == [0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1]
    meetings = township.table("meetings")
    headers = [str(h) for h in meetings.headers]
    b2 = dict(zip(headers[2:], _rows(township, "meetings")[("一号乡党委", "乙村党支部")], strict=True))
    assert (b2["民主评议党员应开"], b2["民主评议党员已开"], b2["已开合计"]) == (1, 1, 1)
    dues = _rows(township, "dues")
    # b2: three farmers at 0.50 for 12 months owe 18.00; k1 paid the year, k2 half; k3 and k2 six months behind;
    # A and B (voted in November and December) owe without a standard. The remittance carrying 2025 is handed
    # over on 5 January 2026 (a month closes only once it has ended) and counts for the months it carries, as
    # the reconciliation does: 9.00 remitted, nothing on hand.
    assert dues[("一号乡党委", "乙村党支部")] == [
        Decimal("18.00"), Decimal("9.00"), Decimal("9.00"), 50.0, 2, 2, 2, Decimal("0.00"), Decimal("9.00"),
        Decimal("0.00"),
    ]  # fmt: skip
    # The township receives it only when handed over (2026): nothing received or on hand in 2025.
    assert dues[("", "一号乡党委")][7:] == [Decimal("0.00"), Decimal("0.00"), Decimal("0.00")]
    remote = _rows(township, "remote")
    assert remote[("甲村党支部", "甲村播放点")][:3] == [1, 3.0, 2]


def test_mid_year_branch_owes_no_meetings_before_its_founding(county, county_admin):
    ye = yearend_build(user=county_admin, org=county.t2, year=2025, today=TODAY)
    headers = [str(h) for h in ye.table("meetings").headers]
    b5 = dict(zip(headers[2:], _rows(ye, "meetings")[("二号镇党委", "戊村党支部")], strict=True))
    b3 = dict(zip(headers[2:], _rows(ye, "meetings")[("二号镇党委", "丙村党支部")], strict=True))
    # Founded 1 July: two quarters of general meetings and lectures, six theme days, the yearly ones.
    assert (b5["支部党员大会应开"], b5["党课应开"], b5["主题党日应开"], b5["组织生活会应开"]) == (2, 2, 6, 1)
    assert (b3["支部党员大会应开"], b3["主题党日应开"]) == (4, 12)


def test_the_check_sheet_passes_and_the_workbook_reads_back(county, county_admin):
    county.b2.name = "=SUM(A1:A9)乙村党支部"
    county.b2.save()
    ye = yearend_build(user=county_admin, org=county.county, year=2025, today=TODAY)
    content, checks = workbook_bytes(ye)
    assert checks and all(check.passed for check in checks)
    book = load_workbook(io.BytesIO(content))
    assert book.sheetnames == ["校验", "党员变动", "党员基本情况", "发展党员", "民主评议", "党纪处分", "流动党员",
                               "党组织", "三会一课", "党费", "远程教育", "学习培训"]  # fmt: skip
    check_rows = list(book["校验"].iter_rows(min_row=3, values_only=True))
    assert [r[7] for r in check_rows[: len(checks)]] == ["通过"] * len(checks)
    numeric = re.compile(r"^-?\d+(\.\d+)?$")
    for sheet in book.worksheets:
        assert "测试县委" in sheet["A1"].value and "2025-12-31" in sheet["A1"].value
        assert sheet.freeze_panes == "A3"
        assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
        for row in sheet.iter_rows(min_row=3):
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula"
                if isinstance(cell.value, str):
                    assert not numeric.match(cell.value), f"{sheet.title}!{cell.coordinate} holds a number as text"
    # The county's sheets have one row per township, and the branch tables name the branch as text.
    change = list(book["党员变动"].iter_rows(min_row=3, max_row=5, values_only=True))
    assert change == [("一号乡党委", 9, 1, 2, 1, 1, 0, 1, 9), ("二号镇党委", 5, 0, 0, 1, 0, 1, 0, 3),
                      ("合计", 14, 1, 1, 1, 1, 1, 1, 12)]  # fmt: skip
    names = [row[1].value for row in book["三会一课"].iter_rows(min_row=3) if row[1].value]
    assert "=SUM(A1:A9)乙村党支部" in names


def test_a_township_workbook_holds_only_its_branches(county, township_secretary):
    ye = yearend_build(user=township_secretary, org=county.t1, year=2025, today=TODAY)
    content, _checks = workbook_bytes(ye)
    book = load_workbook(io.BytesIO(content))
    text = " ".join(str(c) for s in book.worksheets for row in s.iter_rows(values_only=True) for c in row if c)
    assert "甲村党支部" in text and "乙村党支部" in text
    assert "丙村" not in text and "戊村" not in text and "二号镇" not in text


def _stray(county):
    """A member put on b2's roll in June 2025 with neither an admission nor a transfer behind it."""
    stray = MemberFactory(branch=county.b2, name="乙无据", status="full", joined_on=D(2010, 7, 1))
    Membership.objects.filter(member=stray).update(started_on=D(2025, 6, 1))


def test_an_inconsistent_roll_fails_the_check_with_its_difference(county, county_admin):
    _stray(county)
    ye = yearend_build(user=county_admin, org=county.t1, year=2025, today=TODAY)
    failed = [(c.table, c.name, c.org, c.expected, c.actual, c.difference) for c in yearend_checks(ye) if not c.passed]
    assert failed == [
        ("党员变动", "上年末＋增加－减少＝本年末", "乙村党支部", 4, 5, 1),
        ("党员变动", "上年末＋增加－减少＝本年末", "合计", 9, 10, 1),
    ]


def test_command_writes_the_file_and_exits_1_when_it_does_not_reconcile(county, county_admin, tmp_path, capsys):
    target = tmp_path / "ok.xlsx"
    call_command("export_yearend", "--org", "C01", "--year", "2025", "-o", str(target))
    assert load_workbook(target).sheetnames[0] == "校验"
    _stray(county)
    target = tmp_path / "bad.xlsx"
    with pytest.raises(SystemExit) as exited:
        call_command("export_yearend", "--org", "C01", "--year", "2025", "-o", str(target))
    assert exited.value.code == 1
    assert target.exists()
    err = capsys.readouterr().err
    assert "乙村党支部" in err and "差额 1" in err


def test_a_year_not_begun_is_refused_in_chinese(county, county_admin, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="尚未开始"):
        call_command("export_yearend", "--org", "C01", "--year", "2027", "-o", str(tmp_path / "x.xlsx"))


def test_the_same_queries_whatever_the_number_of_branches(county, county_admin):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import OrganizationFactory

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            workbook_bytes(yearend_build(user=county_admin, org=county.t1, year=2025, today=TODAY))
        return len(captured)

    before = count()
    for n in range(6):
        branch = OrganizationFactory(parent=county.t1, name=f"新{n}村党支部", code=f"C01{n + 10}")
        for _m in range(4):
            MemberFactory(branch=branch, joined_on=D(2001, 7, 1))
    assert count() == before
