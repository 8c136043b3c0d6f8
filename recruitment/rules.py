"""The recruitment procedure (发展党员, DOMAIN §4, Recruitment Rules 2014): 5 stages, 25 steps, and the
rules on their order, intervals and deadlines. Pure: no ORM. The parameters (`Params`) come from the
`RuleSet` of the year that applies (data an administrator edits); the defaults below are what the
first data migration ships."""

import datetime
import itertools
from dataclasses import dataclass, field

import chinese_calendar
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partywork.dates import add_months


@dataclass(frozen=True)
class StepDef:
    number: int
    stage: int
    title: str
    repeatable: bool = False


STAGES = {
    1: gettext_lazy("入党申请人"),
    2: gettext_lazy("入党积极分子"),
    3: gettext_lazy("发展对象"),
    4: gettext_lazy("接收预备党员"),
    5: gettext_lazy("预备党员考察和转正"),
}
DONE_STAGE = 6
CLOSED_STAGE = 0
STAGE_LABELS = {**STAGES, DONE_STAGE: gettext_lazy("已转正"), CLOSED_STAGE: gettext_lazy("已终止")}

STEPS = [
    StepDef(1, 1, gettext_lazy("递交入党申请书")),
    StepDef(2, 1, gettext_lazy("党组织派人谈话")),
    StepDef(3, 2, gettext_lazy("推荐和确定入党积极分子")),
    StepDef(4, 2, gettext_lazy("上级党委备案")),
    StepDef(5, 2, gettext_lazy("指定培养联系人")),
    StepDef(6, 2, gettext_lazy("培养教育考察"), repeatable=True),
    StepDef(7, 3, gettext_lazy("列为发展对象")),
    StepDef(8, 3, gettext_lazy("报上级党委备案")),
    StepDef(9, 3, gettext_lazy("确定入党介绍人")),
    StepDef(10, 3, gettext_lazy("进行政治审查")),
    StepDef(11, 3, gettext_lazy("开展集中培训")),
    StepDef(12, 4, gettext_lazy("支部委员会审查")),
    StepDef(13, 4, gettext_lazy("上级党委预审")),
    StepDef(14, 4, gettext_lazy("填写入党志愿书")),
    StepDef(15, 4, gettext_lazy("支部党员大会讨论接收")),
    StepDef(16, 4, gettext_lazy("上级党委派人谈话")),
    StepDef(17, 4, gettext_lazy("上级党委审批")),
    StepDef(18, 4, gettext_lazy("再上级党委组织部门备案")),
    StepDef(19, 5, gettext_lazy("编入党支部和党小组")),
    StepDef(20, 5, gettext_lazy("入党宣誓")),
    StepDef(21, 5, gettext_lazy("继续教育考察"), repeatable=True),
    StepDef(22, 5, gettext_lazy("提出转正申请")),
    StepDef(23, 5, gettext_lazy("支部党员大会讨论转正")),
    StepDef(24, 5, gettext_lazy("上级党委审批转正")),
    StepDef(25, 5, gettext_lazy("材料归档")),
]
STEP = {s.number: s for s in STEPS}
LAST_STEP = 25

# Steps with their own data.
CONTACTS_STEP, SPONSORS_STEP, REVIEW_STEP, TRAINING_STEP = 5, 9, 10, 11
LISTING_STEP, PREREVIEW_STEP, ADMISSION_VOTE, ADMISSION_APPROVAL = 7, 13, 15, 17
CONFIRMATION_VOTE, CONFIRMATION_APPROVAL = 23, 24
VOTE_STEPS = (ADMISSION_VOTE, CONFIRMATION_VOTE)
# Approvals are the township committee's (recruitment.approve), not the branch's.
APPROVAL_STEPS = (ADMISSION_APPROVAL, CONFIRMATION_APPROVAL)
# DOMAIN §4: a public notice of at least 5 working days before listing and before admission (the notice
# before admission is recorded with the committee's pre-review, which it precedes).
NOTICE_STEPS = (LISTING_STEP, PREREVIEW_STEP)
PEOPLE_STEPS = (CONTACTS_STEP, SPONSORS_STEP)


class Outcome:
    CONFIRM = "confirm"
    EXTEND = "extend"
    CANCEL = "cancel"
    CHOICES = [
        (CONFIRM, gettext_lazy("按期转正")),
        (EXTEND, gettext_lazy("延长预备期")),
        (CANCEL, gettext_lazy("取消预备党员资格")),
    ]


