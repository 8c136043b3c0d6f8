"""Is the bench county valid? Each check reads the database back and returns what is wrong (an empty list
when all is well): field values and constraints, the roll and branch history, the dues ledger (gap-free
numbering, allocations, the payment window, who owes whom, reconciliation to the fen after every
remittance, closed periods), the recruitment files replayed step by step through `rules.check_step`, the
meeting records through `rules.record_check`, the mobile-member ledger, and the data-quality problems the
builder put in on purpose. `branches` limits the per-record checks to some branches (the page runner checks
one township of the full county; the test checks everything of a tiny one)."""

import datetime
from collections import defaultdict
from decimal import Decimal
from itertools import pairwise

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db.models import Count, Max, Min, Sum

from branches.models import Organization
from dues import rules as dues_rules
from dues.models import DuesCounter, DuesEntry, DuesReceipt, DuesRemittance, PaidMonth
from dues.obligations import Ledger
from learning.models import TrainingAttendance
from learning.rules import TrainingKind
from meetings import rules as meeting_rules
from meetings.models import Meeting, MeetingAttendance
from members.models import Lifecycle, Member, MemberPost, Membership, Post
from members.quality import quality_report
from members.services import member_errors
from movements import rules as mr
from movements.models import MobileRecord, Transfer, TransferDirection
from partywork.dates import month_end
from recruitment import rules as recruitment_rules
from recruitment.models import Applicant, RuleSet
from recruitment.services import params_for

APPS = ("branches", "members", "movements", "meetings", "dues", "recruitment", "learning", "notices")
ZERO = Decimal("0.00")
LIMIT = 20  # problems reported per check


class Problems(list):
    def add(self, text: str) -> None:
        if len(self) < LIMIT:
            self.append(text)


def run_checks(*, county: Organization, today: datetime.date, branches=None, sample: int = 50) -> dict[str, list]:
    """Every check; `branches` (a queryset or list of branch organisations) bounds the per-record ones."""
    if branches is None:
        branches = list(Organization.objects.filter(path__startswith=county.path, kind="branch"))
    branch_ids = [b.pk for b in branches]
    return {
        "fields and constraints": fields_valid(sample=sample),
        "roll and branch history": members_valid(branch_ids=branch_ids, today=today),
        "dues ledger": dues_valid(branch_ids=branch_ids, today=today),
        "recruitment pipeline": recruitment_valid(branch_ids=branch_ids, today=today),
        "meeting records": meetings_valid(branch_ids=branch_ids),
        "transfers and mobile members": movements_valid(today=today),
        "data-quality problems present": quality_present(county=county, today=today),
    }


