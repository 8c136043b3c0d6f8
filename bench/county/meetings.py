"""Two years of organisational life (DOMAIN §2, Branch Regs): in every branch a theme day each month, a
general meeting with a party lecture each quarter (the secretary lectures once a year), the organisational-
life meeting with the democratic appraisal each January, a committee meeting each month where the branch
has 7 or more full members, a meeting of every party group each month. Each record has its attendance grid
(absences with reasons, mobile members marked away), resolutions decided by the vote rule, a few late
entries, and the gaps of less diligent branches. Every record passes `meetings.rules.record_check`, the
check `meeting_create` runs. Also the townships' remote-education sites with their sessions and viewers."""

import datetime

from branches.rules import BRANCH_COMMITTEE_MIN_FULL_MEMBERS
from meetings import rules
from meetings.demo import TOPICS
from meetings.models import (
    AppraisalGrade,
    Meeting,
    MeetingAttendance,
    MeetingKindLink,
    MeetingStandard,
    RemoteSession,
    RemoteSite,
    Resolution,
)
from meetings.rules import Attendance, Grade, MeetingKind, UnqualifiedHandling

from .bulk import history, insert, rows
from .plan import Branch, County, Person

ABSENCES = [(Attendance.SICK, ""), (Attendance.PERSONAL, ""), (Attendance.OFFICIAL, ""), (Attendance.OTHER, "家中有事")]
RATE = {"good": 0.9, "patchy": 0.8, "weak": 0.7}
SKIP = {"good": 0.03, "patchy": 0.25, "weak": 0.2}
AGENDA = "一、学习文件精神；二、讨论研究有关事项；三、安排下阶段工作"
DISCUSSION = "与会党员结合实际谈认识、提建议，一致表示抓好落实。"
FLUSH = 20  # branches per batch of inserts
CHECK_EVERY = 10


class Batch:
    """Meetings of a few branches with their rows, written together."""

    def __init__(self):
        self.meetings, self.kinds, self.grids, self.resolutions, self.grades = [], [], [], [], []
        self.checked = 0


def build_meetings(county: County) -> None:
    rng = county.rng("meetings")
    standard = MeetingStandard.objects.filter(applies_from__lte=county.today.year).order_by("-applies_from").first()
    late_days = standard.late_entry_days if standard else 7
    batch, totals = Batch(), {"meetings": 0, "attendance": 0, "resolutions": 0, "grades": 0}
    for index, branch in enumerate(county.branches):
        _branch_year(county, rng, branch, batch, late_days)
        if (index + 1) % FLUSH == 0:
            _write(county, batch, totals)
            batch = Batch()
    _write(county, batch, totals)
    county.counts.update(totals)
    _remote(county, county.rng("remote"))


def _skip(rng, branch: Branch, month: datetime.date, today: datetime.date) -> bool:
    if branch.profile == "weak" and month.year == today.year and month.month > 4:
        return rng.random() < 0.85
    return rng.random() < SKIP[branch.profile]


def _day(branch: Branch, month: datetime.date, day: int) -> datetime.date:
    return month.replace(day=min(28, max(1, day)))


def _branch_year(county: County, rng, branch: Branch, batch: Batch, late_days: int) -> None:
    today, people = county.today, county.members_of(branch)
    for month in county.months:
        theme_day = _day(branch, month, branch.day)
        if theme_day <= today and not _skip(rng, branch, month, today):
            kinds = [MeetingKind.THEME_DAY]
            if month.month % 3 == 2:
                kinds += [MeetingKind.GENERAL, MeetingKind.LECTURE]
            if month.month == 1 and branch.profile != "weak":
                kinds += [MeetingKind.ORG_LIFE, MeetingKind.APPRAISAL]
            _record(county, rng, branch, batch, people, kinds, theme_day, late_days)
        committee_day = _day(branch, month, branch.day - rng.randint(1, 4))
        full = sum(
            1
            for p in people
            if p.active_on(committee_day) and p.full_on(committee_day) and _in(p, branch, committee_day)
        )
        if (
            full >= BRANCH_COMMITTEE_MIN_FULL_MEMBERS
            and committee_day <= today
            and not _skip(rng, branch, month, today)
        ):
            _record(county, rng, branch, batch, people, [MeetingKind.COMMITTEE], committee_day, late_days)
        for group in branch.groups:
            group_day = _day(branch, month, rng.randint(1, 28))
            if group_day <= today and not _skip(rng, branch, month, today) and rng.random() > 0.02:
                _record(county, rng, branch, batch, people, [MeetingKind.GROUP], group_day, late_days, group=group)


def _in(person: Person, branch: Branch, day: datetime.date, group=None) -> bool:
    stay = person.stay_on(day)
    return stay is not None and stay.branch == branch.pk and (group is None or stay.group == group.pk)


def _present(person: Person | None, branch: Branch, day: datetime.date) -> Person | None:
    return person if person is not None and person.active_on(day) and _in(person, branch, day) else None


