from django.db import models
from django.utils.translation import gettext_lazy as _

from branches.models import Organization


class Summary(models.Model):
    """The figures of one organisation's dashboard for one period, computed by a background job (nightly and on
    demand) where computing them on every request would be too slow (the county: 25 townships, 500 branches,
    25,000 members). One row per (organisation, period), replaced by each run: running the job twice changes
    nothing but the time it was computed."""

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="report_summaries", verbose_name=_("党组织")
    )
    period = models.CharField(_("统计期间"), max_length=10)  # 2026-03, 2026Q1 or 2026
    computed_on = models.DateField(_("统计日"))
    computed_at = models.DateTimeField(_("计算时间"))
    data = models.JSONField(_("统计数据"))

    class Meta:
        verbose_name = _("统计汇总")
        verbose_name_plural = _("统计汇总")
        constraints = [models.UniqueConstraint(fields=["organization", "period"], name="summary_once_per_period")]

    def __str__(self):
        return f"{self.organization} {self.period}"
