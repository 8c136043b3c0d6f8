from branches import rules
from branches.rules import OrgCategory, OrgKind, RoleKind


def test_tree_follows_the_organisation_ladder():
    """DOMAIN §1: county → township committee → (general branch) → branch → party group."""
    assert rules.can_hold(OrgKind.COUNTY, OrgKind.TOWNSHIP)
    assert rules.can_hold(OrgKind.TOWNSHIP, OrgKind.BRANCH)
    assert rules.can_hold(OrgKind.TOWNSHIP, OrgKind.GENERAL_BRANCH)
    assert rules.can_hold(OrgKind.GENERAL_BRANCH, OrgKind.BRANCH)
    assert rules.can_hold(OrgKind.BRANCH, OrgKind.GROUP)
    assert not rules.can_hold(OrgKind.BRANCH, OrgKind.BRANCH)
    assert not rules.can_hold(OrgKind.COUNTY, OrgKind.GROUP)
    assert rules.allowed_child_kinds(OrgKind.GROUP) == ()


def test_branch_regs_terms_village_and_community_five_years_others_three():
    assert rules.term_years(OrgCategory.VILLAGE) == 5
    assert rules.term_years(OrgCategory.COMMUNITY) == 5
    assert rules.term_years(OrgCategory.OFFICE) == 3
    assert rules.term_years(OrgCategory.SCHOOL) == 3


def test_reviewer_can_only_read():
    perms = rules.permissions_for(RoleKind.REVIEWER)
    assert "members.view" in perms
    assert not any(p.endswith((".write", ".manage", ".approve")) for p in perms)


def test_township_secretary_cannot_grant_county_or_township_secretary_roles():
    assert not rules.can_grant(RoleKind.TOWNSHIP_SECRETARY, RoleKind.COUNTY_ADMIN)
    assert not rules.can_grant(RoleKind.TOWNSHIP_SECRETARY, RoleKind.TOWNSHIP_SECRETARY)
    assert rules.can_grant(RoleKind.TOWNSHIP_SECRETARY, RoleKind.BRANCH_SECRETARY)
    assert not rules.can_grant(RoleKind.BRANCH_SECRETARY, RoleKind.BRANCH_ORGANIZER)


def test_roles_fit_their_level():
    assert rules.role_fits_org(RoleKind.BRANCH_SECRETARY, OrgKind.BRANCH)
    assert not rules.role_fits_org(RoleKind.BRANCH_SECRETARY, OrgKind.TOWNSHIP)
    assert not rules.role_fits_org(RoleKind.COUNTY_ADMIN, OrgKind.TOWNSHIP)
