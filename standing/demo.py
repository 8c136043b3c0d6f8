"""The demo county's branch committees (runs after the members demo). Idempotent: a branch that has a term
already is left alone.

Every branch with a committee (7 or more full members) has its last election on file, approved by its
township: its secretary and organisation member re-elected with one more member. 红岭村 elected its
committee almost five years ago, so its term ends within three months (the reminder and the dashboards
show it); 西沟村's secretary post stays vacant (members.demo).

The last year that can be assessed is graded: every branch by its township's secretary on the county's scale,
confirmed by the county, except 柳河镇's branches, which wait for the county's confirmation.

马莲滩村 is on the list of weak and lax branches since five months ago: its reasons, plan, contact leader and first
secretary, milestones (two done, one overdue, one ahead) and a progress note for each quarter since."""

import datetime

from django.db import transaction

from branches.models import Organization, Role
from branches.rules import BRANCH_COMMITTEE_MIN_FULL_MEMBERS, RoleKind, term_years
from members.models import Lifecycle, Member, MemberPost, MemberStatus, Post
from partywork.dates import add_months, add_years, quarter_of

from . import rules, services
from .models import Assessment, CommitteeTerm, Rectification, WeaknessCriterion
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


RECTIFIED = "QS0104"  # 马莲滩村


def seed_rectification(*, county, today: datetime.date) -> int:
    branch = Organization.objects.filter(code=RECTIFIED, is_active=True).first()
    if branch is None or Rectification.objects.filter(branch=branch).exists():
        return 0
    township = Organization.objects.ancestors_of(branch).townships().first()
    by = _user(township, RoleKind.TOWNSHIP_SECRETARY) or _user(county, RoleKind.COUNTY_ADMIN)
    criteria = list(WeaknessCriterion.objects.filter(is_active=True).order_by("order", "pk"))
    if by is None or len(criteria) < 4:
        return 0
    listed_on = add_months(today, -5)
    rectification = services.rectification_open(
        by=by,
        branch=branch,
        listed_on=listed_on,
        reasons=[criteria[2], criteria[3]],
        situation="演示数据：2024年以来支委会、党小组会多次未按时召开，部分党员长期不参加组织生活、欠缴党费。",
        plan="一、乡党委副书记联系包抓，每月到村指导一次；二、选派第一书记驻村；三、规范“三会一课”，"
        "每月固定主题党日；四、逐一谈心谈话，清理党费欠缴；五、年底前验收销号。",
        leader_name="王建军",
        leader_title="乡党委副书记",
        first_secretary="刘伟",
        first_secretary_unit="青山县农业农村局",
        first_secretary_since=listed_on + datetime.timedelta(days=14),
        milestones=[
            ("调整充实支部班子，明确分工", add_months(listed_on, 1)),
            ("每月按时召开支委会和主题党日", add_months(listed_on, 3)),
            ("逐一谈心谈话，清理党费欠缴", today - datetime.timedelta(days=10)),
            ("开展党员集中轮训", add_months(today, 1)),
        ],
    )
    for index, milestone in enumerate(rectification.milestones.order_by("due_on", "pk")[:2]):
        services.milestone_done(
            by=by, milestone=milestone, done_on=milestone.due_on - datetime.timedelta(days=3 - index), note="已完成"
        )
    year, quarter = listed_on.year, quarter_of(listed_on)
    while (year, quarter) <= (today.year, quarter_of(today)):
        services.progress_record(
            by=by,
            rectification=rectification,
            year=year,
            quarter=quarter,
            text="演示数据：联系领导到村指导，第一书记驻村开展工作；本季度组织生活按时召开。",
        )
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return 1


@transaction.atomic
def seed(context) -> None:
    created = seed_terms(county=context["county"], today=context["today"])
    if created:
        context["stdout"].write(f"支部建设：登记换届选举 {created} 个支部")
    created = seed_assessments(county=context["county"], today=context["today"])
    if created:
        context["stdout"].write(f"支部建设：评定年度等次 {created} 个支部")
    if seed_rectification(county=context["county"], today=context["today"]):
        context["stdout"].write("支部建设：马莲滩村党支部列入软弱涣散党组织整顿")
