"""Pure rules of the organisation tree and of roles (DOMAIN §1). No ORM here."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrgKind(models.TextChoices):
    COUNTY = "county", _("县委")
    TOWNSHIP = "township", _("乡镇党委")
    COMMITTEE = "committee", _("基层党委")
    GENERAL_BRANCH = "general_branch", _("党总支")
    BRANCH = "branch", _("党支部")
    GROUP = "group", _("党小组")


class OrgCategory(models.TextChoices):
    VILLAGE = "village", _("农村")
    COMMUNITY = "community", _("社区")
    OFFICE = "office", _("机关")
    SCHOOL = "school", _("学校")
    ENTERPRISE = "enterprise", _("企业")
    OTHER = "other", _("其他")


# The kinds grouped as the code asks for them; every other module names these tuples, never its own.
# Branches: a general branch (党总支) works as a branch and may hold members of its own.
BRANCH_KINDS = (OrgKind.GENERAL_BRANCH, OrgKind.BRANCH)
# Townships: a township party committee, or a grassroots committee at the same level (基层党委).
TOWNSHIP_KINDS = (OrgKind.TOWNSHIP, OrgKind.COMMITTEE)
# Organisations that hold members directly are exactly the branches.
MEMBER_HOLDING_KINDS = BRANCH_KINDS

# Which kinds of organisation may stand directly under which (DOMAIN §1: county → township committee →
# general branch (optional) → branch → party group; village party committees sit under a township).
ALLOWED_CHILDREN: dict[str, tuple[str, ...]] = {
    OrgKind.COUNTY: TOWNSHIP_KINDS,
    OrgKind.TOWNSHIP: (OrgKind.COMMITTEE, *BRANCH_KINDS),
    OrgKind.COMMITTEE: BRANCH_KINDS,
    OrgKind.GENERAL_BRANCH: (OrgKind.BRANCH,),
    OrgKind.BRANCH: (OrgKind.GROUP,),
    OrgKind.GROUP: (),
}

# Branch Regs: a branch needs at least 3 full members; with 7 or more it elects a committee.
BRANCH_MIN_FULL_MEMBERS = 3
BRANCH_COMMITTEE_MIN_FULL_MEMBERS = 7
# Branch Regs: a party group has at least 3 members, including at least 1 full member.
GROUP_MIN_MEMBERS = 3
# Branch Regs: terms of office, village and community branches 5 years, all others 3.
TERM_YEARS = {OrgCategory.VILLAGE: 5, OrgCategory.COMMUNITY: 5}
DEFAULT_TERM_YEARS = 3


def allowed_child_kinds(parent_kind: str) -> tuple[str, ...]:
    return ALLOWED_CHILDREN.get(parent_kind, ())


def can_hold(parent_kind: str, child_kind: str) -> bool:
    return child_kind in allowed_child_kinds(parent_kind)


def term_years(category: str) -> int:
    """Branch Regs art. 11: village and community branch committees serve 5 years, others 3."""
    return TERM_YEARS.get(category, DEFAULT_TERM_YEARS)


class RoleKind(models.TextChoices):
    COUNTY_ADMIN = "county_admin", _("县委组织部管理员")
    TOWNSHIP_SECRETARY = "township_secretary", _("乡镇党委书记")
    TOWNSHIP_ORGANIZER = "township_organizer", _("乡镇组织委员")
    BRANCH_SECRETARY = "branch_secretary", _("党支部书记")
    BRANCH_ORGANIZER = "branch_organizer", _("支部组织委员")
    REVIEWER = "reviewer", _("只读查阅")


# Permissions are plain strings "<area>.<action>". A role grants its set on its organisation and
# everything under it.
VIEW = frozenset(
    {
        "org.view",
        "members.view",
        "meetings.view",
        "dues.view",
        "recruitment.view",
        "reports.view",
        "audit.view",
        "learning.view",
    }
)
BRANCH_WORK = frozenset({"members.write", "meetings.write", "dues.write", "recruitment.write", "learning.write"})
# Heart-to-heart talk notes (谈心谈话) are for the branch committee and the committees above, never for a
# read-only reviewer (issue 17).
TALK_NOTES = frozenset({"learning.talk_notes"})
ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    RoleKind.COUNTY_ADMIN: VIEW
    | BRANCH_WORK
    | TALK_NOTES
    | frozenset(
        {
            "org.manage",
            "accounts.manage",
            "members.view_sensitive",
            "dues.approve",
            "dues.remit",
            "recruitment.approve",
            "rules.manage",
            "records.correct",
            "members.discipline",
            "standing.manage",
            "standing.confirm",
        }
    ),
    RoleKind.TOWNSHIP_SECRETARY: VIEW
    | BRANCH_WORK
    | TALK_NOTES
    | frozenset(
        {
            "org.manage",
            "accounts.manage",
            "members.view_sensitive",
            "dues.approve",
            "dues.remit",
            "recruitment.approve",
            "records.correct",
            "members.discipline",
            "standing.manage",
        }
    ),
    RoleKind.TOWNSHIP_ORGANIZER: VIEW
    | BRANCH_WORK
    | TALK_NOTES
    | frozenset({"members.view_sensitive", "dues.remit", "records.correct", "members.discipline", "standing.manage"}),
    RoleKind.BRANCH_SECRETARY: VIEW
    | BRANCH_WORK
    | TALK_NOTES
    | frozenset({"members.view_sensitive", "dues.remit", "org.groups"}),
    RoleKind.BRANCH_ORGANIZER: VIEW
    | TALK_NOTES
    | frozenset({"meetings.write", "dues.write", "dues.remit", "learning.write"}),
    RoleKind.REVIEWER: VIEW,
}

# The organisation kinds each role may be held on.
ROLE_ORG_KINDS: dict[str, tuple[str, ...]] = {
    RoleKind.COUNTY_ADMIN: (OrgKind.COUNTY,),
    RoleKind.TOWNSHIP_SECRETARY: TOWNSHIP_KINDS,
    RoleKind.TOWNSHIP_ORGANIZER: TOWNSHIP_KINDS,
    RoleKind.BRANCH_SECRETARY: BRANCH_KINDS,
    RoleKind.BRANCH_ORGANIZER: BRANCH_KINDS,
    RoleKind.REVIEWER: (OrgKind.COUNTY, *TOWNSHIP_KINDS, *BRANCH_KINDS),
}

# Which roles a holder of a role may grant (always only within the subtree of the granting role).
GRANTABLE: dict[str, tuple[str, ...]] = {
    RoleKind.COUNTY_ADMIN: tuple(RoleKind.values),
    RoleKind.TOWNSHIP_SECRETARY: (
        RoleKind.TOWNSHIP_ORGANIZER,
        RoleKind.BRANCH_SECRETARY,
        RoleKind.BRANCH_ORGANIZER,
        RoleKind.REVIEWER,
    ),
}


def permissions_for(role_kind: str) -> frozenset[str]:
    return ROLE_PERMISSIONS.get(role_kind, frozenset())


def role_fits_org(role_kind: str, org_kind: str) -> bool:
    return org_kind in ROLE_ORG_KINDS.get(role_kind, ())


def can_grant(granter_kind: str, role_kind: str) -> bool:
    return role_kind in GRANTABLE.get(granter_kind, ())
