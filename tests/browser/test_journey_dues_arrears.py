"""A branch secretary sees a member with two separate unpaid months on the arrears page and records the old
month with the branch's reason (Dues Rules art. 12: back-payment generally not more than 6 months)."""

import datetime
import os

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from branches.rules import RoleKind
from dues import rules, services
from dues.models import DuesReceipt
from partywork.dates import month_end
from tests.browser.screen import fits_the_screen
from tests.dues.factories import member_with_standard, months_ago, this_month
from tests.factories import RoleFactory, UserFactory, county_tree

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.dates]


def test_branch_secretary_records_an_old_unpaid_month_with_a_reason(live_server, page, login, artifacts_dir):
    tree = county_tree()
    secretary = UserFactory(username="jc_sec", full_name="孙书记")
    RoleFactory(user=secretary, organization=tree["b1"], kind=RoleKind.BRANCH_SECRETARY)
    member = member_with_standard(tree["b1"], by=secretary, name="赵德明")
    today = timezone.localdate()
    old, recent = months_ago(8), months_ago(2)
    for month in rules.month_range(datetime.date(today.year - 1, 1, 1), this_month()):
        if month not in (old, recent):
            paid_on = min(month_end(month), today)
            services.dues_collect(org=tree["b1"], member=member, months=[month], paid_on=paid_on, by=secretary)

    login("jc_sec")
    page.goto(f"{live_server.url}/dues/org/{tree['b1'].pk}/")
    page.get_by_role("link", name="欠缴名单").click()
    row = page.get_by_test_id(f"arrears-{member.pk}")
    expect(row).to_contain_text(f"{old:%Y-%m}")
    expect(row).to_contain_text(f"{recent:%Y-%m}")
    expect(row).to_contain_text("80.00")
    page.screenshot(path=os.path.join(artifacts_dir, "dues-arrears-375.png"), full_page=True)
    assert fits_the_screen(page)

    row.get_by_role("link", name=f"{old:%Y-%m}").click()
    expect(page.get_by_label("起始月份")).to_have_value(f"{old:%Y-%m}")
    page.get_by_role("button", name="登记并开具收据").click()
    expect(page.locator("form[novalidate]")).to_contain_text(f"最早可补缴 {months_ago(6):%Y-%m}")
    assert not DuesReceipt.objects.filter(member=member, late_reason__gt="").exists()

    page.get_by_label("超期补缴原因").fill("外出务工期间失联，支部委员会认定有正当理由")
    page.get_by_role("button", name="登记并开具收据").click()
    expect(page.locator(".alert-success[role=alert]")).to_contain_text("已登记")
    receipt = DuesReceipt.objects.get(member=member, late_reason__gt="")
    assert list(receipt.entries.values_list("month", flat=True)) == [old]

    page.goto(f"{live_server.url}/dues/org/{tree['b1'].pk}/arrears/")
    row = page.get_by_test_id(f"arrears-{member.pk}")
    expect(row).to_contain_text(f"{recent:%Y-%m}")
    expect(row).not_to_contain_text(f"{old:%Y-%m}")
    page.screenshot(path=os.path.join(artifacts_dir, "dues-arrears-after-375.png"), full_page=True)
