"""Roster export (党员花名册) as a background job, in the layout of the import template."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from branches.models import Organization, subtree_q
from branches.scoping import has_perm_on
from partywork import jobs
from partywork.xlsx import write_workbook

from .models import Member, SensitiveAccess
from .services import sensitive_access_log
from .workbook import roster_sheet, row_for

KIND = "members.roster_export"


def roster_export_start(*, user, org: Organization):
    """Queue the export of `org`'s roll. Caller holds members.view on `org`."""
    return jobs.job_start(user=user, kind=KIND, organization=org)


def run_roster_export(job, progress):
    """Re-check the scope (the job runs later, in a worker), then write the roll of the organisation."""
    user, org = job.user, job.organization
    if org is None or not has_perm_on(user, "members.view", org):
        raise ValidationError(_("您已无权导出该组织的党员名册。"))
    full = has_perm_on(user, "members.view_sensitive", org)
    job.personal_data = full
    members = (
        Member.objects.visible_to(user)
        .filter(subtree_q(org, "branch"))
        .on_roll()
        .select_related("branch", "group")
        .order_by("branch__path", "name_pinyin", "pk")
    )
    total = members.count()
    progress(0, total)
    if full:
        sensitive_access_log(
            by=user,
            organization=org,
            action=SensitiveAccess.Action.EXPORT,
            reason=_("导出党员花名册（后台任务 %(job)s，%(rows)d 人）") % {"job": job.pk, "rows": total},
        )
    rows = (row_for(member, full=full) for member in members.iterator(chunk_size=1000))
    content = write_workbook([roster_sheet(rows, org=org)], progress=progress)
    name = f"{org.name}党员花名册{timezone.localdate():%Y%m%d}.xlsx"
    return name, content
