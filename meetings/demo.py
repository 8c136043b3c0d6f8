"""Demo meetings: the organisational life of the demo branches over the four quarters before this one and this
quarter so far, with realistic gaps, so the compliance pages have something to show whatever the day (a
full past year, last year's year-end meetings). Idempotent: a branch that already has meetings is left alone."""

import datetime
import random

from django.db import transaction

from branches.audit import audited
from branches.models import Organization, User
from branches.rules import OrgKind
from members.models import Lifecycle, Member, MemberPost, MemberStatus
from partywork.dates import add_months, month_end, quarter_bounds, quarter_of

from . import services
from .models import Meeting, RemoteSession, RemoteSite
from .rules import Attendance, MeetingKind

# How diligent each branch is: 0 keeps every rule, 1 misses some months, 2 holds little after spring.
PROFILES = {0: "good", 1: "patchy", 2: "weak"}
TOPICS = {
    "theme": ["学习党的二十届四中全会精神", "开展“党员先锋岗”志愿服务", "乡村振兴政策宣讲", "学习党章党规"],
    "general": ["讨论村级重大事项", "审议年度工作计划", "讨论发展党员事宜", "通报党费收缴情况"],
    "committee": ["研究本月党建工作", "研究村集体经济项目", "研究困难党员帮扶", "研究人居环境整治"],
    "group": ["学习交流心得体会", "讨论本组党员联系户情况", "学习先进典型事迹"],
}
ABSENCES = [Attendance.SICK, Attendance.PERSONAL, Attendance.OFFICIAL, Attendance.AWAY]


def _attendance(rng, members, *, expected=None, rate=0.88, lapsed=()):
    rows = {}
    for member in members:
        if member.pk in lapsed and (expected is None or member.pk in expected):
            rows[member.pk] = (Attendance.OTHER, "未请假")
        elif expected is not None and member.pk not in expected:
            rows[member.pk] = (Attendance.NOT_EXPECTED, "")
        elif member.is_mobile:
            rows[member.pk] = (Attendance.AWAY, "外出务工")
        elif rng.random() < rate:
            rows[member.pk] = (Attendance.PRESENT, "")
        else:
            rows[member.pk] = (rng.choice(ABSENCES), "")
    if expected is not None:
        # A committee meets only with more than half of its members: the demo keeps to that.
        missing = [pk for pk in expected if pk in rows and rows[pk][0] != Attendance.PRESENT]
        while missing and (len(expected) - len(missing)) * 2 <= len(expected):
            rows[missing.pop()] = (Attendance.PRESENT, "")
    return rows


def _log(rng, *, org, by, kinds, held_on, members, topic, today, expected=None, resolution=None, lapsed=(), **extra):
    attendance = _attendance(rng, members, expected=expected, lapsed=lapsed)
    resolutions = []
    if resolution:
        voters = [m for m in members if m.status == MemberStatus.FULL and attendance[m.pk][0] == Attendance.PRESENT]
        should = sum(1 for m in members if m.status == MemberStatus.FULL)
        if len(voters) * 2 > should:
            no = 1 if len(voters) > 10 else 0
            resolutions = [{"text": resolution, "yes": len(voters) - no, "no": no, "abstain": 0}]
    late = rng.random() < 0.06
    hour = rng.choice((9, 14, 19))
    return services.meeting_create(
        org=org,
        by=by,
        kinds=kinds,
        topic=topic,
        held_on=held_on,
        starts_at=datetime.time(hour, 0),
        ends_at=datetime.time(hour + rng.choice((1, 2)), rng.choice((0, 30))),
        place="党群服务中心" if org.kind != OrgKind.GROUP else "党小组长家中",
        attendance=attendance,
        resolutions=resolutions,
        host=members[0] if org.kind != OrgKind.GROUP else None,
        recorder=members[1] if len(members) > 1 and org.kind != OrgKind.GROUP else None,
        agenda="一、学习文件精神；二、讨论研究有关事项；三、安排下阶段工作",
        discussion="与会党员结合实际谈认识、提建议，一致表示抓好落实。",
        # Entered two days after the meeting, or twenty when late, but never after the demo's today.
        today=min(held_on + datetime.timedelta(days=20 if late else 2), today),
        **extra,
    )


def _day(rng, year, month, today):
    day = datetime.date(year, month, rng.randint(1, 25))
    return day if day <= today else None


def _months(today):
    """The first days of the months from the start of the quarter a year before this one up to this month."""
    month = add_months(quarter_bounds(today.year, quarter_of(today))[0], -12)
    while month <= today:
        yield month
        month = add_months(month, 1)


