"""Demo members of 青山县 (issue 3 §9): ~350 people in the 12 demo branches, with names, ages, sex, ethnicity,
education and occupation mixes in line with DOMAIN §7, valid generated ID numbers, party groups, posts
and a few lost-contact and deceased members. Deterministic (seeded per branch) and idempotent: a branch
that already has members is left alone."""

import datetime
import random

from branches.models import Organization, User
from branches.rules import OrgCategory, OrgKind
from partywork.dates import add_months, add_years

from .models import Lifecycle, Member, MemberPost, Post
from .rules import make_id_number
from .services import member_create, member_set_lifecycle

REGION = "621122"  # a fictional county code of the demo (the first six digits of the ID number)

# Branch code -> (members, address stem or work unit). Village branches 15-60 members (DOMAIN §1).
SIZES = {
    "QS0101": 48,
    "QS0102": 35,
    "QS0103": 28,
    "QS0104": 22,
    "QS0105": 20,
    "QS0106": 12,
    "QS0201": 40,
    "QS0202": 38,
    "QS0203": 18,
    "QS0301": 56,
    "QS0302": 30,
    "QS0303": 9,
}
# Named office holders: the demo accounts of the branch secretary and organiser are members too.
SECRETARIES = {"QS0101": ("孙志强", "M"), "QS0102": ("周德明", "M")}
ORGANIZERS = {"QS0101": ("李桂兰", "F")}
NO_SECRETARY = "QS0203"  # the data quality page shows this vacancy

SURNAMES = (
    "王王王李李李张张张刘刘陈陈杨杨赵黄周吴徐孙马马马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋"
    "蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚"
    "邵万钱严覃武戴莫孔向汤"
)
MALE = "建国志强德明海军永红国华文杰伟东明亮俊峰立新长林玉山春生福贵学军振华宏伟建平小龙忠良天佑家乐子豪浩然宇航"
FEMALE = "秀英桂兰玉梅淑珍丽华海燕春花秀兰金凤小红丽娟艳萍晓燕红梅雪梅美玲静怡欣怡佳琪婷婷慧敏"
ETHNIC = [("汉族", 88), ("回族", 6), ("藏族", 3), ("东乡族", 3)]
AGES = [(22, 30, 10), (31, 35, 9), (36, 40, 10), (41, 45, 11), (46, 50, 12), (51, 55, 13), (56, 60, 12),
        (61, 65, 9), (66, 70, 7), (71, 85, 7)]  # fmt: skip
EDUCATION = {
    OrgCategory.VILLAGE: [("junior_or_below", 45), ("high_school", 25), ("secondary_vocational", 10),
                          ("junior_college", 12), ("bachelor", 8)],
    OrgCategory.COMMUNITY: [("junior_or_below", 25), ("high_school", 25), ("secondary_vocational", 10),
                            ("junior_college", 20), ("bachelor", 20)],
    OrgCategory.OFFICE: [("high_school", 5), ("junior_college", 25), ("bachelor", 58), ("postgraduate", 12)],
    OrgCategory.SCHOOL: [("junior_college", 20), ("bachelor", 70), ("postgraduate", 10)],
    OrgCategory.OTHER: [("secondary_vocational", 15), ("junior_college", 35), ("bachelor", 45), ("postgraduate", 5)],
}  # fmt: skip
OCCUPATION = {
    OrgCategory.VILLAGE: [("farmer", 60), ("migrant_worker", 15), ("worker", 5), ("enterprise", 5), ("other", 15)],
    OrgCategory.COMMUNITY: [("enterprise", 25), ("worker", 20), ("public_institution", 10), ("other", 35),
                            ("student", 10)],
    OrgCategory.OFFICE: [("party_government", 100)],
    OrgCategory.SCHOOL: [("public_institution", 100)],
    OrgCategory.OTHER: [("public_institution", 100)],
}  # fmt: skip
PHONE_PREFIXES = ("133", "138", "139", "150", "151", "153", "177", "180", "181", "189", "199")


