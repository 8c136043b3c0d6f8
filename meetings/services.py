"""Writes of meeting records, attachments, appraisal grades and remote-education sessions. Callers hold
meetings.write on the organisation (views check it through the scope); services re-check the data."""

import datetime
import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from branches.audit import audited
from branches.models import Organization
from branches.rules import BRANCH_KINDS, TOWNSHIP_KINDS, OrgKind
from members.models import Member, MemberStatus

from . import rules, selectors
from .models import (
    AppraisalGrade,
    Meeting,
    MeetingAttachment,
    MeetingAttendance,
    MeetingKindLink,
    RemoteSession,
    RemoteSite,
    Resolution,
)
from .rules import Attendance, MeetingKind


def _raise(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def meeting_create(
    *,
    org: Organization,
    by,
    kinds: list[str],
    topic: str,
    held_on: datetime.date,
    starts_at: datetime.time,
    ends_at: datetime.time,
    place: str,
    attendance: dict[int, tuple[str, str]],
    resolutions: list[dict] = (),
    host: Member | None = None,
    recorder: Member | None = None,
    lecturer: Member | None = None,
    lecturer_name: str = "",
    agenda: str = "",
    discussion: str = "",
    guests: str = "",
    today: datetime.date | None = None,
) -> Meeting:
    """Record a meeting of a branch (or of a party group when `org` is one) with its attendance grid and
    resolutions, all or nothing. `attendance` maps every member who should attend to (choice, note);
    counts and vote outcomes are computed here, never taken from the caller."""
    now = timezone.localtime()
    today = today or now.date()
    errors: dict[str, list[str]] = rules.meeting_errors(
        held_on=held_on, starts_at=starts_at, ends_at=ends_at, today=today
    )

    def add(field, message):
        errors.setdefault(field, []).append(str(message))

    kinds = list(dict.fromkeys(kinds))
    if not kinds:
        add("kinds", _("请至少选择一种会议类型"))
    is_group = org.kind == OrgKind.GROUP
    if is_group and MeetingKind.GROUP not in kinds:
        add("kinds", _("党小组召开的会议须包含“党小组会”"))
    if is_group and any(k not in rules.GROUP_KINDS for k in kinds):
        add("kinds", _("党小组不能召开支部党员大会、支部委员会、组织生活会或民主评议"))
    if not is_group and MeetingKind.GROUP in kinds:
        add("kinds", _("党小组会请从党小组登记"))
    branch = selectors.branch_of(org)

    expected = {m.pk: m for m in selectors.should_attend(org=org)}
    foreign = [pk for pk in attendance if pk not in expected]
    if foreign:
        add(
            "attendance",
            _("出席名单中有%(n)d人不属于%(org)s，已拒绝") % {"n": len(foreign), "org": org.name},
        )
    missing = [m for pk, m in expected.items() if pk not in attendance]
    if missing:
        add(
            "attendance",
            _("请为每位应到党员选择出席情况（%(names)s 未填）") % {"names": "、".join(m.name for m in missing[:5])},
        )
    for pk, (choice, note) in attendance.items():
        if choice not in Attendance.values:
            add("attendance", _("出席情况选择无效"))
            break
        if choice == Attendance.OTHER and not note.strip() and pk in expected:
            add("attendance", _("%(name)s 缺席原因为“其他”，请填写说明") % {"name": expected[pk].name})
        if choice == Attendance.NOT_EXPECTED and MeetingKind.GENERAL in kinds:
            add("attendance", _("支部党员大会全体党员均应参加，不能选择“无需参加”"))
            break
    for field_name, person in (("host", host), ("recorder", recorder), ("lecturer", lecturer)):
        if person is not None and person.branch_id != branch.pk:
            add(field_name, _("%(name)s 不是本支部党员") % {"name": person.name})
    if MeetingKind.LECTURE in kinds and lecturer is None and not lecturer_name.strip():
        add("lecturer", _("党课须填写授课人"))

    rows = {pk: v for pk, v in attendance.items() if pk in expected}
    should_vote = sum(1 for pk, (c, _n) in rows.items() if c != Attendance.NOT_EXPECTED and _has_vote(expected[pk]))
    present_vote = sum(1 for pk, (c, _n) in rows.items() if c == Attendance.PRESENT and _has_vote(expected[pk]))
    present = sum(1 for c, _n in rows.values() if c == Attendance.PRESENT)
    voting = MeetingKind.GENERAL in kinds or MeetingKind.COMMITTEE in kinds
    if MeetingKind.COMMITTEE in kinds and MeetingKind.GENERAL not in kinds and rows:
        expected_count = sum(1 for c, _n in rows.values() if c != Attendance.NOT_EXPECTED)
        for problem in rules.committee_quorum_errors(expected=expected_count, present=present):
            add("attendance", problem)
    outcomes = []
    for index, resolution in enumerate(resolutions, start=1):
        yes, no, abstain = (int(resolution.get(k) or 0) for k in ("yes", "no", "abstain"))
        if voting:
            outcome = rules.vote_check(
                should_vote=should_vote, present_vote=present_vote, yes=yes, no=no, abstain=abstain
            )
            problems = list(outcome.errors)
            result = Resolution.Outcome.PASSED if outcome.passed else Resolution.Outcome.FAILED
        else:
            problems = rules.tally_check(present=present, yes=yes, no=no, abstain=abstain)
            result = Resolution.Outcome.RECORDED
        for problem in problems:
            add("resolutions", _("第%(n)d项决议：%(problem)s") % {"n": index, "problem": problem})
        outcomes.append((resolution, yes, no, abstain, result))
    _raise(errors)

    standard = selectors.standard_for_year(held_on.year)
    meeting = Meeting(
        organization=branch,
        group=org if is_group else None,
        topic=topic.strip(),
        held_on=held_on,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place.strip(),
        host=host,
        recorder=recorder,
        lecturer=lecturer,
        lecturer_name=lecturer_name.strip(),
        agenda=agenda,
        discussion=discussion,
        guests=guests.strip(),
        is_late_entry=rules.is_late_entry(held_on=held_on, entered_on=today, late_days=standard.late_entry_days),
        entered_by=by,
    )
    meeting.full_clean(exclude=["entered_by"])
    audited(meeting, by).save()
    MeetingKindLink.objects.bulk_create([MeetingKindLink(meeting=meeting, kind=k) for k in kinds])
    bulk_create_with_history(
        [
            MeetingAttendance(
                meeting=meeting,
                member_id=pk,
                choice=choice,
                note=note.strip() if choice != Attendance.PRESENT else "",
                has_vote=_has_vote(expected[pk]),
                was_mobile=expected[pk].is_mobile,
            )
            for pk, (choice, note) in rows.items()
        ],
        MeetingAttendance,
        default_user=by,
    )
    for position, (resolution, yes, no, abstain, result) in enumerate(outcomes, start=1):
        row = Resolution(
            meeting=meeting,
            position=position,
            text=resolution["text"].strip(),
            yes=yes,
            no=no,
            abstain=abstain,
            should_vote=should_vote if voting else 0,
            present_vote=present_vote if voting else 0,
            outcome=result,
        )
        row.full_clean(exclude=["meeting"])
        audited(row, by).save()
    return meeting


def _has_vote(member: Member) -> bool:
    """Constitution art. 7: probationary members have no vote."""
    return member.status == MemberStatus.FULL


@transaction.atomic
def attachment_add(*, meeting: Meeting, by, upload, kind: str) -> MeetingAttachment:
    """Store a photo, sign-in sheet or PDF of a meeting in the default storage, after checking what its
    bytes really are."""
    head = upload.read(16)
    upload.seek(0)
    problems, real = rules.attachment_errors(name=upload.name, head=head, size=upload.size, kind=kind)
    if problems:
        raise ValidationError({"file": problems})
    content = upload.read()
    extension = {"jpeg": "jpg", "png": "png", "pdf": "pdf"}[real]
    attachment = MeetingAttachment(
        meeting=meeting,
        kind=kind,
        original_name=upload.name[-200:],
        content_type=rules.CONTENT_TYPES[real],
        size=len(content),
        uploaded_by=by,
    )
    # The stored name is ours: nothing the user typed reaches the file system.
    attachment.file.save(f"{uuid.uuid4().hex}.{extension}", ContentFile(content), save=False)
    audited(attachment, by).save()
    return attachment


@transaction.atomic
def appraisal_record(*, meeting: Meeting, by, grades: dict[int, tuple[str, str, str]]) -> list[AppraisalGrade]:
    """Record (or correct) each member's grade in a democratic appraisal meeting. Only members on the
    meeting's attendance list are graded; probationary members cannot be 优秀; 不合格 needs its handling."""
    if not meeting.kinds.filter(kind=MeetingKind.APPRAISAL).exists():
        raise ValidationError(_("该会议不是民主评议党员会议"))
    members = {a.member_id: a.member for a in meeting.attendances.select_related("member")}
    errors: dict[str, list[str]] = {}
    for pk, (grade, handling, _note) in grades.items():
        member = members.get(pk)
        if member is None:
            errors.setdefault("grades", []).append(_("评议对象不在本次会议名单中"))
            continue
        if grade not in rules.Grade.values:
            errors.setdefault("grades", []).append(_("%(name)s 的评议等次无效") % {"name": member.name})
            continue
        for problem in rules.grade_errors(
            grade=grade, probationary=member.status == MemberStatus.PROBATIONARY, handling=handling
        ):
            errors.setdefault("grades", []).append(f"{member.name}：{problem}")
    _raise(errors)
    existing = {g.member_id: g for g in meeting.grades.all()}
    saved = []
    for pk, (grade, handling, note) in grades.items():
        row = existing.get(pk) or AppraisalGrade(meeting=meeting, member_id=pk)
        row.grade, row.handling, row.handling_note = grade, handling, note.strip() if handling else ""
        row.full_clean(exclude=["meeting", "member"])
        audited(row, by).save()
        saved.append(row)
    return saved


@transaction.atomic
def remote_site_create(*, township: Organization, branch: Organization, name: str, by) -> RemoteSite:
    """Add a viewing site of a township in one of its branches."""
    if township.kind not in TOWNSHIP_KINDS:
        raise ValidationError(_("播放点须设在乡镇党委下"))
    if not branch.path.startswith(township.path) or branch.kind not in BRANCH_KINDS:
        raise ValidationError({"branch": [_("所在党支部须是本乡镇的党支部")]})
    site = RemoteSite(township=township, branch=branch, name=name.strip())
    site.full_clean()
    audited(site, by).save()
    return site


@transaction.atomic
def remote_session_create(
    *,
    site: RemoteSite,
    by,
    held_on: datetime.date,
    minutes: int,
    content: str,
    viewers: list[Member],
    other_viewers: int = 0,
    today: datetime.date | None = None,
) -> RemoteSession:
    """Log one viewing session of a site; viewers are members of the site's branch."""
    today = today or timezone.localdate()
    errors: dict[str, list[str]] = {}
    if held_on > today:
        errors["held_on"] = [_("播放日期不能晚于今天")]
    if minutes <= 0 or minutes > 600:
        errors["minutes"] = [_("时长须在 1 到 600 分钟之间")]
    if any(m.branch_id != site.branch_id for m in viewers):
        errors["viewers"] = [_("收看党员须是%(branch)s的党员") % {"branch": site.branch.name}]
    _raise(errors)
    session = RemoteSession(
        site=site, held_on=held_on, minutes=minutes, content=content.strip(), other_viewers=other_viewers, entered_by=by
    )
    session.full_clean(exclude=["entered_by"])
    audited(session, by).save()
    session.viewers.set(viewers)
    return session
