from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("党员")

    def ready(self):
        from partywork import jobs
        from partywork.plugins import DemoSeeder, NavEntry, demo_seeders, navigation

        from . import demo, exports

        # Registered wherever jobs run (web process and worker).
        jobs.register(exports.KIND, exports.run_roster_export, label=_("党员花名册导出"))
        demo_seeders.register(DemoSeeder("members", demo.seed))
        # The 党员管理 dropdown; the movements app adds its pages inside it (parent="members").
        navigation.register(NavEntry("members", "members/fragments/_nav.html", order=20))
