"""Checkers of stages 1–3, from the application to the development candidate (Recruitment Rules 2014 ch. 2
and 3): one rule each, as a pure function of the step being recorded (`Context`) that returns the violations
it finds ([] when the rule holds). Each names where the rule comes from: an article of the Recruitment Rules
2014 (《中国共产党发展党员工作细则》) or a [local] rule; the numbers are the year's `Params`."""

import datetime
import itertools

from django.utils.translation import gettext as _

from . import intervals
from .facts import Context, Params, Violation, iso
from .procedure import ACTIVIST_STEP, APPLICATION_STEP, ASSESSMENT_STEP, step_name
from .workdays import count_workdays

# ---------------------------------------------------------------- stage 1: application


def min_age(ctx: Context) -> list[Violation]:
    """Recruitment Rules 2014 art. 5: the applicant is at least 18 (`min_age`) on the application date; the
    birthday itself counts."""
    adult = intervals.adult_on(ctx.birth_date, ctx.params)
    if ctx.new.on >= adult:
        return []
    values = {"age": ctx.params.min_age, "birth": iso(ctx.birth_date), "adult": iso(adult), "on": iso(ctx.new.on)}
    return [
        Violation(
            "min_age",
            _("递交入党申请书时须年满%(age)d周岁：出生日期 %(birth)s，%(age)d周岁生日为 %(adult)s，申请日期为 %(on)s")
            % values,
        )
    ]


def talk_within_a_month(ctx: Context) -> list[Violation]:
    """Recruitment Rules 2014 art. 7: the party organisation talks with the applicant within one month of
    receiving the application (`talk_within_months`)."""
    applied = ctx.last(APPLICATION_STEP).on
    limit = intervals.talk_by(applied, ctx.params)
    if ctx.new.on <= limit:
        return []
    return [
        Violation(
            "talk_deadline",
            _("第2步（党组织派人谈话）须在收到入党申请书（%(app)s）后一个月内，即不晚于 %(limit)s")
            % {"app": iso(applied), "limit": iso(limit)},
        )
    ]


# ---------------------------------------------------------------- stage 2: activist


def application_before_activist(ctx: Context) -> list[Violation]:
    """[local] An applicant becomes an activist only after the application has stood for a while
    (`application_to_activist_months`, default 6)."""
    applied = ctx.last(APPLICATION_STEP).on
    earliest = intervals.activist_from(applied, ctx.params)
    if ctx.new.on >= earliest:
        return []
    return [
        Violation(
            "activist_wait",
            _("第3步（确定为入党积极分子）须在递交入党申请书（%(app)s）满%(m)d个月后，即不早于 %(earliest)s")
            % {"app": iso(applied), "m": ctx.params.application_to_activist_months, "earliest": iso(earliest)},
        )
    ]


def _people_problems(people, *, rule: str, low: int, high: int) -> list[Violation]:
    problems = []
    if not low <= len(people) <= high:
        count = _("%(low)d名") % {"low": low} if low == high else _("%(low)d至%(high)d名") % {"low": low, "high": high}
        problems.append(Violation(rule, _("须为%(count)s党员，现为%(n)d名") % {"count": count, "n": len(people)}))
    for person in people:
        if not person.full:
            problems.append(Violation(rule, _("%(name)s是预备党员，须由正式党员担任") % {"name": person.name}))
        if not person.active:
            problems.append(Violation(rule, _("%(name)s已不在册") % {"name": person.name}))
    return problems


def cultivating_contacts(ctx: Context) -> list[Violation]:
    """Recruitment Rules 2014 art. 9: one or two full members on the roll cultivate the activist."""
    return _people_problems(ctx.new.people, rule="contacts", low=1, high=2)


# ---------------------------------------------------------------- stage 3: development candidate


