"""Writes of the year-end app: it only starts jobs. Callers hold reports.view on the organisation."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from branches.scoping import has_perm_on
from partywork.jobs import job_start
from reports.tree import PERMISSION

from .exports import SUMMARY_KIND, WORKBOOK_KIND
from .tables import as_of

KINDS = {"workbook": WORKBOOK_KIND, "summary": SUMMARY_KIND}


def yearend_start(*, user, org, year: int, what: str, today: datetime.date):
    """Queue the year-end workbook (or summary draft) of `org` for `year`, as read on `today`."""
    if what not in KINDS:
        raise ValidationError(_("没有这种年终材料。"))
    if not has_perm_on(user, PERMISSION, org):
        raise ValidationError(_("您无权查看该组织的统计。"))
    as_of(year, today)  # a year not begun is refused here, before a job is queued
    params = {"year": year, "today": today.isoformat()}
    return job_start(user=user, kind=KINDS[what], organization=org, params=params)
