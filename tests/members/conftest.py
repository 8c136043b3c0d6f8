"""Fixtures for the roster tests: workbooks built through the one workbook writer, and big rolls built fast."""

import datetime

import pytest

from members.models import Member, Membership
from members.rules import make_id_number
from members.workbook import HEADERS
from partywork.dates import add_years
from partywork.xlsx import Sheet, write_workbook


def roster_row(*, name="张三", birth=datetime.date(1985, 6, 15), sex="男", sequence=7, branch="", **overrides):
    """A good roster row as a secretary would type it (labels, not codes)."""
    row = {
        "所在党支部": branch,
        "姓名": name,
        "性别": sex,
        "民族": "汉族",
        "出生日期": birth,
        "身份证号码": make_id_number(
            region="620102", birth_date=birth, sequence=sequence, sex="M" if sex == "男" else "F"
        ),
        "联系电话": "13912345678",
        "学历": "高中、中技",
        "职业": "农牧渔民",
        "工作单位及职务": "",
        "家庭住址": "甲村一社",
        "党员类别": "正式党员",
        "入党日期": datetime.date(2010, 7, 1),
        "转正日期": datetime.date(2011, 7, 1),
        "党小组": "",
    }
    row.update(overrides)
    return [row[header] for header in HEADERS]


def workbook(rows, headers=None) -> bytes:
    return write_workbook([Sheet(title="党员花名册", headers=headers or HEADERS, rows=rows)])


def many_rows(count, *, start=0, branch=""):
    """`count` distinct good rows: each person a different birth date, so a different ID number."""
    base = datetime.date(1950, 1, 1)
    return [
        roster_row(name=f"党员{index}", birth=base + datetime.timedelta(days=index), sequence=index % 90, branch=branch)
        for index in range(start, start + count)
    ]


def bulk_members(branches, per_branch, *, groups=None, start=0):
    """Many valid members fast (bulk insert), for query-count tests on large rolls."""
    members = []
    base = datetime.date(1950, 1, 1)
    index = start
    for branch in branches:
        for _ in range(per_branch):
            birth = base + datetime.timedelta(days=index * 3)
            member = Member(
                branch=branch,
                group=(groups or {}).get(branch.pk),
                sex="M" if index % 3 else "F",
                birth_date=birth,
                education="high_school",
                occupation="farmer",
                status="full",
                joined_on=add_years(birth, 25),
                confirmed_on=add_years(birth, 26),
            )
            member.set_name(f"测试{index}")
            member.set_id_number(make_id_number(region="620102", birth_date=birth, sequence=index % 90, sex=member.sex))
            member.set_phone(f"139{index:08d}")
            members.append(member)
            index += 1
    created = Member.objects.bulk_create(members, batch_size=500)
    Membership.objects.bulk_create(
        [Membership(member=m, organization_id=m.branch_id, started_on=m.joined_on) for m in created], batch_size=500
    )
    return created


@pytest.fixture
def people(world, county_admin, township_secretary, branch_secretary, branch_organizer, reviewer, outsider):
    from types import SimpleNamespace

    return SimpleNamespace(
        world=world,
        county_admin=county_admin,
        township_secretary=township_secretary,
        branch_secretary=branch_secretary,
        branch_organizer=branch_organizer,
        reviewer=reviewer,
        outsider=outsider,
    )
