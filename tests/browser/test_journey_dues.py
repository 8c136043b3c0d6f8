"""A branch secretary on a phone records a month for the whole branch, reverses one entry, remits the month
once it has ended and sees the reconciliation come to zero."""

import datetime
import os

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from branches.rules import RoleKind
from dues.models import DuesEntry, DuesRemittance
from partywork.dates import month_end
from tests.browser.screen import fits_the_screen
from tests.clock import moment
from tests.dues.factories import member_with_standard
from tests.factories import RoleFactory, UserFactory, county_tree

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.dates]


def test_branch_secretary_collects_reverses_and_remits_on_a_phone(
    live_server, page, login, artifacts_dir, time_machine
):
    tree = county_tree()
    secretary = UserFactory(username="jc_sec", full_name="孙书记")
    RoleFactory(user=secretary, organization=tree["b1"], kind=RoleKind.BRANCH_SECRETARY)
    for name in ("王建国", "李秀英", "张卫东"):
        member_with_standard(tree["b1"], by=secretary, name=name)
    member_with_standard(tree["b3"], by=secretary, name="外乡党员")

    login("jc_sec")
    page.click(".navbar-toggler")
    page.get_by_role("link", name="党费", exact=True).click()
    page.get_by_test_id("dues-orgs").get_by_text("甲村党支部").click()
    page.get_by_role("link", name="本月收缴").click()

    batch = page.get_by_test_id("batch")
    expect(batch).to_contain_text("王建国")
    expect(batch).not_to_contain_text("外乡党员")
    boxes = batch.locator("input[type=checkbox]")
    expect(boxes).to_have_count(3)
    for index in range(3):
        boxes.nth(index).check()
    page.screenshot(path=os.path.join(artifacts_dir, "dues-batch-375.png"), full_page=True)
    assert fits_the_screen(page)
    page.get_by_role("button", name="保存本月收缴").click()
    expect(page.locator(".alert-success")).to_contain_text("已登记 3 名党员")
    expect(batch.locator("input[type=checkbox]")).to_have_count(0)

    # Reverse one entry from the ledger.
    page.get_by_role("link", name="返回").click()
    page.get_by_role("link", name="收缴台账").click()
    ledger = page.get_by_test_id("ledger")
    ledger.locator("tr", has_text="李秀英").get_by_role("link", name="冲正").click()
    page.get_by_label("冲正原因").fill("重复登记")
    page.get_by_role("button", name="确认冲正").click()
    expect(page.locator(".alert-success")).to_contain_text("已冲正")
    expect(ledger).to_contain_text("重复登记")
    page.screenshot(path=os.path.join(artifacts_dir, "dues-ledger-375.png"), full_page=True)

    # Once the month has ended (a period closes only then), remit it and see the reconciliation come to zero.
    collected_in = timezone.localdate().year  # on 31 December the next day is in a new year
    time_machine.move_to(moment(month_end(timezone.localdate()) + datetime.timedelta(days=1)))
    login("jc_sec")  # a new day, a new session
    page.goto(f"{live_server.url}/dues/org/{tree['b1'].pk}/")
    page.get_by_role("link", name="上缴党费").click()
    page.get_by_role("button", name="确认上缴").click()
    expect(page.locator(".alert-success[role=alert]")).to_contain_text("已上缴 80.00 元")
    expect(page.get_by_test_id("reconciled")).to_be_visible()
    expect(page.get_by_test_id("on-hand")).to_have_text("0.00")
    page.screenshot(path=os.path.join(artifacts_dir, "dues-reconciliation-375.png"), full_page=True)
    assert fits_the_screen(page)

    # The yearly standard page and a member's dues card also fit a phone.
    page.goto(f"{live_server.url}/dues/org/{tree['b1'].pk}/")
    page.get_by_role("link", name="党费基数核定").click()
    expect(page.get_by_test_id("standards")).to_contain_text("王建国")
    page.screenshot(path=os.path.join(artifacts_dir, "dues-standards-375.png"), full_page=True)
    page.goto(f"{live_server.url}/dues/org/{tree['b1'].pk}/arrears/")
    page.get_by_role("link", name="李秀英").first.click()
    page.goto(f"{page.url.split('?')[0]}?year={collected_in}")  # the card of the year the dues were collected
    expect(page.get_by_test_id("dues-card")).to_contain_text("已冲正")
    page.screenshot(path=os.path.join(artifacts_dir, "dues-card-375.png"), full_page=True)

    assert DuesEntry.objects.filter(kind=DuesEntry.Kind.REVERSAL).count() == 1
    assert DuesRemittance.objects.get().amount == 80
