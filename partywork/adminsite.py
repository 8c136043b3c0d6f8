from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from branches.scoping import permissions_of


class PartyWorkAdminSite(admin.AdminSite):
    """Django admin is for the county organisation department's administrators only."""

    site_header = _("党建工作管理平台 · 系统管理")
    site_title = _("党建工作管理平台")
    index_title = _("系统管理")

    def has_permission(self, request):
        """The county administrator role only (no superuser way in), and only after the second factor,
        whatever the development setting says (issue 15, finding 8)."""
        from branches.scoping import is_county_admin
        from branches.twofactor import is_verified

        user = request.user
        return user.is_active and user.is_staff and is_county_admin(user) and is_verified(request)

    def login(self, request, extra_context=None):
        """The admin has no login form of its own: everyone signs in through the site's login (throttled,
        second factor), then comes back; a county administrator not yet verified goes to the code page."""
        from django.contrib.auth.views import redirect_to_login
        from django.shortcuts import redirect
        from django.urls import reverse
        from django.utils.http import urlencode

        from branches.scoping import is_county_admin

        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.GET.get("next") or reverse("admin:index"))
        if self.has_permission(request):
            return redirect("admin:index")
        if is_county_admin(user):
            return redirect(f"{reverse('otp_verify')}?{urlencode({'next': reverse('admin:index')})}")
        return redirect("home")


class RulesAdmin(SimpleHistoryAdmin):
    """Local rules are the county administrator's to edit (role permission `rules.manage`), whatever Django's
    model permissions say; rows are never deleted, a new version is added from a later year instead."""

    def _manages(self, request) -> bool:
        return "rules.manage" in permissions_of(request.user)

    def has_module_permission(self, request):
        return self._manages(request)

    def has_view_permission(self, request, obj=None):
        return self._manages(request)

    def has_add_permission(self, request):
        return self._manages(request)

    def has_change_permission(self, request, obj=None):
        return self._manages(request)

    def has_delete_permission(self, request, obj=None):
        return False
