"""Reads of meetings, compliance and remote education, always starting from the user's scope."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Sum

from branches.models import Organization, subtree_q
from branches.rules import TOWNSHIP_KINDS, OrgKind
from branches.scoping import orgs_for
from members.models import Lifecycle, Member, MemberPost, Membership, MemberStatus, Post
from partywork.dates import add_months

from . import rules
from .models import (
    AppraisalGrade,
    ComplianceRule,
    Meeting,
    MeetingAttendance,
    MeetingKindLink,
    MeetingStandard,
    RemoteSession,
    RemoteSite,
)
from .rules import Attendance, MeetingKind


def standard_for_year(year: int) -> MeetingStandard:
    """The local standard in force in `year` (the shipped defaults when none is stored)."""
    standard = MeetingStandard.objects.filter(applies_from__lte=year).order_by("-applies_from").first()
    return standard or MeetingStandard(applies_from=year)


def rules_for_year(year: int) -> list[rules.Rule]:
    """For each kind, the rule with the latest `applies_from` not after `year`; inactive ones drop the kind.
    The branch secretary's yearly lecture is the county's local rule (LocalRules in force on 1 January of
    `year`), not a ComplianceRule: the Branch Regs ask it of the committee secretary only (issue 10 item 9)."""
    from partywork.localrules import local_rules

    latest: dict[str, ComplianceRule] = {}
    for rule in ComplianceRule.objects.filter(applies_from__lte=year, by_secretary=False).order_by(
        "kind", "-applies_from"
    ):
        latest.setdefault(rule.kind, rule)
    found = [
        rules.Rule(r.kind, r.period, r.min_count, r.min_full_members, r.per_group, basis=r.basis)
        for kind in MeetingKind.values
        if (r := latest.get(kind)) is not None and r.is_active
    ]
    local = local_rules(on=datetime.date(year, 1, 1))
    secretary = rules.branch_secretary_rule(per_year=local.branch_secretary_lectures_per_year, local_basis=local.basis)
    if secretary is not None:
        position = next((i + 1 for i, r in enumerate(found) if r.kind == MeetingKind.LECTURE), len(found))
        found.insert(position, secretary)
    return found


def meeting_list(*, user, permission: str = "meetings.view"):
    """Meetings in the user's scope with their organisation, kinds and computed counts."""
    return (
        Meeting.objects.visible_to(user, permission)
        .select_related("organization", "group")
        .prefetch_related("kinds")
        .with_counts()
    )


def meeting_get(*, user, pk: int, permission: str = "meetings.view") -> Meeting:
    """One meeting in scope with everything its page shows, in a fixed number of queries."""
    return (
        meeting_list(user=user, permission=permission)
        .select_related("host", "recorder", "lecturer", "entered_by")
        .prefetch_related(
            Prefetch(
                "attendances",
                queryset=MeetingAttendance.objects.select_related("member").order_by("member__name_pinyin"),
            ),
            "resolutions",
            "attachments",
            Prefetch(
                "grades", queryset=AppraisalGrade.objects.select_related("member").order_by("member__name_pinyin")
            ),
        )
        .get(pk=pk)
    )


def org_meetings(*, user, org: Organization, year: int):
    """A branch's (or a party group's) meetings in one year."""
    qs = meeting_list(user=user).filter(held_on__year=year)
    if org.kind == OrgKind.GROUP:
        return qs.filter(group=org)
    return qs.filter(organization=org)


def should_attend(*, org: Organization):
    """Members who should attend a meeting of `org`: the branch's active members, the group's, or for a township
    committee its committee members (those holding a post in it now)."""
    qs = Member.objects.active().select_related("group").order_by("group__code", "name_pinyin", "pk")
    if org.kind == OrgKind.GROUP:
        return qs.filter(group=org)
    if org.kind in TOWNSHIP_KINDS:
        return qs.filter(pk__in=MemberPost.objects.filter(organization=org, ended_on__isnull=True).values("member_id"))
    return qs.filter(branch=org)


