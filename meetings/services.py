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
    counts and vote outcomes are computed by `rules.record_check`, never taken from the caller. (Long only
    by its signature and the record's fields: the rules decide in `record_check`, the rows are saved by
    `_attendance_save` and `_resolutions_save`.)"""
    today = today or timezone.localdate()
    kinds = list(dict.fromkeys(kinds))
    is_group = org.kind == OrgKind.GROUP
    branch = selectors.branch_of(org)
    expected = {m.pk: m for m in selectors.should_attend(org=org)}
    people = {"host": host, "recorder": recorder, "lecturer": lecturer}
    is_township = org.kind in TOWNSHIP_KINDS
    # At the township committee's own meeting, its committee members are "ours" (they belong to branches).
    named = {
        k: None if p is None else rules.Named(p.name, branch.pk if is_township and p.pk in expected else p.branch_id)
        for k, p in people.items()
    }
    if lecturer is not None and named["lecturer"].branch_id != branch.pk:
        # A leading cadre of a committee above may lecture (Branch Regs art. 16): did they hold a post that day?
        named["lecturer"] = rules.Named(
            lecturer.name, lecturer.branch_id, selectors.leads_above(lecturer, branch=branch, on=held_on)
        )
    facts = rules.RecordFacts(
        org_name=org.name,
        is_group=is_group,
        branch_id=branch.pk,
        kinds=tuple(kinds),
        held_on=held_on,
        starts_at=starts_at,
        ends_at=ends_at,
        today=today,
        expected={pk: rules.Attendee(m.name, _has_vote(m)) for pk, m in expected.items()},
        attendance=attendance,
        people=named,
        lecturer_name=lecturer_name,
        tallies=tuple(_tally(resolution) for resolution in resolutions),
        is_township=is_township,
    )
    check = rules.record_check(facts)
    _raise(check.errors)

    standard = selectors.standard_for_year(held_on.year)
    meeting = Meeting(
        organization=branch,
        group=org if is_group else None,
        topic=topic.strip(),
        held_on=held_on,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place.strip(),
        agenda=agenda,
        discussion=discussion,
        guests=guests.strip(),
        lecturer_name=lecturer_name.strip(),
        is_late_entry=rules.is_late_entry(held_on=held_on, entered_on=today, late_days=standard.late_entry_days),
        entered_by=by,
        **people,
    )
    meeting.full_clean(exclude=["entered_by"])
    audited(meeting, by).save()
    MeetingKindLink.objects.bulk_create([MeetingKindLink(meeting=meeting, kind=k) for k in kinds])
    _attendance_save(meeting, attendance, expected=expected, by=by)
    _resolutions_save(meeting, resolutions, check=check, by=by)
    return meeting


def _tally(resolution: dict) -> rules.Tally:
    return rules.Tally(*(int(resolution.get(k) or 0) for k in ("yes", "no", "abstain")))


def _resolutions_save(meeting: Meeting, resolutions: list[dict], *, check: rules.RecordCheck, by) -> None:
    """Each resolution with its tally, the voters it was decided against and the outcome the rules gave."""
    counts = check.counts if check.voting else rules.Counts()
    for position, (resolution, outcome) in enumerate(zip(resolutions, check.outcomes, strict=True), start=1):
        tally = _tally(resolution)
        row = Resolution(
            meeting=meeting,
            position=position,
            text=resolution["text"].strip(),
            yes=tally.yes,
            no=tally.no,
            abstain=tally.abstain,
            should_vote=counts.should_vote,
            present_vote=counts.present_vote,
            outcome=outcome,
        )
        row.full_clean(exclude=["meeting"])
        audited(row, by).save()


def _attendance_save(meeting: Meeting, attendance: dict, *, expected: dict[int, Member], by) -> None:
    """One row per member who should attend, with the vote and mobility they had on the day."""
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
            for pk, (choice, note) in attendance.items()
            if pk in expected
        ],
        MeetingAttendance,
        default_user=by,
    )


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


# ---------------------------------------------------------------- corrections (issue 10 item 15)

CORRECTABLE_FIELDS = (
    "topic",
    "held_on",
    "starts_at",
    "ends_at",
    "place",
    "host",
    "recorder",
    "lecturer",
    "lecturer_name",
    "guests",
    "agenda",
    "discussion",
)


def _correction_allowed(*, meeting: Meeting, by, reason: str, today: datetime.date) -> None:
    """The recorder, or whoever holds records.correct over the meeting (the township), within the county's
    correction window (LocalRules.correction_window_days in force today), with a reason."""
    from branches.scoping import has_perm_on
    from partywork.corrections import check_correction
    from partywork.localrules import local_rules

    check_correction(
        recorded_on=timezone.localdate(meeting.entered_at),
        today=today,
        window_days=local_rules(on=today).correction_window_days,
        is_recorder=meeting.entered_by_id == by.pk,
        may_correct_below=has_perm_on(by, "records.correct", meeting.organization),
        reason=reason,
    )


def _stored_facts(meeting: Meeting, *, today: datetime.date, attendance=None, **changes) -> rules.RecordFacts:
    """The record's facts as stored, with `changes` applied: the same rules as when it was entered."""
    rows = list(meeting.attendances.select_related("member"))
    people = {}
    for key in ("host", "recorder", "lecturer"):
        person = changes.get(key, getattr(meeting, key))
        people[key] = rules.Named(person.name, person.branch_id) if person is not None else None
    lecturer = changes.get("lecturer", meeting.lecturer)
    held_on = changes.get("held_on", meeting.held_on)
    if lecturer is not None and lecturer.branch_id != meeting.organization_id:
        people["lecturer"] = rules.Named(
            lecturer.name,
            lecturer.branch_id,
            selectors.leads_above(lecturer, branch=meeting.organization, on=held_on),
        )
    org = meeting.group or meeting.organization
    return rules.RecordFacts(
        org_name=org.name,
        is_group=meeting.group_id is not None,
        branch_id=meeting.organization_id,
        kinds=tuple(link.kind for link in meeting.kinds.all()),
        held_on=held_on,
        starts_at=changes.get("starts_at", meeting.starts_at),
        ends_at=changes.get("ends_at", meeting.ends_at),
        today=today,
        expected={a.member_id: rules.Attendee(a.member.name, a.has_vote) for a in rows},
        attendance=attendance if attendance is not None else {a.member_id: (a.choice, a.note) for a in rows},
        people=people,
        lecturer_name=changes.get("lecturer_name", meeting.lecturer_name),
        tallies=tuple(rules.Tally(r.yes, r.no, r.abstain) for r in meeting.resolutions.all()),
    )


