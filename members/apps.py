from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("党员")

    def ready(self):
        from partywork.plugins import optional_module

        # The roster export job must be registered wherever jobs run (web process and worker).
        optional_module("members.exports")
