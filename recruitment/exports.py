"""The recruitment ledger (发展党员台账) of a branch or township, built in a job."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from branches.scoping import has_perm_on
from partywork.xlsx import Sheet, write_workbook

from . import rules
from .models import RuleSet
from .selectors import applicant_list, file_status

KIND = "recruitment.ledger"
DATE_STEPS = (1, 2, 3, 7, 9, 10, 11, 15, 17, 23, 24)


def ledger_headers() -> list[str]:
    return [
        _("序号"),
        _("所在党支部"),
        _("姓名"),
        _("性别"),
        _("民族"),
        _("出生日期"),
        _("学历"),
        _("职业"),
        _("当前阶段"),
        *[str(rules.STEP[n].title) for n in DATE_STEPS],
        _("培养联系人"),
        _("入党介绍人"),
        _("转正结果"),
        _("下一步"),
        _("最早日期"),
        _("最晚日期"),
        _("规则例外"),
    ]


def ledger_rows(*, user, org, today, progress=None):
    """One row per file in the user's scope under `org`, in branch order."""
    rulesets = list(RuleSet.objects.all())
    applicants = list(applicant_list(user=user, org=org).order_by("branch__path", "name_pinyin"))
    for index, applicant in enumerate(applicants, start=1):
        status = file_status(applicant, today=today, rulesets=rulesets)
        first = {}
        for step in status.steps:
            first.setdefault(step.number, step)
        confirmation = [s for s in status.steps if s.number == rules.CONFIRMATION_VOTE]
        due = status.due
        yield [
            index,
            applicant.branch.name,
            applicant.name,
            applicant.get_sex_display(),
            applicant.ethnicity,
            applicant.birth_date,
            applicant.get_education_display(),
            applicant.get_occupation_display(),
            status.stage_label,
            *[first[n].on if n in first else "" for n in DATE_STEPS],
            "、".join(p.name for p in first[5].people.all()) if 5 in first else "",
            "、".join(p.name for p in first[9].people.all()) if 9 in first else "",
            confirmation[-1].get_outcome_display() if confirmation else "",
            due.title if due else "",
            due.earliest if due and due.earliest else "",
            due.latest if due and due.latest else "",
            "；".join(f"{e.get_rule_display()}：{e.reason}" for e in applicant.rule_exceptions.all()),
        ]
        if progress and index % 100 == 0:
            progress(index, len(applicants))


def run_ledger_export(job, progress):
    """Job runner: re-checks the scope (the job runs later, in a worker) before building the workbook."""
    org = job.organization
    if org is None or not has_perm_on(job.user, "recruitment.view", org):
        raise ValidationError(_("该组织不在您的权限范围内"))
    today = timezone.localdate()
    sheet = Sheet(
        title=_("发展党员台账"),
        title_line=_("%(org)s 发展党员台账（%(day)s）") % {"org": org.name, "day": today.isoformat()},
        headers=ledger_headers(),
        rows=ledger_rows(user=job.user, org=org, today=today, progress=progress),
        widths=[6, 18, 10, 6, 8, 12, 10, 12, 14] + [12] * len(DATE_STEPS) + [16, 16, 10, 24, 12, 12, 30],
    )
    return f"{org.name}发展党员台账.xlsx", write_workbook([sheet])
