from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecruitmentConfig(AppConfig):
    name = "recruitment"
    verbose_name = _("发展党员")

    def ready(self):
        from members.panels import MemberPanel, register
        from partywork import jobs
        from partywork.plugins import DemoSeeder, NavEntry, ReminderCheck, demo_seeders, navigation, reminder_checks
        from partywork.reference_data import connect_defaults

        from . import demo, reminders
        from .defaults import ensure_defaults
        from .exports import KIND, run_ledger_export
        from .panels import member_panel_context

        jobs.register(KIND, run_ledger_export, label=_("发展党员台账导出"))
        register(
            MemberPanel(
                key="recruitment",
                title=_("发展党员档案"),
                template="recruitment/fragments/_member_panel.html",
                context=member_panel_context,
                order=40,
            )
        )
        reminder_checks.register(ReminderCheck("recruitment", reminders.due_reminders, order=50, job="weekly"))
        # Last: the people it admits join the rolls the meetings and dues demos were built from.
        demo_seeders.register(DemoSeeder("recruitment", demo.seed, after=("members", "meetings", "dues")))
        navigation.register(NavEntry("recruitment", "recruitment/fragments/_nav.html", order=50))
        connect_defaults(self, ensure_defaults)
