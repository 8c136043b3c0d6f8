"""Recruitment files at every stage of the 25 steps (DOMAIN §4), several per branch, applied for over the
last four years. Each file is grown step by step from the procedure itself: `rules.next_due` says which
step comes next and between which dates, the builder picks a day in that window, and `rules.check_step`
(the checks `step_record` runs) must accept it before it is kept. Some files pause (applicants waiting,
activists cultivated longer), some stop and fall overdue, a few are closed, a few rely on an exception the
township recorded. Admission (step 17) puts the person on the roll as probationary from the vote; the
confirmation (step 24) makes them full members when the probation ends."""

import datetime
from decimal import Decimal

from learning.models import TrainingAttendance, TrainingSession
from learning.rules import TrainingKind
from members.models import Lifecycle, Member
from partywork.dates import add_months, add_years
from recruitment import rules
from recruitment.models import Applicant, RuleException, RuleSet, Step, Target
from recruitment.rules import intervals

from .bulk import copy, history, insert
from .people import new_member
from .plan import County, Person, Stay, between

IDENTITY = (
    "name", "name_initials", "name_pinyin", "sex", "ethnicity", "birth_date", "id_number_cipher", "id_number_hash",
    "id_number_masked", "phone_cipher", "phone_hash", "phone_masked", "education", "occupation", "work_unit",
    "address",
)  # fmt: skip
# Days after the earliest date the procedure allows that each step is usually taken (low, high).
PACE = {
    2: (5, 25), 3: (0, 150), 4: (3, 10), 5: (3, 12), 6: (120, 165), 7: (0, 40), 8: (3, 10), 9: (5, 15),
    10: (7, 30), 11: (10, 40), 12: (10, 25), 13: (10, 25), 14: (3, 8), 15: (7, 20), 16: (5, 15), 17: (20, 70),
    18: (3, 15), 19: (3, 15), 20: (5, 30), 21: (60, 120), 22: (0, 0), 23: (1, 20), 24: (15, 60), 25: (5, 20),
}  # fmt: skip
CLOSE_REASONS = ["本人申请撤回入党申请", "外出务工长期不在本地，暂停培养", "考察期间表现不符合要求，终止培养"]
TITLES = {n: str(s.title) for n, s in rules.STEP.items()}


def _voters_on(county: County, branch, day) -> int:
    """Full members of the branch on `day` (probationary members have no vote)."""
    return sum(
        1
        for p in county.members_of(branch)
        if p.active_on(day) and p.full_on(day) and p.stay_on(day).branch == branch.pk
    )


def build_recruitment(county: County) -> None:
    rng = county.rng("recruitment")
    params = RuleSet.objects.order_by("-applies_from").first()
    params = params.as_params() if params else rules.Params()
    county.applicants = []
    final_full = {
        b.pk: sum(1 for p in county.members_of(b) if p.branch == b.pk and p.gone is None and p.confirmed)
        for b in county.branches
    }
    refused = 0
    for branch in county.branches:
        sponsors = [p for p in county.members_of(branch) if p.anchor and p.stable and p.full_on(county.start)]
        if len(sponsors) < 2 or final_full[branch.pk] < 3:
            continue
        files = max(2, round(branch.size / 50 * rng.uniform(3, 9)))
        for _ in range(files):
            plan = _grow_file(county, rng, branch, sponsors, params, voters=final_full[branch.pk])
            if plan is None:
                continue
            refused += plan.pop("refused")
            county.applicants.append(plan)
    county.counts["recruitment_refused_by_rules"] = refused
    county.forget_members()


