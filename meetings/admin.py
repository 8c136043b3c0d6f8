from django.contrib import admin

from partywork.adminsite import RulesAdmin

from .models import ComplianceRule, MeetingStandard


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
