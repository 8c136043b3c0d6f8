"""The dues card (党员一本通) on the member's page."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from branches.scoping import has_perm_on
from members.panels import MemberPanel, register

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


def register_panels() -> None:
    register(
        MemberPanel(
            key="dues",
            title=_("党费（党员一本通）"),
            template="dues/fragments/_member_panel.html",
            context=dues_panel_context,
            order=40,
        )
    )
