"""Writes of the reports app: it only starts jobs (exports). Callers hold reports.view on the organisation."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from branches.scoping import has_perm_on
from partywork.jobs import job_start

from .drill import drill_for
from .exports import FIGURE_KIND, ROLLUP_KIND, ROLLUPS
from .periods import Period


def figure_export_start(*, user, org, figure: str, period: Period, today: datetime.date):
    """Queue the workbook of the records behind one figure of `org` for `period`, as read on `today`."""
    if drill_for(figure) is None:
        raise ValidationError(_("没有这项统计数字。"))
    params = {"figure": figure, "period": period.key, "today": today.isoformat()}
    return job_start(user=user, kind=FIGURE_KIND, organization=org, params=params)


def rollup_start(*, user, org, what: str, year: int, month: int, today: datetime.date):
    """Queue a roll-up workbook of `org` (one sheet per branch and a summary). The user needs the source app's
    read permission over `org` too."""
    if what not in ROLLUPS:
        raise ValidationError(_("没有这种汇总表。"))
    if not has_perm_on(user, ROLLUPS[what][1], org):
        raise ValidationError(_("您无权导出该组织的这类台账。"))
    params = {"what": what, "year": year, "month": month, "today": today.isoformat()}
    return job_start(user=user, kind=ROLLUP_KIND, organization=org, params=params)


def summary_refresh_start(*, user, org, period: Period) -> None:
    """Queue the recomputation of `org`'s stored dashboard figures for `period`, as `user` (who holds reports.view
    over `org`). Runs after the transaction commits; in the embedded default, at once."""
    from django.db import transaction

    from .summaries import uses_summary
    from .tasks import summaries_refresh_task

    if not uses_summary(org):
        raise ValidationError(_("该组织的统计随时计算，无需更新。"))
    transaction.on_commit(lambda: summaries_refresh_task.delay(org.pk, period.key, user.pk))
