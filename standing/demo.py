"""The demo county's branch committees (runs after the members demo). Idempotent: a branch that has a term
already is left alone.

Every branch with a committee (7 or more full members) has its last election on file, approved by its
township: its secretary and organisation member re-elected with one more member. 红岭村 elected its
committee almost five years ago, so its term ends within three months (the reminder and the dashboards
show it); 西沟村's secretary post stays vacant (members.demo).

The last year that can be assessed is graded: every branch by its township's secretary on the county's scale,
confirmed by the county, except 柳河镇's branches, which wait for the county's confirmation."""

import datetime

from django.db import transaction

from branches.models import Organization, Role
from branches.rules import BRANCH_COMMITTEE_MIN_FULL_MEMBERS, RoleKind, term_years
from members.models import Lifecycle, Member, MemberPost, MemberStatus, Post
from partywork.dates import add_months, add_years

from . import rules, services
from .models import Assessment, CommitteeTerm
from .selectors import grade_scale

ENDING_SOON = "QS0101"  # 红岭村: its term ends two months after the demo's day
# The graded year: rank on the county's scale (1 highest) per branch; 马莲滩村 and 西沟村 lowest.
RANKS = {"QS0101": 1, "QS0102": 2, "QS0103": 3, "QS0104": 5, "QS0105": 2, "QS0106": 2,
         "QS0201": 2, "QS0202": 3, "QS0203": 4, "QS0301": 2, "QS0302": 3, "QS0303": 3}  # fmt: skip
# The county has confirmed the grades of every township but 柳河镇, whose wait for its confirmation.
UNCONFIRMED_TOWNSHIP = "QS03"


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


def seed_assessments(*, county, today: datetime.date) -> int:
    """The last year that can be assessed: every branch graded by its township, confirmed by the county."""
    admin = _user(county, RoleKind.COUNTY_ADMIN)
    year = rules.latest_assessable_year(today)
    scale = {g.rank: g for g in grade_scale(year=year)}
    if admin is None or not scale:
        return 0
    done = set(Assessment.objects.filter(year=year).values_list("branch_id", flat=True))
    assessed_on = min(datetime.date(year + 1, 1, 15), today)
    created = 0
    for township in Organization.objects.subtree(county).townships().active():
        assessor = _user(township, RoleKind.TOWNSHIP_SECRETARY) or admin
        for branch in Organization.objects.subtree(township).branches().active():
            if branch.pk in done:
                continue
            rank = min(RANKS.get(branch.code, 3), max(scale))
            assessment = services.assessment_propose(
                by=assessor,
                branch=branch,
                year=year,
                grade=scale[rank],
                assessed_on=assessed_on,
                remarks="演示数据：乡镇党委年终考核评定",
            )
            if township.code != UNCONFIRMED_TOWNSHIP:
                services.assessment_confirm(by=admin, assessment=assessment, confirmed_on=assessed_on)
            created += 1
    return created


@transaction.atomic
def seed(context) -> None:
    created = seed_terms(county=context["county"], today=context["today"])
    if created:
        context["stdout"].write(f"支部建设：登记换届选举 {created} 个支部")
    created = seed_assessments(county=context["county"], today=context["today"])
    if created:
        context["stdout"].write(f"支部建设：评定年度等次 {created} 个支部")
