from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ComplianceRule, MeetingStandard


@admin.register(ComplianceRule)
class ComplianceRuleAdmin(SimpleHistoryAdmin):
    """The county administrator edits the frequencies here (the admin site admits only them)."""

    list_display = ("kind", "period", "min_count", "min_full_members", "per_group", "applies_from", "is_active")
    list_filter = ("kind", "period", "is_active")


@admin.register(MeetingStandard)
class MeetingStandardAdmin(SimpleHistoryAdmin):
    list_display = ("applies_from", "late_entry_days", "due_soon_days", "remote_min_sessions", "remote_min_hours")
