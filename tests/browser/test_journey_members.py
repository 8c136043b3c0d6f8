"""A branch secretary on a phone imports the roster from Excel: one bad row is shown and nothing is written;
the fixed file imports, and the new member is found by pinyin initials."""

import os
import re

import pytest
from playwright.sync_api import expect

from branches.rules import RoleKind
from members.models import Member
from tests.browser.screen import fits_the_screen
from tests.factories import RoleFactory, UserFactory, county_tree
from tests.members.conftest import roster_row, workbook

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_secretary_imports_a_roster_fixes_a_bad_row_and_finds_the_member(
    live_server, page, login, artifacts_dir, tmp_path
):
    tree = county_tree()
    RoleFactory(
        user=UserFactory(username="jc_sec", full_name="甲村书记"),
        organization=tree["b1"],
        kind=RoleKind.BRANCH_SECRETARY,
    )
    good = [roster_row(name="张小三", 党小组="甲村第一党小组"), roster_row(name="李四", sequence=8)]
    bad = [good[0], roster_row(name="李四", sequence=8, 性别="未知")]
    bad_file, fixed_file = tmp_path / "花名册.xlsx", tmp_path / "花名册-改正.xlsx"
    bad_file.write_bytes(workbook(bad))
    fixed_file.write_bytes(workbook(good))

    login("jc_sec")
    page.click(".navbar-toggler")
    expect(page.locator("#pw-nav")).to_have_class(re.compile(r"\bshow\b"))
    page.get_by_role("button", name="党员管理").click()
    page.get_by_role("link", name="党员花名册").click()
    expect(page.locator("h1")).to_contain_text("党员花名册")
    page.get_by_test_id("import-link").click()

    page.set_input_files("input[type=file]", str(bad_file))
    page.get_by_role("button", name="上传并预览").click()
    errors = page.get_by_test_id("import-errors")
    expect(errors).to_contain_text("第3行，性别：“未知”不在可选项中（男、女）")
    expect(page.get_by_test_id("import-commit")).to_have_count(0)
    page.screenshot(path=os.path.join(artifacts_dir, "members-import-error-375.png"), full_page=True)
    assert Member.objects.count() == 0

    page.get_by_role("link", name="重新上传").click()
    page.set_input_files("input[type=file]", str(fixed_file))
    page.get_by_role("button", name="上传并预览").click()
    expect(page.get_by_test_id("import-summary")).to_contain_text("新增 2")
    page.get_by_test_id("import-commit").click()
    expect(page.locator(".alert-success")).to_contain_text("新增 2 人")
    assert Member.objects.count() == 2

    page.get_by_test_id("roster-search").fill("zxs")
    page.get_by_role("button", name="搜索").click()
    roster = page.get_by_test_id("roster")
    expect(roster).to_contain_text("张小三")
    expect(roster).not_to_contain_text("李四")
    assert fits_the_screen(page)
    page.screenshot(path=os.path.join(artifacts_dir, "members-roster-375.png"), full_page=True)

    roster.get_by_role("link", name="张小三").click()
    expect(page.locator("h1")).to_contain_text("张小三")
    details = page.get_by_test_id("member-details")
    expect(details).to_contain_text("6201")
    expect(details).not_to_contain_text(roster_row()[5])
    page.screenshot(path=os.path.join(artifacts_dir, "members-file-375.png"), full_page=True)
