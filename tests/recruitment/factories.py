"""Recruitment files for tests: built through the services, so every step passed the rules."""

import datetime
from decimal import Decimal

from learning import services as learning_services
from learning.rules import TrainingKind
from members.rules import make_id_number
from partywork.dates import add_months
from recruitment import rules, services
from tests.factories import MemberFactory

_sequence = iter(range(10_000))


def identity(*, birth=datetime.date(1995, 5, 20), sex="M", name="王小明", sequence=None):
    number = next(_sequence) if sequence is None else sequence
    return {
        "name": name,
        "sex": sex,
        "ethnicity": "汉族",
        "birth_date": birth,
        "id_number": make_id_number(region="620103", birth_date=birth, sequence=number % 100, sex=sex)
        if number < 100
        else make_id_number(region=f"62{number // 100:04d}", birth_date=birth, sequence=number % 100, sex=sex),
        "phone": "",
        "education": "high_school",
        "occupation": "farmer",
    }


def applicant(*, by, branch, applied_on=datetime.date(2023, 1, 10), **overrides):
    return services.applicant_create(by=by, branch=branch, applied_on=applied_on, **{**identity(), **overrides})


def full_members(branch, count=3):
    return [MemberFactory(branch=branch, status="full") for _ in range(count)]


def step_kwargs(number: int, on: datetime.date, *, sponsors=(), contacts=()) -> dict:
    """What a valid record of step `number` on `on` needs besides its date."""
    extra: dict = {}
    if number == rules.CONTACTS_STEP:
        extra["people"] = list(contacts)
    if number == rules.SPONSORS_STEP:
        extra["people"] = list(sponsors)
    if number == rules.TRAINING_STEP:
        extra.update(training_days=3, training_hours=24)
    if number in rules.NOTICE_STEPS:
        extra.update(notice_from=on - datetime.timedelta(days=14), notice_to=on - datetime.timedelta(days=1))
    if number in rules.VOTE_STEPS:
        extra.update(should_attend=3, present=3, yes_votes=3, no_votes=0, abstentions=0)
    if number == rules.CONFIRMATION_VOTE:
        extra["outcome"] = rules.Outcome.CONFIRM
    return extra


# A valid calendar from application on 2023-01-10 (all in the chinesecalendar range).
SCHEDULE = {
    2: datetime.date(2023, 1, 20),
    3: datetime.date(2023, 7, 10),
    4: datetime.date(2023, 7, 15),
    5: datetime.date(2023, 7, 20),
    6: datetime.date(2024, 1, 10),
    7: datetime.date(2024, 7, 10),
    8: datetime.date(2024, 7, 15),
    9: datetime.date(2024, 7, 20),
    10: datetime.date(2024, 8, 1),
    11: datetime.date(2024, 8, 20),
    12: datetime.date(2024, 9, 2),
    13: datetime.date(2024, 9, 20),
    14: datetime.date(2024, 9, 25),
    15: datetime.date(2024, 10, 15),
    16: datetime.date(2024, 10, 25),
    17: datetime.date(2024, 11, 15),
    18: datetime.date(2024, 11, 20),
    19: datetime.date(2024, 11, 25),
    20: datetime.date(2024, 12, 1),
    21: datetime.date(2025, 5, 1),
    22: datetime.date(2025, 10, 1),
    23: datetime.date(2025, 10, 20),
    24: datetime.date(2025, 11, 10),
    25: datetime.date(2025, 11, 20),
}


def activist_course(file, *, by, on: datetime.date, org=None):
    """Record the file's person attending an activist course (入党积极分子培训班) held on `on` in 学习培训,
    organised by `org` (default: the file's branch)."""
    return learning_services.session_create(
        org=org or file.branch,
        by=by,
        kind=TrainingKind.ACTIVIST,
        held_on=on,
        hours=Decimal("24"),
        content="入党积极分子培训班",
        members=[],
        outside=[(file.name, file.id_number)],
    )


def advance(file, *, by, to: int, sponsors=(), schedule=SCHEDULE, approver=None):
    """Record every step after the last one up to `to`, on the schedule's dates; the approvals (17, 24) by
    `approver` (a township persona), the rest by `by`. Before the listing step (7) the person attends an
    activist course held the week before it, as the rule requires."""
    done = max(file.steps.values_list("number", flat=True))
    for number in range(done + 1, to + 1):
        if number == rules.LISTING_STEP:
            activist_course(file, by=by, on=schedule[number] - datetime.timedelta(days=7))
        services.step_record(
            by=approver if number in rules.APPROVAL_STEPS and approver else by,
            applicant=file,
            number=number,
            on=schedule[number],
            **step_kwargs(number, schedule[number], sponsors=sponsors[:2], contacts=sponsors[:1]),
        )
    return file


def shift(day: datetime.date, months: int) -> datetime.date:
    return add_months(day, months)