def leading_cadres_q(branch: Organization, *, on: datetime.date | None = None) -> Q:
    """Members holding a post in a committee above `branch` (its township committee, the county): the leading
    cadres who may lecture its members (Branch Regs art. 16). With `on`, the post was held that day; without,
    at any time (a record entered late may name one who has since left: the service checks the day)."""
    condition = Q(posts__organization__path__in=branch.ancestor_paths())
    if on is None:
        return condition
    return condition & Q(posts__started_on__lte=on) & (Q(posts__ended_on__isnull=True) | Q(posts__ended_on__gt=on))


def lecturer_choices(*, branch: Organization):
    """Who may be picked as a lecture's lecturer: the branch's members and the leading cadres above it."""
    return (
        Member.objects.active()
        .filter(Q(branch=branch) | leading_cadres_q(branch))
        .distinct()
        .order_by("name_pinyin", "pk")
    )


def leads_above(member: Member, *, branch: Organization, on: datetime.date) -> bool:
    """Whether `member` held a post in a committee above `branch` on `on`."""
    return Member.objects.filter(leading_cadres_q(branch, on=on), pk=member.pk).exists()


def branch_of(org: Organization) -> Organization:
    """The branch a meeting belongs to: the organisation itself, or the parent of a party group."""
    if org.kind == OrgKind.GROUP:
        return Organization.objects.get(path=org.path[: -org.steplen])
    return org


# ---------------------------------------------------------------- compliance


def _full_spans(ids: list[int]) -> dict[int, list[tuple]]:
    """Per branch, the days each full member belonged to it: from the later of joining the branch and becoming
    full (转正), to the earlier of leaving it and leaving the roll (death, removal, lost contact). One query."""
    spans: dict[int, list[tuple]] = {}
    rows = Membership.objects.filter(organization_id__in=ids, member__status=MemberStatus.FULL).values_list(
        "organization_id",
        "started_on",
        "ended_on",
        "member__confirmed_on",
        "member__lifecycle",
        "member__lifecycle_changed_on",
    )
    for org_id, started, ended, confirmed, lifecycle, changed in rows:
        start = max(started, confirmed) if confirmed else started
        if lifecycle not in (Lifecycle.ACTIVE, Lifecycle.TRANSFERRED_OUT):
            if changed is None:
                continue  # off the roll since a day nobody recorded: never counted, as today's count does
            ended = min(ended, changed) if ended else changed
        if ended is None or start < ended:
            spans.setdefault(org_id, []).append((start, ended))
    return spans


def _facts(branches: list[Organization]) -> list[rules.OrgFacts]:
    """Full members over time (today's count: those still there) and party groups (with their dates) of each
    branch: two queries whatever the number of branches."""
    ids = [b.pk for b in branches]
    spans = _full_spans(ids)
    groups: dict[str, list] = {}
    dates: dict[str, list] = {}
    if branches:
        # One prefix query under the branches' common ancestor, rather than one condition per branch.
        first, last = min(b.path for b in branches), max(b.path for b in branches)
        size = next((i for i, (a, b) in enumerate(zip(first, last, strict=False)) if a != b), len(first))
        prefix = first[:size]
        prefix = prefix[: len(prefix) - len(prefix) % Organization.steplen]
        wanted = {b.path for b in branches}
        # Dissolved groups too (with a date): a past period is judged by the groups that existed then.
        for pk, name, short, path, founded, active, dissolved in (
            Organization.objects.subtree(prefix)
            .groups()
            .filter(Q(is_active=True) | Q(deactivated_on__isnull=False))
            .order_by("code")
            .values_list("pk", "name", "short_name", "path", "founded_on", "is_active", "deactivated_on")
        ):
            parent = path[: -Organization.steplen]
            if parent in wanted:
                groups.setdefault(parent, []).append((pk, short or name))
                dates.setdefault(parent, []).append((pk, founded, None if active else dissolved))
    return [
        rules.OrgFacts(
            b.pk,
            sum(1 for _start, end in spans.get(b.pk, ()) if end is None),
            tuple(groups.get(b.path, ())),
            founded_on=b.founded_on,
            dissolved_on=None if b.is_active else b.deactivated_on,
            full_spans=tuple(spans.get(b.pk, ())),
            group_dates=tuple(dates.get(b.path, ())),
        )
        for b in branches
    ]


