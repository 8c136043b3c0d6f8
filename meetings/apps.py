from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("组织生活")

    def ready(self):
        from members.panels import MemberPanel, register
        from partywork import jobs
        from partywork.plugins import DemoSeeder, NavEntry, ReminderCheck, demo_seeders, navigation, reminder_checks
        from partywork.reference_data import connect_defaults

        from . import demo, reminders
        from .defaults import ensure_defaults
        from .exports import run_ledger_export
        from .panels import attendance_panel

        jobs.register("meetings.ledger", run_ledger_export, label=_("会议台账导出"))
        register(
            MemberPanel(
                key="meetings",
                title=_("组织生活"),
                template="meetings/fragments/_member_panel.html",
                context=attendance_panel,
                order=30,
            )
        )
        reminder_checks.register(ReminderCheck("meetings", reminders.due_reminders, order=30, catch_up=True))
        # The attendance grid marks mobile members, so the movements demo comes first.
        demo_seeders.register(DemoSeeder("meetings", demo.seed, after=("members", "movements")))
        navigation.register(NavEntry("meetings", "meetings/fragments/_nav.html", order=30))
        connect_defaults(self, ensure_defaults)
