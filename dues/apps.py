from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DuesConfig(AppConfig):
    name = "dues"
    verbose_name = _("党费")

    def ready(self):
        from partywork.reference_data import connect_defaults

        from . import exports, panels
        from .defaults import ensure_defaults

        panels.register_panels()
        exports.register_jobs()
        connect_defaults(self, ensure_defaults)
