"""A branch secretary's phone: record a training session with its attendance and see the members' hours of the
year change against their minimums (DOMAIN §2: 32 hours, 56 for the secretary)."""

import os

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from branches.rules import RoleKind
from members.models import MemberPost
from partywork.dates import add_years
from tests.browser.screen import fits_the_screen
from tests.factories import MemberFactory, RoleFactory, UserFactory, county_tree

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.dates]


def test_secretary_records_training_and_sees_the_hours_change(live_server, page, login, artifacts_dir):
    tree = county_tree()
    RoleFactory(
        user=UserFactory(username="jc_sec", full_name="孙书记"), organization=tree["b1"], kind=RoleKind.BRANCH_SECRETARY
    )
    roll = [MemberFactory(branch=tree["b1"], name=f"党员{n:02d}") for n in range(4)]
    MemberPost.objects.create(
        member=roll[0], organization=tree["b1"], post="secretary", started_on=add_years(timezone.localdate(), -3)
    )

    login("jc_sec")
    page.click(".navbar-toggler")
    page.get_by_role("link", name="学习培训", exact=True).click()
    page.get_by_test_id("learning-orgs").locator("div", has_text="甲村党支部").get_by_role(
        "link", name="党员学时"
    ).click()
    hours = page.get_by_test_id("member-hours")
    expect(hours.locator('tr[data-member="党员00"]')).to_contain_text("0.0 / 56")
    expect(hours.locator('tr[data-member="党员01"]')).to_contain_text("0.0 / 32")
    page.screenshot(path=os.path.join(artifacts_dir, "learning-before-375.png"), full_page=True)

    page.get_by_test_id("session-new").click()
    page.select_option("#id_kind", label="冬季轮训")
    page.fill("#id_hours", "32")
    page.fill("#id_content", "冬季党员轮训：学习党章党规")
    form = page.get_by_test_id("session-form")
    for name in ("党员00", "党员01", "党员02"):
        form.get_by_label(name, exact=True).check()
    page.screenshot(path=os.path.join(artifacts_dir, "learning-form-375.png"), full_page=True)
    page.get_by_test_id("session-save").click()

    expect(page.get_by_text("已登记培训，3 人各计 32.0 学时。")).to_be_visible()
    expect(hours.locator('tr[data-member="党员00"]')).to_contain_text("32.0 / 56")
    expect(hours.locator('tr[data-member="党员00"]')).to_contain_text("差 24.0 学时")
    expect(hours.locator('tr[data-member="党员01"]')).to_contain_text("32.0 / 32")
    expect(hours.locator('tr[data-member="党员01"]')).to_contain_text("达标")
    expect(hours.locator('tr[data-member="党员03"]')).to_contain_text("0.0 / 32")
    expect(page.get_by_test_id("hours-summary")).to_contain_text("2 / 4 名党员已达标")
    expect(page.get_by_test_id("branch-sessions")).to_contain_text("冬季党员轮训")
    assert fits_the_screen(page)
    page.screenshot(path=os.path.join(artifacts_dir, "learning-after-375.png"), full_page=True)