def secretary_on(posts: list[tuple[int, datetime.date, datetime.date | None]], member_id, day: datetime.date) -> bool:
    """Whether `member_id` held the post on `day`, from its (member, started_on, ended_on) rows: from the first
    day to the day before the one they left (a successor takes over on that day)."""
    return any(m == member_id and start <= day and (end is None or day < end) for m, start, end in posts)


def _held(branches: list[Organization], start: datetime.date, end: datetime.date) -> list[rules.Held]:
    """Each (meeting, kind) in the range, with whether a lecture was given by whoever was the branch's
    secretary on the lecture's date (issue 10 item 8; the condition of `secretary_on`, asked of the database
    so that it stays one query)."""
    ids = [b.pk for b in branches]
    secretary_then = MemberPost.objects.filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=OuterRef("meeting__held_on")),
        organization=OuterRef("meeting__organization"),
        post=Post.SECRETARY,
        member=OuterRef("meeting__lecturer"),
        started_on__lte=OuterRef("meeting__held_on"),
    )
    return [
        rules.Held(org_id, group_id, kind, held_on, by_secretary)
        for org_id, group_id, kind, held_on, by_secretary in MeetingKindLink.objects.filter(
            meeting__organization_id__in=ids, meeting__held_on__range=(start, end)
        )
        .annotate(by_secretary=Exists(secretary_then))
        .values_list("meeting__organization_id", "meeting__group_id", "kind", "meeting__held_on", "by_secretary")
    ]


def compliance_results(
    *, branches: list[Organization], start: datetime.date, end: datetime.date, today: datetime.date
) -> tuple[list[rules.Rule], list[rules.Result]]:
    """Evaluate the rules in force for the periods overlapping [start, end]; a fixed number of queries.
    Meetings of whole years are loaded so that yearly rules see the whole year."""
    rule_list = rules_for_year(start.year)
    held = _held(branches, datetime.date(start.year, 1, 1), datetime.date(end.year, 12, 31))
    results = rules.evaluate(rules=rule_list, orgs=_facts(branches), held=held, start=start, end=end, today=today)
    return rule_list, results


def township_links(*, township: Organization, year: int) -> list[tuple]:
    """(kind, organisation id, date, given by the committee secretary) of the year's meetings that the
    township's pages judge: the township's own, and the lectures under it given by whoever held the township's
    secretary post on the lecture's date (to the day before leaving it, as `secretary_on`). One query."""
    held_post = MemberPost.objects.filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=OuterRef("meeting__held_on")),
        organization=township,
        post=Post.SECRETARY,
        member=OuterRef("meeting__lecturer"),
        started_on__lte=OuterRef("meeting__held_on"),
    )
    return list(
        MeetingKindLink.objects.filter(
            meeting__organization__path__startswith=township.path, meeting__held_on__year=year
        )
        .annotate(by_secretary=Exists(held_post))
        .filter(Q(meeting__organization=township) | Q(kind=MeetingKind.LECTURE, by_secretary=True))
        .values_list("kind", "meeting__organization_id", "meeting__held_on", "by_secretary")
    )


def committee_secretary_lectures(
    *, township: Organization, year: int, today: datetime.date, links: list[tuple] | None = None
) -> tuple[rules.Rule, rules.Result]:
    """[national] Branch Regs art. 16: the township committee's secretary lectures at least once a year. Counts
    the lectures in the township's organisations given by whoever held its secretary post on the lecture's date
    (`township_links`, loaded unless given)."""
    if links is None:
        links = township_links(township=township, year=year)
    held = [
        rules.Held(township.pk, None, MeetingKind.LECTURE, held_on, True)
        for kind, _org, held_on, by_secretary in links
        if kind == MeetingKind.LECTURE and by_secretary
    ]
    rule = rules.committee_secretary_rule()
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    dissolved = None if township.is_active else township.deactivated_on
    facts = rules.OrgFacts(township.pk, 0, founded_on=township.founded_on, dissolved_on=dissolved)
    (result,) = rules.evaluate(rules=[rule], orgs=[facts], held=held, start=start, end=end, today=today)
    return rule, result


