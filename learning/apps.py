from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "learning"
    verbose_name = _("学习培训")

    def ready(self):
        from members.panels import MemberPanel
        from members.panels import register as register_panel
        from partywork.plugins import DemoSeeder, NavEntry, ReminderCheck, demo_seeders, navigation, reminder_checks

        from . import demo, panels, reminders

        register_panel(
            MemberPanel(
                key="learning",
                title=_("学习培训"),
                template="learning/fragments/_member_panel.html",
                context=panels.hours_panel,
                order=35,
            )
        )
        reminder_checks.register(ReminderCheck("learning", reminders.due_reminders, order=45))
        # Remote-education viewings count as study hours, so the meetings demo comes first.
        demo_seeders.register(DemoSeeder("learning", demo.seed, after=("members", "movements", "meetings")))
        navigation.register(NavEntry("learning", "learning/fragments/_nav.html", order=45))
