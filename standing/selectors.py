"""Reads of the standing app, always from the user's scope; a fixed number of queries per page."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Max, Prefetch, Q
from django.shortcuts import get_object_or_404

from branches.scoping import orgs_for, scope_q
from members.quality import secretary_vacancies
from partywork.localrules import local_rules

from . import rules
from .models import (
    Assessment,
    AssessmentStatus,
    CommitteeTerm,
    Grade,
    Milestone,
    Rectification,
    RectificationStatus,
    TermStatus,
)


@dataclass
class BranchStanding:
    branch: object
    term: CommitteeTerm | None  # the current (latest approved) term
    pending: CommitteeTerm | None  # an election waiting for the township's approval
    stage: str  # "", "6m", "3m", "ended" (rules.term_stage)
    vacant: bool = False
    vacant_since: datetime.date | None = None
    vacancy_flagged: bool = False

    @property
    def term_ending(self) -> bool:
        return bool(self.stage)


def branch_standings(*, user, org, today: datetime.date, permission: str = "org.view") -> list[BranchStanding]:
    """Every active branch under `org` the user may see, with its current term, the stage of that term and its
    secretary vacancy (flagged past LocalRules.secretary_vacancy_months). Four queries."""
    branches = list(orgs_for(user, permission).subtree(org).branches().active().order_by("path"))
    ids = [b.pk for b in branches]
    current: dict[int, CommitteeTerm] = {}
    pending: dict[int, CommitteeTerm] = {}
    for term in CommitteeTerm.objects.filter(branch_id__in=ids).order_by("branch_id", "-elected_on"):
        target = current if term.status == TermStatus.APPROVED else pending
        target.setdefault(term.branch_id, term)
    months = local_rules(on=today).secretary_vacancy_months
    vacancies = {v.branch.pk: v for v in secretary_vacancies(org=org, today=today)}
    rows = []
    for branch in branches:
        term = current.get(branch.pk)
        row = BranchStanding(
            branch=branch,
            term=term,
            pending=pending.get(branch.pk),
            stage=rules.term_stage(ends_on=term.ends_on, today=today) if term else "",
        )
        vacancy = vacancies.get(branch.pk)
        if vacancy is not None:
            row.vacant = True
            row.vacant_since = vacancy.since
            row.vacancy_flagged = rules.vacancy_flagged(since=vacancy.since, today=today, months=months)
        rows.append(row)
    return rows


def term_list(*, user, permission: str = "org.view"):
    """Terms of the branches in the user's scope for `permission`."""
    return CommitteeTerm.objects.filter(scope_q(user, permission, field="branch"))


def term_get(*, user, pk: int, permission: str = "org.view") -> CommitteeTerm:
    """A term through the scope: 404 outside it."""
    return get_object_or_404(term_list(user=user, permission=permission).select_related("branch"), pk=pk)


def branch_terms(*, branch):
    """Every term of one branch (already loaded through the scope), newest first, with its seats."""
    return CommitteeTerm.objects.filter(branch=branch).prefetch_related("seats__member").order_by("-elected_on")


def grade_scale(*, year: int) -> list[Grade]:
    """The county's scale for `year`: the grades of the latest `from_year` not after it, highest first."""
    since = Grade.objects.filter(from_year__lte=year).aggregate(since=Max("from_year"))["since"]
    return list(Grade.objects.filter(from_year=since).order_by("rank")) if since is not None else []


@dataclass
class AssessmentRow:
    branch: object
    assessment: Assessment | None


def assessment_rows(*, user, org, year: int) -> list[AssessmentRow]:
    """Every active branch under `org` in the user's scope with its assessment of `year` (two queries)."""
    branches = list(orgs_for(user, "org.view").subtree(org).branches().active().order_by("path"))
    found = {
        a.branch_id: a
        for a in Assessment.objects.filter(branch__in=branches, year=year).select_related("grade", "proposed_by")
    }
    return [AssessmentRow(branch, found.get(branch.pk)) for branch in branches]


