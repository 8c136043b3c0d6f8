from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    name = "notices"
    verbose_name = _("提醒")

    def ready(self):
        from partywork.home import HomeCard, register
        from partywork.plugins import ReminderCheck, reminder_checks
        from partywork.reference_data import connect_defaults

        from .defaults import ensure_defaults
        from .reminders import branches_without_accounts
        from .selectors import home_card_context

        register(HomeCard("notices", "notices/fragments/_home_card.html", home_card_context, order=10))
        reminder_checks.register(ReminderCheck("notices", branches_without_accounts, order=10))
        connect_defaults(self, ensure_defaults)
