"""The recruitment procedure (发展党员, DOMAIN §4, Recruitment Rules 2014): 5 stages, 25 steps, and the
rules on their order, intervals and deadlines. Pure: no ORM.

- `procedure`: the stages and steps, their names and numbers;
- `facts`: the year's parameters (`Params`), what the rules are given and the catalogue of rules;
- `intervals`: the dates the rules derive (deadlines, earliest days, the end of probation);
- `order`, `candidacy`, `admission`: the checkers, one pure function per rule, citing where it comes from
  (the order of the procedure; stages 1–3; stages 4–5);
- `steps`: the table of the 25 steps with their checkers, and `check_step`;
- `due`: the next step of a file with its dates;
- `workdays`: working days in any year (the county's entered calendar, chinesecalendar, else Monday to Friday).
The vote rule itself (quorum, majority, written votes) is the kernel's: `branches.votes`.
"""

from .candidacy import notice_problems, notice_warnings
from .due import Due, next_due
from .facts import (
    PARAM_FIELDS,
    RULE_CHOICES,
    RULES,
    Context,
    Params,
    PersonFact,
    StepFact,
    Violation,
    rule_label,
)
from .intervals import extension_total, probation_end, workdays_between
from .procedure import (
    ACTIVIST_STEP,
    ADMISSION_APPROVAL,
    ADMISSION_VOTE,
    APPLICATION_STEP,
    APPROVAL_STEPS,
    ASSESSMENT_STEP,
    CLOSED_STAGE,
    CONFIRMATION_APPROVAL,
    CONFIRMATION_VOTE,
    CONTACTS_STEP,
    DONE_STAGE,
    LAST_STEP,
    LISTING_STEP,
    NOTICE_STEPS,
    PEOPLE_STEPS,
    PREREVIEW_STEP,
    REVIEW_STEP,
    SPONSORS_STEP,
    STAGE_LABELS,
    STAGES,
    STEP,
    STEPS,
    TRAINING_STEP,
    VOTE_APPROVED,
    VOTE_STEPS,
    Outcome,
    StepDef,
    stage_of,
    step_name,
)
from .steps import STEP_RULES, check_step
from .workdays import EnteredYear, WorkdayCount, count_workdays

__all__ = [
    "ACTIVIST_STEP",
    "ADMISSION_APPROVAL",
    "ADMISSION_VOTE",
    "APPLICATION_STEP",
    "APPROVAL_STEPS",
    "ASSESSMENT_STEP",
    "CLOSED_STAGE",
    "CONFIRMATION_APPROVAL",
    "CONFIRMATION_VOTE",
    "CONTACTS_STEP",
    "DONE_STAGE",
    "LAST_STEP",
    "LISTING_STEP",
    "NOTICE_STEPS",
    "PARAM_FIELDS",
    "PEOPLE_STEPS",
    "PREREVIEW_STEP",
    "REVIEW_STEP",
    "RULES",
    "RULE_CHOICES",
    "SPONSORS_STEP",
    "STAGES",
    "STAGE_LABELS",
    "STEP",
    "STEPS",
    "STEP_RULES",
    "TRAINING_STEP",
    "VOTE_APPROVED",
    "VOTE_STEPS",
    "Context",
    "Due",
    "EnteredYear",
    "Outcome",
    "Params",
    "PersonFact",
    "StepDef",
    "StepFact",
    "Violation",
    "WorkdayCount",
    "check_step",
    "count_workdays",
    "extension_total",
    "next_due",
    "notice_problems",
    "notice_warnings",
    "probation_end",
    "rule_label",
    "stage_of",
    "step_name",
    "workdays_between",
]