# The rules, with their names as users see them. `waivable`: the township may record an exception.
RULES = {
    "order": (gettext_lazy("按步骤顺序登记"), False),
    "date_order": (gettext_lazy("日期不早于上一步"), False),
    "future": (gettext_lazy("日期不能晚于今天"), False),
    "min_age": (gettext_lazy("申请入党须年满18周岁"), False),
    "talk_deadline": (gettext_lazy("收到申请书后一个月内谈话"), True),
    "activist_wait": (gettext_lazy("递交申请书满规定期限方可确定为积极分子"), True),
    "activist_year": (gettext_lazy("积极分子培养考察一年以上方可列为发展对象"), False),
    "assessment_interval": (gettext_lazy("每半年考察一次积极分子"), True),
    "contacts": (gettext_lazy("培养联系人为一至两名正式党员"), False),
    "sponsors": (gettext_lazy("两名本支部正式党员作入党介绍人"), False),
    "political_review": (gettext_lazy("政治审查在有效期内"), True),
    "training": (gettext_lazy("集中培训不少于3天或24学时"), False),
    "notice": (gettext_lazy("公示不少于5个工作日"), False),
    "prereview_vote": (gettext_lazy("预审后一个月内提交支部党员大会讨论"), True),
    "vote": (gettext_lazy("支部党员大会表决规则"), False),
    "approval_deadline": (gettext_lazy("表决后三个月内审批"), True),
    "approval_special": (gettext_lazy("特殊情况审批最长六个月"), False),
    "probation": (gettext_lazy("预备期满方可讨论转正"), False),
    "extension": (gettext_lazy("延长预备期只能一次，为6至12个月"), False),
}
RULE_CHOICES = [(code, label) for code, (label, waivable) in RULES.items() if waivable]


def rule_label(code: str) -> str:
    return str(RULES[code][0])


@dataclass(frozen=True)
class Params:
    """Parameters of the procedure for one year. Defaults: Recruitment Rules 2014 and the county's
    local choices ([local] in DOMAIN §4)."""

    min_age: int = 18
    talk_within_months: int = 1
    application_to_activist_months: int = 6  # [local]
    activist_to_candidate_months: int = 12
    assessment_interval_months: int = 6
    political_review_valid_months: int = 12  # [local]
    training_min_days: int = 3
    training_min_hours: int = 24
    vote_within_months_of_prereview: int = 1  # [local]
    approval_within_months: int = 3
    approval_special_months: int = 6
    probation_months: int = 12
    extension_min_months: int = 6
    extension_max_months: int = 12
    notice_min_workdays: int = 5  # [local, reported national from 2026]


PARAM_FIELDS = tuple(Params.__dataclass_fields__)


@dataclass(frozen=True)
class PersonFact:
    """A member named on a step (cultivating contact, sponsor), as the rules need to see them."""

    name: str
    full: bool
    active: bool
    branch_id: int


@dataclass(frozen=True)
class StepFact:
    number: int
    on: datetime.date
    people: tuple[PersonFact, ...] = ()
    outcome: str = ""
    extension_months: int | None = None
    training_days: int | None = None
    training_hours: int | None = None
    notice_from: datetime.date | None = None
    notice_to: datetime.date | None = None
    should_attend: int | None = None
    present: int | None = None
    yes_votes: int | None = None
    no_votes: int | None = None
    abstentions: int | None = None


@dataclass(frozen=True)
class Violation:
    rule: str
    message: str

    @property
    def waivable(self) -> bool:
        return RULES[self.rule][1]

    @property
    def label(self) -> str:
        return rule_label(self.rule)

    def __str__(self) -> str:
        return f"{self.message}【{self.label}】"


def step_name(number: int) -> str:
    return _("第%(n)d步（%(title)s）") % {"n": number, "title": STEP[number].title}


def _d(day: datetime.date) -> str:
    return day.isoformat()


def _last(facts: list[StepFact], number: int) -> StepFact | None:
    found = [f for f in facts if f.number == number]
    return max(found, key=lambda f: f.on) if found else None


def stage_of(last_number: int | None, *, outcome: str = "") -> int:
    """The stage an applicant stands in, derived from the highest step recorded (never typed)."""
    if not last_number:
        return 1
    if last_number >= CONFIRMATION_APPROVAL and outcome == Outcome.CANCEL:
        return CLOSED_STAGE
    if last_number == LAST_STEP:
        return DONE_STAGE
    return STEP[last_number].stage


