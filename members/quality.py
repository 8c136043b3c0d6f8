"""Data quality of a roster (issue 3 §8): reads only, each a bounded number of queries whatever the size."""

import datetime
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


def id_mismatches(*, org) -> list[tuple[Member, list[str]]]:
    """Members whose recorded birth date or sex disagrees with their ID number (DOMAIN §8). Decrypts each
    ID in memory: one query."""
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
            if len(found) >= LIMIT:
                break
    return found


def possible_duplicates(*, org) -> list[Member]:
    """Members sharing name and birth date with another member on the roll (two rows, one person?)."""
    roll = _roll(org)
    pairs = roll.values("name", "birth_date").annotate(n=Count("pk")).filter(n__gt=1).values_list("name", "birth_date")
    condition = Q(pk__in=[])
    for name, birth in list(pairs[:LIMIT]):
        condition |= Q(name=name, birth_date=birth)
    return list(roll.filter(condition).select_related("branch").order_by("name", "birth_date", "branch__path"))


def missing_fields(*, org) -> list[Member]:
    """Members without a phone, a party group, or a work unit/address."""
    return list(
        _roll(org)
        .filter(Q(phone_hash="") | Q(group__isnull=True) | (Q(work_unit="") & Q(address="")))
        .select_related("branch", "group")
        .order_by("branch__path", "name_pinyin")[:LIMIT]
    )


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
