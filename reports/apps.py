from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("统计报表")

    def ready(self):
        from partywork.plugins import NavEntry, navigation

        navigation.register(NavEntry("reports", "reports/fragments/_nav.html", order=60))
