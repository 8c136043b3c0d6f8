"""Checkers of stages 4–5, admission and confirmation (Recruitment Rules 2014 ch. 4 and 5): one rule each,
as a pure function of the step being recorded (`Context`) that returns the violations it finds. Each names
where the rule comes from; the numbers are the year's `Params`. The vote rule itself is the kernel's
(`branches.votes`)."""

from django.utils.translation import gettext as _

from branches import votes

from . import intervals
from .facts import Context, Violation, iso
from .procedure import ADMISSION_VOTE, PREREVIEW_STEP, REVIEW_STEP, VOTE_APPROVED, Outcome, step_name

# ---------------------------------------------------------------- stage 4: admission


def vote_soon_after_prereview(ctx: Context) -> list[Violation]:
    """[local] The general meeting votes within a month of the committee's pre-review
    (`vote_within_months_of_prereview`)."""
    prereview = ctx.last(PREREVIEW_STEP).on
    limit = intervals.vote_by(prereview, ctx.params)
    if ctx.new.on <= limit:
        return []
    return [
        Violation(
            "prereview_vote",
            _("第15步（支部党员大会讨论接收）须在上级党委预审（%(pre)s）后%(m)d个月内，即不晚于 %(limit)s")
            % {"pre": iso(prereview), "m": ctx.params.vote_within_months_of_prereview, "limit": iso(limit)},
        )
    ]


def political_review_valid(ctx: Context) -> list[Violation]:
    """Recruitment Rules 2014 art. 16: no admission without a political review; [local] a review supports
    the vote for `political_review_valid_months` (default 1 year), the last day included."""
    review = ctx.last(REVIEW_STEP).on
    valid_until = intervals.review_valid_until(review, ctx.params)
    if ctx.new.on <= valid_until:
        return []
    return [
        Violation(
            "political_review",
            _("政治审查（%(rev)s）有效期至 %(until)s，第15步（%(on)s）已超出有效期，须重新审查")
            % {"rev": iso(review), "until": iso(valid_until), "on": iso(ctx.new.on)},
        )
    ]


def general_meeting_vote(ctx: Context) -> list[Violation]:
    """Recruitment Rules 2014 art. 20–21 (admission) and art. 33 (confirmation), Branch Regs art. 11: the
    kernel's vote rule (`branches.votes`) with absent voters' written votes counted; the step records a
    motion that passed, so a motion that failed is refused too."""
    new = ctx.new
    if new.should_attend is None or new.present is None or new.yes_votes is None:
        return [Violation("vote", _("请填写应到、实到有表决权的党员人数和赞成票数"))]
    result = votes.vote_result(
        should_vote=new.should_attend,
        present_vote=new.present,
        yes=new.yes_votes,
        no=new.no_votes or 0,
        abstain=new.abstentions or 0,
        written_votes=True,
        members_with_vote=ctx.voting_members,
    )
    problems = [Violation("vote", error) for error in result.errors]
    if not result.majority:
        problems.append(Violation("vote", votes.not_passed_message(yes=new.yes_votes, should_vote=new.should_attend)))
    return problems


def approval_within_six_months(ctx: Context) -> list[Violation]:
    """Recruitment Rules 2014 ch. 4 (admission) and ch. 5 (confirmation): even in special cases the committee
    above approves within 6 months of the vote (`approval_special_months`). No exception lifts this."""
    vote_on = ctx.last(VOTE_APPROVED[ctx.new.number]).on
    special = intervals.approval_special_by(vote_on, ctx.params)
    if ctx.new.on <= special:
        return []
    return [
        Violation(
            "approval_special",
            _("%(step)s须在支部党员大会表决（%(vote)s）后%(m)d个月内，特殊情况也不得晚于 %(limit)s")
            % {
                "step": step_name(ctx.new.number),
                "vote": iso(vote_on),
                "m": ctx.params.approval_within_months,
                "limit": iso(special),
            },
        )
    ]


def approval_within_three_months(ctx: Context) -> list[Violation]:
    """Recruitment Rules 2014 ch. 4 and ch. 5: the committee above approves within 3 months of the vote
    (`approval_within_months`); a special case is the township's recorded exception. Past 6 months only
    `approval_within_six_months` speaks."""
    vote_on = ctx.last(VOTE_APPROVED[ctx.new.number]).on
    normal = intervals.approval_by(vote_on, ctx.params)
    if not normal < ctx.new.on <= intervals.approval_special_by(vote_on, ctx.params):
        return []
    return [
        Violation(
            "approval_deadline",
            _("%(step)s须在支部党员大会表决（%(vote)s）后%(m)d个月内，即不晚于 %(limit)s；特殊情况须由乡镇党委登记例外")
            % {
                "step": step_name(ctx.new.number),
                "vote": iso(vote_on),
                "m": ctx.params.approval_within_months,
                "limit": iso(normal),
            },
        )
    ]


# ---------------------------------------------------------------- stage 5: probation and confirmation


def probation_over(ctx: Context) -> list[Violation]:
    """Recruitment Rules 2014 art. 32: probation is one year from the admitting vote (plus an extension);
    the confirmation vote comes when it is over, its last day included."""
    end = intervals.probation_end(ctx.facts, ctx.params)
    if ctx.new.on >= end:
        return []
    extended = intervals.extension_total(ctx.facts)
    return [
        Violation(
            "probation",
            _("第23步（支部党员大会讨论转正）须在预备期满（入党日期 %(joined)s 起一年%(ext)s，即 %(end)s）之后")
            % {
                "joined": iso(ctx.last(ADMISSION_VOTE).on),
                "ext": (_("，延长%(m)d个月") % {"m": extended}) if extended else "",
                "end": iso(end),
            },
        )
    ]


def outcome_chosen(ctx: Context) -> list[Violation]:
    """Recruitment Rules 2014 art. 32: the vote confirms, extends probation or cancels it."""
    if ctx.new.outcome in (Outcome.CONFIRM, Outcome.EXTEND, Outcome.CANCEL):
        return []
    return [Violation("vote", _("请选择讨论结果：按期转正、延长预备期或取消预备党员资格"))]


def extension_once(ctx: Context) -> list[Violation]:
    """Recruitment Rules 2014 art. 32: probation is extended once only, by 6 to 12 months
    (`extension_min_months`, `extension_max_months`)."""
    if ctx.new.outcome != Outcome.EXTEND:
        return []
    if intervals.extension_total(ctx.facts):
        return [Violation("extension", _("预备期已延长过一次，不能再次延长"))]
    months, low, high = ctx.new.extension_months or 0, ctx.params.extension_min_months, ctx.params.extension_max_months
    if low <= months <= high:
        return []
    return [
        Violation(
            "extension",
            _("延长预备期 %(m)d 个月，须为 %(low)d 至 %(high)d 个月") % {"m": months, "low": low, "high": high},
        )
    ]
