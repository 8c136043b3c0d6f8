from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import DuesBracket, DuesParameters


class DuesBracketInline(admin.TabularInline):
    model = DuesBracket
    extra = 0


@admin.register(DuesParameters)
class DuesParametersAdmin(SimpleHistoryAdmin):
    """The calculation in force from a year on: administrators add a new version for a new year (the farmer
    amount is set by the province); the ledger itself is never edited here."""

    list_display = ("year_from", "farmer_amount", "minimal_amount", "note")
    inlines = [DuesBracketInline]