def grade_counts(rows: list[AssessmentRow], scale: list[Grade]) -> list[tuple[Grade, int, int]]:
    """Per grade of the scale: how many branches were graded so (any status) and how many of them confirmed."""
    counts = {g.pk: [0, 0] for g in scale}
    for row in rows:
        a = row.assessment
        if a is not None and a.grade_id in counts and a.status != AssessmentStatus.RETURNED:
            counts[a.grade_id][0] += 1
            counts[a.grade_id][1] += a.status == AssessmentStatus.CONFIRMED
    return [(g, *counts[g.pk]) for g in scale]


def assessment_get(*, user, pk: int, permission: str = "org.view") -> Assessment:
    """An assessment through the scope: 404 outside it."""
    qs = Assessment.objects.filter(scope_q(user, permission, field="branch")).select_related("branch", "grade")
    return get_object_or_404(qs, pk=pk)


def rectification_list(*, user, org, today: datetime.date, permission: str = "org.view"):
    """The rectifications of the branches under `org` in the user's scope, open first, each annotated with its
    overdue milestones (`overdue`) and counts; reasons prefetched (three queries)."""
    return (
        Rectification.objects.filter(scope_q(user, permission, field="branch"))
        .filter(branch__path__startswith=org.path)
        .select_related("branch")
        .prefetch_related("reasons")
        .annotate(
            overdue=Count(
                "milestones",
                filter=Q(milestones__done_on__isnull=True, milestones__due_on__lt=today),
                distinct=True,
            ),
            milestone_count=Count("milestones", distinct=True),
            notes_count=Count("progress_notes", distinct=True),
        )
        .order_by("status", "-listed_on", "branch__path")
    )


def rectification_get(*, user, pk: int, permission: str = "org.view") -> Rectification:
    """A rectification through the scope: 404 outside it."""
    qs = Rectification.objects.filter(scope_q(user, permission, field="branch")).select_related(
        "branch", "listed_by", "closed_by"
    )
    return get_object_or_404(
        qs.prefetch_related("reasons", Prefetch("milestones", queryset=Milestone.objects.order_by("due_on", "pk"))),
        pk=pk,
    )


def milestone_get(*, user, pk: int, permission: str = "org.view") -> Milestone:
    """A milestone through its rectification's branch: 404 outside the scope."""
    qs = Milestone.objects.filter(scope_q(user, permission, field="rectification__branch"))
    return get_object_or_404(qs.select_related("rectification__branch"), pk=pk)


def open_rectification_ids(*, branches) -> set[int]:
    return set(
        Rectification.objects.filter(branch__in=branches, status=RectificationStatus.OPEN).values_list(
            "branch_id", flat=True
        )
    )


@dataclass
class StandingSummary:
    """What a dashboard shows of the standing app for an organisation (reports' township, county and branch
    pages): branches per grade of the last assessable year, on the rectification list, terms ending."""

    year: int
    grades: list  # (Grade, count)
    not_assessed: int
    rectifying: int
    milestones_overdue: int
    terms_ending: int  # within six months
    terms_ended: int
    vacancy_flagged: int


def standing_summary(*, user, org, today: datetime.date) -> StandingSummary:
    """Counts over the active branches under `org` in the user's scope, in a fixed number of queries."""
    year = rules.latest_assessable_year(today)
    standings = branch_standings(user=user, org=org, today=today)
    branches = [row.branch for row in standings]
    rows = [AssessmentRow(b, None) for b in branches]
    found = {a.branch_id: a for a in Assessment.objects.filter(branch__in=branches, year=year)}
    for row in rows:
        row.assessment = found.get(row.branch.pk)
    open_rectifications = Rectification.objects.filter(branch__in=branches, status=RectificationStatus.OPEN)
    return StandingSummary(
        year=year,
        grades=[(grade, n) for grade, n, _confirmed in grade_counts(rows, grade_scale(year=year))],
        not_assessed=sum(1 for row in rows if row.assessment is None),
        rectifying=open_rectifications.count(),
        milestones_overdue=Milestone.objects.filter(
            rectification__in=open_rectifications, done_on__isnull=True, due_on__lt=today
        ).count(),
        terms_ending=sum(1 for row in standings if row.stage in ("6m", "3m")),
        terms_ended=sum(1 for row in standings if row.stage == "ended"),
        vacancy_flagged=sum(1 for row in standings if row.vacancy_flagged),
    )
