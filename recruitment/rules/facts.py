"""What the rules are given and what they answer: the parameters of a year (`Params`, from the `RuleSet`
an administrator edits; the defaults are what the first data migration ships), the steps already recorded
(`StepFact`), the step being recorded with everything a checker needs (`Context`), and a broken rule
(`Violation`) from the catalogue of rules users see (`RULES`)."""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy


@dataclass(frozen=True)
class RuleDef:
    label: str
    waivable: bool  # the township may record an exception for one applicant


# The rules, with their names as users see them (and on the township's exception form when waivable).
RULES = {
    "order": RuleDef(gettext_lazy("按步骤顺序登记"), False),
    "date_order": RuleDef(gettext_lazy("日期不早于上一步"), False),
    "future": RuleDef(gettext_lazy("日期不能晚于今天"), False),
    "min_age": RuleDef(gettext_lazy("申请入党须年满18周岁"), False),
    "talk_deadline": RuleDef(gettext_lazy("收到申请书后一个月内谈话"), True),
    "activist_wait": RuleDef(gettext_lazy("递交申请书满规定期限方可确定为积极分子"), True),
    "activist_year": RuleDef(gettext_lazy("积极分子培养考察一年以上方可列为发展对象"), False),
    "activist_course": RuleDef(gettext_lazy("列为发展对象前须参加入党积极分子培训班"), False),
    "assessment_interval": RuleDef(gettext_lazy("每半年考察一次积极分子"), True),
    "contacts": RuleDef(gettext_lazy("培养联系人为一至两名正式党员"), False),
    "sponsors": RuleDef(gettext_lazy("两名正式党员作入党介绍人，受留党察看处分期间不能介绍"), False),
    "sponsor_branch": RuleDef(gettext_lazy("入党介绍人一般为本支部党员（其他支部党员介绍须乡镇党委登记例外）"), True),
    "political_review": RuleDef(gettext_lazy("政治审查在有效期内"), True),
    "training": RuleDef(gettext_lazy("集中培训不少于3天或24学时"), False),
    "notice": RuleDef(gettext_lazy("公示不少于5个工作日"), False),
    "prereview_vote": RuleDef(gettext_lazy("预审后一个月内提交支部党员大会讨论"), True),
    "vote": RuleDef(gettext_lazy("支部党员大会表决规则"), False),
    "approval_deadline": RuleDef(gettext_lazy("表决后三个月内审批"), True),
    "approval_special": RuleDef(gettext_lazy("特殊情况审批最长六个月"), False),
    "probation": RuleDef(gettext_lazy("预备期满方可讨论转正"), False),
    "extension": RuleDef(gettext_lazy("延长预备期只能一次，为6至12个月"), False),
}
RULE_CHOICES = [(code, rule.label) for code, rule in RULES.items() if rule.waivable]


def rule_label(code: str) -> str:
    return str(RULES[code].label)


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
    rights_suspended: bool = False  # under 留党察看 on the step's day (Constitution art. 40)
    branch_name: str = ""


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
        return RULES[self.rule].waivable

    @property
    def label(self) -> str:
        return rule_label(self.rule)

    def __str__(self) -> str:
        return f"{self.message}【{self.label}】"


def iso(day: datetime.date) -> str:
    """A date as messages show it (2026-03-01)."""
    return day.isoformat()


def last(facts, number: int) -> StepFact | None:
    """The latest record of step `number` (a repeatable step may be recorded several times)."""
    found = [f for f in facts if f.number == number]
    return max(found, key=lambda f: f.on) if found else None


@dataclass(frozen=True)
class Context:
    """The step being recorded (`new`) with everything a checker may look at. `facts` are the steps already
    recorded; `voting_members` the branch's full members, for the vote steps (None: not checked);
    `activist_course` whether an activist course came before the listing step (None: not checked)."""

    facts: tuple[StepFact, ...]
    new: StepFact
    params: Params
    birth_date: datetime.date
    branch_id: int
    today: datetime.date
    voting_members: int | None = None
    # The county's entered holiday calendars by year (`workdays.EnteredYear`), for the public notice.
    calendar: Mapping = field(default_factory=dict)
    # Whether the person attended an activist course held strictly before the new step's day, for the
    # listing step (None: not checked; the services always look it up for step 7).
    activist_course: bool | None = None

    def last(self, number: int) -> StepFact | None:
        return last(self.facts, number)