def activist_for_a_year(ctx: Context) -> list[Violation]:
    """Recruitment Rules 2014 art. 13: an activist is listed as a candidate after more than a year of
    cultivation (`activist_to_candidate_months`); the anniversary itself counts."""
    activist_on = ctx.last(ACTIVIST_STEP).on
    earliest = intervals.candidate_from(activist_on, ctx.params)
    if ctx.new.on >= earliest:
        return []
    return [
        Violation(
            "activist_year",
            _("第7步（列为发展对象）须在确定为入党积极分子（%(act)s）满一年后，即不早于 %(earliest)s")
            % {"act": iso(activist_on), "earliest": iso(earliest)},
        )
    ]


def activist_course_attended(ctx: Context) -> list[Violation]:
    """Recruitment Rules 2014 art. 13 (listing as a development candidate, after the activist's cultivation and
    education): the activist attended an activist course (入党积极分子培训班) held before the listing day; a
    course on the day itself does not count. The fact comes from 学习培训 (`Context.activist_course`)."""
    if ctx.activist_course is None or ctx.activist_course:
        return []
    return [
        Violation(
            "activist_course",
            _(
                "第7步（列为发展对象）前须参加入党积极分子培训班：%(on)s 之前没有该积极分子参加培训班的记录。"
                "请先在「学习培训」中登记其参加 %(on)s 之前举办的入党积极分子培训班，再登记本步骤"
            )
            % {"on": iso(ctx.new.on)},
        )
    ]


def assessed_every_half_year(ctx: Context) -> list[Violation]:
    """Recruitment Rules 2014 art. 11: the branch assesses an activist every half year
    (`assessment_interval_months`), from confirmation to listing: no gap may be longer."""
    dates = [
        ctx.last(ACTIVIST_STEP).on,
        *sorted(f.on for f in ctx.facts if f.number == ASSESSMENT_STEP),
        ctx.new.on,
    ]
    problems = []
    for previous, following in itertools.pairwise(dates):
        limit = intervals.assessment_by(previous, ctx.params)
        if following > limit:
            problems.append(
                Violation(
                    "assessment_interval",
                    _("%(prev)s 之后应在 %(limit)s 前进行考察，下一次记录在 %(next)s，中间超过%(m)d个月")
                    % {
                        "prev": iso(previous),
                        "limit": iso(limit),
                        "next": iso(following),
                        "m": ctx.params.assessment_interval_months,
                    },
                )
            )
    return problems


def notice_problems(
    notice_from, notice_to, *, before: datetime.date, params: Params, number: int, calendar=None
) -> list[Violation]:
    """DOMAIN §4 [local, reported national from 2026]: a public notice of at least `notice_min_workdays`
    working days (official holidays excluded, adjusted working weekends included), finished before the step
    it precedes: the step comes after the notice's last day, not on it, so the day after the last day is the
    earliest (issue 10 item 13). As steps are never dated after today, a notice still running today also
    keeps its step from being recorded today."""
    if notice_from is None or notice_to is None:
        return [Violation("notice", _("%(step)s须先公示，请填写公示起止日期") % {"step": step_name(number)})]
    if notice_to < notice_from:
        return [
            Violation(
                "notice",
                _("公示结束日期（%(to)s）早于开始日期（%(from)s）") % {"to": iso(notice_to), "from": iso(notice_from)},
            )
        ]
    problems = []
    earliest = intervals.after_notice(notice_to)
    if before < earliest:
        problems.append(
            Violation(
                "notice",
                _(
                    "公示到 %(to)s 才结束，%(step)s须在公示期满后进行，最早为 %(earliest)s（公示最后一天的次日），"
                    "现填写为 %(on)s；请待公示期满后再登记，或核对公示起止日期"
                )
                % {"step": step_name(number), "on": iso(before), "to": iso(notice_to), "earliest": iso(earliest)},
            )
        )
    return problems + _notice_length_problems(notice_from, notice_to, params, calendar)