def extension_total(facts: list[StepFact]) -> int:
    return sum(f.extension_months or 0 for f in facts if f.number == CONFIRMATION_VOTE and f.outcome == Outcome.EXTEND)


def probation_end(facts: list[StepFact], params: Params) -> datetime.date | None:
    """Probation is one year from the admitting vote (the entry date), plus an extension if voted."""
    vote = _last(facts, ADMISSION_VOTE)
    if vote is None:
        return None
    return add_months(vote.on, params.probation_months + extension_total(facts))


def workdays_between(first: datetime.date, last: datetime.date) -> int:
    """Working days from `first` to `last` inclusive, with China's official holidays and the adjusted
    working weekends (chinesecalendar). Raises ValueError for years the calendar has no data for."""
    try:
        return len(chinese_calendar.get_workdays(first, last))
    except NotImplementedError as error:
        raise ValueError(str(error)) from error


def notice_problems(notice_from, notice_to, *, before: datetime.date, params: Params, number: int) -> list[Violation]:
    """DOMAIN §4: a public notice of at least N working days, finished before the step it precedes."""
    if notice_from is None or notice_to is None:
        return [Violation("notice", _("%(step)s须先公示，请填写公示起止日期") % {"step": step_name(number)})]
    if notice_to < notice_from:
        return [
            Violation(
                "notice",
                _("公示结束日期（%(to)s）早于开始日期（%(from)s）") % {"to": _d(notice_to), "from": _d(notice_from)},
            )
        ]
    problems = []
    if notice_to > before:
        problems.append(
            Violation(
                "notice",
                _("公示须在%(step)s（%(on)s）之前结束，公示结束日期为 %(to)s")
                % {"step": step_name(number), "on": _d(before), "to": _d(notice_to)},
            )
        )
    try:
        days = workdays_between(notice_from, notice_to)
    except ValueError:
        problems.append(
            Violation(
                "notice",
                _("节假日日历没有 %(from)s 至 %(to)s 的数据，无法计算公示的工作日；请升级 chinesecalendar 后再登记")
                % {"from": _d(notice_from), "to": _d(notice_to)},
            )
        )
        return problems
    if days < params.notice_min_workdays:
        problems.append(
            Violation(
                "notice",
                _("公示期 %(from)s 至 %(to)s 只有 %(days)d 个工作日（已扣除法定节假日），须不少于 %(min)d 个工作日")
                % {"from": _d(notice_from), "to": _d(notice_to), "days": days, "min": params.notice_min_workdays},
            )
        )
    return problems


def vote_problems(fact: StepFact, *, voting_members: int | None) -> list[Violation]:
    """Branch Regs / DOMAIN §2: quorum is more than half of the members with a vote; a motion passes when
    yes > half of the voting members who should attend (absent members' written votes count); probationary
    members have no vote, so those who should attend are at most the branch's full members."""
    should, present, yes = fact.should_attend, fact.present, fact.yes_votes
    no, abstain = fact.no_votes or 0, fact.abstentions or 0
    if should is None or present is None or yes is None:
        return [Violation("vote", _("请填写应到、实到有表决权的党员人数和赞成票数"))]
    problems = []
    if voting_members is not None and should > voting_members:
        problems.append(
            Violation(
                "vote",
                _("应到有表决权党员 %(should)d 人，超过本支部正式党员 %(full)d 人（预备党员没有表决权）")
                % {"should": should, "full": voting_members},
            )
        )
    if present > should:
        problems.append(
            Violation("vote", _("实到人数（%(p)d）不能多于应到人数（%(s)d）") % {"p": present, "s": should})
        )
    if yes + no + abstain > should:
        problems.append(Violation("vote", _("赞成、反对、弃权票合计不能多于应到人数（%(s)d）") % {"s": should}))
    if present * 2 <= should:
        problems.append(
            Violation(
                "vote",
                _("实到有表决权的党员 %(p)d 人，未超过应到 %(s)d 人的半数，会议不能表决") % {"p": present, "s": should},
            )
        )
    if yes * 2 <= should:
        problems.append(
            Violation(
                "vote",
                _("赞成票 %(y)d 票，未超过应到会有表决权党员 %(s)d 人的半数，不能通过") % {"y": yes, "s": should},
            )
        )
    return problems


