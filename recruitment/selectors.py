"""Reads of recruitment files, always starting from the user's scope, in a bounded number of queries."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce

from branches.models import Organization, subtree_q
from branches.rules import BRANCH_KINDS, TOWNSHIP_KINDS, OrgKind
from branches.scoping import orgs_for
from members.models import Lifecycle, Member
from partywork.dates import month_end, month_start

from . import rules
from .models import Applicant, RuleSet, Step, Target
from .services import params_for


def applicant_list(*, user, permission: str = "recruitment.view", org: Organization | None = None):
    """Files in the user's scope (under `org` if given) with their branch, steps and exceptions: three
    queries whatever the number of files."""
    qs = Applicant.objects.visible_to(user, permission)
    if org is not None:
        qs = qs.filter(subtree_q(org, "branch"))
    return qs.select_related("branch", "member").prefetch_related(
        Prefetch(
            "steps",
            queryset=Step.objects.select_related("recorded_by")
            .prefetch_related("people", "exceptions")
            .order_by("on", "number", "pk"),
        ),
        "rule_exceptions",
    )


def applicant_get(*, user, pk: int, permission: str = "recruitment.view") -> Applicant:
    return applicant_list(user=user, permission=permission).get(pk=pk)


def people_choices(*, user, applicant: Applicant, number: int):
    """Members who may be named on step `number` (cultivating contacts, sponsors), in the user's scope: the
    active members of the applicant's branch; for the sponsors (step 9), once the township has excepted this
    applicant from the same-branch practice, also the members of the other branches of the township that the
    user may see (a branch secretary sees only their own branch, so the township records such a step)."""
    members = Member.objects.visible_to(user, "recruitment.write").filter(lifecycle=Lifecycle.ACTIVE)
    excepted = any(e.rule == "sponsor_branch" for e in applicant.rule_exceptions.all())
    township = Organization.objects.ancestors_of(applicant.branch).townships().order_by("-depth").first()
    if number == rules.SPONSORS_STEP and excepted and township is not None:
        members = members.filter(subtree_q(township, "branch"))
    else:
        members = members.filter(branch=applicant.branch)
    return members.select_related("branch").order_by("branch__path", "name_pinyin", "pk")


def step_get(*, user, applicant_pk: int, pk: int) -> Step:
    """A step of a file the user may see (for its document download)."""
    return Step.objects.filter(
        applicant__in=Applicant.objects.visible_to(user, "recruitment.view"), applicant_id=applicant_pk
    ).get(pk=pk)


@dataclass
class FileStatus:
    """Where one applicant stands: derived from the steps, never stored."""

    applicant: Applicant
    steps: list
    stage: int
    due: rules.Due | None
    overdue: bool = False
    too_early: bool = False
    due_this_month: bool = False

    @property
    def stage_label(self) -> str:
        return str(rules.STAGE_LABELS[self.stage])


def file_status(applicant: Applicant, *, today: datetime.date, rulesets: list[RuleSet]) -> FileStatus:
    """The derived stage and the next step of a file whose steps are prefetched (no query)."""
    steps = list(applicant.steps.all())
    facts = [s.as_fact() for s in steps]
    highest = max((s.number for s in steps), default=None)
    vote = [s for s in steps if s.number == rules.CONFIRMATION_VOTE]
    stage = rules.stage_of(highest, outcome=vote[-1].outcome if vote else "")
    if applicant.closed_on:
        stage = rules.CLOSED_STAGE
    params = params_for(steps[-1].on if steps else today, rulesets)
    due = rules.next_due(facts, params) if stage != rules.CLOSED_STAGE else None
    status = FileStatus(applicant=applicant, steps=steps, stage=stage, due=due)
    if due is not None:
        status.overdue = due.overdue(today)
        status.too_early = due.too_early(today)
        status.due_this_month = due.in_month(month_start(today), month_end(today))
    return status


@dataclass
class Board:
    stages: list = field(default_factory=list)  # [(stage number, label, [FileStatus])]
    due_this_month: list = field(default_factory=list)
    overdue: list = field(default_factory=list)
    total: int = 0


def pipeline_board(*, user, org: Organization, today: datetime.date) -> Board:
    """The pipeline of a branch or township by stage, with who is due this month and who is overdue.
    Bounded: the files, their steps, their exceptions and the rule sets, whatever their number."""
    rulesets = list(RuleSet.objects.all())
    statuses = [file_status(a, today=today, rulesets=rulesets) for a in applicant_list(user=user, org=org)]
    board = Board(total=len(statuses))
    for number, label in rules.STAGE_LABELS.items():
        board.stages.append((number, str(label), [s for s in statuses if s.stage == number]))
    # Stages in order, the closed files last.
    board.stages.sort(key=lambda entry: entry[0] or 99)
    board.due_this_month = [s for s in statuses if s.due_this_month and not s.overdue]
    board.overdue = [s for s in statuses if s.overdue]
    return board


def _count_steps(number: int, year: int):
    inner = (
        Step.objects.filter(subtree_q(OuterRef("path"), "applicant__branch"), number=number, on__year=year)
        .order_by()
        .values("number")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(inner, output_field=IntegerField()), 0)


def target_list(*, user, org: Organization, year: int):
    """Organisations under `org` that carry a target, with the year's target and what was achieved: members
    admitted (approvals of admission, step 17) and activists confirmed (step 3) in the year. Under a county its
    townships; under a township, the township and its branches. One query."""
    target = Target.objects.filter(organization=OuterRef("pk"), year=year)
    if org.kind == OrgKind.COUNTY:
        carrying = Q(kind__in=TOWNSHIP_KINDS)
    else:
        carrying = Q(kind__in=BRANCH_KINDS) | Q(pk=org.pk, kind__in=TOWNSHIP_KINDS)
    return (
        orgs_for(user, "recruitment.view")
        .subtree(org)
        .filter(carrying)
        .active()
        .annotate(
            target_members=Subquery(target.values("new_members")[:1]),
            target_activists=Subquery(target.values("new_activists")[:1]),
            admitted=_count_steps(rules.ADMISSION_APPROVAL, year),
            activists=_count_steps(3, year),
        )
        .order_by("path")
    )


def member_record(*, user, member) -> Applicant | None:
    """The recruitment file behind a member, if the user may see it (for the member page)."""
    return applicant_list(user=user).filter(member=member).first()
