"""The year-end files as jobs (partywork/jobs.py): built later, in a worker, for the user who asked, so the
runner re-checks that the user may still read the organisation."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from branches.scoping import has_perm_on
from reports.tree import PERMISSION

from . import summary
from .tables import yearend_build
from .workbook import filename, workbook_bytes

WORKBOOK_KIND = "yearend.workbook"
SUMMARY_KIND = "yearend.summary"


def _build(job, progress):
    org = job.organization
    if org is None or not org.is_active or not has_perm_on(job.user, PERMISSION, org):
        raise ValidationError(_("您已无权查看该组织的数据。"))
    today = datetime.date.fromisoformat(job.params["today"])
    return yearend_build(user=job.user, org=org, year=int(job.params["year"]), today=today, progress=progress)


def run_workbook(job, progress) -> tuple[str, bytes]:
    """The 党内统计 workbook of one organisation and year (the check sheet says whether it reconciles)."""
    ye = _build(job, progress)
    content, _checks = workbook_bytes(ye)
    progress(len(ye.tables) + 1, len(ye.tables) + 1)  # the tables, then the file
    return filename(ye), content


def run_summary(job, progress) -> tuple[str, bytes]:
    """The year-end summary draft (.docx) of one organisation and year, its figures from the same tables."""
    ye = _build(job, progress)
    content = summary.docx_bytes(summary.draft_build(ye))
    progress(len(ye.tables) + 1, len(ye.tables) + 1)
    return summary.filename(ye), content
