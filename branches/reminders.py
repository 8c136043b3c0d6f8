"""What a reminder check returns. Each app's `reminders.py` has `due_reminders(*, today)` yielding these;
notices delivers them (apps below notices never import it)."""

from dataclasses import dataclass

from .models import Organization, Role
from .rules import RoleKind


@dataclass(frozen=True)
class Reminder:
    recipient: object  # a User
    kind: str  # e.g. "dues_arrears_3"
    subject_key: str  # what it is about, e.g. "member:12"
    period: str  # e.g. "2026-11" or "2026Q4": one reminder per key and period, ever
    title: str
    body: str = ""
    url: str = ""
    organization: Organization | None = None


BRANCH_ROLES = (RoleKind.BRANCH_SECRETARY, RoleKind.BRANCH_ORGANIZER)
TOWNSHIP_ROLES = (RoleKind.TOWNSHIP_SECRETARY, RoleKind.TOWNSHIP_ORGANIZER)


def role_holders(kinds) -> list[Role]:
    """Active roles of the given kinds held by active users, with user and organisation (one query). Match
    them to an organisation with `role.organization.path` as a prefix of the organisation's path."""
    return list(
        Role.objects.filter(kind__in=kinds, is_active=True, user__is_active=True, organization__is_active=True)
        .select_related("user", "organization")
        .order_by("pk")
    )


def holders_over(org: Organization, roles: list[Role]) -> list:
    """The users among `roles` whose organisation contains `org`."""
    return [role.user for role in roles if org.path.startswith(role.organization.path)]
