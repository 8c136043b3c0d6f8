from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from simple_history.admin import SimpleHistoryAdmin
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from .models import Organization, Role, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin, SimpleHistoryAdmin):
    fieldsets = (*DjangoUserAdmin.fieldsets, ("PartyWork", {"fields": ("full_name", "phone")}))
    list_display = ("username", "full_name", "is_active", "is_staff")
    search_fields = ("username", "full_name")


@admin.register(Organization)
class OrganizationAdmin(TreeAdmin, SimpleHistoryAdmin):
    form = movenodeform_factory(Organization)
    list_display = ("name", "kind", "category", "code", "is_active")
    list_filter = ("kind", "category", "is_active")
    search_fields = ("name", "code")


@admin.register(Role)
class RoleAdmin(SimpleHistoryAdmin):
    list_display = ("user", "kind", "organization", "is_active", "granted_at")
    list_filter = ("kind", "is_active")
    search_fields = ("user__username", "user__full_name", "organization__name")
    raw_id_fields = ("user", "organization", "granted_by")
