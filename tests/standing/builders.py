"""Builders of the standing tests: members of a branch and an approved election."""

from members.models import MemberPost
from partywork.dates import add_years
from standing import services
from tests.factories import MemberFactory


def full_members(branch, n, prefix="委员"):
    return [MemberFactory(branch=branch, name=f"{prefix}{branch.code}{i}") for i in range(n)]


def approved_term(*, by, branch, elected_on, members=None):
    """An election of `branch` on `elected_on`, approved ten days later: the first member secretary, the next
    two organisation and propaganda members (a branch of 7 full members or more)."""
    import datetime

    members = members or full_members(branch, 7)
    posts = ["secretary", "organization", "propaganda"]
    term = services.election_record(
        by=by,
        branch=branch,
        elected_on=elected_on,
        voters_expected=len(members),
        voters_present=len(members),
        seats=[(m, post, len(members)) for m, post in zip(members, posts, strict=False)],
    )
    return services.election_approve(by=by, term=term, approved_on=elected_on + datetime.timedelta(days=10))


def current_posts(branch):
    return sorted(
        (p.member.name, p.post) for p in MemberPost.objects.filter(organization=branch, ended_on__isnull=True)
    )


__all__ = ["add_years", "approved_term", "current_posts", "full_members"]


def proposed(*, by, branch, year, rank=1, assessed_on=None):
    from django.utils import timezone

    from standing.selectors import grade_scale

    grade = next(g for g in grade_scale(year=year) if g.rank == rank)
    return services.assessment_propose(
        by=by, branch=branch, year=year, grade=grade, assessed_on=assessed_on or timezone.localdate()
    )


def listed(*, by, branch, listed_on, milestones=()):
    from standing.models import WeaknessCriterion

    return services.rectification_open(
        by=by,
        branch=branch,
        listed_on=listed_on,
        reasons=WeaknessCriterion.objects.order_by("order")[:2],
        plan="联系领导包抓，规范组织生活",
        leader_name="王建军",
        leader_title="乡党委副书记",
        milestones=list(milestones),
    )
