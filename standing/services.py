"""Writes of the standing app. Callers hold the permission named in each docstring on the branch."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from branches.audit import audited
from branches.rules import BRANCH_KINDS
from branches.scoping import has_perm_on
from members.models import Lifecycle, Member, MemberPost, MemberStatus
from members.posts import post_add, post_end
from partywork.dates import quarter_bounds, quarter_of

from . import rules
from .evidence import gather
from .models import (
    COMMITTEE_POSTS,
    Assessment,
    AssessmentStatus,
    CommitteeSeat,
    CommitteeTerm,
    Grade,
    Milestone,
    ProgressNote,
    Rectification,
    RectificationStatus,
    TermStatus,
)
from .selectors import grade_scale


def _full_members(branch):
    return Member.objects.filter(branch=branch, lifecycle=Lifecycle.ACTIVE, status=MemberStatus.FULL)


@transaction.atomic
def election_record(
    *,
    by,
    branch,
    elected_on: datetime.date,
    voters_expected: int,
    voters_present: int,
    result: str = "",
    seats: list[tuple[Member, str, int]],
) -> CommitteeTerm:
    """Record a branch election (pending the township's approval), its term computed from the branch's
    category (Branch Regs), the quorum and every seat's majority checked (Election Regs). Caller holds
    members.write on the branch."""
    if branch.kind not in BRANCH_KINDS:
        raise ValidationError(_("只有党支部（党总支）登记换届选举"))
    if elected_on > timezone.localdate():
        raise ValidationError({"elected_on": [_("选举日期不能晚于今天")]})
    last = CommitteeTerm.objects.filter(branch=branch).order_by("-elected_on").first()
    if last is not None and elected_on <= last.elected_on:
        raise ValidationError(
            {"elected_on": [_("选举日期须晚于上一次选举（%(day)s）") % {"day": last.elected_on.isoformat()}]}
        )
    if last is not None and last.status == TermStatus.PENDING:
        raise ValidationError(
            _("上一次选举（%(day)s）尚待乡镇党委批准，请先办结") % {"day": last.elected_on.isoformat()}
        )
    full = list(_full_members(branch).values_list("pk", flat=True))
    members = [member for member, _post, _votes in seats]
    if len({m.pk for m in members}) != len(members):
        raise ValidationError(_("同一人不能当选两个职务，请删除重复的行"))
    outsiders = [m.name for m in members if m.pk not in full]
    if outsiders:
        raise ValidationError(
            _("%(names)s不是本支部在册正式党员，没有被选举权（预备党员没有选举权和被选举权）")
            % {"names": "、".join(outsiders)}
        )
    problems = rules.election_problems(
        full_members=len(full),
        expected=voters_expected,
        present=voters_present,
        seats=[(m.name, post, votes) for m, post, votes in seats],
    )
    if problems:
        raise ValidationError(problems)
    years, ends_on = rules.term_end(elected_on=elected_on, category=branch.category)
    term = CommitteeTerm(
        branch=branch,
        elected_on=elected_on,
        term_years=years,
        ends_on=ends_on,
        voters_expected=voters_expected,
        voters_present=voters_present,
        result=result,
        recorded_by=by,
    )
    term.full_clean()
    audited(term, by, reason=_("登记换届选举")).save()
    for member, post, votes in seats:
        seat = CommitteeSeat(term=term, member=member, post=post, votes_for=votes)
        audited(seat, by).save()
    return term


@transaction.atomic
def election_approve(*, by, term: CommitteeTerm, approved_on: datetime.date, approval_ref: str = "") -> CommitteeTerm:
    """The township approves an election: the elected take over their posts from the approval day, the
    members of the old committee not re-elected to the same post leave it that day. Caller holds
    standing.manage on the branch."""
    term = CommitteeTerm.objects.select_for_update().select_related("branch").get(pk=term.pk)
    if term.status != TermStatus.PENDING:
        raise ValidationError(_("该次选举已经批准"))
    if approved_on < term.elected_on:
        raise ValidationError({"approved_on": [_("批准日期不能早于选举日期（%(day)s）") % {"day": term.elected_on}]})
    if approved_on > timezone.localdate():
        raise ValidationError({"approved_on": [_("批准日期不能晚于今天")]})
    seats = list(term.seats.select_related("member"))
    elected = {(seat.member_id, seat.post) for seat in seats}
    current = list(
        MemberPost.objects.filter(organization=term.branch, post__in=COMMITTEE_POSTS, ended_on__isnull=True)
        .select_related("member")
        .order_by("pk")
    )
    later = [p for p in current if p.started_on > approved_on and (p.member_id, p.post) not in elected]
    if later:
        raise ValidationError(
            {
                "approved_on": [
                    _("%(name)s自%(day)s起任%(post)s，晚于批准日期；请核对批准日期")
                    % {"name": later[0].member.name, "day": later[0].started_on, "post": later[0].get_post_display()}
                ]
            }
        )
    held = set()
    for post in current:
        if (post.member_id, post.post) in elected:
            held.add((post.member_id, post.post))
        else:
            post_end(by=by, post=post, ended_on=approved_on)
    for seat in seats:
        if (seat.member_id, seat.post) not in held:
            post_add(by=by, member=seat.member, organization=term.branch, post=seat.post, started_on=approved_on)
    term.status = TermStatus.APPROVED
    term.approved_on = approved_on
    term.approval_ref = approval_ref
    term.approved_by = by
    audited(term, by, reason=_("乡镇党委批准选举结果")).save()
    return term


@transaction.atomic
def assessment_propose(
    *, by, branch, year: int, grade: Grade, assessed_on: datetime.date, remarks: str = ""
) -> Assessment:
    """The township grades a branch for a year on the county's scale of that year, the year's figures stored as
    its evidence; a grade returned by the county is graded again, a confirmed one is final. Only a holder of
    standing.manage on the branch (the township, the county) proposes."""
    if not has_perm_on(by, "standing.manage", branch):
        raise PermissionDenied(_("只有乡镇党委（或县委组织部）可以评定党组织等次"))
    if branch.kind not in BRANCH_KINDS:
        raise ValidationError(_("只评定党支部（党总支）"))
    today = timezone.localdate()
    reason = rules.assessable(year=year, today=today)
    if reason:
        raise ValidationError(reason)
    if assessed_on > today:
        raise ValidationError({"assessed_on": [_("评定日期不能晚于今天")]})
    if grade.pk not in {g.pk for g in grade_scale(year=year)}:
        raise ValidationError({"grade": [_("所选等次不属于%(year)d年度的评定标准，请重新选择") % {"year": year}]})
    assessment = Assessment.objects.select_for_update().filter(branch=branch, year=year).first()
    if assessment is not None and assessment.status == AssessmentStatus.CONFIRMED:
        raise ValidationError(_("%(year)d年度的等次已由县委组织部确认，不能再修改") % {"year": year})
    assessment = assessment or Assessment(branch=branch, year=year)
    assessment.grade = grade
    assessment.assessed_on = assessed_on
    assessment.remarks = remarks
    assessment.proposed_by = by
    assessment.status = AssessmentStatus.PROPOSED
    assessment.return_reason = ""
    assessment.evidence = gather(user=by, branch=branch, year=year, today=today)
    assessment.full_clean(validate_constraints=False)
    audited(assessment, by, reason=_("乡镇党委评定等次")).save()
    return assessment


def _deciding(by, assessment: Assessment) -> Assessment:
    if not has_perm_on(by, "standing.confirm", assessment.branch):
        raise PermissionDenied(_("只有县委组织部可以确认或退回党组织等次"))
    assessment = Assessment.objects.select_for_update().select_related("branch", "grade").get(pk=assessment.pk)
    if assessment.status != AssessmentStatus.PROPOSED:
        raise ValidationError(_("只能确认或退回乡镇党委已评定、待确认的等次"))
    return assessment


@transaction.atomic
def assessment_confirm(*, by, assessment: Assessment, confirmed_on: datetime.date) -> Assessment:
    """The county confirms a proposed grade (standing.confirm: the county organisation department only)."""
    assessment = _deciding(by, assessment)
    if confirmed_on < assessment.assessed_on:
        raise ValidationError(
            {"confirmed_on": [_("确认日期不能早于评定日期（%(day)s）") % {"day": assessment.assessed_on}]}
        )
    if confirmed_on > timezone.localdate():
        raise ValidationError({"confirmed_on": [_("确认日期不能晚于今天")]})
    assessment.status = AssessmentStatus.CONFIRMED
    assessment.confirmed_on = confirmed_on
    assessment.confirmed_by = by
    audited(assessment, by, reason=_("县委组织部确认等次")).save()
    return assessment


@transaction.atomic
def assessment_return(*, by, assessment: Assessment, reason: str) -> Assessment:
    """The county returns a proposed grade to the township with its reason (standing.confirm)."""
    assessment = _deciding(by, assessment)
    if not reason.strip():
        raise ValidationError({"reason": [_("请写明退回原因，乡镇党委据此重新评定")]})
    assessment.status = AssessmentStatus.RETURNED
    assessment.return_reason = reason.strip()
    audited(assessment, by, reason=_("县委组织部退回重评")).save()
    return assessment


def _township_only(by, branch):
    if not has_perm_on(by, "standing.manage", branch):
        raise PermissionDenied(_("只有乡镇党委（或县委组织部）可以办理软弱涣散党组织整顿"))


def _not_future(field: str, day: datetime.date, label: str) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: [_("%(label)s不能晚于今天") % {"label": label}]})


def _milestone_problems(milestones, listed_on) -> list[str]:
    return [
        _("整顿任务“%(title)s”的完成时限不能早于列入日期") % {"title": title}
        for title, due_on in milestones
        if due_on < listed_on
    ]


@transaction.atomic
def rectification_open(
    *,
    by,
    branch,
    listed_on: datetime.date,
    reasons,
    plan: str,
    leader_name: str,
    leader_title: str = "",
    situation: str = "",
    first_secretary: str = "",
    first_secretary_unit: str = "",
    first_secretary_since: datetime.date | None = None,
    milestones: list[tuple[str, datetime.date]] = (),
) -> Rectification:
    """Put a branch on the list of weak and lax organisations with the county's criteria it meets, the plan,
    the township leader responsible and the plan's milestones; one open listing per branch. Caller holds
    standing.manage on the branch (the township)."""
    _township_only(by, branch)
    if branch.kind not in BRANCH_KINDS:
        raise ValidationError({"branch": [_("只有党支部（党总支）列入软弱涣散党组织整顿")]})
    _not_future("listed_on", listed_on, _("列入日期"))
    reasons = list(reasons)
    if not reasons:
        raise ValidationError({"reasons": [_("请至少选择一项认定情形")]})
    if first_secretary_since is not None and not first_secretary:
        raise ValidationError({"first_secretary": [_("填写了到任日期，请同时填写第一书记姓名")]})
    problems = _milestone_problems(milestones, listed_on)
    if problems:
        raise ValidationError(problems)
    rectification = Rectification(
        branch=branch,
        listed_on=listed_on,
        situation=situation,
        plan=plan,
        leader_name=leader_name,
        leader_title=leader_title,
        first_secretary=first_secretary,
        first_secretary_unit=first_secretary_unit,
        first_secretary_since=first_secretary_since,
        listed_by=by,
    )
    rectification.full_clean(validate_constraints=False)
    audited(rectification, by, reason=_("列入软弱涣散党组织整顿"))
    try:
        with transaction.atomic():
            rectification.save()
    except IntegrityError as error:
        raise ValidationError(
            {"branch": [_("%(branch)s已在整顿名单中，请在原整顿记录中继续办理") % {"branch": branch.name}]}
        ) from error
    rectification.reasons.set(reasons)
    for title, due_on in milestones:
        audited(Milestone(rectification=rectification, title=title, due_on=due_on), by).save()
    return rectification


def _open(rectification: Rectification) -> Rectification:
    locked = Rectification.objects.select_for_update().select_related("branch").get(pk=rectification.pk)
    if locked.status != RectificationStatus.OPEN:
        raise ValidationError(_("该整顿已验收销号，不能再修改"))
    return locked


@transaction.atomic
def milestone_add(*, by, rectification: Rectification, title: str, due_on: datetime.date) -> Milestone:
    """Add a milestone to an open rectification's plan (standing.manage)."""
    _township_only(by, rectification.branch)
    rectification = _open(rectification)
    if due_on < rectification.listed_on:
        raise ValidationError({"due_on": [_("完成时限不能早于列入日期（%(day)s）") % {"day": rectification.listed_on}]})
    milestone = Milestone(rectification=rectification, title=title, due_on=due_on)
    milestone.full_clean()
    audited(milestone, by).save()
    return milestone


@transaction.atomic
def milestone_done(*, by, milestone: Milestone, done_on: datetime.date, note: str = "") -> Milestone:
    """Record that a milestone is done (standing.manage); its date lies between the listing and today."""
    _township_only(by, milestone.rectification.branch)
    rectification = _open(milestone.rectification)
    milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
    if milestone.done_on is not None:
        raise ValidationError(_("该整顿任务已完成"))
    if done_on < rectification.listed_on:
        raise ValidationError(
            {"done_on": [_("完成日期不能早于列入日期（%(day)s）") % {"day": rectification.listed_on}]}
        )
    _not_future("done_on", done_on, _("完成日期"))
    milestone.done_on = done_on
    milestone.note = note
    audited(milestone, by).save()
    return milestone


@transaction.atomic
def progress_record(*, by, rectification: Rectification, year: int, quarter: int, text: str) -> ProgressNote:
    """Record (or correct) the progress of a quarter that has begun, not before the listing's quarter
    (standing.manage)."""
    _township_only(by, rectification.branch)
    rectification = _open(rectification)
    today = timezone.localdate()
    if not 1 <= quarter <= 4:
        raise ValidationError({"quarter": [_("季度应为1至4")]})
    start, _end = quarter_bounds(year, quarter)
    if start > today:
        raise ValidationError({"quarter": [_("该季度尚未开始")]})
    listed = (rectification.listed_on.year, quarter_of(rectification.listed_on))
    if (year, quarter) < listed:
        raise ValidationError({"quarter": [_("该季度早于列入整顿的季度")]})
    if not text.strip():
        raise ValidationError({"text": [_("请填写本季度整顿进展")]})
    note = ProgressNote.objects.filter(rectification=rectification, year=year, quarter=quarter).first()
    note = note or ProgressNote(rectification=rectification, year=year, quarter=quarter)
    note.text = text.strip()
    note.recorded_on = today
    note.recorded_by = by
    audited(note, by).save()
    return note


@transaction.atomic
def rectification_close(*, by, rectification: Rectification, closed_on: datetime.date, decision: str) -> Rectification:
    """The township's acceptance closes a rectification (验收销号): every milestone done, progress recorded, the
    decision written (standing.manage)."""
    _township_only(by, rectification.branch)
    rectification = _open(rectification)
    _not_future("closed_on", closed_on, _("验收日期"))
    if not decision.strip():
        raise ValidationError({"decision": [_("请填写验收意见")]})
    problems = rules.closing_problems(
        listed_on=rectification.listed_on,
        closed_on=closed_on,
        open_milestones=list(rectification.milestones.filter(done_on__isnull=True).values_list("title", flat=True)),
        notes=rectification.progress_notes.count(),
    )
    if problems:
        raise ValidationError(problems)
    rectification.status = RectificationStatus.CLOSED
    rectification.closed_on = closed_on
    rectification.closing_decision = decision.strip()
    rectification.closed_by = by
    audited(rectification, by, reason=_("验收销号")).save()
    return rectification
