"""Reads of the organisation tree and accounts, always starting from the user's scope."""

from django.db.models import Count, Prefetch, Q
from django.db.models.functions import Substr

from .models import Organization, Role, User
from .rules import OrgKind
from .scoping import orgs_for, scope_q


def _with_descendant_counts(orgs: list[Organization]) -> list[Organization]:
    """Set `branch_count` and `group_count` (active descendants) on each organisation.

    Counting is done in the database, grouped by path prefix, one query per tree level and kind: a
    correlated LIKE subquery per row cannot use the path index and was slow at county scale."""
    depths = sorted({org.depth for org in orgs})
    counts: dict[tuple[str, str], int] = {}
    for kind in (OrgKind.BRANCH, OrgKind.GROUP):
        for depth in depths:
            rows = (
                Organization.objects.filter(kind=kind, is_active=True, depth__gt=depth)
                .annotate(prefix=Substr("path", 1, Organization.steplen * depth))
                .order_by()
                .values("prefix")
                .annotate(n=Count("pk"))
                .values_list("prefix", "n")
            )
            counts.update({(kind, prefix): n for prefix, n in rows})
    for org in orgs:
        org.branch_count = counts.get((OrgKind.BRANCH, org.path), 0)
        org.group_count = counts.get((OrgKind.GROUP, org.path), 0)
    return orgs


def org_tree(*, user, root: Organization | None = None, include_inactive: bool = False) -> list[Organization]:
    """Organisations the user may see, in tree order, each with its count of branches and party groups
    beneath it. Party groups themselves are left out: they are listed on their branch's page."""
    qs = orgs_for(user, "org.view").exclude(kind=OrgKind.GROUP)
    if root is not None:
        qs = qs.subtree(root)
    if not include_inactive:
        qs = qs.filter(is_active=True)
    return _with_descendant_counts(list(qs.order_by("path")))


def org_children(*, user, org: Organization) -> list[Organization]:
    children = orgs_for(user, "org.view").children_of(org)
    return _with_descendant_counts(list(children.order_by("-is_active", "path")))


def org_ancestors(*, org: Organization):
    """Breadcrumbs: the path of the organisation is its ancestry, so this is one query."""
    return Organization.objects.ancestors_of(org).order_by("depth")


def org_roles(*, org: Organization):
    return (
        Role.objects.filter(organization=org, is_active=True).select_related("user").order_by("kind", "user__username")
    )


def user_list(*, user, search: str = ""):
    """Accounts holding (or having held) a role inside the user's accounts.manage scope."""
    users = User.objects.filter(pk__in=Role.objects.filter(scope_q(user, "accounts.manage")).values("user_id"))
    if search:
        users = users.filter(Q(username__icontains=search) | Q(full_name__icontains=search))
    return users.prefetch_related(
        Prefetch(
            "roles",
            queryset=Role.objects.filter(is_active=True).select_related("organization").order_by("organization__path"),
            to_attr="active_roles",
        )
    ).order_by("username")


def user_get(*, user, pk: int) -> User:
    return user_list(user=user).get(pk=pk)


def role_get(*, user, pk: int) -> Role:
    return Role.objects.filter(scope_q(user, "accounts.manage")).select_related("organization", "user").get(pk=pk)


def manageable_orgs(*, user):
    """Organisations the user may edit: anything under org.manage, and party groups under org.groups."""
    return Organization.objects.filter(
        scope_q(user, "org.manage", field="") | (scope_q(user, "org.groups", field="") & Q(kind=OrgKind.GROUP))
    )


def creatable_child_kinds(*, user, parent: Organization) -> list[str]:
    """Kinds of organisation the user may create under `parent`."""
    from .rules import allowed_child_kinds
    from .scoping import has_perm_on

    allowed = list(allowed_child_kinds(parent.kind))
    if has_perm_on(user, "org.manage", parent):
        return allowed
    if has_perm_on(user, "org.groups", parent):
        return [k for k in allowed if k == OrgKind.GROUP]
    return []


def grantable_role_kinds(*, user, org: Organization) -> list[str]:
    """Roles the user may grant on `org`: never above their own scope or rank."""
    from .rules import RoleKind, can_grant, permissions_for, role_fits_org
    from .scoping import roles_covering

    granting = [r.kind for r in roles_covering(user, org) if "accounts.manage" in permissions_for(r.kind)]
    return [k for k in RoleKind.values if role_fits_org(k, org.kind) and any(can_grant(g, k) for g in granting)]


def role_grant_orgs(*, user):
    """Organisations on which the user may grant some role (party groups hold no roles)."""
    return orgs_for(user, "accounts.manage").filter(is_active=True).exclude(kind=OrgKind.GROUP).order_by("path")


def user_roles(*, user):
    """The user's own active roles, for the home page."""
    return (
        Role.objects.filter(user=user, is_active=True, organization__is_active=True)
        .select_related("organization")
        .order_by("organization__path")
    )