def check_step(
    facts: list[StepFact],
    new: StepFact,
    *,
    params: Params,
    birth_date: datetime.date,
    branch_id: int,
    today: datetime.date,
    voting_members: int | None = None,
) -> list[Violation]:
    """Every rule the new step breaks, given the steps already recorded (DOMAIN §4). [] when it may be
    recorded. Waivable violations are lifted by an exception the township recorded."""
    n, on = new.number, new.on
    recorded = {f.number for f in facts}
    problems: list[Violation] = []
    if n not in STEP:
        return [Violation("order", _("没有第%(n)d步") % {"n": n})]
    if on > today:
        problems.append(Violation("future", _("%(step)s的日期 %(on)s 晚于今天") % {"step": step_name(n), "on": _d(on)}))
    highest = max(recorded) if recorded else 0
    last_vote = _last(facts, CONFIRMATION_VOTE)
    revote = n == CONFIRMATION_VOTE and last_vote is not None and last_vote.outcome == Outcome.EXTEND
    if n in recorded and not STEP[n].repeatable and not revote:
        return [Violation("order", _("%(step)s已经登记过") % {"step": step_name(n)})]
    if n == 1 and facts:
        return [Violation("order", _("申请书已登记"))]
    if n > 1 and n - 1 not in recorded:
        return [
            Violation(
                "order", _("须先登记%(prev)s，才能登记%(step)s") % {"prev": step_name(n - 1), "step": step_name(n)}
            )
        ]
    if n < highest:
        return [Violation("order", _("已登记到第%(h)d步，不能再登记%(step)s") % {"h": highest, "step": step_name(n)})]
    if facts:
        latest = max(facts, key=lambda f: (f.on, f.number))
        if on < latest.on:
            problems.append(
                Violation(
                    "date_order",
                    _("%(step)s的日期 %(on)s 早于已登记的%(prev)s（%(prev_on)s）")
                    % {"step": step_name(n), "on": _d(on), "prev": step_name(latest.number), "prev_on": _d(latest.on)},
                )
            )
    step1 = _last(facts, 1) if n != 1 else new
    if n == 1:
        adult = add_months(birth_date, 12 * params.min_age)
        if on < adult:
            problems.append(
                Violation(
                    "min_age",
                    _(
                        "递交入党申请书时须年满%(age)d周岁：出生日期 %(birth)s，"
                        "%(age)d周岁生日为 %(adult)s，申请日期为 %(on)s"
                    )
                    % {"age": params.min_age, "birth": _d(birth_date), "adult": _d(adult), "on": _d(on)},
                )
            )
    elif n == 2:
        limit = add_months(step1.on, params.talk_within_months)
        if on > limit:
            problems.append(
                Violation(
                    "talk_deadline",
                    _("第2步（党组织派人谈话）须在收到入党申请书（%(app)s）后一个月内，即不晚于 %(limit)s")
                    % {"app": _d(step1.on), "limit": _d(limit)},
                )
            )
    elif n == 3:
        earliest = add_months(step1.on, params.application_to_activist_months)
        if on < earliest:
            problems.append(
                Violation(
                    "activist_wait",
                    _("第3步（确定为入党积极分子）须在递交入党申请书（%(app)s）满%(m)d个月后，即不早于 %(earliest)s")
                    % {"app": _d(step1.on), "m": params.application_to_activist_months, "earliest": _d(earliest)},
                )
            )
    elif n == CONTACTS_STEP:
        problems += _people_problems(new.people, rule="contacts", low=1, high=2, branch_id=None)
    elif n == LISTING_STEP:
        step3 = _last(facts, 3)
        earliest = add_months(step3.on, params.activist_to_candidate_months)
        if on < earliest:
            problems.append(
                Violation(
                    "activist_year",
                    _("第7步（列为发展对象）须在确定为入党积极分子（%(act)s）满一年后，即不早于 %(earliest)s")
                    % {"act": _d(step3.on), "earliest": _d(earliest)},
                )
            )
        problems += _assessment_gaps(facts, on, params)
        problems += notice_problems(new.notice_from, new.notice_to, before=on, params=params, number=n)
    elif n == SPONSORS_STEP:
        problems += _people_problems(new.people, rule="sponsors", low=2, high=2, branch_id=branch_id)
    elif n == TRAINING_STEP:
        days, hours = new.training_days or 0, new.training_hours or 0
        if days < params.training_min_days and hours < params.training_min_hours:
            problems.append(
                Violation(
                    "training",
                    _("集中培训 %(days)d 天、%(hours)d 学时，须不少于 %(min_days)d 天或 %(min_hours)d 学时")
                    % {
                        "days": days,
                        "hours": hours,
                        "min_days": params.training_min_days,
                        "min_hours": params.training_min_hours,
                    },
                )
            )
    elif n == PREREVIEW_STEP:
        problems += notice_problems(new.notice_from, new.notice_to, before=on, params=params, number=n)
    elif n == ADMISSION_VOTE:
        prereview = _last(facts, PREREVIEW_STEP)
        limit = add_months(prereview.on, params.vote_within_months_of_prereview)
        if on > limit:
            problems.append(
                Violation(
                    "prereview_vote",
                    _("第15步（支部党员大会讨论接收）须在上级党委预审（%(pre)s）后%(m)d个月内，即不晚于 %(limit)s")
                    % {"pre": _d(prereview.on), "m": params.vote_within_months_of_prereview, "limit": _d(limit)},
                )
            )
        review = _last(facts, REVIEW_STEP)
        valid_until = add_months(review.on, params.political_review_valid_months)
        if on > valid_until:
            problems.append(
                Violation(
                    "political_review",
                    _("政治审查（%(rev)s）有效期至 %(until)s，第15步（%(on)s）已超出有效期，须重新审查")
                    % {"rev": _d(review.on), "until": _d(valid_until), "on": _d(on)},
                )
            )
        problems += vote_problems(new, voting_members=voting_members)
    elif n in (ADMISSION_APPROVAL, CONFIRMATION_APPROVAL):
        vote = _last(facts, ADMISSION_VOTE if n == ADMISSION_APPROVAL else CONFIRMATION_VOTE)
        problems += _approval_problems(n, vote.on, on, params)
    elif n == CONFIRMATION_VOTE:
        end = probation_end(facts, params)
        if on < end:
            problems.append(
                Violation(
                    "probation",
                    _("第23步（支部党员大会讨论转正）须在预备期满（入党日期 %(joined)s 起一年%(ext)s，即 %(end)s）之后")
                    % {
                        "joined": _d(_last(facts, ADMISSION_VOTE).on),
                        "ext": (_("，延长%(m)d个月") % {"m": extension_total(facts)}) if extension_total(facts) else "",
                        "end": _d(end),
                    },
                )
            )
        if new.outcome == Outcome.EXTEND:
            months = new.extension_months or 0
            if extension_total(facts):
                problems.append(Violation("extension", _("预备期已延长过一次，不能再次延长")))
            elif not params.extension_min_months <= months <= params.extension_max_months:
                problems.append(
                    Violation(
                        "extension",
                        _("延长预备期 %(m)d 个月，须为 %(low)d 至 %(high)d 个月")
                        % {"m": months, "low": params.extension_min_months, "high": params.extension_max_months},
                    )
                )
        elif new.outcome not in (Outcome.CONFIRM, Outcome.CANCEL):
            problems.append(Violation("vote", _("请选择讨论结果：按期转正、延长预备期或取消预备党员资格")))
        problems += vote_problems(new, voting_members=voting_members)
    return problems


