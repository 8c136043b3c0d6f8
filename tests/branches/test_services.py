import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from branches import services
from branches.audit import history_entries
from branches.models import Organization, Role
from branches.rules import OrgKind, RoleKind


def test_org_create_places_child_under_parent_and_audits(world, township_secretary):
    branch = services.org_create(
        parent=world.t1, by=township_secretary, name="丁村党支部", code="C0103", kind=OrgKind.BRANCH, category="village"
    )
    assert Organization.objects.get_parent(branch) == world.t1
    assert Organization.objects.filter(path__startswith=world.t1.path).count() == 5
    entry = history_entries(branch)[0]
    assert entry.who == township_secretary


def test_org_create_refuses_a_kind_that_does_not_fit_the_parent(world, county_admin):
    """DOMAIN §1: a party group belongs to a branch, not directly to a township."""
    with pytest.raises(ValidationError) as error:
        services.org_create(parent=world.t1, by=county_admin, name="错组", code="X1", kind=OrgKind.GROUP)
    assert "kind" in error.value.error_dict
    assert not Organization.objects.filter(code="X1").exists()


def test_org_code_is_unique(world, county_admin):
    with pytest.raises(ValidationError):
        services.org_create(parent=world.t1, by=county_admin, name="重复", code="C0101", kind=OrgKind.BRANCH)


def test_deactivate_refuses_while_active_children_remain(world, county_admin):
    with pytest.raises(ValidationError):
        services.org_deactivate(org=world.b1, by=county_admin, on=datetime.date(2026, 1, 1), reason="合并")
    world.b1.refresh_from_db()
    assert world.b1.is_active


def test_deactivate_keeps_the_row_and_records_why(world, county_admin):
    services.org_deactivate(org=world.g1, by=county_admin, on=datetime.date(2026, 1, 1), reason="党小组合并")
    world.g1.refresh_from_db()
    assert not world.g1.is_active
    assert world.g1.deactivation_reason == "党小组合并"
    changes = {c.field: c.new for c in history_entries(world.g1)[0].changes}
    assert changes["有效"] == "否"


def test_township_secretary_creates_branch_account(world, township_secretary):
    user = services.user_create(
        by=township_secretary,
        username="newsec",
        full_name="新书记",
        phone="",
        password="Long-enough-pass-2026",
        org=world.b2,
        kind=RoleKind.BRANCH_SECRETARY,
    )
    role = Role.objects.get(user=user)
    assert role.organization == world.b2
    assert role.granted_by == township_secretary


def test_nobody_grants_outside_their_scope(world, township_secretary, outsider):
    with pytest.raises(PermissionDenied):
        services.role_grant(by=township_secretary, user=outsider, org=world.b3, kind=RoleKind.BRANCH_SECRETARY)


def test_nobody_grants_above_their_rank(world, township_secretary, branch_secretary):
    with pytest.raises(PermissionDenied):
        services.role_grant(
            by=township_secretary, user=branch_secretary, org=world.t1, kind=RoleKind.TOWNSHIP_SECRETARY
        )
    with pytest.raises(ValidationError):
        services.role_grant(by=township_secretary, user=branch_secretary, org=world.t1, kind=RoleKind.COUNTY_ADMIN)


def test_branch_secretary_cannot_create_accounts(world, branch_secretary):
    with pytest.raises(PermissionDenied):
        services.user_create(
            by=branch_secretary,
            username="x",
            full_name="x",
            phone="",
            password="Long-enough-pass-2026",
            org=world.b1,
            kind=RoleKind.BRANCH_ORGANIZER,
        )


@pytest.mark.parametrize(
    "password",
    ["short-pw-1", "password123456", "branchsec2026x", "123456789012345"],
    ids=["under-12", "common", "similar-to-username", "numeric"],
)
def test_account_password_rules(world, township_secretary, password):
    with pytest.raises(ValidationError) as error:
        services.user_create(
            by=township_secretary,
            username="branchsec2026",
            full_name="某人",
            phone="",
            password=password,
            org=world.b2,
            kind=RoleKind.BRANCH_SECRETARY,
        )
    assert "password1" in error.value.error_dict
    assert not Role.objects.filter(user__username="branchsec2026").exists()


def test_revoke_keeps_the_row_and_ends_access(world, township_secretary, branch_secretary):
    role = branch_secretary.roles.get()
    services.role_revoke(by=township_secretary, role=role)
    role.refresh_from_db()
    assert not role.is_active and role.revoked_at
    from branches.scoping import orgs_for

    assert not orgs_for(branch_secretary, "org.view").exists()
    with pytest.raises(ValidationError):
        services.role_revoke(by=township_secretary, role=role)


def test_disable_account(world, township_secretary, branch_secretary):
    services.user_set_active(by=township_secretary, user=branch_secretary, active=False)
    branch_secretary.refresh_from_db()
    assert not branch_secretary.is_active


def test_cannot_disable_account_with_role_above_own_rank(world, township_secretary, county_admin):
    with pytest.raises(PermissionDenied):
        services.user_set_active(by=township_secretary, user=county_admin, active=False)


def test_history_names_related_objects(world, county_admin, branch_secretary):
    from tests.factories import MemberFactory

    member = MemberFactory(branch=world.b1)
    from members.services import member_update

    member_update(by=branch_secretary, member=member, group=world.g1)
    change = {c.field: c for c in history_entries(member)[0].changes}["所在党小组"]
    assert change.old == "—" and change.new == "甲村第一党小组"
