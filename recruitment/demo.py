"""Demo recruitment files: applicants at every stage in the demo branches, one overdue and one too early
to be listed. Every step goes through the services, so the demo obeys the rules it demonstrates.
Idempotent: a person already on file is skipped."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError

from branches.models import Organization, User
from learning import services as learning_services
from learning.rules import TrainingKind
from members import crypto
from members.models import Lifecycle, Member, MemberStatus
from members.rules import make_id_number
from partywork.dates import add_months

from . import rules, services
from .models import Applicant, Target

# (name, sex, birth date, branch code, months since application, last step to record or None for "as far
# as the calendar allows")
PROFILES = [
    ("陈晓东", "M", datetime.date(1998, 3, 12), "QS0101", 1, None),
    ("刘静", "F", datetime.date(2000, 8, 5), "QS0101", 2, 1),  # the talk is overdue
    ("杨帆", "M", datetime.date(1996, 11, 2), "QS0101", 9, None),
    ("黄丽娟", "F", datetime.date(1993, 6, 18), "QS0101", 17, None),  # activist, too early to be listed
    ("张伟", "M", datetime.date(1991, 1, 25), "QS0101", 20, None),
    ("周敏", "F", datetime.date(1997, 4, 9), "QS0101", 23, None),
    ("吴磊", "M", datetime.date(1994, 9, 30), "QS0101", 28, None),
    ("孙婷", "F", datetime.date(1990, 12, 14), "QS0101", 40, None),
    ("马强", "M", datetime.date(1995, 2, 3), "QS0102", 3, None),
    ("朱红梅", "F", datetime.date(1999, 7, 21), "QS0102", 12, None),
    ("胡斌", "M", datetime.date(1992, 5, 16), "QS0102", 21, None),
    ("郭亮", "M", datetime.date(1996, 10, 8), "QS0103", 26, None),
    ("何雪", "F", datetime.date(2001, 3, 27), "QS0105", 8, None),
    ("罗军", "M", datetime.date(1993, 8, 11), "QS0201", 18, None),
    ("高燕", "F", datetime.date(1998, 12, 1), "QS0301", 24, None),
]


def _days(day, n):
    return day + datetime.timedelta(days=n)


def schedule(applied: datetime.date) -> list[tuple[int, datetime.date]]:
    """A calendar that keeps every rule: talk after 10 days, activist after 6 months, assessments every
    5 months, candidate after a year, and so on to confirmation."""
    s3 = _days(add_months(applied, 6), 5)
    s7 = _days(add_months(s3, 12), 10)
    s13 = _days(s7, 70)
    s15 = _days(s13, 20)
    s17 = _days(s15, 40)
    s23 = _days(add_months(s15, 12), 5)
    s24 = _days(s23, 20)
    return [
        (2, _days(applied, 10)),
        (3, s3),
        (4, _days(s3, 3)),
        (5, _days(s3, 5)),
        (6, add_months(s3, 5)),
        (6, add_months(s3, 10)),
        (7, s7),
        (8, _days(s7, 5)),
        (9, _days(s7, 10)),
        (10, _days(s7, 20)),
        (11, _days(s7, 40)),
        (12, _days(s7, 50)),
        (13, s13),
        (14, _days(s13, 5)),
        (15, s15),
        (16, _days(s15, 10)),
        (17, s17),
        (18, _days(s17, 5)),
        (19, _days(s17, 10)),
        (20, _days(s17, 15)),
        (21, add_months(s15, 6)),
        (22, _days(add_months(s15, 12), -10)),
        (23, s23),
        (24, s24),
        (25, _days(s24, 10)),
    ]


def _extra(number, on, *, branch, sponsors):
    extra = {"participants": "", "document": str(rules.STEP[number].title)}
    if number == rules.CONTACTS_STEP:
        extra["people"] = sponsors[:1]
    if number == rules.SPONSORS_STEP:
        extra["people"] = sponsors[:2]
    if number == rules.TRAINING_STEP:
        extra.update(training_days=3, training_hours=24)
    if number in rules.NOTICE_STEPS:
        extra.update(notice_from=_days(on, -21), notice_to=_days(on, -1))
    if number in rules.VOTE_STEPS:
        voters = services.voting_members(branch)
        extra.update(should_attend=voters, present=voters, yes_votes=voters, no_votes=0, abstentions=0)
    if number == rules.CONFIRMATION_VOTE:
        extra["outcome"] = rules.Outcome.CONFIRM
    if number in (2, 16):
        extra["participants"] = "支部书记" if number == 2 else "乡镇党委组织委员"
    return extra


def seed(context) -> None:
    today, out = context["today"], context["stdout"]
    by = User.objects.filter(username="admin").first()
    if by is None:
        return
    branches = {o.code: o for o in Organization.objects.filter(code__in={p[3] for p in PROFILES})}
    created = 0
    for index, (name, sex, birth, code, months, stop) in enumerate(PROFILES):
        branch = branches.get(code)
        if branch is None:
            continue
        id_number = make_id_number(region="620123", birth_date=birth, sequence=40 + index, sex=sex)
        if Applicant.objects.filter(id_number_hash=crypto.blind_index(id_number)).exists():
            continue
        applied = add_months(today, -months)
        try:
            applicant = services.applicant_create(
                by=by,
                branch=branch,
                applied_on=applied,
                name=name,
                sex=sex,
                ethnicity="汉族",
                birth_date=birth,
                id_number=id_number,
                phone="",
                education="high_school",
                occupation="farmer",
                address=f"{branch.short_name or branch.name}",
            )
        except ValidationError as error:
            out.write(f"  发展党员演示：跳过 {name}（{'；'.join(error.messages)}）")
            continue
        created += 1
        sponsors = list(
            Member.objects.filter(branch=branch, status=MemberStatus.FULL, lifecycle=Lifecycle.ACTIVE).order_by("pk")[
                :2
            ]
        )
        for number, on in schedule(applied):
            if on > today or (stop is not None and number > stop):
                break
            if number in rules.PEOPLE_STEPS and len(sponsors) < 2:
                break  # no full members to cultivate or sponsor: the file waits here
            try:
                if number == rules.LISTING_STEP:
                    _activist_course(applicant, name, id_number, on=_days(on, -20), by=by, today=today)
                services.step_record(
                    by=by,
                    applicant=applicant,
                    number=number,
                    on=on,
                    **_extra(number, on, branch=branch, sponsors=sponsors),
                )
            except ValidationError as error:
                out.write(f"  发展党员演示：{name} 停在第{number}步（{'；'.join(error.messages)}）")
                break
    out.write(f"发展党员演示档案：新增 {created} 份。")
    _targets(today.year, by, out)


def _activist_course(applicant, name: str, id_number: str, *, on, by, today) -> None:
    """The activist attends the branch's activist course (入党积极分子培训班) before being listed as a
    development candidate (step 7 requires it), recorded in 学习培训."""
    learning_services.session_create(
        org=applicant.branch,
        by=by,
        kind=TrainingKind.ACTIVIST,
        held_on=on,
        hours=Decimal("24"),
        content="入党积极分子培训班（演示）",
        members=[],
        outside=[(name, id_number)],
        today=today,
    )


# The year's plans (DOMAIN §4 [local]): the seed township plans 1–2 new members and 3 activists per village
# branch; its own target is what its branches plan. (organisation code, new members, new activists)
TARGETS = [
    ("QS0101", 2, 3),
    ("QS0102", 2, 3),
    ("QS0103", 1, 3),
    ("QS0104", 1, 3),
    ("QS0105", 1, 3),
    ("QS0106", 1, 3),
    ("QS01", 8, 18),
    ("QS02", 5, 9),
    ("QS03", 5, 9),
]


def _targets(year: int, by, out) -> None:
    """The year's targets, unless someone has already set them (idempotent, never overwrites)."""
    orgs = {o.code: o for o in Organization.objects.filter(code__in=[code for code, _m, _a in TARGETS])}
    created = 0
    for code, members, activists in TARGETS:
        org = orgs.get(code)
        if org is None or Target.objects.filter(organization=org, year=year).exists():
            continue
        services.target_set(by=by, organization=org, year=year, new_members=members, new_activists=activists)
        created += 1
    out.write(f"发展党员年度计划：新增 {created} 个。")