def _people_problems(people, *, rule: str, low: int, high: int, branch_id: int | None) -> list[Violation]:
    problems = []
    if not low <= len(people) <= high:
        count = _("%(low)d名") % {"low": low} if low == high else _("%(low)d至%(high)d名") % {"low": low, "high": high}
        problems.append(Violation(rule, _("须为%(count)s党员，现为%(n)d名") % {"count": count, "n": len(people)}))
    for person in people:
        if not person.full:
            problems.append(Violation(rule, _("%(name)s是预备党员，须由正式党员担任") % {"name": person.name}))
        if not person.active:
            problems.append(Violation(rule, _("%(name)s已不在册") % {"name": person.name}))
        if branch_id is not None and person.branch_id != branch_id:
            problems.append(
                Violation(rule, _("%(name)s不是本支部党员，入党介绍人须为本支部正式党员") % {"name": person.name})
            )
    return problems


def _assessment_gaps(facts: list[StepFact], listed_on: datetime.date, params: Params) -> list[Violation]:
    """DOMAIN §4: the branch assesses an activist every 6 months, from confirmation to listing."""
    dates = [_last(facts, 3).on, *sorted(f.on for f in facts if f.number == 6), listed_on]
    problems = []
    for previous, following in itertools.pairwise(dates):
        limit = add_months(previous, params.assessment_interval_months)
        if following > limit:
            problems.append(
                Violation(
                    "assessment_interval",
                    _("%(prev)s 之后应在 %(limit)s 前进行考察，下一次记录在 %(next)s，中间超过%(m)d个月")
                    % {
                        "prev": _d(previous),
                        "limit": _d(limit),
                        "next": _d(following),
                        "m": params.assessment_interval_months,
                    },
                )
            )
    return problems