def branches_under(
    *, user, org: Organization, permission: str = "meetings.view", since: datetime.date | None = None
) -> list[Organization]:
    """Active branches inside `org` that the user may see, in tree order; with `since`, also those dissolved
    on or after that day (their periods before the dissolution were still owed)."""
    alive = Q(is_active=True)
    if since is not None:
        alive |= Q(is_active=False, deactivated_on__gte=since)
    return list(orgs_for(user, permission).subtree(org).branches().filter(alive).order_by("path"))


@dataclass
class GridRow:
    kind: str
    label: str
    period_label: str
    cells: list = field(default_factory=list)
    basis: str = ""


def branch_year_grid(*, branch: Organization, year: int, today: datetime.date) -> list[GridRow]:
    """A branch's year: one row per kind in force, one cell per month (a quarterly or yearly rule's
    result shown in every month of its period)."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    rule_list, results = compliance_results(branches=[branch], start=start, end=end, today=today)
    rows = []
    for rule in rule_list:
        mine = [r for r in results if r.rule_key == rule.key]
        row = GridRow(rule.key, rule.label, str(rules.Period(rule.period).label), basis=rule.basis)
        for month in range(1, 13):
            day = datetime.date(year, month, 1)
            in_month = [r for r in mine if r.period.contains(day)]
            row.cells.append(rules.combine(in_month))
        rows.append(row)
    return rows


@dataclass
class TownshipRow:
    branch: Organization
    cells: list = field(default_factory=list)


def township_quarter_table(
    *, user, township: Organization, year: int, quarter: int, today: datetime.date
) -> tuple[list[rules.Rule], list[TownshipRow]]:
    """Branches × kinds for one quarter: monthly rules combine the quarter's months, yearly ones show the
    year so far. A bounded number of queries whatever the number of branches."""
    from partywork.dates import quarter_bounds

    start, end = quarter_bounds(year, quarter)
    branches = branches_under(user=user, org=township, since=start)
    rule_list, results = compliance_results(branches=branches, start=start, end=end, today=today)
    by_cell: dict[tuple, list] = {}
    for result in results:
        by_cell.setdefault((result.org_id, result.rule_key), []).append(result)
    rows = [
        TownshipRow(branch, [rules.combine(by_cell.get((branch.pk, rule.key), [])) for rule in rule_list])
        for branch in branches
    ]
    return rule_list, rows


# ---------------------------------------------------------------- member panel


def member_attendance_summary(*, member: Member, year: int) -> dict:
    """Meetings the member attended and missed in `year`, and the rate (one query), with appraisal grades."""
    counts = MeetingAttendance.objects.filter(member=member, meeting__held_on__year=year).aggregate(
        attended=Count("pk", filter=Q(choice=Attendance.PRESENT)),
        missed=Count("pk", filter=~Q(choice__in=(Attendance.PRESENT, Attendance.NOT_EXPECTED))),
    )
    attended, missed = counts["attended"] or 0, counts["missed"] or 0
    grades = list(
        AppraisalGrade.objects.filter(member=member).select_related("meeting").order_by("-meeting__held_on")[:5]
    )
    return {
        "year": year,
        "attended": attended,
        "missed": missed,
        "rate": rules.attendance_rate(present=attended, should=attended + missed),
        "grades": grades,
    }


# ---------------------------------------------------------------- remote education


def remote_site_list(*, user, permission: str = "meetings.view"):
    """Remote-education sites whose branch is in the user's scope."""
    from branches.scoping import scope_q

    return RemoteSite.objects.filter(scope_q(user, permission, field="branch")).select_related("township", "branch")


@dataclass
class SiteMonth:
    site: RemoteSite
    sessions: int
    minutes: int
    viewers: int
    at_home: int
    rate: float | None
    ok: bool
    reason: str

    @property
    def hours(self) -> float:
        return round(self.minutes / 60, 1)


