"""What the procedure is (DOMAIN §4, Recruitment Rules 2014 ch. 2–5): 5 stages, 25 steps with their names,
the steps that carry data of their own, and the outcomes of the confirmation vote. Which rules each step
must satisfy is the table in `steps.py`."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


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
APPLICATION_STEP, ACTIVIST_STEP, ASSESSMENT_STEP = 1, 3, 6
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
# The vote each approval decides on.
VOTE_APPROVED = {ADMISSION_APPROVAL: ADMISSION_VOTE, CONFIRMATION_APPROVAL: CONFIRMATION_VOTE}


class Outcome:
    CONFIRM = "confirm"
    EXTEND = "extend"
    CANCEL = "cancel"
    CHOICES = [
        (CONFIRM, gettext_lazy("按期转正")),
        (EXTEND, gettext_lazy("延长预备期")),
        (CANCEL, gettext_lazy("取消预备党员资格")),
    ]


def step_name(number: int) -> str:
    return _("第%(n)d步（%(title)s）") % {"n": number, "title": STEP[number].title}


def stage_of(last_number: int | None, *, outcome: str = "") -> int:
    """The stage an applicant stands in, derived from the highest step recorded (never typed)."""
    if not last_number:
        return 1
    if last_number >= CONFIRMATION_APPROVAL and outcome == Outcome.CANCEL:
        return CLOSED_STAGE
    if last_number == LAST_STEP:
        return DONE_STAGE
    return STEP[last_number].stage
