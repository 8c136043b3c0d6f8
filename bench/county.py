"""Build a county at the scale of DOMAIN §1 (about 25 townships, 500 branches, 25,000 members) fast,
with bulk inserts that keep treebeard's materialised paths valid."""

import datetime
import random

from django.db import transaction

from branches.models import Organization, Role, User
from branches.rules import OrgCategory, OrgKind, RoleKind
from members.models import Member, Membership
from members.rules import Education, Occupation, make_id_number

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "建国秀英志强桂兰德明海燕光辉玉梅永红春花文华国庆淑珍家兴学军丽娟小平晓东红梅振华金凤"


def _path(parent_path: str, index: int) -> str:
    return parent_path + Organization._get_path(None, 1, index)


@transaction.atomic
def build(*, townships: int, branches: int, members_per_branch: int, password: str, seed: int = 7) -> dict:
    """Create the tree, one account per role and the members. Returns what the page runner needs."""
    rng = random.Random(seed)
    county = Organization.objects.add_root(
        {"name": "基准县委", "code": "BENCH", "kind": OrgKind.COUNTY, "category": OrgCategory.OTHER}
    )
    nodes, per_township = [], branches // townships
    for t in range(1, townships + 1):
        t_path = _path(county.path, t)
        nodes.append(
            Organization(
                name=f"第{t}乡党委", code=f"B{t:02d}", kind=OrgKind.TOWNSHIP, category=OrgCategory.VILLAGE,
                path=t_path, depth=2, numchild=per_township,
            )
        )  # fmt: skip
        for b in range(1, per_township + 1):
            b_path = _path(t_path, b)
            nodes.append(
                Organization(
                    name=f"第{t}乡第{b}村党支部", code=f"B{t:02d}{b:02d}", kind=OrgKind.BRANCH,
                    category=OrgCategory.VILLAGE, path=b_path, depth=3, numchild=3,
                )
            )  # fmt: skip
            for g in range(1, 4):
                nodes.append(
                    Organization(
                        name=f"第{g}党小组", code=f"B{t:02d}{b:02d}{g:02d}", kind=OrgKind.GROUP,
                        category=OrgCategory.VILLAGE, path=_path(b_path, g), depth=4, numchild=0,
                    )
                )  # fmt: skip
    Organization.objects.bulk_create(nodes, batch_size=1000)
    Organization.objects.filter(pk=county.pk).update(numchild=townships)

    orgs = {o.code: o for o in Organization.objects.filter(code__startswith="B")}
    accounts = {}
    for username, kind, code in [
        ("bench_county", RoleKind.COUNTY_ADMIN, "BENCH"),
        ("bench_township", RoleKind.TOWNSHIP_SECRETARY, "B01"),
        ("bench_branch", RoleKind.BRANCH_SECRETARY, "B0101"),
    ]:
        user = User.objects.create(username=username, full_name=username)
        user.set_password(password)
        user.save()
        org = county if code == "BENCH" else orgs[code]
        Role.objects.create(user=user, organization=org, kind=kind)
        accounts[kind] = user

    members, sequence = [], 0
    branch_codes = sorted(c for c, o in orgs.items() if o.kind == OrgKind.BRANCH)
    for code in branch_codes:
        branch = orgs[code]
        groups = [orgs[f"{code}{g:02d}"] for g in range(1, 4)]
        for _ in range(members_per_branch):
            sequence += 1
            sex = "F" if rng.random() < 0.3 else "M"
            birth = datetime.date(rng.randint(1940, 2002), rng.randint(1, 12), rng.randint(1, 28))
            joined = datetime.date(birth.year + rng.randint(20, 40), rng.randint(1, 12), 1)
            joined = min(joined, datetime.date(2025, 6, 1))
            member = Member(
                branch=branch, group=rng.choice(groups), sex=sex, birth_date=birth, ethnicity="汉族",
                education=rng.choice(Education.values), occupation=rng.choice(Occupation.values),
                status="full", joined_on=joined, confirmed_on=joined.replace(year=joined.year + 1),
            )  # fmt: skip
            member.set_name(rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN))
            # Region and order code together are unique per member, so no two generated IDs collide.
            region = f"{sequence // 100 + 100000:06d}"
            member.set_id_number(make_id_number(region=region, birth_date=birth, sequence=sequence, sex=sex))
            member.set_phone(f"139{sequence:08d}")
            members.append(member)
    Member.objects.bulk_create(members, batch_size=2000)
    Membership.objects.bulk_create(
        [
            Membership(member_id=pk, organization_id=b, started_on=j)
            for pk, b, j in Member.objects.values_list("pk", "branch_id", "joined_on")
        ],
        batch_size=5000,
    )
    return {"county": county, "township": orgs["B01"], "branch": orgs["B0101"], "accounts": accounts}
