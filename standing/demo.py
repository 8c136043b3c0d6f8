"""The demo county's branch committees (runs after the members demo). Idempotent: a branch that has a term
already is left alone.

Every branch with a committee (7 or more full members) has its last election on file, approved by its
township: its secretary and organisation member re-elected with one more member. 红岭村 elected its
committee almost five years ago, so its term ends within three months (the reminder and the dashboards
show it); 西沟村's secretary post stays vacant (members.demo)."""

import datetime

from django.db import transaction

from branches.models import Organization, Role
from branches.rules import BRANCH_COMMITTEE_MIN_FULL_MEMBERS, RoleKind, term_years
from members.models import Lifecycle, Member, MemberPost, MemberStatus, Post
from partywork.dates import add_months, add_years

from . import services
from .models import CommitteeTerm

ENDING_SOON = "QS0101"  # 红岭村: its term ends two months after the demo's day


def _user(org, kind):
    role = (
        Role.objects.filter(organization=org, kind=kind, is_active=True, user__is_active=True)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return role.user if role else None


def _election_day(branch, today: datetime.date) -> datetime.date:
    if branch.code == ENDING_SOON:
        return add_months(add_years(today, -term_years(branch.category)), 2)
    # Staggered over the last two years, so that no other term ends soon.
    return add_months(today, -(8 + int(branch.code[-2:]) * 2))


def seed_terms(*, county, today: datetime.date) -> int:
    admin = _user(county, RoleKind.COUNTY_ADMIN)
    if admin is None:
        return 0
    done = set(CommitteeTerm.objects.values_list("branch_id", flat=True))
    created = 0
    for township in Organization.objects.subtree(county).townships().active():
        approver = _user(township, RoleKind.TOWNSHIP_SECRETARY) or admin
        for branch in Organization.objects.subtree(township).branches().active():
            if branch.pk in done:
                continue
            full = list(
                Member.objects.filter(branch=branch, lifecycle=Lifecycle.ACTIVE, status=MemberStatus.FULL).order_by(
                    "pk"
                )
            )
            posts = {
                p.post: p.member
                for p in MemberPost.objects.filter(organization=branch, ended_on__isnull=True).select_related("member")
            }
            # Only full members on the branch's roll stand (one may have moved away since taking a post).
            eligible = {m.pk for m in full}
            posts = {post: member for post, member in posts.items() if member.pk in eligible}
            if len(full) < BRANCH_COMMITTEE_MIN_FULL_MEMBERS or Post.SECRETARY not in posts:
                continue
            elected = [(posts[Post.SECRETARY], Post.SECRETARY)]
            if Post.ORGANIZATION in posts:
                elected.append((posts[Post.ORGANIZATION], Post.ORGANIZATION))
            taken = {m.pk for m, _post in elected}
            extra = [m for m in full if m.pk not in taken][: 3 - len(elected)]
            elected += [(m, Post.PROPAGANDA) for m in extra]
            expected = len(full)
            present = expected - 1
            elected_on = _election_day(branch, today)
            term = services.election_record(
                by=admin,
                branch=branch,
                elected_on=elected_on,
                voters_expected=expected,
                voters_present=present,
                result="演示数据：等额选举，选票全部有效",
                seats=[(m, post, present - i % 2) for i, (m, post) in enumerate(elected)],
            )
            services.election_approve(
                by=approver,
                term=term,
                approved_on=elected_on + datetime.timedelta(days=10),
                approval_ref=f"{township.short_name or township.name}〔{elected_on.year}〕{branch.code[-2:]}号",
            )
            created += 1
    return created


@transaction.atomic
def seed(context) -> None:
    created = seed_terms(county=context["county"], today=context["today"])
    if created:
        context["stdout"].write(f"支部建设：登记换届选举 {created} 个支部")
