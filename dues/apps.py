from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DuesConfig(AppConfig):
    name = "dues"
    verbose_name = _("党费")

    def ready(self):
        from members.panels import MemberPanel
        from members.panels import register as register_panel
        from partywork import jobs
        from partywork.plugins import DemoSeeder, NavEntry, ReminderCheck, demo_seeders, navigation, reminder_checks
        from partywork.reference_data import connect_defaults

        from . import demo, exports, panels, reminders
        from .defaults import ensure_defaults

        register_panel(
            MemberPanel(
                key="dues",
                title=_("党费（党员一本通）"),
                template="dues/fragments/_member_panel.html",
                context=panels.dues_panel_context,
                order=40,
            )
        )
        jobs.register("dues.member_card", exports.run_member_card, label=_("党员一本通导出"))
        jobs.register("dues.register", exports.run_register, label=_("党费收缴登记表导出"))
        jobs.register("dues.publication", exports.run_publication, label=_("党费收缴公示表导出"))
        reminder_checks.register(ReminderCheck("dues", reminders.due_reminders, order=40))
        # Who owes a month follows the branch history, so transfers are in place before dues are collected.
        demo_seeders.register(DemoSeeder("dues", demo.seed, after=("members", "movements")))
        navigation.register(NavEntry("dues", "dues/fragments/_nav.html", order=40))
        connect_defaults(self, ensure_defaults)
