"""Data quality page (issue 3 §8): each check finds what it should, within the scope, in bounded queries."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from members.models import Member, MemberPost
from members.quality import quality_report
from tests.factories import MemberFactory, OrganizationFactory

from .conftest import bulk_members

TODAY = datetime.date(2026, 6, 1)


def test_id_that_disagrees_with_birth_date_or_sex_is_listed_domain_8(world):
    MemberFactory(branch=world.b1, name="正常")
    wrong = MemberFactory(branch=world.b1, name="错生日")
    Member.objects.filter(pk=wrong.pk).update(birth_date=datetime.date(1901, 1, 1), sex="F")
    report = quality_report(org=world.t1, today=TODAY)
    assert [(m.name, fields) for m, fields in report["id_mismatches"]] == [("错生日", ["出生日期", "性别"])]


def test_same_name_and_birth_date_are_possible_duplicates(world):
    birth = datetime.date(1970, 3, 3)
    MemberFactory(branch=world.b1, name="王芳", birth_date=birth, sex="F")
    MemberFactory(branch=world.b2, name="王芳", birth_date=birth, sex="F")
    MemberFactory(branch=world.b2, name="王芳", birth_date=datetime.date(1971, 3, 3), sex="F")
    report = quality_report(org=world.t1, today=TODAY)
    assert [(m.name, m.branch) for m in report["duplicates"]] == [("王芳", world.b1), ("王芳", world.b2)]


def test_missing_phone_group_or_work_unit_and_address(world):
    complete = MemberFactory(branch=world.b1, group=world.g1, address="一社")
    no_phone = MemberFactory(branch=world.b1, group=world.g1, address="一社", phone="")
    no_group = MemberFactory(branch=world.b1, address="一社")
    no_place = MemberFactory(branch=world.b1, group=world.g1)
    missing = quality_report(org=world.b1, today=TODAY)["missing"]
    assert complete not in missing and {no_phone, no_group, no_place} <= set(missing)


def test_branches_with_fewer_than_3_full_members_branch_regs(world):
    for _ in range(3):
        MemberFactory(branch=world.b1)
    MemberFactory(branch=world.b2)
    MemberFactory(branch=world.b2, status="probationary")
    small = quality_report(org=world.t1, today=TODAY)["small_branches"]
    assert [(b, b.full_members) for b in small] == [(world.b2, 1)]


def test_party_groups_with_fewer_than_3_members_branch_regs(world):
    MemberFactory(branch=world.b1, group=world.g1)
    MemberFactory(branch=world.b1, group=world.g1)
    groups = quality_report(org=world.t1, today=TODAY)["small_groups"]
    assert [(g, g.member_count) for g in groups] == [(world.g1, 2)]
    MemberFactory(branch=world.b1, group=world.g1)
    assert quality_report(org=world.t1, today=TODAY)["small_groups"] == []


def test_branches_without_a_secretary_and_for_how_long(world):
    world.b2.founded_on = datetime.date(2026, 1, 1)
    world.b2.save()
    sec = MemberFactory(branch=world.b1)
    MemberPost.objects.create(
        member=sec, organization=world.b1, post="secretary", started_on=datetime.date(2020, 1, 1),
        ended_on=datetime.date(2026, 2, 1),
    )  # fmt: skip
    vacancies = {v.branch: (v.since, v.days) for v in quality_report(org=world.t1, today=TODAY)["vacancies"]}
    assert vacancies == {world.b1: (datetime.date(2026, 2, 1), 120), world.b2: (datetime.date(2026, 1, 1), 151)}
    MemberPost.objects.create(member=sec, organization=world.b1, post="secretary", started_on=datetime.date(2026, 3, 1))
    assert [v.branch for v in quality_report(org=world.t1, today=TODAY)["vacancies"]] == [world.b2]


def test_quality_page_stays_in_scope_and_is_bounded(world, township_secretary, outsider, client_for):
    MemberFactory(branch=world.b3, name="外乡人", phone="")
    branches = [OrganizationFactory(parent=world.t1, name=f"村{i}党支部", code=f"C01{i:02d}") for i in range(10, 30)]

    client = client_for(township_secretary)

    def count():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/members/org/{world.t1.pk}/quality/")
        assert response.status_code == 200 and "外乡人" not in response.content.decode()
        return len(queries)

    bulk_members(branches[:2], 2)
    small = count()
    bulk_members(branches, 60, start=100)
    assert count() == small
    assert client_for(outsider).get(f"/members/org/{world.t1.pk}/quality/").status_code == 404


def test_quality_page_shows_ids_masked(world, branch_secretary, client_for):
    birth = datetime.date(1970, 3, 3)
    twins = [MemberFactory(branch=world.b1, name="王芳", birth_date=birth, sex="F", phone="") for _ in range(2)]
    html = client_for(branch_secretary).get(f"/members/org/{world.b1.pk}/quality/").content.decode()
    for member in twins:
        assert member.id_number_masked in html and member.id_number not in html
