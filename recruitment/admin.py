from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import RuleSet, Target


@admin.register(RuleSet)
class RuleSetAdmin(SimpleHistoryAdmin):
    """The county's administrators change the procedure's parameters, or add those of a new year."""

    list_display = ["applies_from", "application_to_activist_months", "political_review_valid_months", "source"]


@admin.register(Target)
class TargetAdmin(SimpleHistoryAdmin):
    list_display = ["organization", "year", "new_members", "new_activists"]
    list_filter = ["year"]
    exclude = ["set_by"]

    def save_model(self, request, obj, form, change):
        obj.set_by = request.user
        super().save_model(request, obj, form, change)
