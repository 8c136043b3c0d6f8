"""The pages the benchmark measures: (label, persona, URL name, kwargs builder). A page whose URL name does
not exist is reported as skipped. Builders get the county returned by bench.county.build()."""

from members.models import Member


def _first_member(county):
    return Member.objects.filter(branch=county["branch"]).values_list("pk", flat=True).first()


def _this_month(county):
    return {"org_pk": county["branch"].pk, "year": county["today"].year, "month": county["today"].month}


def _county_dashboard(county):
    """The county dashboard reads figures a job stores (reports/summaries.py): compute the current quarter's
    first, as the nightly job would, so the page measured is the one users see."""
    from reports import periods
    from reports.summaries import summary_get, summary_refresh

    period = periods.current(periods.QUARTER, county["today"])
    if summary_get(org=county["county"], period=period) is None:
        summary_refresh(org=county["county"], period=period, today=county["today"])
    return {"org_pk": county["county"].pk}


PAGES = [
    ("组织架构（全县）", "county_admin", "branches:organization_tree", lambda c: {}),
    ("组织页（乡镇）", "township_secretary", "branches:organization_detail", lambda c: {"org_pk": c["township"].pk}),
    ("账号管理（全县）", "county_admin", "branches:user_list", lambda c: {}),
    ("提醒", "township_secretary", "notices:notification_list", lambda c: {}),
    ("花名册（全县）", "county_admin", "members:member_list", lambda c: {"org_pk": c["county"].pk}),
    ("花名册（乡镇）", "township_secretary", "members:member_list", lambda c: {"org_pk": c["township"].pk}),
    ("花名册（支部）", "branch_secretary", "members:member_list", lambda c: {"org_pk": c["branch"].pk}),
    ("党员档案", "branch_secretary", "members:member_detail", lambda c: {"member_pk": _first_member(c)}),
    ("数据质量（乡镇）", "township_secretary", "members:member_quality", lambda c: {"org_pk": c["township"].pk}),
    ("数据质量（全县）", "county_admin", "members:member_quality", lambda c: {"org_pk": c["county"].pk}),
    ("组织关系转接（乡镇）", "township_secretary", "movements:transfer_list", lambda c: {"org_pk": c["township"].pk}),
    ("流动党员（乡镇）", "township_secretary", "movements:mobile_roll", lambda c: {"org_pk": c["township"].pk}),
    ("会议记录（支部）", "branch_secretary", "meetings:meeting_list", lambda c: {"org_pk": c["branch"].pk}),
    ("三会一课年度（支部）", "branch_secretary", "meetings:compliance_branch", lambda c: {"org_pk": c["branch"].pk}),
    (
        "三会一课季度（乡镇）",
        "township_secretary",
        "meetings:compliance_township",
        lambda c: {"org_pk": c["township"].pk},
    ),
    ("三会一课季度（全县）", "county_admin", "meetings:compliance_township", lambda c: {"org_pk": c["county"].pk}),
    ("党费月度收缴（支部）", "branch_secretary", "dues:duesentry_batch", _this_month),
    ("党费欠缴（乡镇）", "township_secretary", "dues:arrears_list", lambda c: {"org_pk": c["township"].pk}),
    ("党费对账（乡镇）", "township_secretary", "dues:reconciliation", lambda c: {"org_pk": c["township"].pk}),
    ("发展党员（乡镇）", "township_secretary", "recruitment:applicant_board", lambda c: {"org_pk": c["township"].pk}),
    ("统计分析（全县）", "county_admin", "reports:dashboard", _county_dashboard),
    ("统计分析（乡镇）", "township_secretary", "reports:dashboard", lambda c: {"org_pk": c["township"].pk}),
    ("支部概况", "branch_secretary", "reports:dashboard", lambda c: {"org_pk": c["branch"].pk}),
    (
        "统计明细（乡镇组织生活）",
        "township_secretary",
        "reports:figure_rows",
        lambda c: {"org_pk": c["township"].pk, "figure": "meetings.all"},
    ),
]
