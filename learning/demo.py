"""Demo training of 青山县: a year of study up to the demo's day, through the real services so every row is
audited: each branch's monthly study (集中培训 or 网络学习), the townships' winter rotation (冬季轮训) for every
member in January and their secretaries' and committee members' course in spring. Attendance varies by member,
so some members fall short of their minimum. Idempotent: a county that already has sessions is left alone."""

import datetime
import random
from decimal import Decimal

from branches.models import Organization, User
from members.models import Member, MemberPost
from partywork.dates import add_months

from . import selectors, services
from .models import CareVisit, Publication, Talk, TrainingSession
from .rules import CareOccasion, CareReason, PublicationChannel, PublicationKind, TrainingKind

BRANCH_TOPICS = [
    "学习党的二十届四中全会精神",
    "学习《中国共产党章程》",
    "学习《中国共产党纪律处分条例》",
    "乡村振兴政策专题学习",
    "学习习近平新时代中国特色社会主义思想专题",
    "学习先进典型事迹",
]


def _present(rng, members, rate_of):
    return [m for m in members if not m.is_mobile and rng.random() < rate_of[m.pk]]


def _create(*, org, by, kind, held_on, hours, content, members):
    if members:
        services.session_create(
            org=org,
            by=by,
            kind=kind,
            held_on=held_on,
            hours=Decimal(hours),
            content=content,
            members=members,
            today=held_on,
        )
        return 1
    return 0


def seed(context) -> None:
    """A year of training, talks, care visits and publications for the demo county. Long because it walks the
    branches once and writes each kind of record in turn, with the shortfalls the demo must show."""
    today = context["today"]
    county = context["county"]
    by = User.objects.filter(username="admin").first()
    if by is None:
        return
    _seed_talks(county, today, by, context["stdout"])
    _seed_care(county, today, by, context["stdout"])
    _seed_publications(county, today, by, context["stdout"])
    if TrainingSession.objects.filter(organization__path__startswith=county.path).exists():
        context["stdout"].write("  学习培训：已有演示数据，跳过")
        return
    first_month = add_months(today.replace(day=1), -11)
    created = 0
    townships = list(Organization.objects.subtree(county).townships().active().order_by("path"))
    for township in townships:
        branches = list(Organization.objects.subtree(township).branches().active().order_by("path"))
        members = list(
            Member.objects.on_roll().filter(branch__in=branches).select_related("branch").order_by("branch__path", "pk")
        )
        if not members:
            continue
        rng = random.Random(f"learning-{township.code}")  # noqa: S311 - demo data, reproducible
        # Most members come nearly always; about one in eight seldom does, and falls short of the minimum.
        rate_of = {m.pk: (0.35 if rng.random() < 0.125 else 0.92) for m in members}
        for branch in branches:
            roll = [m for m in members if m.branch_id == branch.pk]
            month = first_month
            while month <= today:
                held_on = month + datetime.timedelta(days=min(9, (today - month).days))
                kind = TrainingKind.ONLINE if month.month % 3 == 0 else TrainingKind.CENTRAL
                topic = BRANCH_TOPICS[(month.month + len(branch.code)) % len(BRANCH_TOPICS)]
                created += _create(
                    org=branch,
                    by=by,
                    kind=kind,
                    held_on=held_on,
                    hours="3",
                    content=topic,
                    members=_present(rng, roll, rate_of),
                )
                month = add_months(month, 1)
        # The winter rotation of every member in January, two days of 8 hours.
        for day in (12, 13):
            held_on = datetime.date(today.year, 1, day)
            if held_on <= today:
                created += _create(
                    org=township,
                    by=by,
                    kind=TrainingKind.WINTER,
                    held_on=held_on,
                    hours="8",
                    content="冬季党员轮训",
                    members=_present(rng, members, rate_of),
                )
        # Secretaries and committee members: a three-day course in April (24 hours).
        committee = selectors.committee_member_ids(member_ids=[m.pk for m in members], year=today.year)
        leaders = [m for m in members if m.pk in committee]
        held_on = datetime.date(today.year, 4, 20)
        if held_on <= today and leaders:
            created += _create(
                org=township,
                by=by,
                kind=TrainingKind.CENTRAL,
                held_on=held_on,
                hours="24",
                content="村（社区）党组织书记和支委集中培训",
                members=leaders,
            )
    context["stdout"].write(f"  学习培训：新增培训记录 {created} 条")


TALK_TOPICS = [
    "了解家庭生产生活情况，听取对村“两委”工作的意见建议",
    "交流学习体会，鼓励发挥党员先锋模范作用",
    "了解外出务工情况，提醒按时交纳党费、参加组织生活",
    "谈思想、谈工作，指出参加组织生活不够经常的问题",
    "听取对集体经济项目的意见",
]


