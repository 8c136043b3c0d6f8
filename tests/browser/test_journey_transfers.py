import os

import pytest
from playwright.sync_api import expect

from branches.rules import RoleKind
from tests.browser.screen import fits_the_screen
from tests.factories import MemberFactory, RoleFactory, UserFactory, county_tree
from tests.movements.builders import days_ago, letter_out, mobile_record

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.dates]


def test_transfer_within_county_then_letter_and_roll_on_a_phone(live_server, page, login, artifacts_dir):
    tree = county_tree()
    sender = UserFactory(username="jia_sec", full_name="甲村书记")
    RoleFactory(user=sender, organization=tree["b1"], kind=RoleKind.BRANCH_SECRETARY)
    receiver = UserFactory(username="yi_sec", full_name="乙村书记")
    RoleFactory(user=receiver, organization=tree["b2"], kind=RoleKind.BRANCH_SECRETARY)
    member = MemberFactory(branch=tree["b1"], name="王建军")

    # The sending branch starts the transfer, choosing the target by name and code.
    login("jia_sec")
    page.goto(f"{live_server.url}/members/{member.pk}/transfer/new/")
    page.select_option("#id_to_branch", label="乙村党支部（C0102）")
    page.fill("#id_reason", "工作调动")
    page.get_by_role("button", name="发起转接").click()
    expect(page.get_by_test_id("transfer-status")).to_contain_text("待接收")

    # The receiving branch finds it among its incoming transfers and accepts it.
    page.context.clear_cookies()
    login("yi_sec")
    page.goto(f"{live_server.url}/members/transfers/")
    expect(page.get_by_test_id("transfer-row")).to_contain_text("王建军")
    page.screenshot(path=os.path.join(artifacts_dir, "transfers-incoming-375.png"), full_page=True)
    page.get_by_role("link", name="王建军").click()
    page.get_by_role("button", name="确认接收").click()
    expect(page.get_by_test_id("transfer-status")).to_contain_text("已完成")
    assert fits_the_screen(page)

    # A letter out of the county, printed with stub, letter and return slip.
    leaving = MemberFactory(branch=tree["b1"], name="李秀兰", sex="F")
    letter = letter_out(by=sender, member=leaving, issued_on=days_ago(2))
    page.context.clear_cookies()
    login("jia_sec")
    page.goto(f"{live_server.url}/members/transfers/{letter.pk}/letter/")
    expect(page.get_by_test_id("letter-stub")).to_contain_text(letter.letter_number)
    expect(page.get_by_test_id("letter-body")).to_contain_text("李秀兰")
    expect(page.get_by_test_id("letter-slip")).to_contain_text("回执")
    page.screenshot(path=os.path.join(artifacts_dir, "transfers-letter-375.png"), full_page=True)

    # The branch's mobile-member roll.
    for index in range(3):
        mobile_record(
            by=sender,
            member=MemberFactory(branch=tree["b1"], name=f"外出党员{index}"),
            left_on=days_ago(40 * (index + 1)),
        )
    page.goto(f"{live_server.url}/members/mobile/")
    expect(page.get_by_test_id("mobile-row")).to_have_count(3)
    expect(page.get_by_test_id("overdue")).to_have_count(1)
    page.screenshot(path=os.path.join(artifacts_dir, "transfers-mobile-roll-375.png"), full_page=True)