def fields_valid(*, sample: int) -> Problems:
    """Rows of every model pass the model's own validation (choices, lengths, blanks) and constraints."""
    problems = Problems()
    for label in APPS:
        for model in apps.get_app_config(label).get_models():
            if model.__name__.startswith("Historical"):
                continue
            count = model.objects.count()
            if not count:
                continue
            step = max(1, count // sample)
            for obj in (
                model.objects.order_by("pk")[::step][:sample] if count <= sample * 4 else _spread(model, step, sample)
            ):
                try:
                    obj.full_clean(validate_unique=False)
                except ValidationError as error:
                    problems.add(f"{model.__name__} {obj.pk}: {error.message_dict}")
    return problems


def _spread(model, step: int, sample: int):
    ids = list(model.objects.order_by("pk").values_list("pk", flat=True)[::step][:sample])
    return model.objects.filter(pk__in=ids)


def members_valid(*, branch_ids, today: datetime.date) -> Problems:
    """Each member passes the roll's rules (`member_errors`) but for the ID slips put in on purpose; each has
    a branch history without overlaps whose open stay is the member's branch exactly while on the roll."""
    problems = Problems()
    members = Member.objects.filter(branch_id__in=branch_ids).select_related("branch", "group")
    stays = defaultdict(list)
    for stay in Membership.objects.filter(member__branch_id__in=branch_ids).order_by("started_on", "pk"):
        stays[stay.member_id].append(stay)
    for member in members:
        data = {
            "name": member.name, "sex": member.sex, "birth_date": member.birth_date, "id_number": member.id_number,
            "phone": member.phone, "status": member.status, "joined_on": member.joined_on,
            "confirmed_on": member.confirmed_on, "group": member.group,
        }  # fmt: skip
        errors = member_errors(data, branch=member.branch, today=today, instance=member)
        if errors and set(errors) != {"birth_date"}:
            problems.add(f"member {member.pk}: {errors}")
        history = stays[member.pk]
        for before, after in pairwise(history):
            if before.ended_on is None or before.ended_on > after.started_on:
                problems.add(f"member {member.pk}: overlapping stays {before.pk} and {after.pk}")
        open_stays = [s for s in history if s.ended_on is None]
        on_roll = member.lifecycle in (Lifecycle.ACTIVE, Lifecycle.LOST_CONTACT)
        if on_roll and (len(open_stays) != 1 or open_stays[0].organization_id != member.branch_id):
            problems.add(f"member {member.pk} on the roll of {member.branch_id} without its one open stay")
        if not on_roll and (open_stays or history[-1].ended_on != member.lifecycle_changed_on):
            problems.add(f"member {member.pk} ({member.lifecycle}) still has an open stay")
    return problems


def dues_valid(*, branch_ids, today: datetime.date) -> Problems:
    problems = Problems()
    # Receipts: numbered 1..n per branch and year without gaps, the counter at n, totals = their entries.
    for row in DuesReceipt.objects.values("organization", "year").annotate(
        n=Count("pk"), low=Min("number"), high=Max("number")
    ):
        if row["low"] != 1 or row["high"] != row["n"]:
            problems.add(
                f"receipts of org {row['organization']} {row['year']}: {row['n']} numbered {row['low']}–{row['high']}"
            )
    counters = {(c.organization_id, c.year, c.series): c.last for c in DuesCounter.objects.exclude(series="books")}
    for row in DuesReceipt.objects.values("organization", "year").annotate(high=Max("number")):
        if counters.get((row["organization"], row["year"], "receipt")) != row["high"]:
            problems.add(f"receipt counter of org {row['organization']} {row['year']} is not at {row['high']}")
    # (Summed in SQL, compared to the fen here: SQLite sums decimals through floats.)
    for pk, total, entries in DuesReceipt.objects.annotate(sum=Sum("entries__amount")).values_list(
        "pk", "total", "sum"
    ):
        if entries is None or dues_rules.money(entries) != total:
            problems.add(f"receipt {pk}: total {total} ≠ its entries {entries}")
    # Entries: each payment is allocated or reversed (one of the two), reversals mirror what they reverse.
    allocated = set(PaidMonth.objects.values_list("entry_id", flat=True))
    reversed_ = dict(DuesEntry.objects.filter(kind="reversal").values_list("reverses_id", "amount"))
    amounts = {}
    for pk, month, booked, amount in DuesEntry.objects.filter(kind="payment").values_list(
        "pk", "month", "booked_on", "amount"
    ):
        amounts[pk] = amount
        if (pk in allocated) == (pk in reversed_):
            state = "both allocated and reversed" if pk in allocated else "neither allocated nor reversed"
            problems.add(f"entry {pk} is {state}")
        distance = dues_rules.months_apart(booked, month)
        if distance > dues_rules.MAX_MONTHS_AHEAD or -distance > dues_rules.MAX_MONTHS_BEHIND:
            problems.add(f"entry {pk}: {month:%Y-%m} paid on {booked}, outside the 6-month window")
    for original, amount in reversed_.items():
        if amounts.get(original) != amount:
            problems.add(f"reversal of entry {original} does not mirror it")
    # Who owes whom: every live allocation in the checked branches is a month owed to the entry's branch.
    members = list(Member.objects.filter(branch_id__in=branch_ids))
    ledger = Ledger([m.pk for m in members])
    entries = dict(DuesEntry.objects.filter(member__in=members, kind="payment").values_list("pk", "organization_id"))
    by_pk = {m.pk: m for m in members}
    for (member_id, month), entry_id in ledger.paid.items():
        obligation = ledger.obligation(by_pk[member_id], month)
        if obligation.org_id != entries.get(entry_id) or obligation.amount is None:
            problems.add(
                f"member {member_id} {month:%Y-%m} paid to {entries.get(entry_id)}, owed to {obligation.org_id}"
            )
    problems.extend(_reconciliation(today)[: LIMIT - len(problems)])
    return problems


def _reconciliation(today: datetime.date) -> list[str]:
    """collected − reversed + received − remitted = on hand: zero at the end of every remitted period (each
    remittance took what was on hand), never negative today; nothing booked into a period once closed."""
    problems = []
    booked = defaultdict(list)  # org -> [(day, signed amount, created_at)]
    for org, day, kind, amount, created in DuesEntry.objects.values_list(
        "organization_id", "booked_on", "kind", "amount", "created_at"
    ):
        booked[org].append((day, amount if kind == "payment" else -amount, created))
    remittances = list(DuesRemittance.objects.order_by("last_month", "pk"))
    received = defaultdict(list)
    for r in remittances:
        received[r.to_org_id].append((r.handed_on, r.amount))
    sent = defaultdict(list)
    for r in remittances:
        sent[r.from_org_id].append(r)

    def on_hand(org: int, until: datetime.date) -> Decimal:
        collected = sum((a for d, a, _c in booked[org] if d <= until), ZERO)
        got = sum((a for d, a in received[org] if d <= until), ZERO)
        out = sum((r.amount for r in sent[org] if r.last_month <= until.replace(day=1)), ZERO)
        return collected + got - out

    for org, items in sent.items():
        for r in items:
            end = min(month_end(r.last_month), today)
            if r.amount <= 0 or on_hand(org, end) != ZERO:
                problems.append(f"remittance {r.pk} of org {org}: {on_hand(org, end)} left on hand at {end}")
            late = [d for d, _a, created in booked[org] if d <= end and created > r.created_at]
            if late:
                problems.append(f"org {org}: {len(late)} entries booked into the period remittance {r.pk} closed")
    for org in set(booked) | set(received):
        if on_hand(org, today) < 0:
            problems.append(f"org {org}: negative on hand today")
    return problems


def recruitment_valid(*, branch_ids, today: datetime.date) -> Problems:
    """Replay every file through the checks `step_record` runs, in the order the steps were recorded."""
    problems = Problems()
    rulesets = list(RuleSet.objects.all())
    voters = dict(
        Member.objects.filter(branch_id__in=branch_ids, status="full", lifecycle=Lifecycle.ACTIVE)
        .values("branch")
        .annotate(n=Count("pk"))
        .values_list("branch", "n")
    )
    files = (
        Applicant.objects.filter(branch_id__in=branch_ids)
        .select_related("member")
        .prefetch_related("steps__people", "steps__exceptions", "rule_exceptions")
    )
    # The first activist course each person attended (learning), for the listing step.
    first_course = dict(
        TrainingAttendance.objects.filter(
            session__kind=TrainingKind.ACTIVIST,
            id_number_hash__in=Applicant.objects.filter(branch_id__in=branch_ids).values("id_number_hash"),
        )
        .values("id_number_hash")
        .annotate(first=Min("session__held_on"))
        .values_list("id_number_hash", "first")
    )
    for applicant in files:
        steps = sorted(applicant.steps.all(), key=lambda s: (s.recorded_at, s.pk))
        course = first_course.get(applicant.id_number_hash)
        granted = {e.rule for e in applicant.rule_exceptions.all()}
        facts = []
        for step in steps:
            fact = step.as_fact()
            people = tuple(
                recruitment_rules.PersonFact(p.name, p.status == "full", p.lifecycle == Lifecycle.ACTIVE, p.branch_id)
                for p in step.people.all()
            )
            fact = recruitment_rules.StepFact(**{**fact.__dict__, "people": people})
            violations = recruitment_rules.check_step(
                facts,
                fact,
                params=params_for(step.on, rulesets),
                birth_date=applicant.birth_date,
                branch_id=applicant.branch_id,
                today=today,
                voting_members=voters.get(applicant.branch_id, 0)
                if step.number in recruitment_rules.VOTE_STEPS
                else None,
                activist_course=course is not None and course < step.on
                if step.number == recruitment_rules.LISTING_STEP
                else None,
            )
            blocking = [str(v) for v in violations if not (v.waivable and v.rule in granted)]
            if blocking:
                problems.add(f"applicant {applicant.pk} step {step.number} on {step.on}: {blocking}")
            used = {e.rule for e in step.exceptions.all()}
            if used != {v.rule for v in violations if v.waivable and v.rule in granted}:
                problems.add(f"applicant {applicant.pk} step {step.number}: exceptions {used} not the ones relied on")
            facts.append(fact)
        numbers = [f.number for f in facts]
        vote = next((f for f in facts if f.number == recruitment_rules.ADMISSION_VOTE), None)
        if recruitment_rules.ADMISSION_APPROVAL in numbers:
            member = applicant.member
            if member is None or member.joined_on != vote.on:
                problems.add(f"applicant {applicant.pk} admitted without a member joined on the vote ({vote.on})")
            confirmed = recruitment_rules.CONFIRMATION_APPROVAL in numbers
            if member is not None and confirmed != (member.status == "full"):
                problems.add(f"applicant {applicant.pk}: member {member.pk} is {member.status}")
            if member is not None and confirmed:
                end = recruitment_rules.probation_end(facts, params_for(vote.on, rulesets))
                if member.confirmed_on != end:
                    problems.add(f"applicant {applicant.pk}: confirmed {member.confirmed_on}, probation ends {end}")
        elif applicant.member_id:
            problems.add(f"applicant {applicant.pk} has a member file before admission")
        if applicant.closed_on and facts and applicant.closed_on < facts[-1].on:
            problems.add(f"applicant {applicant.pk} closed before its last step")
    return problems


def meetings_valid(*, branch_ids) -> Problems:
    """Each record passes `record_check` as of the day it was entered, with the outcomes stored; a branch
    meeting's grid lists exactly the members on the branch's roll that day."""
    problems = Problems()
    meetings = list(
        Meeting.objects.filter(organization_id__in=branch_ids)
        .select_related("organization", "group", "host", "recorder", "lecturer")
        .prefetch_related("kinds", "resolutions")
    )
    grids = defaultdict(dict)
    for meeting_id, member_id, choice, note, has_vote in MeetingAttendance.objects.filter(
        meeting__organization_id__in=branch_ids
    ).values_list("meeting_id", "member_id", "choice", "note", "has_vote"):
        grids[meeting_id][member_id] = (choice, note, has_vote)
    roll = _rolls(branch_ids)
    committees = _committees(branch_ids)
    names = dict(Member.objects.filter(branch_id__in=branch_ids).values_list("pk", "name"))
    for meeting in meetings:
        grid = grids[meeting.pk]
        kinds = tuple(k.kind for k in meeting.kinds.all())
        people = {
            role: meeting_rules.Named(p.name, p.branch_id) if p else None
            for role, p in (("host", meeting.host), ("recorder", meeting.recorder), ("lecturer", meeting.lecturer))
        }
        facts = meeting_rules.RecordFacts(
            org_name=(meeting.group or meeting.organization).name,
            is_group=meeting.group_id is not None,
            branch_id=meeting.organization_id,
            kinds=kinds,
            held_on=meeting.held_on,
            starts_at=meeting.starts_at,
            ends_at=meeting.ends_at,
            today=meeting.entered_at.astimezone().date(),
            expected={pk: meeting_rules.Attendee(names.get(pk, str(pk)), v) for pk, (_c, _n, v) in grid.items()},
            attendance={pk: (c, n) for pk, (c, n, _v) in grid.items()},
            people=people,
            lecturer_name=meeting.lecturer_name,
            tallies=tuple(meeting_rules.Tally(r.yes, r.no, r.abstain) for r in meeting.resolutions.all()),
        )
        check = meeting_rules.record_check(facts)
        if check.errors:
            problems.add(f"meeting {meeting.pk} of {meeting.held_on}: {check.errors}")
        if list(check.outcomes) != [r.outcome for r in meeting.resolutions.all()]:
            problems.add(f"meeting {meeting.pk}: stored outcomes differ from the vote rule's")
        if meeting.group_id is None:
            expected = roll(meeting.organization_id, meeting.held_on)
            if set(grid) != expected:
                problems.add(f"meeting {meeting.pk} of {meeting.held_on}: grid is not the branch's roll that day")
        if "committee" in kinds:
            asked = {pk for pk, (c, _n, _v) in grid.items() if c != "not_expected"}
            if not asked <= committees(meeting.organization_id, meeting.held_on):
                problems.add(f"meeting {meeting.pk}: members outside the committee expected at its meeting")
    return problems


def _rolls(branch_ids):
    """roll(branch, day): members in the branch and on the active roll that day, from the branch history and
    the date each member left the active roll (died, transferred out, lost contact)."""
    stays = defaultdict(list)
    for member_id, org, start, end in Membership.objects.filter(organization_id__in=branch_ids).values_list(
        "member_id", "organization_id", "started_on", "ended_on"
    ):
        stays[org].append((member_id, start, end))
    members = {
        pk: (joined, changed if state != Lifecycle.ACTIVE else None)
        for pk, joined, changed, state in Member.objects.filter(memberships__organization_id__in=branch_ids)
        .values_list("pk", "joined_on", "lifecycle_changed_on", "lifecycle")
        .distinct()
    }

    def roll(org: int, day: datetime.date) -> set:
        found = set()
        for member_id, start, end in stays[org]:
            joined, gone = members[member_id]
            if start <= day and (end is None or day < end) and joined <= day and (gone is None or day < gone):
                found.add(member_id)
        return found

    return roll


def _committees(branch_ids):
    posts = defaultdict(list)
    for member_id, org, start, end in (
        MemberPost.objects.filter(organization_id__in=branch_ids)
        .exclude(post=Post.GROUP_LEADER)
        .values_list("member_id", "organization_id", "started_on", "ended_on")
    ):
        posts[org].append((member_id, start, end))

    def committee(org: int, day: datetime.date) -> set:
        return {m for m, start, end in posts[org] if start <= day and (end is None or day <= end)}

    return committee


def movements_valid(*, today: datetime.date) -> Problems:
    """The mobile-member ledger agrees with the members' state and with the six-month rule; letters out are
    numbered per year from 1 without gaps in the order they were issued."""
    problems = Problems()
    rules = mr.movement_rules()
    for record in MobileRecord.objects.select_related("member").prefetch_related("contacts"):
        member, open_ = record.member, record.returned_on is None
        contacts = sorted(c.contacted_on for c in record.contacts.all())
        if open_ != member.is_mobile:
            problems.add(f"mobile record {record.pk}: open={open_} but member.is_mobile={member.is_mobile}")
        if contacts and (contacts[0] < record.left_on or contacts[-1] > (record.returned_on or today)):
            problems.add(f"mobile record {record.pk}: contacts outside the time away")
        if (contacts[-1] if contacts else None) != record.last_contact_on:
            problems.add(f"mobile record {record.pk}: last contact {record.last_contact_on} ≠ {contacts[-1:]}")
        lost = mr.is_lost_contact(
            left_on=record.left_on,
            last_contact_on=record.last_contact_on,
            today=today,
            months=rules.lost_contact_months,
        )
        if open_ and lost != (record.lost_contact_on is not None):
            problems.add(
                f"mobile record {record.pk}: lost by the six-month rule={lost}, marked={record.lost_contact_on}"
            )
        if open_ and lost and member.lifecycle != Lifecycle.LOST_CONTACT:
            problems.add(f"mobile record {record.pk}: lost, but member {member.pk} is {member.lifecycle}")
    letters = defaultdict(list)
    for issued, number in (
        Transfer.objects.filter(direction=TransferDirection.OUT)
        .order_by("issued_on", "pk")
        .values_list("issued_on", "letter_number")
    ):
        letters[issued.year].append(number)
    for year, numbers in letters.items():
        serials = [int(n.rsplit("第", 1)[1].removesuffix("号")) for n in numbers]
        if serials != list(range(1, len(serials) + 1)):
            problems.add(f"letters out of {year} are not numbered 1..{len(serials)} in order of issue")
    return problems


def quality_present(*, county: Organization, today: datetime.date) -> Problems:
    """The problems a real county has are there for the data-quality page to find."""
    problems = Problems()
    report = quality_report(org=county, today=today)
    for key in ("id_mismatches", "duplicates", "missing", "small_branches", "vacancies"):
        if not report[key]:
            problems.add(f"the data-quality page finds no {key.replace('_', ' ')}")
    return problems
