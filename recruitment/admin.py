from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from branches.scoping import permissions_of
from partywork.adminsite import RulesAdmin

from .models import RuleSet, Target, WorkCalendarDay, WorkCalendarYear


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


class WorkCalendarDayInline(admin.TabularInline):
    """The days of a year's arrangement; a mistyped day may be deleted (the history keeps it)."""

    model = WorkCalendarDay
    extra = 3
    fields = ["day", "kind", "name"]

    def _manages(self, request) -> bool:
        return request.user.is_superuser or "rules.manage" in permissions_of(request.user)

    def has_view_permission(self, request, obj=None):
        return self._manages(request)

    def has_add_permission(self, request, obj=None):
        return self._manages(request)

    def has_change_permission(self, request, obj=None):
        return self._manages(request)

    def has_delete_permission(self, request, obj=None):
        return self._manages(request)


@admin.register(WorkCalendarYear)
class WorkCalendarYearAdmin(RulesAdmin):
    """Issue 10 item 14: the county administrator enters a year's official holidays and adjusted working days
    from the State Council's notice; they take precedence over the chinesecalendar library for that year."""

    list_display = ["year", "source"]
    inlines = [WorkCalendarDayInline]
