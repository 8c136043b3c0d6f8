"""View mixins of the dues pages (the organisation and member mixins they build on are in branches/mixins.py
and members/mixins.py)."""

import datetime

from django.utils import timezone

from branches.mixins import OrgPermissionMixin, PermissionAnywhereMixin
from members.mixins import MemberPermissionMixin

from . import selectors


class BranchMixin(OrgPermissionMixin):
    """Pages about members' dues need an organisation that holds members."""

    def get_org_queryset(self):
        return super().get_org_queryset().branches()


class MemberInBranchMixin(BranchMixin, MemberPermissionMixin):
    """A member who has belonged to the branch in the URL (a transferred member's old months stay payable):
    the branch comes through the scope, the member through the branch's memberships; 404 otherwise."""

    member_branch_is_page_org = False

    def get_member_queryset(self):
        ever = (datetime.date(1900, 1, 1), datetime.date(2999, 12, 31))
        return selectors.members_of_branch(self.org, *ever).select_related("branch")


class MemberCardMixin(PermissionAnywhereMixin, MemberPermissionMixin):
    """The dues card of a member the user may see the dues of, for the year of ?year= (this year by default)."""

    permission = "dues.view"
    member_branch_is_page_org = False

    def get_year(self):
        try:
            year = int(self.request.GET.get("year") or timezone.localdate().year)
        except ValueError:
            year = timezone.localdate().year
        return min(max(year, 2000), 2100)
