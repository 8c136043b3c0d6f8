"""The branch's yearly meeting ledger (会议台账) as .xlsx, built by a job."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from branches.scoping import has_perm_on
from partywork.xlsx import Sheet, write_workbook

from . import selectors
from .rules import attendance_rate

HEADERS = [
    "序号",
    "会议日期",
    "开始时间",
    "结束时间",
    "会议类型",
    "党小组",
    "会议主题",
    "地点",
    "主持人",
    "记录人",
    "应到人数",
    "实到人数",
    "出席率(%)",
    "缺席人员及原因",
    "决议及表决结果",
    "补录",
    "登记时间",
]


def ledger_rows(*, user, branch, year: int):
    """One row per meeting of the branch (and its groups) in `year`, oldest first; a fixed number of queries."""
    from django.db.models import Prefetch

    from .models import MeetingAttendance

    meetings = (
        selectors.meeting_list(user=user)
        .filter(organization=branch, held_on__year=year)
        .select_related("host", "recorder")
        .prefetch_related(
            "resolutions",
            Prefetch(
                "attendances",
                queryset=MeetingAttendance.objects.exclude(choice__in=("present", "not_expected")).select_related(
                    "member"
                ),
                to_attr="absences",
            ),
        )
        .order_by("held_on", "starts_at", "pk")
    )
    for number, meeting in enumerate(meetings, start=1):
        absences = "；".join(
            f"{a.member.name}（{a.get_choice_display()}{'：' + a.note if a.note else ''}）" for a in meeting.absences
        )
        resolutions = "；".join(
            f"{r.text}（同意{r.yes} 反对{r.no} 弃权{r.abstain}，{r.get_outcome_display()}）"
            for r in meeting.resolutions.all()
        )
        rate = attendance_rate(present=meeting.present, should=meeting.should_attend)
        yield [
            number,
            meeting.held_on,
            meeting.starts_at.strftime("%H:%M"),
            meeting.ends_at.strftime("%H:%M"),
            "、".join(link.get_kind_display() for link in meeting.kinds.all()),
            meeting.group.display_name if meeting.group else "",
            meeting.topic,
            meeting.place,
            meeting.host.name if meeting.host else "",
            meeting.recorder.name if meeting.recorder else "",
            meeting.should_attend,
            meeting.present,
            rate if rate is not None else "",
            absences,
            resolutions,
            meeting.is_late_entry,
            meeting.entered_at.astimezone(datetime.timezone(datetime.timedelta(hours=8))).replace(tzinfo=None),
        ]


def run_ledger_export(job, progress) -> tuple[str, bytes]:
    """Job runner: re-checks that the user may still see the branch, then writes the workbook."""
    branch, year = job.organization, int(job.params.get("year", 0))
    if branch is None or not has_perm_on(job.user, "meetings.view", branch):
        raise ValidationError(_("您已无权查看该党支部的会议记录。"))
    sheet = Sheet(
        title=f"{year}年会议台账",
        title_line=f"{branch.name} {year}年度“三会一课”及组织生活会议台账",
        headers=HEADERS,
        rows=ledger_rows(user=job.user, branch=branch, year=year),
        widths=[6, 12, 8, 8, 22, 12, 30, 14, 10, 10, 8, 8, 9, 40, 40, 6, 17],
    )
    return f"{branch.display_name}{year}年会议台账.xlsx", write_workbook([sheet], progress=progress)
