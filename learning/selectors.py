"""Reads of training and study. Every list starts from the user's scope; the hours of many members come in a
fixed number of queries whatever their number."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Max, Q, Sum
from django.db.models.functions import Coalesce

from branches.models import Organization, subtree_q
from branches.scoping import scope_q
from meetings.models import RemoteSession
from members.models import Lifecycle, Member, MemberPost, Post

from . import rules
from .models import CareVisit, Publication, Talk, TrainingAttendance, TrainingSession
from .rules import CareOccasion, HoursStanding, PublicationKind, TrainingKind

# Posts that make a member a secretary or committee member for the 56-hour minimum (DOMAIN §2); a party
# group leader is not a committee member.
COMMITTEE_POSTS = tuple(p for p in Post.values if p != Post.GROUP_LEADER)
# The members a branch answers for (MemberQuerySet.on_roll), for counts made through the organisation.
ON_ROLL = (Lifecycle.ACTIVE, Lifecycle.LOST_CONTACT)


def session_list(*, user, permission: str = "learning.view"):
    """Sessions organised by an organisation in the user's scope."""
    return TrainingSession.objects.filter(scope_q(user, permission)).select_related("organization")


def session_get(*, user, pk: int, permission: str = "learning.view") -> TrainingSession | None:
    return session_list(user=user, permission=permission).filter(pk=pk).first()


def session_attendees(*, session) -> list[TrainingAttendance]:
    return list(
        session.attendance.select_related("member", "member__branch").order_by("member__branch__path", "person_name")
    )


def committee_member_ids(*, member_ids, year: int) -> set[int]:
    """Members who held a committee post (secretary, deputy, committee member...) at any time in `year`."""
    first, last = rules.year_bounds(year)
    return set(
        MemberPost.objects.filter(member_id__in=member_ids, post__in=COMMITTEE_POSTS, started_on__lte=last)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=first))
        .values_list("member_id", flat=True)
    )


def hours_standings(*, members, year: int) -> list[HoursStanding]:
    """Each member's hours of `year` (sessions attended plus remote-education viewings logged per member in
    meetings) against the minimum for their role. `members` is a scoped queryset; four queries."""
    first, last = rules.year_bounds(year)
    rows = list(members.order_by("branch__path", "name_pinyin", "pk").values_list("pk", "name"))
    ids = [pk for pk, _name in rows]
    training = dict(
        TrainingAttendance.objects.filter(member_id__in=ids, session__held_on__range=(first, last))
        .values("member_id")
        .annotate(total=Sum("session__hours"))
        .values_list("member_id", "total")
    )
    remote = dict(
        RemoteSession.viewers.through.objects.filter(member_id__in=ids, remotesession__held_on__range=(first, last))
        .values("member_id")
        .annotate(total=Sum("remotesession__minutes"))
        .values_list("member_id", "total")
    )
    committee = committee_member_ids(member_ids=ids, year=year)
    return [
        HoursStanding(
            member_id=pk,
            name=name,
            committee=pk in committee,
            training=rules.hours(training.get(pk) or 0),
            remote=rules.minutes_to_hours(remote.get(pk) or 0),
        )
        for pk, name in rows
    ]


def branch_members(*, user, branch, permission: str = "learning.view"):
    """The branch's members on the roll, through the user's scope."""
    return Member.objects.on_roll().filter(scope_q(user, permission, field="branch"), branch=branch)


def branch_sessions(*, branch, year: int) -> list[dict]:
    """The sessions of `year` the branch's members attended, whoever organised them, with how many of the
    branch's members were there (organisers above the branch are named, their other attendees are not)."""
    first, last = rules.year_bounds(year)
    return list(
        TrainingSession.objects.filter(held_on__range=(first, last), attendance__member__branch=branch)
        .annotate(present=Count("attendance", filter=Q(attendance__member__branch=branch)))
        .select_related("organization")
        .order_by("-held_on", "-pk")
    )


@dataclass
class BranchHours:
    branch: Organization
    members: int
    met: int
    committee_short: int
    average: Decimal

    @property
    def short(self) -> int:
        return self.members - self.met