def _grow_file(county: County, rng, branch, sponsors, params, *, voters: int) -> dict | None:
    """One applicant's file walked step by step with dates the step table accepts. Long because the 25 steps
    are written in their order, each date drawn after the previous one, as the pipeline demands."""
    today = county.today
    member = new_member(rng, county.identities, category=branch.org.category, today=today, age=(20, 36))
    applied = between(rng, add_months(today, -48), today - datetime.timedelta(days=3))
    if applied < add_years(member.birth_date, params.min_age):
        return None
    roll = rng.random()
    # How far the file goes, if the calendar allows: most as fast as the rules let them.
    goal = 25 if roll < 0.70 else 2 if roll < 0.82 else 6 if roll < 0.92 else rng.randint(7, 22)
    extra_wait = rng.randint(1, 3) if rng.random() < 0.25 else 0  # activists cultivated longer
    closing = roll >= 0.92 and rng.random() < 0.5
    exception = rng.random() < 0.02  # the talk came late; the township recorded why
    facts = [rules.StepFact(number=1, on=applied)]
    steps = [{"number": 1, "on": applied, "document": "入党申请书"}]
    refused = 0
    granted = set()
    while True:
        due = rules.next_due(facts, params)
        if due is None:
            break
        number = due.number
        if number == rules.LISTING_STEP and (extra_wait or goal < rules.LISTING_STEP):
            # Not listed yet: cultivated and assessed every half year a while longer (or for good).
            number, extra_wait = rules.ASSESSMENT_STEP, max(0, extra_wait - 1)
        if number > goal:
            break
        previous = facts[-1].on
        earliest = due.earliest or previous
        low, high = PACE[number]
        on = earliest + datetime.timedelta(days=rng.randint(low, high))
        if number == rules.ASSESSMENT_STEP:
            on = previous + datetime.timedelta(days=rng.randint(low, high))
        if number == 22:
            on = rules.probation_end(facts, params) - datetime.timedelta(days=rng.randint(5, 30))
        if due.latest is not None:
            on = min(on, due.latest)
        if number == 2 and exception:
            on = due.latest + datetime.timedelta(days=rng.randint(3, 15))
            granted.add("talk_deadline")
        on = max(on, previous)
        if on > today:
            break
        extra = _extra(number, on, rng, branch, sponsors, params, county=county, voters=voters)
        fact = rules.StepFact(
            number=number,
            on=on,
            people=tuple(rules.PersonFact(p.member.name, True, True, branch.pk) for p in extra.get("people", ())),
            **{k: v for k, v in extra.items() if k in rules.StepFact.__dataclass_fields__ and k != "people"},
        )
        violations = rules.check_step(
            facts,
            fact,
            params=params,
            birth_date=member.birth_date,
            branch_id=branch.pk,
            today=today,
            voting_members=voters if number in rules.VOTE_STEPS else None,
            # The writer records an activist course two weeks before every listing (`_activist_courses`).
            activist_course=True if number == rules.LISTING_STEP else None,
        )
        blocking = [v for v in violations if not (v.waivable and v.rule in granted)]
        if blocking:
            refused += 1
            break
        facts.append(fact)
        steps.append({"number": number, "on": on, "exceptions": [v.rule for v in violations], **extra})
    closed = None
    if closing and facts[-1].number < rules.ADMISSION_APPROVAL:
        closed = min(today, facts[-1].on + datetime.timedelta(days=rng.randint(20, 200)))
    person = _admitted(county, rng, branch, member, facts, params) if _has(facts, rules.ADMISSION_APPROVAL) else None
    return {
        "branch": branch,
        "member": member,
        "steps": steps,
        "granted": granted,
        "closed": (closed, rng.choice(CLOSE_REASONS)) if closed else None,
        "person": person,
        "refused": refused,
    }


def _has(facts, number: int) -> bool:
    return any(f.number == number for f in facts)


