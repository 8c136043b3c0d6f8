"""The tree queries on Organization's queryset and subtree_q, on the test county (tests/factories.py)."""

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce

from branches.models import Organization, subtree_q
from branches.rules import ALLOWED_CHILDREN, BRANCH_KINDS, MEMBER_HOLDING_KINDS, TOWNSHIP_KINDS, OrgKind, RoleKind
from members.models import Member
from tests.factories import MemberFactory, OrganizationFactory, RoleFactory, UserFactory


def codes(queryset) -> set[str]:
    return set(queryset.values_list("code", flat=True))


def test_kind_tuples_name_each_level_once():
    """DOMAIN §1: a general branch works as a branch, a grassroots committee sits at the township's level."""
    assert set(BRANCH_KINDS) == {OrgKind.BRANCH, OrgKind.GENERAL_BRANCH}
    assert set(TOWNSHIP_KINDS) == {OrgKind.TOWNSHIP, OrgKind.COMMITTEE}
    assert MEMBER_HOLDING_KINDS == BRANCH_KINDS
    assert ALLOWED_CHILDREN[OrgKind.COUNTY] == (OrgKind.TOWNSHIP, OrgKind.COMMITTEE)
    assert ALLOWED_CHILDREN[OrgKind.TOWNSHIP] == (OrgKind.COMMITTEE, OrgKind.GENERAL_BRANCH, OrgKind.BRANCH)


def test_subtree_holds_the_organisation_and_everything_under_it(world):
    assert codes(Organization.objects.subtree(world.t1)) == {"C01", "C0101", "C0102", "C010101"}
    assert codes(Organization.objects.subtree(world.t1, include_self=False)) == {"C0101", "C0102", "C010101"}
    assert codes(Organization.objects.subtree(world.g1)) == {"C010101"}
    assert not Organization.objects.subtree(world.g1, include_self=False).exists()


def test_subtree_takes_a_path_too(world):
    assert codes(Organization.objects.subtree(world.t2.path)) == {"C02", "C0201", "C020101"}
    assert codes(Organization.objects.subtree(world.t2.path, include_self=False)) == {"C0201", "C020101"}


def test_children_are_one_level_down_only(world):
    assert codes(Organization.objects.children_of(world.t1)) == {"C0101", "C0102"}
    assert codes(Organization.objects.children_of(world.county)) == {"C01", "C02"}
    assert not Organization.objects.children_of(world.g1).exists()


def test_ancestors_run_from_the_top(world):
    assert list(Organization.objects.ancestors_of(world.g1).values_list("code", flat=True)) == ["C", "C01", "C0101"]
    assert not Organization.objects.ancestors_of(world.county).exists()


def test_kind_filters(world):
    committee = OrganizationFactory(parent=world.county, code="C03", kind=OrgKind.COMMITTEE)
    general = OrganizationFactory(parent=committee, code="C0301", kind=OrgKind.GENERAL_BRANCH)
    assert codes(Organization.objects.branches()) == {"C0101", "C0102", "C0201", general.code}
    assert codes(Organization.objects.townships()) == {"C01", "C02", committee.code}
    assert codes(Organization.objects.groups()) == {"C010101", "C020101"}


def test_inactive_organisations_stay_unless_active_is_asked_for(world):
    world.b2.is_active = False
    world.b2.save()
    assert codes(Organization.objects.subtree(world.t1).branches()) == {"C0101", "C0102"}
    assert codes(Organization.objects.subtree(world.t1).branches().active()) == {"C0101"}


def test_tree_queries_chain_after_the_scope(world):
    """The scoped entry point returns the same queryset, so the tree queries narrow it further."""
    user = UserFactory()
    RoleFactory(user=user, organization=world.t1, kind=RoleKind.TOWNSHIP_SECRETARY)
    scoped = Organization.objects.visible_to(user)
    assert codes(scoped.subtree(world.county).groups()) == {"C010101"}
    assert not scoped.subtree(world.t2).exists()


def test_subtree_q_follows_a_foreign_key(world):
    inside = MemberFactory(branch=world.b1)
    MemberFactory(branch=world.b3)
    assert list(Member.objects.filter(subtree_q(world.t1, "branch"))) == [inside]
    assert list(Member.objects.filter(subtree_q(world.t1.path, "branch"))) == [inside]


def test_subtree_q_takes_an_outer_reference(world):
    """As in a subquery per organisation: how many members lie under each township."""
    MemberFactory(branch=world.b1)
    MemberFactory(branch=world.b2)
    MemberFactory(branch=world.b3)
    inner = (
        Member.objects.filter(subtree_q(OuterRef("path"), "branch"))
        .order_by()
        .values("sex")
        .annotate(n=Count("pk"))
        .values("n")
    )
    counted = Organization.objects.townships().annotate(n=Coalesce(Subquery(inner, output_field=IntegerField()), 0))
    assert dict(counted.values_list("code", "n")) == {"C01": 2, "C02": 1}
