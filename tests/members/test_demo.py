"""The demo county's members (issue 3 §9): believable, valid, deterministic and idempotent."""

import io

import pytest
from django.utils import timezone

from branches import demo as branches_demo
from branches.models import Organization
from members import demo
from members.models import Lifecycle, Member, MemberPost
from members.quality import quality_report
from members.rules import id_birth_date, id_number_errors, id_sex

pytestmark = pytest.mark.dates


def _seed():
    result = branches_demo.seed(password="Demo-Password-2026")
    demo.seed({**result, "today": timezone.localdate(), "password": "x", "stdout": io.StringIO()})
    return result


def test_demo_members_are_believable_and_valid(db):
    _seed()
    members = list(Member.objects.select_related("branch"))
    assert 330 <= len(members) <= 380
    per_branch = {}
    for member in members:
        per_branch[member.branch.code] = per_branch.get(member.branch.code, 0) + 1
        number = member.id_number
        assert id_number_errors(number, today=timezone.localdate()) == []
        assert id_birth_date(number) == member.birth_date and id_sex(number) == member.sex
    villages = [n for code, n in per_branch.items() if code not in ("QS0105", "QS0106", "QS0303")]
    assert len(per_branch) == 12 and all(15 <= n <= 60 for n in villages)
    women = sum(m.sex == "F" for m in members) / len(members)
    minorities = sum(m.ethnicity != "汉族" for m in members) / len(members)
    probationary = sum(m.status == "probationary" for m in members) / len(members)
    assert 0.2 <= women <= 0.4 and 0.05 <= minorities <= 0.25 and 0.01 <= probationary <= 0.10
    assert {m.ethnicity for m in members} <= {"汉族", "回族", "藏族", "东乡族"}
    assert Member.objects.filter(lifecycle=Lifecycle.LOST_CONTACT).exists()
    assert Member.objects.filter(lifecycle=Lifecycle.DECEASED).exists()
    assert Member.objects.filter(group__isnull=False).count() > 0.9 * len(members)
    assert Member.objects.get(name="孙志强").branch.code == "QS0101"


def test_every_branch_but_one_has_a_secretary(db):
    _seed()
    county = Organization.objects.get(code="QS")
    vacancies = quality_report(org=county, today=timezone.localdate())["vacancies"]
    assert [v.branch.code for v in vacancies] == [demo.NO_SECRETARY]
    assert MemberPost.objects.filter(post="organization").count() == 12


def test_demo_is_deterministic_and_idempotent(db):
    _seed()
    first = sorted(Member.objects.values_list("name", "birth_date", "id_number_hash"))
    posts = MemberPost.objects.count()
    _seed()
    assert sorted(Member.objects.values_list("name", "birth_date", "id_number_hash")) == first
    assert MemberPost.objects.count() == posts
