import os
import re

import pytest
from playwright.sync_api import expect

from branches.rules import RoleKind
from tests.browser.screen import fits_the_screen
from tests.factories import RoleFactory, UserFactory, county_tree

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_township_secretary_walks_the_tree_on_a_phone(live_server, page, login, artifacts_dir):
    tree = county_tree()
    RoleFactory(
        user=UserFactory(username="hl_sec", full_name="赵书记"),
        organization=tree["t1"],
        kind=RoleKind.TOWNSHIP_SECRETARY,
    )

    login("hl_sec")
    expect(page.get_by_text("您好，赵书记")).to_be_visible()

    # The menu is collapsed at phone width; wait until it has opened before using it.
    page.click(".navbar-toggler")
    expect(page.locator("#pw-nav")).to_have_class(re.compile(r"\bshow\b"))
    page.get_by_role("link", name="组织架构").click()
    tree_list = page.get_by_test_id("org-tree")
    expect(tree_list).to_contain_text("甲村党支部")
    expect(tree_list).not_to_contain_text("丙村党支部")
    page.screenshot(path=os.path.join(artifacts_dir, "foundation-tree-375.png"), full_page=True)

    tree_list.get_by_text("甲村党支部").click()
    expect(page.locator("h1")).to_contain_text("甲村党支部")
    expect(page.locator(".breadcrumb")).to_contain_text("一号乡党委")
    expect(page.get_by_test_id("org-children")).to_contain_text("甲村第一党小组")
    no_horizontal_scroll = fits_the_screen(page)
    assert no_horizontal_scroll
    page.screenshot(path=os.path.join(artifacts_dir, "foundation-branch-375.png"), full_page=True)

    page.click(".navbar-toggler")
    expect(page.locator("#pw-nav")).to_have_class(re.compile(r"\bshow\b"))
    page.get_by_role("button", name="赵书记").click()
    page.get_by_test_id("logout").click()
    expect(page.locator("h1")).to_contain_text("登录")
