from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class PartyWorkConfig(AppConfig):
    name = "partywork"
    default = True

    def ready(self):
        from . import checks  # noqa: F401  (registers the production key checks)
        from .localrules import ensure_defaults
        from .plugins import NavEntry, navigation
        from .reference_data import connect_defaults

        # The kernel's menu entries are declared here because `branches` imports no other app; their
        # templates stay in branches.
        navigation.register(NavEntry("organizations", "branches/fragments/_nav_tree.html", order=10))
        navigation.register(NavEntry("accounts", "branches/fragments/_nav_accounts.html", order=90))
        connect_defaults(self, ensure_defaults)


class PartyWorkAdminConfig(admin_apps.AdminConfig):
    """Django admin, with the site that lets in county administrators only."""

    default = False
    default_site = "partywork.adminsite.PartyWorkAdminSite"
