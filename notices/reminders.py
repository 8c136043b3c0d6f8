"""The reminder jobs: each finds what is late or missing and notifies the people who can act on it.

Later apps' checks (meetings compliance, dues arrears...) are added to REMINDERS in the same shape."""

import datetime

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _

from branches.models import Organization, Role
from branches.rules import OrgKind, RoleKind

from .services import notification_create

BRANCH_WORK_ROLES = (RoleKind.BRANCH_SECRETARY, RoleKind.BRANCH_ORGANIZER)
TOWNSHIP_ROLES = (RoleKind.TOWNSHIP_SECRETARY, RoleKind.TOWNSHIP_ORGANIZER)


def remind_branches_without_accounts(*, today: datetime.date) -> int:
    """Active branches where nobody can log in to record their work: tell the township above, once a month."""
    staffed = Role.objects.filter(
        organization=OuterRef("pk"), kind__in=BRANCH_WORK_ROLES, is_active=True, user__is_active=True
    )
    branches = list(
        Organization.objects.filter(kind__in=(OrgKind.BRANCH, OrgKind.GENERAL_BRANCH), is_active=True)
        .annotate(staffed=Exists(staffed))
        .filter(staffed=False)
        .order_by("path")
    )
    if not branches:
        return 0
    township_roles = list(
        Role.objects.filter(
            kind__in=TOWNSHIP_ROLES, is_active=True, user__is_active=True, organization__is_active=True
        ).select_related("user", "organization")
    )
    period = today.strftime("%Y-%m")
    created = 0
    for branch in branches:
        for role in township_roles:
            if not branch.path.startswith(role.organization.path):
                continue
            _notification, was_created = notification_create(
                recipient=role.user,
                kind="branch_without_account",
                subject_key=f"org:{branch.pk}",
                period=period,
                organization=branch,
                title=_("%(name)s 尚无支部书记或组织委员账号") % {"name": branch.name},
                body=_("该支部目前没有可登录的支部书记或组织委员账号，无法按时登记组织生活和党费。请为其新建账号。"),
                url=reverse("branches:organization_detail", kwargs={"org_pk": branch.pk}),
            )
            created += was_created
    return created


REMINDERS = [remind_branches_without_accounts]


def reminders_run(*, today: datetime.date) -> int:
    """Run every reminder check; safe to run any number of times a day."""
    return sum(check(today=today) for check in REMINDERS)