def _record(county, rng, branch, batch, people, kinds, held_on, late_days, *, group=None) -> None:
    """One meeting with its attendance, votes and lecture as bulk rows. Long because it writes every table a
    real meeting touches in one pass over the people present, so the county builds in one COPY per table."""
    expected = [p for p in people if p.active_on(held_on) and _in(p, branch, held_on, group)]
    if not expected:
        return
    committee = None
    if MeetingKind.COMMITTEE in kinds:
        committee = {p.key for p in branch.committee if _present(p, branch, held_on)}
        if len(committee) < 2:
            return
    rate = RATE[branch.profile]
    grid = {}
    for person in expected:
        if committee is not None and person.key not in committee:
            grid[person.key] = (Attendance.NOT_EXPECTED, "")
        elif person.away_on(held_on):
            grid[person.key] = (Attendance.AWAY, "外出务工")
        elif rng.random() < rate:
            grid[person.key] = (Attendance.PRESENT, "")
        else:
            grid[person.key] = rng.choice(ABSENCES)
    if committee is not None:
        # Branch Regs art. 12: a committee meets with more than half of its members present.
        absent = [k for k in committee if grid[k][0] != Attendance.PRESENT]
        while absent and (len(committee) - len(absent)) * 2 <= len(committee):
            grid[absent.pop()] = (Attendance.PRESENT, "")
    attendees = {p.key: rules.Attendee(p.member.name, p.full_on(held_on)) for p in expected}
    counts = rules.attendance_counts(grid, expected=attendees)
    tallies = ()
    if MeetingKind.GENERAL in kinds and counts.present_vote * 2 > counts.should_vote:
        no = 1 if counts.present_vote > 10 else 0
        tallies = (rules.Tally(counts.present_vote - no, no, 0),)
    host = recorder = lecturer = None
    lecturer_name = ""
    if group is None:
        host = _present(branch.secretary, branch, held_on) or _present(branch.organizer, branch, held_on)
        recorder = _present(branch.organizer, branch, held_on)
        if MeetingKind.LECTURE in kinds:
            lecturer = _present(branch.secretary, branch, held_on) if held_on.month == 5 else None
            lecturer = lecturer or (host if rng.random() < 0.5 else None)
            lecturer_name = "" if lecturer else f"{branch.township.short_name}党委委员"
    else:
        host = _present(branch.group_leaders.get(group.pk), branch, held_on)
    late = rng.random() < 0.06
    entered = held_on + datetime.timedelta(days=20 if late else rng.randint(0, 3))
    entered = min(entered, county.today)
    hour = rng.choice((9, 14, 19))
    starts, ends = datetime.time(hour, 0), datetime.time(hour + rng.choice((1, 2)), rng.choice((0, 30)))
    people_named = {"host": host, "recorder": recorder, "lecturer": lecturer}
    facts = rules.RecordFacts(
        org_name=(group or branch.org).name,
        is_group=group is not None,
        branch_id=branch.pk,
        kinds=tuple(kinds),
        held_on=held_on,
        starts_at=starts,
        ends_at=ends,
        today=entered,
        expected=attendees,
        attendance=grid,
        people={k: rules.Named(p.member.name, branch.pk) if p else None for k, p in people_named.items()},
        lecturer_name=lecturer_name,
        tallies=tallies,
    )
    outcomes = tuple(rules.resolution_outcome(t, kinds=kinds, counts=counts)[1] for t in tallies)
    if batch.checked % CHECK_EVERY == 0:
        # The whole check `meeting_create` runs, on every tenth record (it costs more than building one);
        # bench.county.checks replays all the records of the branches it checks.
        check = rules.record_check(facts)
        if check.errors or check.outcomes != outcomes:
            raise AssertionError(f"bench meeting of {branch.org.code} on {held_on} breaks the rules: {check.errors}")
    batch.checked += 1
    topic_kind = "group" if group else "committee" if committee is not None else "general" if tallies else "theme"
    meeting = Meeting(
        organization=branch.org,
        group=group,
        topic=rng.choice(TOPICS[topic_kind]),
        held_on=held_on,
        starts_at=starts,
        ends_at=ends,
        place="党小组长家中" if group else "党群服务中心",
        agenda=AGENDA,
        discussion=DISCUSSION,
        lecturer_name=lecturer_name,
        is_late_entry=rules.is_late_entry(held_on=held_on, entered_on=entered, late_days=late_days),
        entered_at=county.at(entered, 20 if late else hour + 3),
        entered_by=branch.clerk,
    )
    meeting.host_person, meeting.recorder_person, meeting.lecturer_person = host, recorder, lecturer
    meeting._history_user, meeting._history_date = branch.clerk, meeting.entered_at
    batch.meetings.append(meeting)
    batch.kinds.append(kinds)
    batch.grids.append([(p, grid[p.key], attendees[p.key].has_vote, p.away_on(held_on)) for p in expected])
    batch.resolutions.append([(tally, outcome, counts) for tally, outcome in zip(tallies, outcomes, strict=True)])
    grades = []
    if MeetingKind.APPRAISAL in kinds:
        for person in expected:
            probationary = not person.full_on(held_on)
            roll = rng.random()
            if roll < 0.003:
                grades.append(
                    (
                        person,
                        Grade.UNQUALIFIED,
                        UnqualifiedHandling.EXTEND if probationary else UnqualifiedHandling.EDUCATE,
                    )
                )
            elif roll < 0.013:
                grades.append((person, Grade.BASIC, ""))
            elif roll < 0.14 and not probationary:
                grades.append((person, Grade.EXCELLENT, ""))
            else:
                grades.append((person, Grade.QUALIFIED, ""))
    batch.grades.append(grades)