def _seed_talks(county, today, by, stdout) -> None:
    """Each branch's secretary talks with most members over the twelve months up to today; about one member in
    seven has no talk yet this year, so the fourth quarter's list has names."""
    if Talk.objects.filter(branch__path__startswith=county.path).exists():
        return
    first = add_months(today.replace(day=1), -11)
    span = (today - first).days
    created = 0
    for branch in Organization.objects.subtree(county).branches().active().order_by("path"):
        rng = random.Random(f"talks-{branch.code}")  # noqa: S311 - demo data, reproducible
        post = (
            MemberPost.objects.filter(organization=branch, post="secretary", ended_on__isnull=True)
            .select_related("member")
            .first()
        )
        talker = f"{post.member.name}（支部书记）" if post else "乡党委组织委员"
        for member in Member.objects.on_roll().filter(branch=branch).order_by("pk"):
            talker_for = "乡党委书记" if post and member.pk == post.member_id else talker
            if rng.random() < 0.15:
                continue
            held_on = first + datetime.timedelta(days=rng.randint(0, span))
            services.talk_create(
                branch=branch,
                by=by,
                member=member,
                talker=talker_for,
                held_on=held_on,
                topic=rng.choice(TALK_TOPICS),
                today=today,
            )
            created += 1
    stdout.write(f"  学习培训：新增谈心谈话 {created} 条")


def _last_on_or_before(today, month, day):
    """The most recent month/day on or before `today` (within the demo's twelve months)."""
    this_year = datetime.date(today.year, month, day)
    return this_year if this_year <= today else datetime.date(today.year - 1, month, day)


def _seed_care(county, today, by, stdout) -> None:
    """The 七一 and 春节 visits of the last twelve months to each branch's oldest members, with money and goods,
    a hardship visit at the Spring Festival and a routine visit to a sick member without money."""
    if CareVisit.objects.filter(branch__path__startswith=county.path).exists():
        return
    july_first = _last_on_or_before(today, 6, 28)
    spring = _last_on_or_before(today, 1, 25)
    created = 0
    for branch in Organization.objects.subtree(county).branches().active().order_by("path"):
        roll = list(Member.objects.on_roll().filter(branch=branch).order_by("birth_date", "pk"))
        if len(roll) < 3:
            continue
        visitors = "乡党委书记、村党支部书记"
        goods, sick_day = "米、面、油各一份", today - datetime.timedelta(days=20)
        plans = [
            (roll[0], CareReason.ELDERLY, CareOccasion.JULY_FIRST, july_first, "慰问品一份", Decimal("500.00")),
            (roll[1], CareReason.ELDERLY, CareOccasion.JULY_FIRST, july_first, "慰问品一份", Decimal("500.00")),
            (roll[0], CareReason.ELDERLY, CareOccasion.SPRING_FESTIVAL, spring, goods, Decimal("800.00")),
            (roll[-1], CareReason.HARDSHIP, CareOccasion.SPRING_FESTIVAL, spring, goods, Decimal("1000.00")),
            (roll[2], CareReason.SICK, CareOccasion.ROUTINE, sick_day, "看望并协调就医", None),
        ]
        for member, reason, occasion, visited_on, support, amount in plans:
            services.care_visit_create(
                branch=branch,
                by=by,
                member=member,
                reason=reason,
                occasion=occasion,
                visited_on=visited_on,
                visitors=visitors,
                support=support,
                amount=amount,
                today=today,
            )
            created += 1
    stdout.write(f"  学习培训：新增走访慰问 {created} 条")


def _seed_publications(county, today, by, stdout) -> None:
    """Over the last twelve months each branch posts its dues each quarter on its board (on the 10th of the
    month after the quarter), its development of members each half-year, and its finances in January; one
    branch in four forgets the half-year posts, so the township's table has gaps."""
    if Publication.objects.filter(branch__path__startswith=county.path).exists():
        return
    first = add_months(today.replace(day=1), -11)
    created = 0
    for index, branch in enumerate(Organization.objects.subtree(county).branches().active().order_by("path")):
        month = first
        while month <= today:
            day = month.replace(day=10)
            if day <= today:
                previous = add_months(month, -1)
                quarter = (previous.month - 1) // 3 + 1
                plans = []
                if month.month in (1, 4, 7, 10):
                    plans.append(
                        (
                            PublicationKind.DUES,
                            PublicationChannel.BOARD,
                            f"{previous.year}年第{quarter}季度",
                            "党员党费交纳情况及党费收缴、上缴情况",
                        )
                    )
                if month.month in (1, 7) and index % 4 != 3:
                    half = "下半年" if month.month == 1 else "上半年"
                    plans.append(
                        (
                            PublicationKind.RECRUITMENT,
                            PublicationChannel.MEETING,
                            f"{previous.year}年{half}",
                            "入党积极分子、发展对象确定情况及预备党员接收情况",
                        )
                    )
                if month.month == 1:
                    plans.append(
                        (
                            PublicationKind.FINANCES,
                            PublicationChannel.BOARD,
                            f"{previous.year}年",
                            "党组织工作经费收支情况",
                        )
                    )
                for kind, channel, period, summary in plans:
                    services.publication_create(
                        branch=branch,
                        by=by,
                        kind=kind,
                        channel=channel,
                        published_on=day,
                        period=period,
                        summary=summary,
                        today=today,
                    )
                    created += 1
            month = add_months(month, 1)
    stdout.write(f"  学习培训：新增党务公开 {created} 条")
