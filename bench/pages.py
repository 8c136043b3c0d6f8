"""The pages the benchmark measures: (label, persona, URL name, kwargs builder[, query builder]). A page whose
URL name does not exist (yet) is reported as skipped. Builders get the county returned by bench.county.build()
(its organisations, `today`, the persona accounts); add a page with one line. Personas: county_admin,
township_secretary, branch_secretary (bench/county/tree.py)."""

from meetings.models import Meeting
from members.models import Member
from recruitment.models import Applicant


def _first_member(county):
    return Member.objects.filter(branch=county["branch"]).order_by("pk").values_list("pk", flat=True).first()


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


def _general_meeting(county):
    meetings = Meeting.objects.filter(organization=county["branch"], kinds__kind="general").order_by("-held_on")
    return {"meeting_pk": meetings.values_list("pk", flat=True).first()}


def _longest_file(county):
    """The branch's applicant with the most steps (a file in probation or confirmed)."""
    from django.db.models import Count

    files = Applicant.objects.filter(branch=county["branch"]).annotate(n=Count("steps")).order_by("-n", "pk")
    return {"applicant_pk": files.values_list("pk", flat=True).first()}


def _whole_year(county):
    year = county["today"].year
    return {"first": f"{year}-01", "last": f"{year}-12"}


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
    # The dashboards (reports): the county's first, since it computes the figures the county's workbench shows.
    ("统计分析（全县）", "county_admin", "reports:dashboard", _county_dashboard),
    ("统计分析（乡镇）", "township_secretary", "reports:dashboard", lambda c: {"org_pk": c["township"].pk}),
    ("支部概况", "branch_secretary", "reports:dashboard", lambda c: {"org_pk": c["branch"].pk}),
    (
        "统计明细（乡镇组织生活）",
        "township_secretary",
        "reports:figure_rows",
        lambda c: {"org_pk": c["township"].pk, "figure": "meetings.all"},
    ),
    # The workbench each persona lands on, and the county-wide pages the issue measured (issue 18).
    ("工作台（全县）", "county_admin", "home", lambda c: {}),
    ("工作台（乡镇）", "township_secretary", "home", lambda c: {}),
    ("工作台（支部）", "branch_secretary", "home", lambda c: {}),
    ("党费首页（全县）", "county_admin", "dues:home", lambda c: {}),
    ("党费概况（乡镇）", "township_secretary", "dues:organization_dues", lambda c: {"org_pk": c["township"].pk}),
    ("党费欠缴（全县）", "county_admin", "dues:arrears_list", lambda c: {"org_pk": c["county"].pk}),
    (
        "党费对账（全县，全年）",
        "county_admin",
        "dues:reconciliation",
        lambda c: {"org_pk": c["county"].pk},
        _whole_year,
    ),
    ("党费台账（支部）", "branch_secretary", "dues:duesentry_list", lambda c: {"org_pk": c["branch"].pk}),
    ("党员一本通", "branch_secretary", "dues:member_card", lambda c: {"member_pk": _first_member(c)}),
    ("会议记录详情", "branch_secretary", "meetings:meeting_detail", _general_meeting),
    ("远程教育（乡镇）", "township_secretary", "meetings:remote_site_list", lambda c: {"org_pk": c["township"].pk}),
    ("发展党员（全县）", "county_admin", "recruitment:applicant_board", lambda c: {"org_pk": c["county"].pk}),
    ("发展档案", "branch_secretary", "recruitment:applicant_detail", _longest_file),
    ("年度计划（全县）", "county_admin", "recruitment:target_list", lambda c: {"org_pk": c["county"].pk}),
    ("流动党员（全县）", "county_admin", "movements:mobile_roll", lambda c: {"org_pk": c["county"].pk}),
]
