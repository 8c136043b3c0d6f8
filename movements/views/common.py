"""What the transfer and the mobile-member views share: the entry organisation, the member from the URL."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from branches.mixins import PermissionAnywhereMixin
from branches.scoping import orgs_for
from branches.selectors import org_ancestors
from members.models import Member
from members.selectors import member_get


def top_org(user):
    """The widest organisation the user may see members of (the entry pages open its list)."""
    org = orgs_for(user, "members.view").order_by("depth", "path").first()
    if org is None:
        raise PermissionDenied
    return org


class MemberActionMixin(PermissionAnywhereMixin):
    """Loads the member from the URL through the user's members.write scope (404 outside it)."""

    permission = "members.write"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        try:
            self.member = member_get(user=request.user, pk=kwargs["member_pk"], permission="members.write")
        except Member.DoesNotExist as error:
            raise Http404 from error
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            member=self.member,
            org=self.member.branch,
            breadcrumbs=list(org_ancestors(org=self.member.branch)),
        )
        return context
