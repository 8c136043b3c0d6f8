from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MovementsConfig(AppConfig):
    name = "movements"
    verbose_name = _("组织关系转接与流动党员")

    def ready(self):
        from members.panels import MemberPanel
        from members.panels import register as register_panel
        from partywork.plugins import DemoSeeder, NavEntry, ReminderCheck, demo_seeders, navigation, reminder_checks

        from . import demo, panels, reminders

        register_panel(
            MemberPanel(
                key="transfers",
                title=_("组织关系转接"),
                template="movements/fragments/_panel_transfers.html",
                context=panels.transfers_context,
                order=40,
            )
        )
        register_panel(
            MemberPanel(
                key="mobile",
                title=_("流动党员"),
                template="movements/fragments/_panel_mobile.html",
                context=panels.mobile_context,
                order=45,
            )
        )
        # Marks members lost contact (失联) before the other checks look at the roll.
        reminder_checks.register(ReminderCheck("movements", reminders.due_reminders, order=20, job="mobile_contact"))
        demo_seeders.register(DemoSeeder("movements", demo.seed, after=("members",)))
        # Inside the 党员管理 dropdown: the transfer list and the mobile-member roll.
        navigation.register(NavEntry("movements", "movements/fragments/_nav.html", order=20, parent="members"))
