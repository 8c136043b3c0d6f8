"""A branch secretary's phone: log a general meeting with two absentees and a resolution, print the record,
and the township's compliance table turns green for that branch's general-meeting cell."""

import os

import pytest
from playwright.sync_api import expect

from branches.rules import RoleKind
from tests.browser.screen import fits_the_screen
from tests.factories import MemberFactory, RoleFactory, UserFactory, county_tree

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.dates]


def _general_cell(page, branch_name):
    # The first kind column of the township table is the general meeting (rules are listed in kind order).
    return page.locator(f'tr[data-branch="{branch_name}"] td').first


def test_secretary_logs_a_general_meeting_and_the_township_sees_it(live_server, page, login, artifacts_dir):
    tree = county_tree()
    RoleFactory(
        user=UserFactory(username="jc_sec", full_name="孙书记"),
        organization=tree["t1"],
        kind=RoleKind.TOWNSHIP_SECRETARY,
    )
    roll = [MemberFactory(branch=tree["b1"], name=f"党员{n:02d}") for n in range(10)]
    roll += [MemberFactory(branch=tree["b1"], status="probationary", name=f"预备{n}") for n in range(2)]
    roll.append(MemberFactory(branch=tree["b1"], is_mobile=True, name="外出党员"))

    login("jc_sec")
    page.click(".navbar-toggler")
    page.get_by_role("link", name="组织生活", exact=True).click()
    orgs = page.get_by_test_id("meeting-orgs")
    orgs.locator("div", has_text="一号乡党委").get_by_role("link", name="落实情况").click()
    cell = _general_cell(page, "甲村党支部")
    expect(cell).not_to_have_attribute("data-status", "done")
    page.screenshot(path=os.path.join(artifacts_dir, "meetings-township-before-375.png"), full_page=True)

    page.go_back()
    orgs.locator("div", has_text="甲村党支部").get_by_role("link", name="会议记录").click()
    page.get_by_test_id("meeting-new").click()
    page.get_by_label("支部党员大会").check()
    page.fill("#id_topic", "第四季度支部党员大会")
    page.fill("#id_starts_at", "09:00")
    page.fill("#id_ends_at", "11:00")
    page.fill("#id_place", "村党群服务中心")
    grid = page.get_by_test_id("attendance-grid")
    expect(grid.locator("tr", has_text="外出党员")).to_contain_text("流动")
    grid.locator('select[data-member="党员01"]').select_option("sick")
    grid.locator('select[data-member="外出党员"]').select_option("away")
    # 11 full members with a vote, 9 present (党员01 sick, the mobile member away).
    page.fill("#id_res-0-text", "同意修缮村党群服务中心")
    page.fill("#id_res-0-yes", "8")
    page.fill("#id_res-0-no", "1")
    page.fill("#id_res-0-abstain", "0")
    page.screenshot(path=os.path.join(artifacts_dir, "meetings-form-375.png"), full_page=True)
    page.get_by_test_id("meeting-save").click()

    expect(page.get_by_text("已保存会议记录。")).to_be_visible()
    expect(page.get_by_test_id("meeting-counts")).to_contain_text("13 / 11")
    expect(page.get_by_test_id("resolutions")).to_contain_text("通过")
    assert fits_the_screen(page)
    page.screenshot(path=os.path.join(artifacts_dir, "meetings-detail-375.png"), full_page=True)

    page.get_by_test_id("meeting-print").click()
    record = page.get_by_test_id("meeting-record")
    expect(record).to_contain_text("会 议 记 录")
    expect(page.get_by_test_id("print-absentees")).to_contain_text("党员01（病假）")
    expect(page.get_by_test_id("print-absentees")).to_contain_text("外出党员（外出务工）")
    expect(record).to_contain_text("同意8票，反对1票，弃权0票，通过。")
    expect(record).to_contain_text("记录人（签字）")
    page.emulate_media(media="print")
    page.screenshot(path=os.path.join(artifacts_dir, "meetings-print-375.png"), full_page=True)
    page.emulate_media(media="screen")

    page.goto(f"{live_server.url}/meetings/")
    page.get_by_test_id("meeting-orgs").locator("div", has_text="一号乡党委").get_by_role(
        "link", name="落实情况"
    ).click()
    cell = _general_cell(page, "甲村党支部")
    expect(cell).to_have_attribute("data-status", "done")
    expect(cell).to_have_class("table-success")
    page.screenshot(path=os.path.join(artifacts_dir, "meetings-township-after-375.png"), full_page=True)
