from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DuesConfig(AppConfig):
    name = "dues"
    verbose_name = _("党费")

    def ready(self):
        from . import exports, panels

        panels.register_panels()
        exports.register_jobs()
