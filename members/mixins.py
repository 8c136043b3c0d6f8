"""View mixins for pages about one member (the organisation mixins are in `branches/mixins.py`)."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404

from branches.selectors import org_ancestors

from .selectors import member_list


class MemberPermissionMixin(LoginRequiredMixin):
    """Loads `self.member` from the URL (`member_pk`) through the user's scope for `permission` before the
    view runs: outside it, 404. The page belongs to the member's branch (`org` and the breadcrumbs), unless
    `member_branch_is_page_org` is False (a page that takes its organisation from the URL instead).

    Placed after OrgPermissionMixin among the bases, `get_member_queryset` may use `self.org`."""

    permission = "members.view"
    member_url_kwarg = "member_pk"
    member_branch_is_page_org = True

    def get_member_queryset(self):
        return member_list(user=self.request.user, permission=self.permission)

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.member = get_object_or_404(self.get_member_queryset(), pk=kwargs[self.member_url_kwarg])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["member"] = self.member
        if self.member_branch_is_page_org:
            context["org"] = self.member.branch
            context["breadcrumbs"] = list(org_ancestors(org=self.member.branch))
        return context
