import os

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from branches.rules import RoleKind
from partywork.dates import add_months
from standing import rules
from tests.browser.screen import fits_the_screen
from tests.factories import RoleFactory, UserFactory, county_tree
from tests.standing.builders import proposed

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.dates]


def test_township_lists_a_branch_records_progress_and_the_county_confirms_a_grade(
    live_server, page, login, artifacts_dir
):
    tree = county_tree()
    township = UserFactory(username="t1_sec", full_name="一号乡书记")
    RoleFactory(user=township, organization=tree["t1"], kind=RoleKind.TOWNSHIP_SECRETARY)
    county = UserFactory(username="c_admin", full_name="组织部管理员", is_staff=True)
    RoleFactory(user=county, organization=tree["county"], kind=RoleKind.COUNTY_ADMIN)
    today = timezone.localdate()

    # The township secretary puts 甲村 on the rectification list with the reasons, a plan and a leader.
    login("t1_sec")
    page.goto(f"{live_server.url}/standing/org/{tree['t1'].pk}/rectifications/")
    page.get_by_test_id("rectification-open").click()
    page.select_option("#id_branch", label="甲村党支部")
    page.get_by_label("长期不开展组织生活，组织制度形同虚设").check()
    page.get_by_label("党员管理失之于宽松软").check()
    page.fill("#id_plan", "联系领导每月到村指导；规范三会一课；清理党费欠缴")
    page.fill("#id_leader_name", "王建军")
    page.fill("#id_leader_title", "乡党委副书记")
    page.fill("#id_milestones-0-title", "调整充实支部班子")
    page.fill("#id_milestones-0-due_on", add_months(today, 1).isoformat())
    page.screenshot(path=os.path.join(artifacts_dir, "standing-rectification-form-375.png"), full_page=True)
    page.get_by_role("button", name="列入整顿").click()
    expect(page.get_by_test_id("rectification-status")).to_contain_text("整顿中")
    expect(page.get_by_test_id("leader")).to_contain_text("王建军")
    expect(page.get_by_test_id("milestones")).to_contain_text("调整充实支部班子")

    # A quarter's progress.
    page.fill("#id_text", "本季度召开支委会3次，主题党日按时开展")
    page.get_by_role("button", name="保存进展").click()
    expect(page.get_by_test_id("progress-notes")).to_contain_text("本季度召开支委会3次")
    page.screenshot(path=os.path.join(artifacts_dir, "standing-rectification-375.png"), full_page=True)
    assert fits_the_screen(page)

    # The township dashboard counts it.
    page.goto(f"{live_server.url}/reports/org/{tree['t1'].pk}/")
    expect(page.get_by_test_id("standing-rectifying")).to_contain_text("软弱涣散整顿中 1 个")

    # The township has graded 乙村 for the year; the county confirms the grade.
    assessment = proposed(by=township, branch=tree["b2"], year=rules.latest_assessable_year(today), rank=2)
    page.context.clear_cookies()
    login("c_admin")
    page.goto(f"{live_server.url}/standing/assessments/{assessment.pk}/")
    expect(page.get_by_test_id("grade")).to_contain_text("四星")
    page.get_by_role("button", name="确认等次").click()
    expect(page.get_by_test_id("assessment-status")).to_contain_text("县委组织部已确认")
    page.screenshot(path=os.path.join(artifacts_dir, "standing-assessment-375.png"), full_page=True)
    assert fits_the_screen(page)