def township_of(org: Organization) -> Organization | None:
    """The township committee an organisation lies in (itself for a township), or None above townships."""
    if org.kind in TOWNSHIP_KINDS:
        return org
    return Organization.objects.ancestors_of(org).townships().order_by("-depth").first()


def remote_month_figures(*, user, org: Organization, month: datetime.date) -> list[SiteMonth]:
    """Each site under `org` (a township, or a branch) in one month: sessions, hours, distinct member
    viewers and the viewing rate against members at home (active, not mobile) of the site's branch."""
    from partywork.dates import month_end

    sites = list(remote_site_list(user=user).filter(subtree_q(org, "branch"), is_active=True).order_by("name"))
    ids = [s.pk for s in sites]
    span = (month, month_end(month))
    sums = {
        row["site"]: row
        for row in RemoteSession.objects.filter(site_id__in=ids, held_on__range=span)
        .values("site")
        .annotate(n=Count("pk"), minutes=Sum("minutes"))
    }
    viewers = dict(
        RemoteSession.viewers.through.objects.filter(remotesession__site_id__in=ids, remotesession__held_on__range=span)
        .values("remotesession__site")
        .annotate(n=Count("member", distinct=True))
        .values_list("remotesession__site", "n")
    )
    at_home = dict(
        Member.objects.filter(branch_id__in={s.branch_id for s in sites}, lifecycle=Lifecycle.ACTIVE, is_mobile=False)
        .values("branch")
        .annotate(n=Count("pk"))
        .values_list("branch", "n")
    )
    standard = standard_for_year(month.year)
    figures = []
    for site in sites:
        row = sums.get(site.pk, {"n": 0, "minutes": 0})
        ok, reason = rules.remote_month_status(
            sessions=row["n"],
            minutes=row["minutes"] or 0,
            min_sessions=standard.remote_min_sessions,
            min_hours=standard.remote_min_hours,
        )
        home = at_home.get(site.branch_id, 0)
        seen = viewers.get(site.pk, 0)
        figures.append(
            SiteMonth(
                site,
                row["n"],
                row["minutes"] or 0,
                seen,
                home,
                rules.viewing_rate(viewers=seen, at_home=home),
                ok,
                reason,
            )
        )
    return figures


def remote_sessions(*, site: RemoteSite, month: datetime.date):
    from partywork.dates import month_end

    return (
        site.sessions.filter(held_on__range=(month, month_end(month)))
        .annotate(viewer_count=Count("viewers"))
        .order_by("-held_on", "-pk")
    )


def attendance_corrections(*, meeting: Meeting) -> list:
    """The corrections of a meeting's attendance grid, as history entries (who, when, why, member: from → to),
    from the attendance rows' history: one query."""
    from branches.audit import AuditChange, AuditEntry

    records = list(
        MeetingAttendance.history.filter(meeting_id=meeting.pk)
        .select_related("history_user", "member")
        .order_by("id", "history_date", "history_id")
    )
    labels = dict(Attendance.choices)
    entries, previous = [], None
    for record in records:
        if record.history_type == "~" and previous is not None and previous.id == record.id:
            old = str(labels.get(previous.choice, previous.choice)) + (f"：{previous.note}" if previous.note else "")
            new = str(labels.get(record.choice, record.choice)) + (f"：{record.note}" if record.note else "")
            entries.append(
                AuditEntry(
                    when=record.history_date,
                    who=record.history_user,
                    action=record.get_history_type_display(),
                    reason=record.history_change_reason or "",
                    changes=[AuditChange(record.member.name if record.member_id else "", old, new)],
                )
            )
        previous = record
    return entries


# ---------------------------------------------------------------- not taking part (Constitution art. 9)


@dataclass
class LapseRow:
    member: Member
    run: int
    level: str
    text: str


