"""Working days in any year (issue 10 item 14) for the public notice of at least 5 working days (DOMAIN §4):
the county's entered holidays first, then chinesecalendar, else Monday to Friday with a visible warning."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from recruitment import rules
from recruitment.models import Step, WorkCalendarDay, WorkCalendarYear
from recruitment.rules import EnteredYear, Params, count_workdays, notice_problems, notice_warnings
from tests.clock import moment, on_day

from .factories import advance, applicant

D = datetime.date
P = Params()
# The files here are built on their own calendar (2023-2024), so the clock is pinned after it.
pytestmark = on_day(D(2026, 11, 26))
# 2027-03-08 is a Monday; chinesecalendar 1.11 knows years up to 2026.
MON, FRI, SAT = D(2027, 3, 8), D(2027, 3, 12), D(2027, 3, 13)


def test_the_pinned_library_does_not_know_2027():
    assert rules.workdays.library_knows(2026) and not rules.workdays.library_knows(2027)


@pytest.mark.parametrize(
    "last,days,ok",
    [(FRI - datetime.timedelta(days=1), 4, False), (FRI, 5, True), (SAT, 5, True)],  # the day before, the day, after
)
def test_unknown_year_counted_monday_to_friday_not_refused(last, days, ok):
    """DOMAIN §4 (5 working days) with issue 10 item 14: no refusal for an unknown year, a warning instead."""
    counted = count_workdays(MON, last)
    assert (counted.days, counted.estimated_years) == (days, (2027,))
    assert (notice_problems(MON, last, before=D(2027, 3, 20), params=P, number=7) == []) is ok
    assert notice_warnings(MON, last) == [
        "系统尚无 2027 年的法定节假日和调休安排，公示期的工作日暂按周一至周五计算；"
        "请核对公示期内是否有节假日，并请县委组织部在系统管理“节假日安排”中录入该年安排"
    ]


def test_entered_holidays_and_adjusted_workdays_count_no_warning():
    """The county's entered year: a holiday on Wednesday leaves 4 days to Friday; the adjusted working
    Saturday makes 5."""
    entered = {2027: EnteredYear(2027, frozenset({D(2027, 3, 10)}), frozenset({SAT}), "国办发明电〔2026〕1号")}
    assert count_workdays(MON, FRI, entered).days == 4
    assert count_workdays(MON, SAT, entered).days == 5
    assert count_workdays(MON, SAT, entered).entered_years == (2027,)
    assert notice_warnings(MON, SAT, entered) == []
    assert [v.rule for v in notice_problems(MON, FRI, before=D(2027, 3, 20), params=P, number=7, calendar=entered)] == [
        "notice"
    ]


def test_entered_year_takes_precedence_over_the_library():
    """2026-03-09 to 03-13 is 5 working days for chinesecalendar; an entered 2026 with a holiday on the 11th
    wins."""
    assert count_workdays(D(2026, 3, 9), D(2026, 3, 13)).days == 5
    entered = {2026: EnteredYear(2026, frozenset({D(2026, 3, 11)}))}
    assert count_workdays(D(2026, 3, 9), D(2026, 3, 13), entered).days == 4


def test_a_notice_across_new_year_names_only_the_unknown_year():
    counted = count_workdays(D(2026, 12, 28), D(2027, 1, 4))
    assert counted.estimated_years == (2027,)
    # 2026-12-28..31 are four working days; 2027-01-01 (Friday) and 01-04 (Monday) counted as weekdays.
    assert counted.days == 6


@pytest.mark.dates
def test_prereview_in_2027_recorded_with_the_warning_kept_and_shown(
    world, branch_secretary, sponsors, client_for, time_machine
):
    """Issue 10 item 14: recording a notice in 2027 today is not refused; the warning is shown on recording
    and kept on the step."""
    file = advance(applicant(by=branch_secretary, branch=world.b1), by=branch_secretary, to=12, sponsors=sponsors)
    time_machine.move_to(moment(D(2027, 3, 20)))
    client = client_for(branch_secretary)
    url = reverse("recruitment:step_create", kwargs={"applicant_pk": file.pk})
    data = {"number": 13, "on": "2027-03-15", "notice_from": MON.isoformat(), "notice_to": FRI.isoformat()}
    response = client.post(url, data, follow=True)
    step = Step.objects.get(applicant=file, number=13)
    assert "暂按周一至周五计算" in step.notice_workdays_note
    page = response.content.decode()
    assert page.count("系统尚无 2027 年的法定节假日和调休安排") >= 2  # the message and the step on the file


@pytest.mark.dates
def test_prereview_counted_with_the_countys_entered_year(world, branch_secretary, sponsors, time_machine):
    from recruitment import services

    file = advance(applicant(by=branch_secretary, branch=world.b1), by=branch_secretary, to=12, sponsors=sponsors)
    time_machine.move_to(moment(D(2027, 3, 20)))
    year = WorkCalendarYear.objects.create(year=2027, source="国务院办公厅关于2027年部分节假日安排的通知")
    WorkCalendarDay.objects.create(calendar=year, day=D(2027, 3, 10), kind="holiday", name="测试假日")
    record = {"by": branch_secretary, "applicant": file, "number": 13, "on": D(2027, 3, 15), "notice_from": MON}
    with pytest.raises(ValidationError) as error:
        services.step_record(**record, notice_to=FRI)
    assert "只有 4 个工作日（已扣除法定节假日）" in " ".join(error.value.messages)
    assert not Step.objects.filter(applicant=file, number=13).exists()
    WorkCalendarDay.objects.create(calendar=year, day=SAT, kind="workday", name="调休")
    step = services.step_record(**record, notice_to=SAT)
    assert step.notice_workdays_note == ""


def test_county_administrator_enters_a_year_in_the_admin(world, county_admin, branch_secretary, client_for):
    client = client_for(county_admin)
    url = reverse("admin:recruitment_workcalendaryear_add")
    assert client.get(url).status_code == 200
    data = {
        "year": "2027",
        "source": "国办发明电〔2026〕1号",
        "days-TOTAL_FORMS": "2",
        "days-INITIAL_FORMS": "0",
        "days-MIN_NUM_FORMS": "0",
        "days-MAX_NUM_FORMS": "1000",
        "days-0-day": "2027-02-06",
        "days-0-kind": "holiday",
        "days-0-name": "春节",
        "days-1-day": "2027-02-13",
        "days-1-kind": "workday",
        "days-1-name": "春节调休",
    }
    assert client.post(url, data).status_code == 302
    year = WorkCalendarYear.objects.get(year=2027)
    assert sorted(year.days.values_list("kind", flat=True)) == ["holiday", "workday"]
    assert client_for(branch_secretary).get(url).status_code in (302, 403)


def test_an_adjusted_working_day_must_be_a_weekend_day(world, county_admin, client_for):
    year = WorkCalendarYear.objects.create(year=2027, source="x")
    day = WorkCalendarDay(calendar=year, day=MON, kind="workday")
    with pytest.raises(ValidationError) as error:
        day.full_clean()
    assert "调休上班日应为周六或周日" in str(error.value)
    with pytest.raises(ValidationError) as error:
        WorkCalendarDay(calendar=year, day=D(2026, 3, 7), kind="workday").full_clean()
    assert "日期须在2027年内" in str(error.value)