def _write(county: County, batch: Batch, totals: dict) -> None:
    for meeting in batch.meetings:
        for role in ("host", "recorder", "lecturer"):
            person = getattr(meeting, f"{role}_person")
            setattr(meeting, f"{role}_id", person.pk if person else None)
    insert(Meeting, batch.meetings)
    history(Meeting, batch.meetings)
    rows(
        MeetingKindLink,
        ["meeting_id", "kind"],
        ((m.pk, k) for m, kinds in zip(batch.meetings, batch.kinds, strict=True) for k in kinds),
    )
    totals["attendance"] += rows(
        MeetingAttendance,
        ["meeting_id", "member_id", "choice", "note", "has_vote", "was_mobile"],
        (
            (meeting.pk, person.pk, choice, note, has_vote, away)
            for meeting, grid in zip(batch.meetings, batch.grids, strict=True)
            for person, (choice, note), has_vote, away in grid
        ),
    )
    resolutions = []
    for meeting, items in zip(batch.meetings, batch.resolutions, strict=True):
        for position, (tally, outcome, counts) in enumerate(items, start=1):
            row = Resolution(
                meeting_id=meeting.pk,
                position=position,
                text="审议通过本季度工作安排",
                yes=tally.yes,
                no=tally.no,
                abstain=tally.abstain,
                should_vote=counts.should_vote,
                present_vote=counts.present_vote,
                outcome=outcome,
            )
            row._history_user, row._history_date = meeting.entered_by, meeting.entered_at
            resolutions.append(row)
    insert(Resolution, resolutions)
    history(Resolution, resolutions)
    grades = []
    for meeting, items in zip(batch.meetings, batch.grades, strict=True):
        for person, grade, handling in items:
            row = AppraisalGrade(
                meeting_id=meeting.pk,
                member_id=person.pk,
                grade=grade,
                handling=handling,
                handling_note="限期三个月改正，党小组跟踪帮助" if handling else "",
            )
            row._history_user, row._history_date = meeting.entered_by, meeting.entered_at
            grades.append(row)
    insert(AppraisalGrade, grades)
    history(AppraisalGrade, grades)
    totals["meetings"] += len(batch.meetings)
    totals["resolutions"] += len(resolutions)
    totals["grades"] += len(grades)


def _remote(county: County, rng) -> None:
    """Remote-education sites in most village branches, each playing 3–5 times a month (the seed township's
    standard is 4 times and 3 hours), watched by members at home."""
    sites, plans = [], []
    for branch in county.branches:
        if branch.org.category != "village" or rng.random() > 0.6:
            continue
        clerk = county.township_clerks[branch.township.pk]
        site = RemoteSite(township=branch.township, branch=branch.org, name=f"{branch.org.short_name}远程教育播放点")
        site._history_user, site._history_date = clerk, county.at(county.start, 9)
        sites.append(site)
        plans.append((branch, clerk))
    insert(RemoteSite, sites)
    history(RemoteSite, sites)
    sessions, viewers = [], []
    for site, (branch, clerk) in zip(sites, plans, strict=True):
        people = county.members_of(branch)
        for month in county.months:
            for n in range(rng.choice((3, 4, 4, 4, 5))):
                day = month.replace(day=3 + n * 6)
                if day > county.today:
                    break
                home = [p for p in people if p.active_on(day) and _in(p, branch, day) and not p.away_on(day)]
                session = RemoteSession(
                    site=site,
                    held_on=day,
                    minutes=rng.choice((45, 60, 60, 90)),
                    content=rng.choice(("党员教育电视节目", "学习党的二十届四中全会精神", "农业实用技术", "法治宣传")),
                    other_viewers=rng.randint(0, 15),
                    entered_by=clerk,
                    entered_at=county.at(day, 21),
                )
                session._history_user, session._history_date = clerk, session.entered_at
                sessions.append(session)
                viewers.append(rng.sample(home, k=round(len(home) * rng.uniform(0.3, 0.7))))
    insert(RemoteSession, sessions)
    history(RemoteSession, sessions)
    rows(
        RemoteSession.viewers.through,
        ["remotesession_id", "member_id"],
        ((s.pk, p.pk) for s, seen in zip(sessions, viewers, strict=True) for p in seen),
    )
    county.counts.update(remote_sites=len(sites), remote_sessions=len(sessions))