def attendance_lapse_runs(*, member_ids, today: datetime.date) -> dict[int, int]:
    """Each member's run of consecutive ended months without taking part (rules.lapse); one aggregate query."""
    from django.db.models.functions import TruncMonth

    from .rules import lapse

    last = lapse.last_ended_month(today)
    first = add_months(last, -(lapse.LOOKBACK_MONTHS - 1))
    months: dict[int, dict] = {}
    rows = (
        MeetingAttendance.objects.filter(
            member_id__in=member_ids, meeting__held_on__range=(first, add_months(last, 1) - datetime.timedelta(days=1))
        )
        .annotate(month=TruncMonth("meeting__held_on"))
        .values("member_id", "month")
        .annotate(
            expected=Count("pk", filter=~Q(choice=Attendance.NOT_EXPECTED)),
            present=Count("pk", filter=Q(choice=Attendance.PRESENT)),
            excused=Count(
                "pk",
                filter=Q(choice__in=lapse.GOOD_REASONS) | Q(choice=Attendance.AWAY, was_mobile=True),
            ),
        )
    )
    for row in rows:
        month = row["month"].date() if isinstance(row["month"], datetime.datetime) else row["month"]
        months.setdefault(row["member_id"], {})[month] = lapse.MonthAttendance(
            row["expected"], row["present"], row["excused"]
        )
    return {pk: lapse.lapse_run(by_month, today=today) for pk, by_month in months.items()}


def attendance_lapses(*, user, org: Organization, today: datetime.date, minimum: int = 3) -> list[LapseRow]:
    """Active members under `org` that the user may see whose run reaches `minimum` months, longest first;
    two queries whatever the number of members."""
    from branches.scoping import scope_q

    from .rules import lapse

    members = {
        m.pk: m
        for m in Member.objects.active()
        .filter(scope_q(user, "meetings.view", field="branch"), subtree_q(org, "branch"))
        .select_related("branch")
    }
    runs = attendance_lapse_runs(member_ids=list(members), today=today)
    rows = [
        LapseRow(members[pk], run, lapse.lapse_level(run), lapse.lapse_text(members[pk].name, run))
        for pk, run in runs.items()
        if run >= minimum
    ]
    return sorted(rows, key=lambda r: (-r.run, r.member.branch.path, r.member.name_pinyin))


# ---------------------------------------------------------------- the township committee's own life (item 10)


@dataclass
class TownshipLife:
    counts: list  # (kind label, meetings this year)
    democratic_life: rules.Cell
    basis: str


def township_life(
    *, township: Organization, year: int, today: datetime.date, links: list[tuple] | None = None
) -> TownshipLife:
    """The township committee's own 党委会, 理论学习中心组学习 and 民主生活会 in `year` (DOMAIN §2), counted, and
    the yearly 民主生活会 judged like any yearly minimum (`township_links`, loaded unless given). The caller
    holds meetings.view on the township."""
    if links is None:
        links = township_links(township=township, year=year)
    counted: dict[str, int] = {}
    for kind, org_id, _day, _by in links:
        if org_id == township.pk:
            counted[kind] = counted.get(kind, 0) + 1
    kinds = (MeetingKind.PARTY_COMMITTEE, MeetingKind.CENTRE_GROUP, MeetingKind.DEMOCRATIC_LIFE)
    rule = rules.Rule(MeetingKind.DEMOCRATIC_LIFE, rules.Period.YEAR, 1)
    held = [
        rules.Held(township.pk, None, MeetingKind.DEMOCRATIC_LIFE, datetime.date(year, 1, 1))
        for _n in range(counted.get(MeetingKind.DEMOCRATIC_LIFE, 0))
    ]
    dissolved = None if township.is_active else township.deactivated_on
    facts = rules.OrgFacts(township.pk, 0, founded_on=township.founded_on, dissolved_on=dissolved)
    results = rules.evaluate(
        rules=[rule],
        orgs=[facts],
        held=held,
        start=datetime.date(year, 1, 1),
        end=datetime.date(year, 12, 31),
        today=today,
    )
    return TownshipLife(
        [(rules.kind_label(k), counted.get(k, 0)) for k in kinds],
        rules.combine(results),
        str(rules.DEMOCRATIC_LIFE_BASIS),
    )
