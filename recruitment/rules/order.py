"""The order of the procedure, checked for every step: the steps are taken in order, none skipped, each dated
no later than today and no earlier than the step before (Recruitment Rules 2014 art. 18: admission "严格按照
党章规定的程序办理"). Each checker is a pure function of the step being recorded (`Context`) returning the
violations it finds. The order checks are gates: the first one that fails is the only refusal shown."""

from django.utils.translation import gettext as _

from .facts import Context, Violation, iso
from .procedure import APPLICATION_STEP, CONFIRMATION_VOTE, STEP, Outcome, step_name


def known_step(ctx: Context) -> list[Violation]:
    """There are 25 steps (DOMAIN §4)."""
    if ctx.new.number in STEP:
        return []
    return [Violation("order", _("没有第%(n)d步") % {"n": ctx.new.number})]


def not_recorded_yet(ctx: Context) -> list[Violation]:
    """A step is recorded once, except the assessments (6, 21) and a new confirmation vote after an
    extension of probation (Recruitment Rules 2014 art. 32)."""
    n = ctx.new.number
    if n not in {f.number for f in ctx.facts} or STEP[n].repeatable:
        return []
    previous_vote = ctx.last(CONFIRMATION_VOTE)
    if n == CONFIRMATION_VOTE and previous_vote is not None and previous_vote.outcome == Outcome.EXTEND:
        return []
    return [Violation("order", _("%(step)s已经登记过") % {"step": step_name(n)})]


def application_first(ctx: Context) -> list[Violation]:
    """Recruitment Rules 2014 ch. 2: a file opens with the written application, and has only one."""
    if ctx.new.number == APPLICATION_STEP and ctx.facts:
        return [Violation("order", _("申请书已登记"))]
    return []


def previous_recorded(ctx: Context) -> list[Violation]:
    """Recruitment Rules 2014 ch. 2–5: no step is skipped, the one before must be on file."""
    n = ctx.new.number
    if n == APPLICATION_STEP or n - 1 in {f.number for f in ctx.facts}:
        return []
    return [
        Violation("order", _("须先登记%(prev)s，才能登记%(step)s") % {"prev": step_name(n - 1), "step": step_name(n)})
    ]


def not_behind(ctx: Context) -> list[Violation]:
    """Recruitment Rules 2014 ch. 2–5: a file does not go back to an earlier step."""
    highest = max((f.number for f in ctx.facts), default=0)
    if ctx.new.number >= highest:
        return []
    return [
        Violation(
            "order", _("已登记到第%(h)d步，不能再登记%(step)s") % {"h": highest, "step": step_name(ctx.new.number)}
        )
    ]


def not_in_future(ctx: Context) -> list[Violation]:
    """[local] A step is recorded after it happened, never ahead of time."""
    if ctx.new.on <= ctx.today:
        return []
    return [
        Violation(
            "future", _("%(step)s的日期 %(on)s 晚于今天") % {"step": step_name(ctx.new.number), "on": iso(ctx.new.on)}
        )
    ]


def not_before_latest(ctx: Context) -> list[Violation]:
    """[local] Steps happen in order, so a step is not dated before the latest step on file (the same day is
    allowed)."""
    if not ctx.facts:
        return []
    latest = max(ctx.facts, key=lambda f: (f.on, f.number))
    if ctx.new.on >= latest.on:
        return []
    return [
        Violation(
            "date_order",
            _("%(step)s的日期 %(on)s 早于已登记的%(prev)s（%(prev_on)s）")
            % {
                "step": step_name(ctx.new.number),
                "on": iso(ctx.new.on),
                "prev": step_name(latest.number),
                "prev_on": iso(latest.on),
            },
        )
    ]
