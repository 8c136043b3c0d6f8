"""The standing figures on the branch overview and the township and county dashboards (issue 16 item 5)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from partywork.dates import add_months, add_years
from standing import rules, services
from standing.selectors import grade_scale, standing_summary
from tests.factories import OrganizationFactory

from .builders import approved_term, listed

pytestmark = pytest.mark.dates


def _county(world, county_admin, township_secretary, extra: int):
    today = timezone.localdate()
    year = rules.latest_assessable_year(today)
    scale = grade_scale(year=year)
    branches = [world.b1, world.b2] + [
        OrganizationFactory(parent=world.t1, name=f"板{i}村党支部", code=f"C01{80 + i}") for i in range(extra)
    ]
    for index, branch in enumerate(branches):
        services.assessment_propose(
            by=township_secretary, branch=branch, year=year, grade=scale[index % 2], assessed_on=today
        )
    approved_term(by=county_admin, branch=world.b1, elected_on=add_months(add_years(today, -5), 2))
    listed(
        by=township_secretary,
        branch=world.b2,
        listed_on=add_months(today, -2),
        milestones=[("调整班子", today - datetime.timedelta(days=1))],
    )
    return year


def test_counts_per_grade_rectifying_and_terms_ending(world, county_admin, township_secretary):
    year = _county(world, county_admin, township_secretary, extra=1)
    summary = standing_summary(user=township_secretary, org=world.t1, today=timezone.localdate())
    assert summary.year == year
    assert [(g.name, n) for g, n in summary.grades][:2] == [("五星", 2), ("四星", 1)]
    assert (summary.not_assessed, summary.rectifying, summary.milestones_overdue) == (0, 1, 1)
    assert (summary.terms_ending, summary.terms_ended) == (1, 0)
    county = standing_summary(user=county_admin, org=world.county, today=timezone.localdate())
    assert county.not_assessed == 1 and county.rectifying == 1  # b3 of township 2 not assessed


def test_the_summary_takes_the_same_queries_for_few_and_many_branches(world, county_admin, township_secretary):
    _county(world, county_admin, township_secretary, extra=0)
    with CaptureQueriesContext(connection) as few:
        standing_summary(user=township_secretary, org=world.t1, today=timezone.localdate())
    for i in range(8):
        OrganizationFactory(parent=world.t1, name=f"多{i}村党支部", code=f"C01{90 + i}")
    with CaptureQueriesContext(connection) as many:
        standing_summary(user=township_secretary, org=world.t1, today=timezone.localdate())
    assert len(few) == len(many)


def test_the_township_dashboard_and_branch_overview_show_them(world, county_admin, township_secretary, client_for):
    _county(world, county_admin, township_secretary, extra=0)
    client = client_for(township_secretary)
    html = client.get(reverse("reports:dashboard", kwargs={"org_pk": world.t1.pk})).content.decode()
    assert 'data-testid="standing-summary"' in html and "软弱涣散整顿中 1 个" in html
    assert "6个月内任期届满 1 个" in html
    html = client.get(reverse("reports:dashboard", kwargs={"org_pk": world.b2.pk})).content.decode()
    assert "软弱涣散整顿中 1 个（任务逾期 1 项）" in html
