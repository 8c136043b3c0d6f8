"""A branch secretary, on a phone, takes one applicant from the written application to probationary member,
entering dates in the past; one too-early date is refused with the rule and dates named."""

import datetime
import os

import pytest
from playwright.sync_api import expect

from branches.rules import RoleKind
from members.rules import make_id_number
from recruitment import rules
from tests.browser.screen import fits_the_screen
from tests.clock import on_day
from tests.factories import MemberFactory, RoleFactory, UserFactory, county_tree
from tests.recruitment.factories import SCHEDULE, step_kwargs

# The file follows the factories' calendar (2023-2024): the clock is pinned after it.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), on_day(datetime.date(2026, 11, 26))]

BIRTH = datetime.date(1996, 4, 12)
ID_NUMBER = make_id_number(region="620102", birth_date=BIRTH, sequence=55, sex="F")


def _record(page, number, on, **fields):
    page.get_by_test_id("record-step").click()
    expect(page.locator("h1")).to_contain_text(f"第{number}步")
    page.fill("#id_on", on.isoformat())
    for name, value in fields.items():
        if name == "people":
            page.select_option("#id_people", [str(m.pk) for m in value])
        elif name == "outcome":
            page.select_option("#id_outcome", value)
        else:
            page.fill(f"#id_{name}", value.isoformat() if isinstance(value, datetime.date) else str(value))
    page.get_by_test_id("save-step").click()


def test_applicant_to_probationary_member_on_a_phone(live_server, page, login, artifacts_dir):
    tree = county_tree()
    RoleFactory(
        user=UserFactory(username="jc_sec", full_name="甲村书记"),
        organization=tree["b1"],
        kind=RoleKind.BRANCH_SECRETARY,
    )
    RoleFactory(
        user=UserFactory(username="yh_sec", full_name="一号乡书记"),
        organization=tree["t1"],
        kind=RoleKind.TOWNSHIP_SECRETARY,
    )
    sponsors = [MemberFactory(branch=tree["b1"], status="full") for _ in range(3)]

    login("jc_sec")
    page.goto(f"{live_server.url}/recruitment/")
    expect(page.locator("h1")).to_contain_text("甲村党支部")
    page.get_by_test_id("applicant-create").click()
    page.fill("#id_name", "林小红")
    page.select_option("#id_sex", "F")
    page.fill("#id_birth_date", BIRTH.isoformat())
    page.fill("#id_id_number", ID_NUMBER)
    page.select_option("#id_education", "bachelor")
    page.select_option("#id_occupation", "farmer")
    page.fill("#id_applied_on", "2023-01-10")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_test_id("stage")).to_have_text("入党申请人")
    expect(page.get_by_test_id("next-step")).to_contain_text("2023-02-10")

    for number in range(2, 18):
        on = SCHEDULE[number]
        fields = step_kwargs(number, on, sponsors=sponsors[:2], contacts=sponsors[:1])
        if number == rules.LISTING_STEP:
            # One day short of a year as activist: refused, with the rule and the dates, nothing saved.
            _record(page, number, datetime.date(2024, 7, 9), **fields)
            expect(page.get_by_test_id("step-form")).to_contain_text(
                "第7步（列为发展对象）须在确定为入党积极分子（2023-07-10）满一年后，即不早于 2024-07-10"
            )
            expect(page.locator("#id_notice_from")).to_have_value(fields["notice_from"].isoformat())
            page.screenshot(path=os.path.join(artifacts_dir, "recruitment-refused-375.png"), full_page=True)
            page.get_by_role("link", name="取消").click()
            # On time, but no activist course recorded before the day: refused, naming what to do.
            _record(page, number, on, **fields)
            expect(page.get_by_test_id("step-form")).to_contain_text(
                "请先在「学习培训」中登记其参加 2024-07-10 之前举办的入党积极分子培训班"
            )
            file_url = page.url.split("/steps/")[0] + "/"
            # The branch records the course in 学习培训 (a person not yet a member, by name and ID number).
            page.goto(f"{live_server.url}/learning/org/{tree['b1'].pk}/sessions/new/")
            page.select_option("#id_kind", label="入党积极分子培训班")
            page.fill("#id_held_on", "2024-07-03")
            page.fill("#id_hours", "24")
            page.fill("#id_content", "入党积极分子培训班")
            page.fill("#id_outside_attendees", f"林小红 {ID_NUMBER}")
            page.get_by_test_id("session-save").click()
            expect(page.get_by_text("已登记培训")).to_be_visible()
            page.goto(file_url)
        if number == rules.ADMISSION_APPROVAL:
            # The approval is the township committee's: its secretary logs in and records it.
            expect(page.get_by_test_id("next-step")).to_contain_text("审批由乡镇党委登记")
            file_url = page.url
            page.context.clear_cookies()
            login("yh_sec")
            page.goto(file_url)
        _record(page, number, on, **fields)
        expect(page.get_by_test_id("steps")).to_contain_text(str(rules.STEP[number].title))

    expect(page.get_by_text("已将林小红编入党员名册（预备党员）")).to_be_visible()
    expect(page.get_by_test_id("stage")).to_have_text("接收预备党员")
    assert fits_the_screen(page)
    page.screenshot(path=os.path.join(artifacts_dir, "recruitment-file-375.png"), full_page=True)

    page.goto(f"{live_server.url}/members/org/{tree['b1'].pk}/")
    roster = page.get_by_test_id("roster")
    expect(roster).to_contain_text("林小红")
    expect(roster.locator("tr", has_text="林小红")).to_contain_text("预备党员")
    page.screenshot(path=os.path.join(artifacts_dir, "recruitment-roster-375.png"), full_page=True)

    page.goto(f"{live_server.url}/recruitment/orgs/{tree['t1'].pk}/")
    expect(page.get_by_test_id("stage-4")).to_contain_text("林小红")
    assert fits_the_screen(page)
    page.screenshot(path=os.path.join(artifacts_dir, "recruitment-board-375.png"), full_page=True)