def _extra(number: int, on, rng, branch, sponsors, params, *, county: County, voters: int) -> dict:
    extra = {"document": TITLES[number], "participants": ""}
    if number == rules.CONTACTS_STEP:
        extra["people"] = rng.sample(sponsors, k=min(len(sponsors), rng.randint(1, 2)))
    if number == rules.SPONSORS_STEP:
        extra["people"] = rng.sample(sponsors, k=2)
    if number == rules.TRAINING_STEP:
        extra.update(training_days=rng.choice((3, 3, 4, 5)), training_hours=rng.choice((24, 24, 32, 40)))
    if number in rules.NOTICE_STEPS:
        notice_to = on - datetime.timedelta(days=rng.randint(1, 3))
        notice_from = notice_to - datetime.timedelta(days=rng.randint(9, 16))
        while intervals.workdays_between(notice_from, notice_to) < params.notice_min_workdays:
            notice_from -= datetime.timedelta(days=1)  # a holiday in between: the notice runs longer
        extra.update(notice_from=notice_from, notice_to=notice_to)
    if number in rules.VOTE_STEPS:
        should = max(1, min(voters, _voters_on(county, branch, on)))
        present = min(should, max(should // 2 + 1, round(should * rng.uniform(0.75, 0.95))))
        written = rng.randint(0, should - present)
        extra.update(should_attend=should, present=present, yes_votes=present + written, no_votes=0, abstentions=0)
    if number == rules.CONFIRMATION_VOTE:
        extra["outcome"] = rules.Outcome.CONFIRM
    if number in (2, 16):
        extra["participants"] = "支部书记" if number == 2 else "乡镇党委组织委员"
    if number in rules.APPROVAL_STEPS:
        extra["participants"] = "乡镇党委委员会"
    return extra


def _admitted(county: County, rng, branch, member: Member, facts, params) -> Person:
    """Step 17 puts the applicant on the roll as probationary from the admitting vote; step 24 confirms."""
    vote = next(f for f in facts if f.number == rules.ADMISSION_VOTE)
    copy_ = Member(lifecycle=Lifecycle.ACTIVE)
    for field in IDENTITY:
        setattr(copy_, field, getattr(member, field))
    confirmed = rules.probation_end(facts, params) if _has(facts, rules.CONFIRMATION_APPROVAL) else None
    group = rng.choice(branch.groups).pk if branch.groups else None
    person = Person(
        key=len(county.people),
        member=copy_,
        joined=vote.on,
        confirmed=confirmed,
        stays=[Stay(branch.pk, group, vote.on, start_reason="发展入党")],
    )
    person.admitted_on = next(f.on for f in facts if f.number == rules.ADMISSION_APPROVAL)
    county.people.append(person)
    return person


def write_recruitment(county: County) -> None:
    """Files, steps (with the people named and the exceptions used), and the townships' yearly targets."""
    applicants = []
    for plan in county.applicants:
        branch = plan["branch"]
        applicant = Applicant(branch=branch.org, created_by=branch.clerk)
        for field in IDENTITY:
            setattr(applicant, field, getattr(plan["member"], field))
        if plan["person"] is not None:
            applicant.member_id = plan["person"].pk
        if plan["closed"]:
            applicant.closed_on, applicant.closed_reason = plan["closed"]
        applicant.created_at = county.at(plan["steps"][0]["on"], 10)
        applicant._history_user, applicant._history_date = branch.clerk, applicant.created_at
        applicants.append(applicant)
    insert(Applicant, applicants)
    history(Applicant, applicants)
    exceptions = []
    for applicant, plan in zip(applicants, county.applicants, strict=True):
        for rule in sorted(plan["granted"]):
            township = plan["branch"].township
            exceptions.append(
                RuleException(
                    applicant=applicant,
                    rule=rule,
                    reason="申请人外出务工，返乡后谈话",
                    document=f"{township.short_name}党委批复",
                    granted_by=county.township_secretaries[township.pk],
                    granted_at=county.at(plan["steps"][0]["on"] + datetime.timedelta(days=20), 9),
                )
            )
    for exception in exceptions:
        exception._history_user, exception._history_date = exception.granted_by, exception.granted_at
    insert(RuleException, exceptions)
    history(RuleException, exceptions)
    exception_of = {(e.applicant_id, e.rule): e for e in exceptions}
    steps, links, used = [], [], []
    for applicant, plan in zip(applicants, county.applicants, strict=True):
        township = plan["branch"].township
        for data in plan["steps"]:
            number = data["number"]
            by = county.township_secretaries[township.pk] if number in rules.APPROVAL_STEPS else plan["branch"].clerk
            step = Step(
                applicant=applicant,
                number=number,
                on=data["on"],
                participants=data.get("participants", ""),
                document=data.get("document", ""),
                recorded_by=by,
                recorded_at=county.at(min(county.today, data["on"] + datetime.timedelta(days=1)), 15),
                **{
                    k: data[k]
                    for k in rules.StepFact.__dataclass_fields__
                    if k in data and k not in ("number", "on", "people")
                },
            )
            step._history_user, step._history_date = by, step.recorded_at
            steps.append(step)
            links.append((step, data.get("people", ()), data.get("exceptions", ())))
    insert(Step, steps)
    history(Step, steps)
    people = Step.people.through
    exceptions_through = Step.exceptions.through
    copy(people, [people(step_id=s.pk, member_id=p.pk) for s, named, _e in links for p in named])
    for step, _named, rules_used in links:
        for rule in rules_used:
            used.append(
                exceptions_through(step_id=step.pk, ruleexception_id=exception_of[(step.applicant_id, rule)].pk)
            )
    copy(exceptions_through, used)
    _activist_courses(county, applicants)
    _targets(county)
    county.counts.update(applicants=len(applicants), steps=len(steps))


COURSE_BEFORE_LISTING = datetime.timedelta(days=14)


def _activist_courses(county: County, applicants: list[Applicant]) -> None:
    """Every file listed as a development candidate (step 7) attended the branch's activist course
    (入党积极分子培训班) two weeks before, recorded in 学习培训 by name and keyed ID number, as step 7 requires."""
    sessions, people = [], []
    for applicant, plan in zip(applicants, county.applicants, strict=True):
        listing = next((d["on"] for d in plan["steps"] if d["number"] == rules.LISTING_STEP), None)
        if listing is None:
            continue
        branch = plan["branch"]
        held_on = listing - COURSE_BEFORE_LISTING
        session = TrainingSession(
            organization=branch.org,
            kind=TrainingKind.ACTIVIST,
            held_on=held_on,
            hours=Decimal("24.0"),
            content="入党积极分子培训班",
            entered_by=branch.clerk,
            entered_at=county.at(held_on, 16),
        )
        session._history_user, session._history_date = branch.clerk, session.entered_at
        sessions.append(session)
        people.append((session, applicant))
    insert(TrainingSession, sessions)
    history(TrainingSession, sessions)
    attendance = [TrainingAttendance(session=s, person_name=a.name, id_number_hash=a.id_number_hash) for s, a in people]
    insert(TrainingAttendance, attendance)
    for row, (session, _a) in zip(attendance, people, strict=True):
        row._history_user, row._history_date = session._history_user, session._history_date
    history(TrainingAttendance, attendance)
    county.counts.update(activist_courses=len(sessions))


def _targets(county: County) -> None:
    """The yearly targets: per township (the county's), about what its branches achieve, a little more; per
    branch (the township's), 1–2 new members and 3 activists."""
    admitted: dict[tuple[int, int], int] = {}
    for plan in county.applicants:
        for data in plan["steps"]:
            if data["number"] == rules.ADMISSION_APPROVAL:
                key = (plan["branch"].township.pk, data["on"].year)
                admitted[key] = admitted.get(key, 0) + 1
    targets = []
    for township in county.townships:
        branches = sum(1 for b in county.branches if b.township.pk == township.pk)
        for year in (county.today.year - 1, county.today.year):
            planned = max(1, round(max(admitted.get((township.pk, year), 0), branches * 1.5) * 1.1))
            targets.append(
                Target(
                    organization=township,
                    year=year,
                    new_members=planned,
                    new_activists=branches * 3,
                    set_by=county.admin,
                    set_at=county.at(datetime.date(year, 1, 10), 10),
                )
            )
    # The townships plan 1–2 new members and 3 activists for each branch (the seed township's practice).
    for index, branch in enumerate(county.branches):
        for year in (county.today.year - 1, county.today.year):
            targets.append(
                Target(
                    organization=branch.org,
                    year=year,
                    new_members=1 + index % 2,
                    new_activists=3,
                    set_by=county.admin,
                    set_at=county.at(datetime.date(year, 1, 10), 10),
                )
            )
    insert(Target, targets)
    history(Target, targets, user=county.admin, when=county.at(county.start, 10))