def _pick(rng, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


def _name(rng, sex, used):
    pool = MALE if sex == "M" else FEMALE
    for _ in range(50):
        given = pool[rng.randrange(0, len(pool) // 2) * 2 :][:2] if rng.random() < 0.7 else rng.choice(pool)
        name = rng.choice(SURNAMES) + given
        if name not in used:
            used.add(name)
            return name
    return name


def _person(rng, *, branch, today, used_names, used_ids, index, name=None, sex=None, age=None):
    category = branch.category
    sex = sex or ("F" if rng.random() < 0.30 else "M")
    low, high = age or _pick(rng, [((lo, hi), w) for lo, hi, w in AGES])
    if category in (OrgCategory.OFFICE, OrgCategory.SCHOOL, OrgCategory.OTHER):
        high = min(high, 59)  # serving staff; their retirees belong to community branches
        low = min(low, high)
    years = rng.randint(low, high)
    birth = add_years(today, -years) - datetime.timedelta(days=rng.randint(1, 360))
    sequence = index % 100
    while (birth, sequence, sex) in used_ids:
        sequence = (sequence + 1) % 100
    used_ids.add((birth, sequence, sex))
    probationary = rng.random() < 0.05 and years < 45
    if probationary:
        joined = today - datetime.timedelta(days=rng.randint(30, 330))
        confirmed = None
    else:
        earliest = add_years(birth, 19)
        latest = add_years(today, -1) - datetime.timedelta(days=60)
        joined = earliest + datetime.timedelta(days=rng.randint(0, max(0, (latest - earliest).days)))
        joined = min(joined, add_years(birth, rng.randint(22, 45)))
        joined = max(joined, earliest)
        confirmed = min(add_years(joined, 1) + datetime.timedelta(days=rng.randint(0, 40)), today)
    occupation = _pick(rng, OCCUPATION[category])
    if category in (OrgCategory.VILLAGE, OrgCategory.COMMUNITY) and years >= 62 and rng.random() < 0.5:
        occupation = "retired"
    if occupation == "student" and years > 30:
        occupation = "other"
    education = _pick(rng, EDUCATION[category])
    if years >= 65 and category == OrgCategory.VILLAGE:
        education = "junior_or_below" if rng.random() < 0.8 else "high_school"
    village = branch.name.removesuffix("党支部")
    work_unit = {
        OrgCategory.OFFICE: "红岭乡人民政府",
        OrgCategory.SCHOOL: "红岭乡中心学校 教师",
        OrgCategory.OTHER: "柳河镇卫生院",
    }.get(category, "")
    return {
        "name": name or _name(rng, sex, used_names),
        "sex": sex,
        "ethnicity": _pick(rng, ETHNIC),
        "birth_date": birth,
        "id_number": make_id_number(region=REGION, birth_date=birth, sequence=sequence, sex=sex),
        "phone": rng.choice(PHONE_PREFIXES) + f"{rng.randrange(10**8):08d}" if rng.random() < 0.92 else "",
        "education": education,
        "occupation": occupation,
        "work_unit": work_unit,
        "address": f"{village}{rng.randint(1, 8)}社" if category == OrgCategory.VILLAGE else f"{village}",
        "status": "probationary" if probationary else "full",
        "joined_on": joined,
        "confirmed_on": confirmed,
    }


def seed(context) -> None:
    """The demo roll: members of every category, posts, groups and data-quality cases. Long because each
    branch's roll is written in one pass with the cases the pages must show."""
    today = context["today"]
    admin = User.objects.filter(username="admin").first()
    branches = Organization.objects.filter(code__in=SIZES).order_by("code")
    groups_of = {}
    for group in Organization.objects.filter(kind=OrgKind.GROUP, code__startswith="QS").order_by("code"):
        groups_of.setdefault(group.path[: -Organization.steplen], []).append(group)
    filled = set(Member.objects.filter(branch__in=branches).values_list("branch_id", flat=True).distinct())
    used_ids: set = set()
    created = 0
    for branch in branches:
        if branch.pk in filled:
            continue
        rng = random.Random(f"qingshan-{branch.code}")  # noqa: S311 - reproducible demo data, not secrets
        used_names: set = set()
        groups = groups_of.get(branch.path, [])
        members = []
        named = [SECRETARIES.get(branch.code), ORGANIZERS.get(branch.code)]
        for index in range(SIZES[branch.code]):
            fixed = named[index] if index < len(named) and named[index] else None
            data = _person(
                rng,
                branch=branch,
                today=today,
                used_names=used_names,
                used_ids=used_ids,
                index=index,
                name=fixed[0] if fixed else None,
                sex=fixed[1] if fixed else None,
                age=(38, 55) if index < 2 else None,
            )
            if index < 2 and data["status"] == "probationary":
                # Office holders are full members: move a probationary draw back to an older admission.
                joined = add_years(today, -6)
                data.update(status="full", joined_on=joined, confirmed_on=add_years(joined, 1))
            if groups and (index < 2 or rng.random() > 0.05):
                data["group"] = groups[index % len(groups)]
            members.append(member_create(by=admin, branch=branch, start_reason="演示数据", **data))
        created += len(members)
        secretary, organizer = members[0], members[1]
        started = add_months(today, -rng.randint(14, 40)).replace(day=1)
        if branch.code == NO_SECRETARY:
            # The last secretary left five months ago and nobody has been elected yet.
            MemberPost.objects.create(
                member=secretary,
                organization=branch,
                post=Post.SECRETARY,
                started_on=started,
                ended_on=add_months(today, -5),
            )
        else:
            MemberPost.objects.create(member=secretary, organization=branch, post=Post.SECRETARY, started_on=started)
        MemberPost.objects.create(member=organizer, organization=branch, post=Post.ORGANIZATION, started_on=started)
        for group in groups:
            leader = next((m for m in members[2:] if m.group_id == group.pk and m.status == "full"), None)
            if leader is not None:
                MemberPost.objects.create(member=leader, organization=group, post=Post.GROUP_LEADER, started_on=started)
        if admin is not None and branch.category == OrgCategory.VILLAGE and len(members) >= 30:
            # A few members of the larger villages: one has lost contact, one has died this year.
            member_set_lifecycle(
                by=admin,
                member=members[-1],
                state=Lifecycle.LOST_CONTACT,
                on=add_months(today, -2),
                reason="外出务工，电话停机，多次联系未果",
            )
            died_on = add_months(today, -4)
            deceased = next(m for m in reversed(members[2:-1]) if m.joined_on < died_on)
            member_set_lifecycle(by=admin, member=deceased, state=Lifecycle.DECEASED, on=died_on, reason="病故")
    if created:
        context["stdout"].write(f"党员：新建 {created} 人")
