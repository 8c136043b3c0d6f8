"""The pages the benchmark measures: (label, persona, URL name, kwargs builder). A page whose URL name does
not exist (yet) is reported as skipped. Builders get the county returned by bench.county.build()."""

from members.models import Member

PAGES = [
    ("组织架构（全县）", "county_admin", "branches:organization_tree", lambda c: {}),
    ("组织页（乡镇）", "township_secretary", "branches:organization_detail", lambda c: {"org_pk": c["township"].pk}),
    ("账号管理（全县）", "county_admin", "branches:user_list", lambda c: {}),
    ("提醒", "township_secretary", "notices:notification_list", lambda c: {}),
    ("花名册（全县）", "county_admin", "members:member_list", lambda c: {"org_pk": c["county"].pk}),
    ("花名册（乡镇）", "township_secretary", "members:member_list", lambda c: {"org_pk": c["township"].pk}),
    ("花名册（支部）", "branch_secretary", "members:member_list", lambda c: {"org_pk": c["branch"].pk}),
    (
        "党员档案",
        "branch_secretary",
        "members:member_detail",
        lambda c: {"member_pk": Member.objects.filter(branch=c["branch"]).values_list("pk", flat=True).first()},
    ),
    ("数据质量（乡镇）", "township_secretary", "members:quality", lambda c: {"org_pk": c["township"].pk}),
    ("流动党员（乡镇）", "township_secretary", "members:mobile_roll", lambda c: {"org_pk": c["township"].pk}),
    (
        "三会一课达标（乡镇）",
        "township_secretary",
        "meetings:township_compliance",
        lambda c: {"org_pk": c["township"].pk},
    ),
    ("党费月度收缴（支部）", "branch_secretary", "dues:collection_batch", lambda c: {"org_pk": c["branch"].pk}),
    ("党费对账（乡镇）", "township_secretary", "dues:reconciliation", lambda c: {"org_pk": c["township"].pk}),
    ("发展党员看板（乡镇）", "township_secretary", "recruitment:board", lambda c: {"org_pk": c["township"].pk}),
]
