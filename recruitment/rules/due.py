"""The next step of a file with the dates it may take, for boards, reminders and the file's page. The dates
come from `intervals`, the same arithmetic the checks use."""

import datetime
from dataclasses import dataclass, field

from . import intervals
from .facts import Params, StepFact, last
from .procedure import (
    ACTIVIST_STEP,
    ADMISSION_APPROVAL,
    ADMISSION_VOTE,
    APPLICATION_STEP,
    ASSESSMENT_STEP,
    CONFIRMATION_APPROVAL,
    CONFIRMATION_VOTE,
    LAST_STEP,
    LISTING_STEP,
    PREREVIEW_STEP,
    Outcome,
    step_name,
)


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


def _activist_due(by: dict[int, StepFact], highest: int, params: Params) -> Due:
    """While an activist: the next assessment, or the listing once the year is over and no assessment
    falls due before it."""
    previous = by.get(ASSESSMENT_STEP, by[ACTIVIST_STEP]).on
    assess_by = intervals.assessment_by(previous, params)
    listable = intervals.candidate_from(by[ACTIVIST_STEP].on, params)
    if highest == 5 or assess_by < listable:
        return Due(ASSESSMENT_STEP, earliest=by[highest].on, latest=assess_by)
    return Due(LISTING_STEP, earliest=listable, latest=assess_by)


def next_due(facts: list[StepFact], params: Params) -> Due | None:
    """The next step for an applicant with its earliest and latest dates (None when the file is closed)."""
    if not facts:
        return Due(APPLICATION_STEP)
    by = {f.number: last(facts, f.number) for f in facts}
    highest = max(by)
    on = by[highest].on
    if highest == LAST_STEP:
        return None
    if highest == CONFIRMATION_VOTE and by[CONFIRMATION_VOTE].outcome == Outcome.EXTEND:
        return Due(CONFIRMATION_VOTE, earliest=intervals.probation_end(facts, params))
    if highest == APPLICATION_STEP:
        return Due(2, earliest=on, latest=intervals.talk_by(on, params))
    if highest == 2:
        return Due(ACTIVIST_STEP, earliest=intervals.activist_from(by[APPLICATION_STEP].on, params))
    if highest in (5, ASSESSMENT_STEP):
        return _activist_due(by, highest, params)
    if highest == 14:
        return Due(ADMISSION_VOTE, earliest=on, latest=intervals.vote_by(by[PREREVIEW_STEP].on, params))
    if highest == 16:
        return Due(ADMISSION_APPROVAL, earliest=on, latest=intervals.approval_by(by[ADMISSION_VOTE].on, params))
    if highest == 20:
        return Due(21, earliest=on)
    if highest == 21:
        return Due(22, earliest=on, latest=intervals.probation_end(facts, params))
    if highest == 22:
        return Due(CONFIRMATION_VOTE, earliest=max(on, intervals.probation_end(facts, params)))
    if highest == CONFIRMATION_VOTE:
        return Due(CONFIRMATION_APPROVAL, earliest=on, latest=intervals.approval_by(on, params))
    return Due(highest + 1, earliest=on)
