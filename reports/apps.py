from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("统计报表")

    def ready(self):
        from partywork import jobs
        from partywork.home import HomeCard, register
        from partywork.plugins import DemoSeeder, NavEntry, demo_seeders, navigation
        from standing.evidence import EvidenceSource, evidence_sources

        from . import demo, standing_evidence
        from .exports import FIGURE_KIND, ROLLUP_KIND, run_figure_rows, run_rollup
        from .home import home_card_context

        navigation.register(NavEntry("reports", "reports/fragments/_nav.html", order=60))
        # After the other cards (the to-do list first), across the whole width.
        register(HomeCard("reports", "reports/fragments/_home_card.html", home_card_context, order=100, wide=True))
        evidence_sources.register(EvidenceSource("reports", standing_evidence.evidence))
        jobs.register(FIGURE_KIND, run_figure_rows, label=_("统计明细导出"))
        jobs.register(ROLLUP_KIND, run_rollup, label=_("汇总台账导出"))
        # Last: the county's figures are computed from everything the other demos built.
        demo_seeders.register(
            DemoSeeder("reports", demo.seed, after=("members", "movements", "meetings", "dues", "recruitment"))
        )
