"""The dates the rules derive, in one place for the checks (may this step be recorded on that day?) and for
the next step due (from when, until when?). Months are counted with `add_months`: the same day N months
later, or that month's last day (31 January + 1 month = 28/29 February)."""

import datetime

from partywork.dates import add_months

from .facts import Params, StepFact, last
from .procedure import ADMISSION_VOTE, CONFIRMATION_VOTE, Outcome
from .workdays import count_workdays


def adult_on(birth_date: datetime.date, params: Params) -> datetime.date:
    """The birthday on which the applicant reaches the minimum age (Recruitment Rules 2014 art. 5)."""
    return add_months(birth_date, 12 * params.min_age)


def talk_by(applied_on: datetime.date, params: Params) -> datetime.date:
    """The last day for the talk with the applicant (Recruitment Rules 2014 art. 7)."""
    return add_months(applied_on, params.talk_within_months)


def activist_from(applied_on: datetime.date, params: Params) -> datetime.date:
    """The first day the applicant may be confirmed as an activist ([local] default 6 months)."""
    return add_months(applied_on, params.application_to_activist_months)


def candidate_from(activist_on: datetime.date, params: Params) -> datetime.date:
    """The first day an activist may be listed as a candidate (Recruitment Rules 2014 art. 13)."""
    return add_months(activist_on, params.activist_to_candidate_months)


def assessment_by(previous: datetime.date, params: Params) -> datetime.date:
    """The last day for the next assessment of an activist (Recruitment Rules 2014 art. 11)."""
    return add_months(previous, params.assessment_interval_months)


def review_valid_until(review_on: datetime.date, params: Params) -> datetime.date:
    """The last day a political review may support the admission vote ([local] default 1 year)."""
    return add_months(review_on, params.political_review_valid_months)


def vote_by(prereview_on: datetime.date, params: Params) -> datetime.date:
    """The last day for the admission vote after the pre-review ([local] default 1 month)."""
    return add_months(prereview_on, params.vote_within_months_of_prereview)


def approval_by(vote_on: datetime.date, params: Params) -> datetime.date:
    """The last day for the approval of a vote, in the normal case (3 months)."""
    return add_months(vote_on, params.approval_within_months)


def approval_special_by(vote_on: datetime.date, params: Params) -> datetime.date:
    """The last day for the approval of a vote, in special cases (6 months)."""
    return add_months(vote_on, params.approval_special_months)


def after_notice(notice_to: datetime.date) -> datetime.date:
    """The first day the step a public notice precedes may take: the day after the notice's last day
    (DOMAIN §4)."""
    return notice_to + datetime.timedelta(days=1)


def extension_total(facts: list[StepFact]) -> int:
    return sum(f.extension_months or 0 for f in facts if f.number == CONFIRMATION_VOTE and f.outcome == Outcome.EXTEND)


def probation_end(facts: list[StepFact], params: Params) -> datetime.date | None:
    """Probation is one year from the admitting vote (the entry date), plus an extension if voted
    (Recruitment Rules 2014 art. 32)."""
    vote = last(facts, ADMISSION_VOTE)
    if vote is None:
        return None
    return add_months(vote.on, params.probation_months + extension_total(facts))


def workdays_between(first: datetime.date, last: datetime.date, entered=None) -> int:
    """Working days from `first` to `last` inclusive, with China's official holidays and the adjusted working
    weekends: the county's entered calendar of a year first, then chinesecalendar, else Monday to Friday
    (`workdays.count_workdays` says which years were estimated)."""
    return count_workdays(first, last, entered).days