@transaction.atomic
def meeting_correct(*, meeting: Meeting, by, reason: str, today: datetime.date | None = None, **changes) -> Meeting:
    """Correct fields of a saved record (CORRECTABLE_FIELDS) with a reason; the record is checked again by the
    same rules, and its history keeps the original values, who changed them and why. A correction that changes
    nothing is refused, so no history row says a record changed when it did not."""
    today = today or timezone.localdate()
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _correction_allowed(meeting=meeting, by=by, reason=reason, today=today)
    unknown = set(changes) - set(CORRECTABLE_FIELDS)
    if unknown:
        raise ValidationError(_("这些内容不能在此更正：%(fields)s") % {"fields": "、".join(sorted(unknown))})
    for key in ("topic", "place", "lecturer_name", "guests"):
        if key in changes:
            changes[key] = (changes[key] or "").strip()
    changed = {key: value for key, value in changes.items() if getattr(meeting, key) != value}
    if not changed:
        raise ValidationError(_("没有修改任何内容：请修改需要更正的项目后再保存"))
    check = rules.record_check(_stored_facts(meeting, today=today, **changed))
    _raise({key: messages for key, messages in check.errors.items() if key not in ("attendance", "resolutions")})
    for key, value in changed.items():
        setattr(meeting, key, value)
    meeting.full_clean(exclude=["entered_by"])
    audited(meeting, by, reason=_("更正：%(reason)s") % {"reason": reason.strip()}).save()
    return meeting


@transaction.atomic
def attendance_correct(
    *, meeting: Meeting, by, reason: str, attendance: dict[int, tuple[str, str]], today: datetime.date | None = None
) -> list[MeetingAttendance]:
    """Correct rows of a saved attendance grid (the same members; choice and note) with a reason. The record is
    checked again (quorum, committee, tallies against those present) and resolution outcomes recomputed; each
    changed row keeps its original values in its history. Returns the rows that changed."""
    today = today or timezone.localdate()
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _correction_allowed(meeting=meeting, by=by, reason=reason, today=today)
    rows = {a.member_id: a for a in meeting.attendances.select_related("member")}
    if set(attendance) - set(rows):
        raise ValidationError({"attendance": [_("更正名单中有人不在本次会议的出席名单上，已拒绝")]})
    merged = {}
    for pk, row in rows.items():
        choice, note = attendance.get(pk, (row.choice, row.note))
        merged[pk] = (choice, (note or "").strip() if choice != Attendance.PRESENT else "")
    changed = [pk for pk, row in rows.items() if (row.choice, row.note) != merged[pk]]
    if not changed:
        raise ValidationError(_("出席情况没有变化：请修改需要更正的人员后再保存"))
    check = rules.record_check(_stored_facts(meeting, today=max(today, meeting.held_on), attendance=merged))
    if "resolutions" in check.errors:
        check.errors["resolutions"].append(
            _("决议票数是按原出席情况登记的；如到会的有表决权党员确有变化，请报乡镇党委另行登记更正说明")
        )
    _raise(check.errors)
    why = _("更正出席情况：%(reason)s") % {"reason": reason.strip()}
    saved = []
    for pk in changed:
        row = rows[pk]
        row.choice, row.note = merged[pk]
        row.full_clean(exclude=["meeting", "member"])
        audited(row, by, reason=why).save()
        saved.append(row)
    counts = check.counts if check.voting else rules.Counts()
    for resolution, outcome in zip(meeting.resolutions.all(), check.outcomes, strict=True):
        if (resolution.outcome, resolution.should_vote, resolution.present_vote) != (
            outcome,
            counts.should_vote,
            counts.present_vote,
        ):
            resolution.outcome, resolution.should_vote = outcome, counts.should_vote
            resolution.present_vote = counts.present_vote
            audited(resolution, by, reason=why).save()
    return saved
