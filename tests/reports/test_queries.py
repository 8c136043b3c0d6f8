"""Each dashboard runs the same number of queries for a county of 2 branches and of 20 (issue 11): figures are
grouped per organisation in the database, whatever the number of rows below it."""

import datetime
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from branches.models import Organization, User
from branches.rules import OrgCategory, OrgKind, RoleKind
from dues import services as dues_services
from dues.rules import Category
from meetings import services as meeting_services
from meetings.models import RemoteSite
from members import posts
from movements.services import mobile as mobile_services
from reports import periods
from reports.summaries import summary_refresh
from tests.clock import on_day
from tests.factories import MemberFactory, OrganizationFactory, RoleFactory, UserFactory
from tests.meetings import factories as meeting_factories
from tests.recruitment import factories as recruitment_factories

TODAY = datetime.date(2026, 6, 17)
Q2 = periods.parse("2026Q2", TODAY)
D = datetime.date

pytestmark = on_day(TODAY)


def _branch(township, number: int, by):
    """A branch with the same activity as every other: members (one with dues paid, one without a standard),
    a party group, meetings, an applicant, a mobile member, a remote-education site and a secretary."""
    code = f"{township.code}{number:02d}"
    branch = OrganizationFactory(parent=township, name=f"{township.name}第{number}村党支部", code=code)
    group = OrganizationFactory(parent=branch, name="第一党小组", code=f"{code}01", kind=OrgKind.GROUP)
    members = [MemberFactory(branch=branch, group=group, address="村里") for _ in range(3)]
    MemberFactory(branch=branch, status="probationary", joined_on=D(2026, 5, 10), confirmed_on=None)
    for member in members:
        dues_services.standard_change(
            org=branch, member=member, month=D(2026, 1, 1), category=Category.FARMER, base=None, reason="核定", by=by
        )
    months = [D(2026, m, 1) for m in range(1, 7)]
    dues_services.dues_collect(org=branch, member=members[0], months=months, paid_on=D(2026, 6, 10), by=by)
    posts.post_add(by=by, member=members[0], organization=branch, post="secretary", started_on=D(2020, 1, 1))
    meeting_factories.meeting(branch, by, kinds=("theme_day",), held_on=D(2026, 4, 15), today=TODAY)
    meeting_factories.meeting(group, by, kinds=("group",), held_on=D(2026, 5, 15), today=TODAY)
    recruitment_factories.applicant(by=by, branch=branch, applied_on=D(2026, 2, 10), name=f"申请{code}")
    mobile_services.mobile_start(
        by=by,
        member=members[2],
        left_on=D(2026, 1, 5),
        reason="务工",
        dest_province="广东省",
        dest_city="广州市",
        contact_person=members[1],
    )
    site = RemoteSite.objects.create(township=township, branch=branch, name=f"{code}播放点")
    meeting_services.remote_session_create(
        site=site, by=by, held_on=D(2026, 4, 3), minutes=60, content="党员教育", viewers=members[:2], today=TODAY
    )
    return branch


def _persona(username, kind, org):
    user = UserFactory(username=username)
    RoleFactory(user=user, organization=org, kind=kind)
    return user


def _grow(county, by, per_township: int):
    for township in county.townships:
        present = Organization.objects.children_of(township).count()
        for number in range(present + 1, per_township + 1):
            _branch(township, number, by)


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def _measure(county, client_for) -> dict:
    query = f"?period={Q2.key}"
    counts = {}
    # Measured when the row exists (creating it the first time takes two statements more).
    summary_refresh(org=county.county, period=Q2, today=TODAY, by=User.objects.get(pk=county.admin.pk))
    with CaptureQueriesContext(connection) as captured:
        summary_refresh(org=county.county, period=Q2, today=TODAY, by=User.objects.get(pk=county.admin.pk))
    counts["county figures (the job)"] = len(captured)
    for label, user, org in (
        ("county", county.admin, county.county),
        ("township", county.township_user, county.townships[0]),
        ("branch", county.branch_user, county.branch),
    ):
        client = client_for(user)
        counts[label] = _queries(client, reverse("reports:dashboard", kwargs={"org_pk": org.pk}) + query)
        counts[f"{label} home"] = _queries(client, "/" + query)
        rows = reverse("reports:figure_rows", kwargs={"org_pk": org.pk, "figure": "meetings.all"}) + query
        counts[f"{label} records"] = _queries(client, rows)
    return counts


@pytest.mark.django_db
def test_each_dashboard_runs_the_same_queries_for_2_and_20_branches(client_for):
    county = OrganizationFactory(name="规模县委", code="S", kind=OrgKind.COUNTY, category=OrgCategory.OTHER)
    townships = [
        OrganizationFactory(parent=county, name=name, code=code, kind=OrgKind.TOWNSHIP)
        for name, code in (("甲乡党委", "S01"), ("乙镇党委", "S02"))
    ]
    admin = _persona("scale_admin", RoleKind.COUNTY_ADMIN, county)
    scale = SimpleNamespace(county=county, townships=townships, admin=admin)
    _grow(scale, admin, per_township=1)
    scale.branch = Organization.objects.children_of(townships[0]).get()
    scale.township_user = _persona("scale_township", RoleKind.TOWNSHIP_SECRETARY, townships[0])
    scale.branch_user = _persona("scale_branch", RoleKind.BRANCH_SECRETARY, scale.branch)
    small = _measure(scale, client_for)
    _grow(scale, admin, per_township=10)
    assert Organization.objects.filter(kind=OrgKind.BRANCH, path__startswith=county.path).count() == 20
    large = _measure(scale, client_for)
    assert large == small
    assert small["county"] < small["township"]  # the county's page reads its stored figures
