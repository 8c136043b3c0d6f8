"""Registrations of the project app's own models in 系统管理."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .adminsite import RulesAdmin
from .models import LocalRules


@admin.register(LocalRules)
class LocalRulesAdmin(RulesAdmin):
    """The county administrator edits the local rules here; a change from a later date is a new version."""

    list_display = ("effective_from", "basis", "correction_window_days", "dues_collection_day", "mobile_contact_day")
    fieldsets = (
        (None, {"fields": ("effective_from", "basis")}),
        (
            _("组织关系转接与流动党员"),
            {
                "fields": (
                    "transfer_validity_days_same_city",
                    "transfer_validity_days_outside",
                    "transfer_validity_max_months",
                    "return_slip_months",
                    "mobile_contact_months",
                    "mobile_contact_day",
                    "mobile_lost_contact_months",
                )
            },
        ),
        (
            _("提醒与更正"),
            {
                "fields": (
                    "due_soon_days",
                    "dues_collection_day",
                    "recruitment_window_days",
                    "correction_window_days",
                    "secretary_vacancy_months",
                )
            },
        ),
    )