def township_hours(*, user, township, year: int) -> tuple[list[BranchHours], list[tuple[Organization, HoursStanding]]]:
    """Per branch of the township: members, how many met their minimum, the average hours; and every member
    below the minimum. Five queries whatever the number of branches and members."""
    branches = list(
        Organization.objects.filter(scope_q(user, "learning.view", field=""))
        .subtree(township)
        .branches()
        .active()
        .order_by("path")
    )
    by_pk = {b.pk: b for b in branches}
    members = Member.objects.on_roll().filter(scope_q(user, "learning.view", field="branch"), branch__in=branches)
    branch_of = dict(members.values_list("pk", "branch_id"))
    standings = hours_standings(members=members, year=year)
    figures = {b.pk: BranchHours(b, 0, 0, 0, Decimal("0.0")) for b in branches}
    totals = {b.pk: Decimal("0") for b in branches}
    short = []
    for standing in standings:
        branch_id = branch_of[standing.member_id]
        figure = figures[branch_id]
        figure.members += 1
        totals[branch_id] += standing.total
        if standing.met:
            figure.met += 1
        else:
            short.append((by_pk[branch_id], standing))
            if standing.committee:
                figure.committee_short += 1
    for pk, figure in figures.items():
        if figure.members:
            figure.average = rules.hours(totals[pk] / figure.members)
    return list(figures.values()), short


def member_hours(*, member, year: int) -> dict:
    """The member page's panel: the year's hours against the minimum and the sessions attended."""
    standing = hours_standings(members=Member.objects.filter(pk=member.pk), year=year)[0]
    first, last = rules.year_bounds(year)
    sessions = list(
        TrainingSession.objects.filter(attendance__member=member, held_on__range=(first, last))
        .select_related("organization")
        .order_by("-held_on", "-pk")[:10]
    )
    return {"year": year, "standing": standing, "sessions": sessions}


def completed_activist_course(person_or_applicant, *, before: datetime.date) -> bool:
    """Whether this person (a recruitment file or a member: anything carrying the keyed ID-number index)
    attended an activist course (入党积极分子培训班) held strictly before `before`. For recruitment's
    precondition that an activist is listed as a development candidate only after the course."""
    key = getattr(person_or_applicant, "id_number_hash", "")
    if not key:
        return False
    return TrainingAttendance.objects.filter(
        id_number_hash=key, session__kind=TrainingKind.ACTIVIST, session__held_on__lt=before
    ).exists()


def attendable_members(*, user, org, permission: str = "learning.write"):
    """Members a session of `org` may list: on the roll in a branch under `org`, within the user's scope."""
    return (
        Member.objects.on_roll()
        .filter(scope_q(user, permission, field="branch"), subtree_q(org, "branch"))
        .select_related("branch")
        .order_by("branch__path", "name_pinyin", "pk")
    )


def talk_list(*, user, permission: str = "learning.view"):
    """Talks of branches in the user's scope (the topic is shown only with learning.talk_notes)."""
    return Talk.objects.filter(scope_q(user, permission, field="branch")).select_related("member", "branch")


def talk_get(*, user, pk: int) -> Talk | None:
    """One talk with its topic: only for the branch committee and above (learning.talk_notes)."""
    return talk_list(user=user, permission="learning.talk_notes").filter(pk=pk).first()


def branch_talks(*, user, branch, year: int) -> dict:
    """A branch's talks of `year`: each member on the roll with their last talk ever and whether they had one
    in the year, the coverage, and the year's talks. Three queries."""
    first, last = rules.year_bounds(year)
    members = list(
        branch_members(user=user, branch=branch)
        .annotate(
            last_talk=Max("talks__held_on", filter=Q(talks__held_on__lte=last)),
            talks_in_year=Count("talks", filter=Q(talks__held_on__range=(first, last))),
        )
        .order_by("name_pinyin", "pk")
    )
    talks = list(talk_list(user=user).filter(branch=branch, held_on__range=(first, last)).order_by("-held_on", "-pk"))
    talked = sum(1 for m in members if m.talks_in_year)
    return {
        "members": members,
        "talks": talks,
        "talked": talked,
        "coverage": rules.coverage(talked, len(members)),
        "without": [m for m in members if not m.talks_in_year],
    }


