from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from branches.scoping import permissions_of

from .models import ComplianceRule, MeetingStandard


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


@admin.register(ComplianceRule)
class ComplianceRuleAdmin(RulesAdmin):
    list_display = (
        "kind",
        "period",
        "min_count",
        "min_full_members",
        "per_group",
        "by_secretary",
        "applies_from",
        "is_active",
    )
    list_filter = ("kind", "period", "is_active")


@admin.register(MeetingStandard)
class MeetingStandardAdmin(RulesAdmin):
    list_display = ("applies_from", "late_entry_days", "due_soon_days", "remote_min_sessions", "remote_min_hours")
