"""The view side of scoping: every view that takes an organisation from the URL goes through here."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from .scoping import orgs_for, permissions_of
from .selectors import org_ancestors


class OrgPermissionMixin(LoginRequiredMixin):
    """Loads `self.org` from the URL through the user's scope for `permission`: outside it, 404."""

    permission = "org.view"
    org_url_kwarg = "org_pk"

    def get_org_queryset(self):
        return orgs_for(self.request.user, self.permission)

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.org = get_object_or_404(self.get_org_queryset(), pk=kwargs[self.org_url_kwarg])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["org"] = self.org
        context["breadcrumbs"] = list(org_ancestors(org=self.org))
        return context


class PermissionAnywhereMixin(LoginRequiredMixin):
    """For pages without an organisation in the URL: the user needs `permission` on some organisation,
    and the page's own queries are scoped by the selectors."""

    permission = "org.view"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if self.permission not in permissions_of(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