@dataclass
class BranchTalks:
    branch: Organization
    members: int
    talked: int

    @property
    def coverage(self) -> int | None:
        return rules.coverage(self.talked, self.members)


def township_talks(*, user, township, year: int) -> list[BranchTalks]:
    """Per branch of the township: members on the roll and how many had a talk in `year`; two queries."""
    first, last = rules.year_bounds(year)
    return [
        BranchTalks(branch, branch.member_count, branch.talked)
        for branch in Organization.objects.filter(scope_q(user, "learning.view", field=""))
        .subtree(township)
        .branches()
        .active()
        .annotate(
            member_count=Count("members", filter=Q(members__lifecycle__in=ON_ROLL), distinct=True),
            talked=Count(
                "members",
                filter=Q(members__lifecycle__in=ON_ROLL, members__talks__held_on__range=(first, last)),
                distinct=True,
            ),
        )
        .order_by("path")
    ]


def talk_members(*, user, branch):
    """Members a talk of `branch` may be with: its roll, within the user's scope for writing."""
    return branch_members(user=user, branch=branch, permission="learning.write").order_by("name_pinyin", "pk")


def orgs_with_talk_notes(user):
    """Organisations where the user may read talk topics (a subquery for other scoped lookups)."""
    return Organization.objects.filter(scope_q(user, "learning.talk_notes", field="")).values("pk")


def care_visits(*, user, org, year: int):
    """Care visits of `year` in the branches under `org`, within the user's scope."""
    first, last = rules.year_bounds(year)
    return (
        CareVisit.objects.filter(scope_q(user, "learning.view", field="branch"), subtree_q(org, "branch"))
        .filter(visited_on__range=(first, last))
        .select_related("member", "branch")
    )


def care_summary(*, user, org, year: int) -> dict:
    """The yearly list of care visits under `org` (a branch or a township): the visits by occasion (七一, 春节,
    routine), and per occasion the number of visits, members visited and money given. Two queries."""
    visits = care_visits(user=user, org=org, year=year)
    totals = {
        row["occasion"]: row
        for row in visits.order_by()
        .values("occasion")
        .annotate(
            visits=Count("pk"),
            members=Count("member", distinct=True),
            money=Coalesce(Sum("amount"), Decimal("0.00")),
        )
    }
    rows = list(visits.order_by("occasion", "branch__path", "visited_on", "pk"))
    occasions = []
    for value, label in CareOccasion.choices:
        total = totals.get(value, {"visits": 0, "members": 0, "money": Decimal("0.00")})
        occasions.append(
            {
                "key": value,
                "label": label,
                "visits": [v for v in rows if v.occasion == value],
                "count": total["visits"],
                "members": total["members"],
                "money": total["money"],
            }
        )
    return {
        "occasions": occasions,
        "total_money": sum((o["money"] for o in occasions), Decimal("0.00")),
        "total_visits": len(rows),
    }


@dataclass
class BranchPublications:
    branch: Organization
    counts: list[int]
    last: datetime.date | None


def publications(*, user, org, year: int) -> dict:
    """What the branches under `org` published in `year`: the records, and per branch the count of each kind
    and the last publication. Three queries."""
    first, last = rules.year_bounds(year)
    in_year = Publication.objects.filter(
        scope_q(user, "learning.view", field="branch"), subtree_q(org, "branch"), published_on__range=(first, last)
    )
    records = list(in_year.select_related("branch").order_by("-published_on", "-pk"))
    tally = {
        (row["branch_id"], row["kind"]): (row["n"], row["last"])
        for row in in_year.order_by().values("branch_id", "kind").annotate(n=Count("pk"), last=Max("published_on"))
    }
    kinds = list(PublicationKind.values)
    rows = []
    branches = Organization.objects.filter(scope_q(user, "learning.view", field="")).subtree(org).branches()
    for branch in branches.active():
        cells = [tally.get((branch.pk, kind), (0, None)) for kind in kinds]
        dates = [day for _n, day in cells if day is not None]
        rows.append(BranchPublications(branch=branch, counts=[n for n, _day in cells], last=max(dates, default=None)))
    return {"records": records, "branch_rows": rows, "kind_labels": [label for _v, label in PublicationKind.choices]}
