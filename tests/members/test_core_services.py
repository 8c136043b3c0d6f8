import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from branches.audit import history_entries
from members import services
from members.models import SENSITIVE_FIELDS, Lifecycle, Member, SensitiveAccess
from members.rules import make_id_number
from tests.clock import on_day
from tests.factories import MemberFactory

# Lifecycle changes and transfers here are dated up to 2026-05-01: the clock is pinned after them.
pytestmark = on_day(datetime.date(2026, 6, 17))


def _data(**overrides):
    birth = datetime.date(1985, 6, 15)
    data = {
        "name": "张三",
        "sex": "M",
        "ethnicity": "汉族",
        "birth_date": birth,
        "id_number": make_id_number(region="620102", birth_date=birth, sequence=7, sex="M"),
        "phone": "13912345678",
        "education": "bachelor",
        "occupation": "farmer",
        "status": "full",
        "joined_on": datetime.date(2010, 7, 1),
        "confirmed_on": datetime.date(2011, 7, 1),
    }
    return {**data, **overrides}


def test_create_encrypts_at_rest_and_indexes_pinyin(world, branch_secretary):
    member = services.member_create(by=branch_secretary, branch=world.b1, **_data())
    assert member.name_initials == "zs" and member.id_number_masked.startswith("6201")
    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number_cipher, phone_cipher FROM members_member WHERE id = %s", [member.pk])
        id_cipher, phone_cipher = cursor.fetchone()
    assert _data()["id_number"] not in id_cipher and "13912345678" not in phone_cipher
    assert Member.objects.get(pk=member.pk).id_number == _data()["id_number"]
    assert member.memberships.get().organization == world.b1


def test_same_person_cannot_be_in_two_branches(world, branch_secretary, county_admin):
    services.member_create(by=branch_secretary, branch=world.b1, **_data())
    with pytest.raises(ValidationError) as error:
        services.member_create(by=county_admin, branch=world.b3, **_data(name="张叁"))
    assert "id_number" in error.value.error_dict
    assert Member.objects.count() == 1


@pytest.mark.parametrize(
    "overrides,field",
    [
        ({"birth_date": datetime.date(1985, 6, 16)}, "birth_date"),
        ({"sex": "F"}, "sex"),
        ({"joined_on": datetime.date(2002, 1, 1), "confirmed_on": datetime.date(2003, 1, 1)}, "joined_on"),
        ({"confirmed_on": datetime.date(2011, 6, 30)}, "confirmed_on"),
        ({"status": "probationary"}, "confirmed_on"),
        ({"confirmed_on": None}, "confirmed_on"),
        ({"phone": "12345"}, "phone"),
        ({"joined_on": datetime.date(2099, 1, 1)}, "joined_on"),
    ],
    ids=[
        "birth-disagrees",
        "sex-disagrees",
        "under-18-at-joining",
        "probation-under-a-year",
        "probationary-confirmed",
        "full-without-confirmation",
        "bad-phone",
        "future-joining",
    ],
)
def test_member_rules_refuse_and_write_nothing(world, branch_secretary, overrides, field):
    with pytest.raises(ValidationError) as error:
        services.member_create(by=branch_secretary, branch=world.b1, **_data(**overrides))
    assert field in error.value.error_dict
    assert not Member.objects.exists()


def test_members_belong_to_branches_not_townships(world, county_admin):
    with pytest.raises(ValidationError) as error:
        services.member_create(by=county_admin, branch=world.t1, **_data())
    assert "branch" in error.value.error_dict


def test_group_must_be_of_the_branch(world, branch_secretary):
    with pytest.raises(ValidationError):
        services.member_create(by=branch_secretary, branch=world.b1, group=world.g3, **_data())
    member = services.member_create(by=branch_secretary, branch=world.b1, group=world.g1, **_data())
    assert member.group == world.g1


def test_update_is_audited_without_revealing_sensitive_values(world, branch_secretary):
    member = services.member_create(by=branch_secretary, branch=world.b1, **_data())
    services.member_update(by=branch_secretary, member=member, phone="13800000000", work_unit="红岭村委会")
    entry = history_entries(member, hidden=SENSITIVE_FIELDS)[0]
    assert entry.who == branch_secretary
    fields = {c.field: c for c in entry.changes}
    assert fields["工作单位及职务"].new == "红岭村委会"
    assert fields["联系电话"].new == "138****0000"
    shown = [
        value for e in history_entries(member, hidden=SENSITIVE_FIELDS) for c in e.changes for value in (c.old, c.new)
    ]
    assert not any("13800000000" in value or "13912345678" in value for value in shown)


def test_lifecycle_change_keeps_event_and_closes_membership(world, branch_secretary):
    member = MemberFactory(branch=world.b1)
    services.member_set_lifecycle(
        by=branch_secretary, member=member, state=Lifecycle.DECEASED, on=datetime.date(2026, 3, 1), reason="病故"
    )
    member.refresh_from_db()
    assert member.lifecycle == Lifecycle.DECEASED
    assert member.lifecycle_events.get().reason == "病故"
    assert member.memberships.get().ended_on == datetime.date(2026, 3, 1)


def test_move_keeps_branch_history(world, county_admin):
    member = MemberFactory(branch=world.b1, group=world.g1)
    services.member_move(
        by=county_admin, member=member, to_branch=world.b3, on=datetime.date(2026, 5, 1), reason="县内转接"
    )
    member.refresh_from_db()
    assert member.branch == world.b3 and member.group is None
    assert [m.organization for m in member.memberships.all()] == [world.b1, world.b3]


def test_reveal_is_logged(world, branch_secretary):
    member = MemberFactory(
        branch=world.b1,
        id_number=make_id_number(region="620102", birth_date=datetime.date(1970, 1, 1), sequence=1, sex="M"),
        birth_date=datetime.date(1970, 1, 1),
    )
    with pytest.raises(ValidationError):
        services.member_reveal(by=branch_secretary, member=member, reason=" ")
    clear = services.member_reveal(by=branch_secretary, member=member, reason="办理转接")
    assert clear["id_number"].startswith("620102")
    assert SensitiveAccess.objects.get().reason == "办理转接"


def test_scoped_member_queries(world, branch_secretary, township_secretary, outsider):
    mine = MemberFactory(branch=world.b1)
    other = MemberFactory(branch=world.b3)
    assert list(Member.objects.visible_to(branch_secretary)) == [mine]
    assert set(Member.objects.visible_to(township_secretary)) == {mine}
    assert list(Member.objects.visible_to(outsider)) == [other]