def _notice_length_problems(notice_from, notice_to, params: Params, calendar) -> list[Violation]:
    counted = count_workdays(notice_from, notice_to, calendar)
    if counted.days >= params.notice_min_workdays:
        return []
    basis = _("按周一至周五估算") if counted.estimated_years else _("已扣除法定节假日")
    return [
        Violation(
            "notice",
            _("公示期 %(from)s 至 %(to)s 只有 %(days)d 个工作日（%(basis)s），须不少于 %(min)d 个工作日")
            % {
                "from": iso(notice_from),
                "to": iso(notice_to),
                "days": counted.days,
                "basis": basis,
                "min": params.notice_min_workdays,
            },
        )
    ]


def notice_warnings(notice_from, notice_to, calendar=None) -> list[str]:
    """Issue 10 item 14: when neither the county's entered calendar nor chinesecalendar knows a year of the
    notice, its working days are counted Monday to Friday; say so, and what to do, instead of refusing."""
    if notice_from is None or notice_to is None or notice_to < notice_from:
        return []
    counted = count_workdays(notice_from, notice_to, calendar)
    if not counted.estimated_years:
        return []
    years = "、".join(str(year) for year in counted.estimated_years)
    return [
        _(
            "系统尚无 %(years)s 年的法定节假日和调休安排，公示期的工作日暂按周一至周五计算；"
            "请核对公示期内是否有节假日，并请县委组织部在系统管理“节假日安排”中录入该年安排"
        )
        % {"years": years}
    ]


def public_notice(ctx: Context) -> list[Violation]:
    """DOMAIN §4 [local]: the notice before listing (step 7) and before admission (recorded with the
    pre-review, step 13); `notice_problems` says what it must be."""
    new = ctx.new
    return notice_problems(
        new.notice_from, new.notice_to, before=new.on, params=ctx.params, number=new.number, calendar=ctx.calendar
    )


def two_sponsors(ctx: Context) -> list[Violation]:
    """Recruitment Rules 2014 art. 14 (ch. 3): two full members sponsor the candidate (入党介绍人). A member under
    留党察看 on the step's day cannot: during it they have no right to vote, elect or be elected (Constitution
    art. 40; Discipline Regulations art. 8)."""
    problems = _people_problems(ctx.new.people, rule="sponsors", low=2, high=2)
    for person in ctx.new.people:
        if person.rights_suspended:
            problems.append(
                Violation(
                    "sponsors",
                    _(
                        "%(name)s正在留党察看期间，没有表决权、选举权和被选举权，不能作入党介绍人"
                        "（《党章》第四十条），请另选一名正式党员"
                    )
                    % {"name": person.name},
                )
            )
    return problems


def sponsors_of_the_branch(ctx: Context) -> list[Violation]:
    """Recruitment Rules 2014 ch. 3, DOMAIN §4 [practice]: sponsors are usually full members of the
    applicant's own branch; a full member of another branch may sponsor once the township has recorded an
    exception for this applicant (issue 10 item 12)."""
    return [
        Violation(
            "sponsor_branch",
            _(
                "%(name)s是%(branch)s党员，不是本支部党员；入党介绍人一般由本支部正式党员担任，"
                "如确需由其他支部党员介绍，请乡镇党委先在本档案登记例外"
            )
            % {"name": person.name, "branch": person.branch_name or _("其他支部")},
        )
        for person in ctx.new.people
        if person.branch_id != ctx.branch_id
    ]


def training_length(ctx: Context) -> list[Violation]:
    """Recruitment Rules 2014 art. 17: intensive training of at least 3 days or 24 class hours
    (`training_min_days`, `training_min_hours`); either is enough."""
    days, hours = ctx.new.training_days or 0, ctx.new.training_hours or 0
    if days >= ctx.params.training_min_days or hours >= ctx.params.training_min_hours:
        return []
    return [
        Violation(
            "training",
            _("集中培训 %(days)d 天、%(hours)d 学时，须不少于 %(min_days)d 天或 %(min_hours)d 学时")
            % {
                "days": days,
                "hours": hours,
                "min_days": ctx.params.training_min_days,
                "min_hours": ctx.params.training_min_hours,
            },
        )
    ]
