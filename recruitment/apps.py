from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecruitmentConfig(AppConfig):
    name = "recruitment"
    verbose_name = _("发展党员")

    def ready(self):
        from members.panels import MemberPanel, register
        from partywork import jobs
        from partywork.reference_data import connect_defaults

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
        connect_defaults(self, ensure_defaults)