def _approval_problems(n: int, vote_on: datetime.date, on: datetime.date, params: Params) -> list[Violation]:
    """Recruitment Rules: approval within 3 months of the branch's vote, 6 in special cases."""
    normal = add_months(vote_on, params.approval_within_months)
    special = add_months(vote_on, params.approval_special_months)
    if on > special:
        return [
            Violation(
                "approval_special",
                _("%(step)s须在支部党员大会表决（%(vote)s）后%(m)d个月内，特殊情况也不得晚于 %(limit)s")
                % {"step": step_name(n), "vote": _d(vote_on), "m": params.approval_within_months, "limit": _d(special)},
            )
        ]
    if on > normal:
        return [
            Violation(
                "approval_deadline",
                _(
                    "%(step)s须在支部党员大会表决（%(vote)s）后%(m)d个月内，即不晚于 %(limit)s；"
                    "特殊情况须由乡镇党委登记例外"
                )
                % {"step": step_name(n), "vote": _d(vote_on), "m": params.approval_within_months, "limit": _d(normal)},
            )
        ]
    return []


@dataclass(frozen=True)
class Due:
    number: int
    earliest: datetime.date | None = None
    latest: datetime.date | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return step_name(self.number)

    def overdue(self, today: datetime.date) -> bool:
        return self.latest is not None and self.latest < today

    def too_early(self, today: datetime.date) -> bool:
        return self.earliest is not None and today < self.earliest

    def in_month(self, first: datetime.date, last: datetime.date) -> bool:
        """Due in the month: its deadline falls in it, or (without a deadline) it becomes possible in it."""
        if self.latest is not None:
            return first <= self.latest <= last
        return self.earliest is not None and first <= self.earliest <= last


def next_due(facts: list[StepFact], params: Params) -> Due | None:
    """The next step for an applicant with its earliest and latest dates (None when the file is closed)."""
    if not facts:
        return Due(1)
    by = {f.number: _last(facts, f.number) for f in facts}
    highest = max(by)
    last = by[highest]
    if highest == LAST_STEP:
        return None
    if (
        highest >= CONFIRMATION_VOTE
        and by[CONFIRMATION_VOTE].outcome == Outcome.EXTEND
        and highest == CONFIRMATION_VOTE
    ):
        return Due(CONFIRMATION_VOTE, earliest=probation_end(facts, params))
    if highest == 1:
        return Due(2, earliest=last.on, latest=add_months(last.on, params.talk_within_months))
    if highest == 2:
        return Due(3, earliest=add_months(by[1].on, params.application_to_activist_months))
    if highest in (5, 6):
        previous = by.get(6, by[3]).on
        assess_by = add_months(previous, params.assessment_interval_months)
        listable = add_months(by[3].on, params.activist_to_candidate_months)
        if highest == 5 or assess_by < listable:
            return Due(6, earliest=by[highest].on, latest=assess_by)
        return Due(LISTING_STEP, earliest=listable, latest=assess_by)
    if highest == 14:
        return Due(
            ADMISSION_VOTE,
            earliest=last.on,
            latest=add_months(by[PREREVIEW_STEP].on, params.vote_within_months_of_prereview),
        )
    if highest == 16:
        return Due(
            ADMISSION_APPROVAL,
            earliest=last.on,
            latest=add_months(by[ADMISSION_VOTE].on, params.approval_within_months),
        )
    if highest in (20, 21):
        return Due(
            22 if highest == 21 else 21,
            earliest=last.on,
            latest=probation_end(facts, params) if highest == 21 else None,
        )
    if highest == 22:
        return Due(CONFIRMATION_VOTE, earliest=max(last.on, probation_end(facts, params)))
    if highest == CONFIRMATION_VOTE:
        return Due(CONFIRMATION_APPROVAL, earliest=last.on, latest=add_months(last.on, params.approval_within_months))
    return Due(highest + 1, earliest=last.on)