@transaction.atomic
def _seed_branch(branch, groups, *, index, today, by):
    """One branch's organisational life over the demo's period, following its profile (diligent, late or
    lax). Long because each kind of meeting is written in date order with its attendance and lecture."""
    rng = random.Random(f"meetings-{branch.code}")  # noqa: S311 - demo data, reproducible
    profile = PROFILES[index % 3]
    members = list(Member.objects.filter(branch=branch, lifecycle=Lifecycle.ACTIVE).order_by("pk"))
    if len(members) < 3:
        return 0
    committee = set(
        MemberPost.objects.filter(organization=branch, ended_on__isnull=True).values_list("member_id", flat=True)
    ) | {m.pk for m in members[:5]}
    full = sum(1 for m in members if m.status == MemberStatus.FULL)
    # A lapse case by attendance (Constitution art. 9): in the first branch, one member outside the committee
    # has taken part in nothing, without a reason, for the last seven months.
    at_home = [m for m in members if not m.is_mobile and m.pk not in committee]
    lapsed = {at_home[-1].pk} if index == 0 and at_home else set()
    lapse_from = add_months(today.replace(day=1), -7)
    created = 0
    for first in _months(today):
        year, month = first.year, first.month
        if branch.founded_on and month_end(first) < branch.founded_on:
            continue
        skip = (profile == "patchy" and rng.random() < 0.3) or (profile == "weak" and month > 4)
        day = _day(rng, year, month, today)
        if day is None or skip:
            continue
        kinds = [MeetingKind.THEME_DAY]
        resolution = None
        if month % 3 == 2 and not (profile == "patchy" and month == 8):
            kinds += [MeetingKind.GENERAL, MeetingKind.LECTURE]
            resolution = rng.choice(TOPICS["general"])
        if month == 1 and profile != "weak":
            kinds += [MeetingKind.ORG_LIFE, MeetingKind.APPRAISAL]
        meeting = _log(
            rng,
            org=branch,
            by=by,
            kinds=kinds,
            held_on=day,
            members=members,
            topic=rng.choice(TOPICS["theme"]),
            today=today,
            resolution=resolution,
            lecturer=members[0] if MeetingKind.LECTURE in kinds else None,
            lapsed=lapsed if day >= lapse_from else (),
        )
        created += 1
        if MeetingKind.APPRAISAL in kinds:
            grades = {}
            for position, member in enumerate(members):
                excellent = member.status == MemberStatus.FULL and position % 7 == 0
                grades[member.pk] = ("excellent" if excellent else "qualified", "", "")
            services.appraisal_record(meeting=meeting, by=by, grades=grades)
        if full >= 7 and not (profile != "good" and rng.random() < 0.35):
            cday = _day(rng, year, month, today)
            if cday:
                _log(
                    rng,
                    org=branch,
                    by=by,
                    kinds=[MeetingKind.COMMITTEE],
                    held_on=cday,
                    members=members,
                    today=today,
                    expected=committee,
                    topic=rng.choice(TOPICS["committee"]),
                )
                created += 1
        for group in groups:
            if profile != "good" and rng.random() < 0.5:
                continue
            gmembers = [m for m in members if m.group_id == group.pk]
            gday = _day(rng, year, month, today)
            if len(gmembers) >= 1 and gday:
                _log(
                    rng,
                    org=group,
                    by=by,
                    kinds=[MeetingKind.GROUP],
                    held_on=gday,
                    members=gmembers,
                    today=today,
                    topic=rng.choice(TOPICS["group"]),
                    lapsed=lapsed if gday >= lapse_from else (),
                )
                created += 1
    return created


def _seed_remote(today, by):
    """Remote-education sites in the village branches of 红岭乡, with this and last month's sessions."""
    township = Organization.objects.filter(code="QS01").first()
    if township is None or RemoteSite.objects.filter(township=township).exists():
        return
    villages = Organization.objects.subtree(township).filter(kind=OrgKind.BRANCH, category="village")
    for index, branch in enumerate(villages.order_by("code")):
        site = RemoteSite.objects.create(township=township, branch=branch, name=f"{branch.display_name}远程教育播放点")
        members = list(Member.objects.filter(branch=branch, lifecycle=Lifecycle.ACTIVE, is_mobile=False))
        rng = random.Random(f"remote-{branch.code}")  # noqa: S311 - demo data, reproducible
        for months_back in (1, 0):
            first = (
                (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
                if months_back
                else today.replace(day=1)
            )
            sessions = 4 if index % 2 == 0 else 2
            for n in range(sessions):
                day = first + datetime.timedelta(days=3 + n * 6)
                if day > today:
                    break
                session = RemoteSession.objects.create(
                    site=site, held_on=day, minutes=rng.choice((45, 60, 90)), content="党员教育电视节目", entered_by=by
                )
                session.viewers.set(rng.sample(members, k=min(len(members), rng.randint(8, 20))))


def _found_mid_window(branches, done, *, today, by) -> None:
    """The last branch of 红岭乡 is shown as founded in the middle of the demo's window (issue 10 item 7): its
    months before the founding are 不适用. Only before its meetings are seeded, so a second run changes nothing."""
    township = Organization.objects.filter(code="QS01").first()
    mine = [b for b in branches if township is not None and b.path.startswith(township.path)]
    if not mine or mine[-1].pk in done:
        return
    branch = mine[-1]
    founded = add_months(quarter_bounds(today.year, quarter_of(today))[0], -7) + datetime.timedelta(days=14)
    if branch.founded_on is None or branch.founded_on < founded:
        branch.founded_on = founded
        audited(branch, by, reason="演示数据：年中新成立的党支部").save()


def seed(context) -> None:
    today = context["today"]
    by = User.objects.filter(username="admin").first()
    if by is None:
        return
    county = context["county"]
    branches = list(Organization.objects.subtree(county).active().filter(kind=OrgKind.BRANCH).order_by("code"))
    groups_of: dict[str, list] = {}
    for group in Organization.objects.subtree(county).groups().active():
        groups_of.setdefault(group.path[: -Organization.steplen], []).append(group)
    done = set(Meeting.objects.filter(organization__in=branches).values_list("organization_id", flat=True))
    _found_mid_window(branches, done, today=today, by=by)
    created = 0
    for index, branch in enumerate(branches):
        if branch.pk not in done:
            created += _seed_branch(branch, groups_of.get(branch.path, []), index=index, today=today, by=by)
    _seed_remote(today, by)
    if created:
        context["stdout"].write(f"组织生活：新增会议记录 {created} 条")
