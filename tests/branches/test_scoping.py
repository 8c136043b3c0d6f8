from branches.models import Organization
from branches.scoping import has_perm_on, orgs_for, scope_paths
from tests.factories import RoleFactory


def test_township_secretary_sees_exactly_their_township_subtree(world, township_secretary):
    visible = set(orgs_for(township_secretary, "org.view"))
    assert visible == {world.t1, world.b1, world.b2, world.g1}


def test_branch_secretary_sees_only_their_branch_and_its_groups(world, branch_secretary):
    assert set(Organization.objects.visible_to(branch_secretary)) == {world.b1, world.g1}
    assert not has_perm_on(branch_secretary, "org.view", world.b2)
    assert not has_perm_on(branch_secretary, "org.view", world.t1)


def test_scope_is_the_union_of_roles(world, branch_secretary):
    RoleFactory(user=branch_secretary, organization=world.b3)
    branch_secretary.__dict__.pop("_partywork_roles", None)
    assert set(orgs_for(branch_secretary, "org.view")) == {world.b1, world.g1, world.b3, world.g3}


def test_nested_roles_collapse_to_one_prefix(world, township_secretary):
    RoleFactory(user=township_secretary, organization=world.b1)
    township_secretary.__dict__.pop("_partywork_roles", None)
    assert scope_paths(township_secretary, "org.view") == [world.t1.path]


def test_inactive_role_and_inactive_user_see_nothing(world, branch_secretary):
    branch_secretary.roles.update(is_active=False)
    branch_secretary.__dict__.pop("_partywork_roles", None)
    assert not orgs_for(branch_secretary, "org.view").exists()


def test_permission_is_per_role_kind(world, reviewer):
    assert orgs_for(reviewer, "org.view").count() == Organization.objects.count()
    assert not orgs_for(reviewer, "members.write").exists()


def test_anonymous_sees_nothing(db):
    from django.contrib.auth.models import AnonymousUser

    assert not orgs_for(AnonymousUser(), "org.view").exists()
