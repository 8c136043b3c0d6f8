from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class PartyWorkConfig(AppConfig):
    name = "partywork"
    default = True

    def ready(self):
        from .localrules import ensure_defaults
        from .reference_data import connect_defaults

        connect_defaults(self, ensure_defaults)


class PartyWorkAdminConfig(admin_apps.AdminConfig):
    """Django admin, with the site that lets in county administrators only."""

    default = False
    default_site = "partywork.adminsite.PartyWorkAdminSite"
