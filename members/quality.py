"""Data quality of a roster (issue 3 §8): reads only, each a bounded number of queries whatever the size."""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Max, Q
from django.utils.translation import gettext as _

from branches.models import Organization, subtree_q
from branches.rules import BRANCH_MIN_FULL_MEMBERS, GROUP_MIN_MEMBERS

from .models import Lifecycle, Member, MemberStatus, Post
from .rules import id_birth_date, id_sex

LIMIT = 200  # rows shown per check; the count is always complete


@dataclass
class Vacancy:
    branch: Organization
    since: datetime.date | None
    days: int | None


def _roll(org):
    return Member.objects.filter(subtree_q(org, "branch")).on_roll()


def id_mismatches(*, org, limit: int | None = LIMIT) -> list[tuple[Member, list[str]]]:
    """Members whose recorded birth date or sex disagrees with their ID number (DOMAIN §8). Decrypts each
    ID in memory: one query. `limit=None` returns them all."""
    found = []
    for member in _roll(org).select_related("branch").order_by("branch__path", "name_pinyin").iterator(2000):
        number = member.id_number
        problems = []
        if id_birth_date(number) != member.birth_date:
            problems.append(_("出生日期"))
        if id_sex(number) != member.sex:
            problems.append(_("性别"))
        if problems:
            found.append((member, problems))
            if limit is not None and len(found) >= limit:
                break
    return found


def _duplicates(org) -> list[tuple[int, int]]:
    """(member, branch) of the members under `org` who share their name and birth date with another member
    on the county's roll, wherever in the county that other member is (two rows, one person?). One query."""
    county = Member.objects.filter(branch__path__startswith=org.path[: Organization.steplen]).on_roll()
    people = list(county.order_by().values_list("pk", "branch_id", "branch__path", "name", "birth_date"))
    held = Counter((name, birth) for _pk, _branch, _path, name, birth in people)
    return [
        (pk, branch)
        for pk, branch, path, name, birth in people
        if held[(name, birth)] > 1 and path.startswith(org.path)
    ]


def possible_duplicates(*, org, limit: int | None = LIMIT) -> list[Member]:
    """Members under `org` sharing name and birth date with another member on the county's roll."""
    ids = [pk for pk, _branch in _duplicates(org)]
    members = Member.objects.filter(pk__in=ids).select_related("branch").order_by("name", "birth_date", "branch__path")
    return list(members if limit is None else members[:limit])


# A member without a phone, a party group, or a work unit and an address.
MISSING = Q(phone_hash="") | Q(group__isnull=True) | (Q(work_unit="") & Q(address=""))


def missing_fields(*, org, limit: int | None = LIMIT) -> list[Member]:
    """Members without a phone, a party group, or a work unit/address."""
    members = _roll(org).filter(MISSING).select_related("branch", "group").order_by("branch__path", "name_pinyin")
    return list(members if limit is None else members[:limit])


def small_branches(*, org) -> list[Organization]:
    """Branch Regs art. 5: a branch needs at least 3 full members."""
    return list(
        Organization.objects.subtree(org)
        .branches()
        .active()
        .annotate(
            full_members=Count(
                "members",
                filter=Q(members__status=MemberStatus.FULL, members__lifecycle=Lifecycle.ACTIVE),
            )
        )
        .filter(full_members__lt=BRANCH_MIN_FULL_MEMBERS)
        .order_by("path")
    )


def small_groups(*, org) -> list[Organization]:
    """Branch Regs: a party group has at least 3 members including at least 1 full member."""
    return list(
        Organization.objects.subtree(org)
        .groups()
        .active()
        .annotate(
            member_count=Count("group_members", filter=Q(group_members__lifecycle=Lifecycle.ACTIVE)),
            full_count=Count(
                "group_members",
                filter=Q(group_members__lifecycle=Lifecycle.ACTIVE, group_members__status=MemberStatus.FULL),
            ),
        )
        .filter(Q(member_count__lt=GROUP_MIN_MEMBERS) | Q(full_count__lt=1))
        .order_by("path")
    )


def secretary_vacancies(*, org, today: datetime.date) -> list[Vacancy]:
    """Branches without a current secretary, vacant since the last secretary left (or since founding)."""
    branches = (
        Organization.objects.subtree(org)
        .branches()
        .active()
        .annotate(
            current=Count("posts", filter=Q(posts__post=Post.SECRETARY, posts__ended_on__isnull=True)),
            last_end=Max("posts__ended_on", filter=Q(posts__post=Post.SECRETARY)),
        )
        .filter(current=0)
        .order_by("path")
    )
    vacancies = []
    for branch in branches:
        since = branch.last_end or branch.founded_on
        vacancies.append(Vacancy(branch, since, (today - since).days if since else None))
    return vacancies


def quality_report(*, org, today: datetime.date) -> dict:
    """Every check of the data quality page for `org` and everything under it."""
    return {
        "id_mismatches": id_mismatches(org=org),
        "duplicates": possible_duplicates(org=org),
        "missing": missing_fields(org=org),
        "small_branches": small_branches(org=org),
        "small_groups": small_groups(org=org),
        "vacancies": secretary_vacancies(org=org, today=today),
        "limit": LIMIT,
    }


CHECKS = ("id_mismatches", "duplicates", "missing", "small_branch", "small_groups", "vacancy")


def problem_counts(*, org, today: datetime.date) -> dict[int, dict[str, int]]:
    """For every branch under `org`, how many problems each check of the quality page finds (no limit): members
    whose ID disagrees, members in a possible duplicate pair (in the county), members missing fields, the branch
    itself under 3 full members (0 or 1), its party groups under their minimum, its secretary post vacant (0 or
    1). A fixed number of queries; decrypts every ID number once, like the page."""
    counts: dict[int, dict[str, int]] = {}

    def bump(branch_id: int, check: str, n: int = 1) -> None:
        counts.setdefault(branch_id, dict.fromkeys(CHECKS, 0))[check] += n

    for member, _problems in id_mismatches(org=org, limit=None):
        bump(member.branch_id, "id_mismatches")
    roll = _roll(org)
    for _pk, branch_id in _duplicates(org):
        bump(branch_id, "duplicates")
    for branch_id, n in (
        roll.filter(MISSING).order_by().values("branch").annotate(n=Count("pk")).values_list("branch", "n")
    ):
        bump(branch_id, "missing", n)
    for branch in small_branches(org=org):
        bump(branch.pk, "small_branch")
    paths = {}
    for group in small_groups(org=org):
        paths.setdefault(group.path[: -Organization.steplen], 0)
        paths[group.path[: -Organization.steplen]] += 1
    if paths:
        for pk, path in Organization.objects.filter(path__in=list(paths)).values_list("pk", "path"):
            bump(pk, "small_groups", paths[path])
    for vacancy in secretary_vacancies(org=org, today=today):
        bump(vacancy.branch.pk, "vacancy")
    return counts
