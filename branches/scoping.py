"""The one entry point that answers "which organisations may this user touch for this permission".

Every list and every object lookup in every app starts here, so a guessed id outside the user's scope
is simply not found. Results are cached on the user object, which lives for one request.
"""

from dataclasses import dataclass

from django.db.models import Q

from .rules import RoleKind, permissions_for

_CACHE_ATTR = "_partywork_roles"


@dataclass(frozen=True)
class HeldRole:
    kind: str
    org_id: int
    org_path: str
    org_kind: str


def held_roles(user) -> list[HeldRole]:
    """The user's active roles on active organisations (one query, then cached for the request)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return []
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        from .models import Role

        cached = [
            HeldRole(kind, org_id, path, org_kind)
            for kind, org_id, path, org_kind in Role.objects.filter(
                user=user, is_active=True, organization__is_active=True
            ).values_list("kind", "organization_id", "organization__path", "organization__kind")
        ]
        setattr(user, _CACHE_ATTR, cached)
    return cached


def clear_scope_cache(user) -> None:
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def _minimal(paths: list[str]) -> list[str]:
    """Drop paths that lie inside another path of the list."""
    result: list[str] = []
    for path in sorted(set(paths)):
        if not any(path.startswith(kept) for kept in result):
            result.append(path)
    return result


def scope_paths(user, permission: str) -> list[str]:
    """Root paths of the subtrees in which the user holds `permission`."""
    return _minimal([r.org_path for r in held_roles(user) if permission in permissions_for(r.kind)])


def permissions_of(user) -> frozenset[str]:
    """Every permission the user holds somewhere: used for navigation, never for access to data."""
    perms: frozenset[str] = frozenset()
    for role in held_roles(user):
        perms |= permissions_for(role.kind)
    return perms


def scope_q(user, permission: str, field: str = "organization") -> Q:
    """A filter on a model whose `field` points at an Organization, limited to the user's scope.

    Use `field=""` for Organization itself."""
    from .models import subtree_q

    condition = Q(pk__in=[])
    for path in scope_paths(user, permission):
        condition |= subtree_q(path, field)
    return condition


def orgs_for(user, permission: str = "org.view"):
    """All organisations in which the user holds `permission`."""
    from .models import Organization

    return Organization.objects.filter(scope_q(user, permission, field=""))


def has_perm_on(user, permission: str, org) -> bool:
    return any(org.path.startswith(path) for path in scope_paths(user, permission))


def is_county_admin(user) -> bool:
    return any(r.kind == RoleKind.COUNTY_ADMIN for r in held_roles(user))


def roles_covering(user, org) -> list[HeldRole]:
    """The user's roles whose subtree contains `org`."""
    return [r for r in held_roles(user) if org.path.startswith(r.org_path)]
