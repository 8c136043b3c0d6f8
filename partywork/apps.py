from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class PartyWorkConfig(AppConfig):
    name = "partywork"
    default = True


class PartyWorkAdminConfig(admin_apps.AdminConfig):
    """Django admin, with the site that lets in county administrators only."""

    default = False
    default_site = "partywork.admin.PartyWorkAdminSite"
