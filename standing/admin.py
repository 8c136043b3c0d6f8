from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from partywork.adminsite import RulesAdmin

from .models import Assessment, CommitteeSeat, CommitteeTerm, Grade, Milestone, Rectification, WeaknessCriterion


class SeatInline(admin.TabularInline):
    model = CommitteeSeat
    extra = 0
    raw_id_fields = ("member",)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CommitteeTerm)
class CommitteeTermAdmin(SimpleHistoryAdmin):
    """Terms are recorded and approved on the app's pages; the admin lets the county correct a record."""

    list_display = ("branch", "elected_on", "term_years", "ends_on", "status", "approved_on")
    list_filter = ("status", "term_years")
    search_fields = ("branch__name", "branch__code")
    raw_id_fields = ("branch", "approved_by", "recorded_by")
    inlines = [SeatInline]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Grade)
class GradeAdmin(RulesAdmin):
    """The county's scale of grades (local practice): rows are never deleted; a new scale is added from a later
    year."""

    list_display = ("from_year", "rank", "name", "criteria")
    list_filter = ("from_year",)


@admin.register(Assessment)
class AssessmentAdmin(SimpleHistoryAdmin):
    list_display = ("branch", "year", "grade", "status", "assessed_on", "confirmed_on")
    list_filter = ("year", "status")
    search_fields = ("branch__name", "branch__code")
    raw_id_fields = ("branch", "proposed_by", "confirmed_by")

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(WeaknessCriterion)
class WeaknessCriterionAdmin(RulesAdmin):
    """The county's criteria for listing a branch as weak and lax (local practice): deactivated, never deleted."""

    list_display = ("order", "name", "is_active")
    list_editable = ("is_active",)
    list_display_links = ("name",)


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Rectification)
class RectificationAdmin(SimpleHistoryAdmin):
    list_display = ("branch", "listed_on", "leader_name", "status", "closed_on")
    list_filter = ("status",)
    search_fields = ("branch__name", "branch__code", "leader_name")
    raw_id_fields = ("branch", "listed_by", "closed_by")
    inlines = [MilestoneInline]

    def has_delete_permission(self, request, obj=None):
        return False
