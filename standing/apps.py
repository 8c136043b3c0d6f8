from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StandingConfig(AppConfig):
    name = "standing"
    verbose_name = _("支部建设")

    def ready(self):
        from partywork.plugins import DemoSeeder, NavEntry, ReminderCheck, demo_seeders, navigation, reminder_checks
        from partywork.reference_data import connect_defaults

        from . import demo, reminders
        from .defaults import ensure_defaults

        connect_defaults(self, ensure_defaults)
        reminder_checks.register(ReminderCheck("standing", reminders.due_reminders, order=70))
        demo_seeders.register(DemoSeeder("standing", demo.seed, after=("members", "meetings", "dues", "recruitment")))
        navigation.register(NavEntry("standing", "standing/fragments/_nav.html", order=55))
