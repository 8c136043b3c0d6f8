"""The admin site's permissions come from the county administrator role, not from a superuser flag or
Django's per-model permissions (issue 15, finding 8): revoking the role takes them away."""

from .scoping import is_county_admin


class CountyAdminRoleBackend:
    """Grants every model permission to an active user holding the county administrator role. Authenticates
    nobody (the password is ModelBackend's), so it only answers permission questions."""

    def authenticate(self, request, **credentials):
        return None

    def get_user(self, user_id):
        return None

    def has_perm(self, user_obj, perm, obj=None):
        return user_obj.is_active and is_county_admin(user_obj)

    def has_module_perms(self, user_obj, app_label):
        return user_obj.is_active and is_county_admin(user_obj)
