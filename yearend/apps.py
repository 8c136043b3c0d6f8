from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class YearendConfig(AppConfig):
    name = "yearend"
    verbose_name = _("年终统计")

    def ready(self):
        from partywork import jobs
        from reports.actions import DashboardAction, dashboard_actions

        from .exports import SUMMARY_KIND, WORKBOOK_KIND, run_summary, run_workbook

        jobs.register(WORKBOOK_KIND, run_workbook, label=_("党内统计年报"))
        jobs.register(SUMMARY_KIND, run_summary, label=_("年度党建工作总结初稿"))
        dashboard_actions.register(DashboardAction("yearend", "yearend/fragments/_dashboard_action.html", order=10))
