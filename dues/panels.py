"""The dues card (党员一本通) on the member's page (registered in DuesConfig.ready())."""

from django.utils import timezone

from branches.scoping import has_perm_on

from . import selectors


def dues_panel_context(request, member) -> dict | None:
    """This year's card for users who may see the branch's dues; hidden for others. Bounded queries."""
    if not has_perm_on(request.user, "dues.view", member.branch):
        return None
    return {
        "member_pk": member.pk,
        "rows": selectors.member_card(member=member, year=timezone.localdate().year),
        "paid_until": selectors.dues_paid_until(member),
    }
