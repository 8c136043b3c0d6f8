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
        from branches.scoping import is_county_admin

        user = request.user
        return user.is_active and user.is_staff and (user.is_superuser or is_county_admin(user))


class RulesAdmin(SimpleHistoryAdmin):
    """Local rules are the county administrator's to edit (role permission `rules.manage`), whatever Django's
    model permissions say; rows are never deleted, a new version is added from a later year instead."""

    def _manages(self, request) -> bool:
        return request.user.is_superuser or "rules.manage" in permissions_of(request.user)

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
