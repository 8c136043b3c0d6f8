from django.contrib import admin
from django.utils.translation import gettext_lazy as _


class PartyWorkAdminSite(admin.AdminSite):
    """Django admin is for the county organisation department's administrators only."""

    site_header = _("党建工作管理平台 · 系统管理")
    site_title = _("党建工作管理平台")
    index_title = _("系统管理")

    def has_permission(self, request):
        from branches.scoping import is_county_admin

        user = request.user
        return user.is_active and user.is_staff and (user.is_superuser or is_county_admin(user))
