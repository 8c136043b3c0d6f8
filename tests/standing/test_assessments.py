"""Yearly assessment of branches (issue 16 item 1): the county's scale as data, proposed by the township,
confirmed by the county, the year's figures kept as evidence, history kept."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from standing import rules, services
from standing.models import Assessment, AssessmentStatus, Grade
from standing.selectors import grade_scale
from tests.factories import OrganizationFactory

from .builders import proposed

D = datetime.date


def _year():
    return rules.latest_assessable_year(timezone.localdate())


def test_a_year_is_assessed_from_its_fourth_quarter_on():
    assert rules.assessable(year=2026, today=D(2026, 9, 30))
    assert rules.assessable(year=2026, today=D(2026, 10, 1)) == ""
    assert rules.assessable(year=2025, today=D(2026, 1, 1)) == ""
    assert rules.assessable(year=2027, today=D(2026, 12, 31))
    assert rules.latest_assessable_year(D(2026, 9, 30)) == 2025
    assert rules.latest_assessable_year(D(2026, 10, 1)) == 2026


def test_the_scale_is_the_countys_data_versioned_by_year(db):
    assert [g.name for g in grade_scale(year=2025)] == ["五星", "四星", "三星", "二星", "一星"]
    for rank, name in enumerate(["先进", "较好", "一般", "后进"], start=1):
        Grade.objects.create(from_year=2026, rank=rank, name=name)
    assert grade_scale(year=2025)[0].name == "五星"
    assert [g.name for g in grade_scale(year=2026)] == ["先进", "较好", "一般", "后进"]
    assert grade_scale(year=2017) == []


@pytest.mark.dates
def test_only_the_township_or_county_proposes_a_grade(world, branch_secretary, township_secretary):
    year = _year()
    with pytest.raises(PermissionDenied):
        proposed(by=branch_secretary, branch=world.b1, year=year)
    assessment = proposed(by=township_secretary, branch=world.b1, year=year, rank=2)
    assert assessment.status == AssessmentStatus.PROPOSED and assessment.grade.name == "四星"
    keys = {item["key"] for item in assessment.evidence}
    assert {"meetings.share", "dues.rate", "recruitment.admitted_year", "quality.vacancy"} <= keys
    assert all(item["url"] == "" or f"period={year}" in item["url"] for item in assessment.evidence)


@pytest.mark.dates
def test_only_the_county_confirms_and_a_confirmed_grade_is_final(world, township_secretary, county_admin):
    year = _year()
    assessment = proposed(by=township_secretary, branch=world.b1, year=year)
    today = timezone.localdate()
    with pytest.raises(PermissionDenied):
        services.assessment_confirm(by=township_secretary, assessment=assessment, confirmed_on=today)
    services.assessment_confirm(by=county_admin, assessment=assessment, confirmed_on=today)
    assessment.refresh_from_db()
    assert (assessment.status, assessment.confirmed_by) == (AssessmentStatus.CONFIRMED, county_admin)
    with pytest.raises(ValidationError, match="已由县委组织部确认"):
        proposed(by=township_secretary, branch=world.b1, year=year, rank=3)
    with pytest.raises(ValidationError):
        services.assessment_confirm(by=county_admin, assessment=assessment, confirmed_on=today)


@pytest.mark.dates
def test_a_returned_grade_is_proposed_again_and_the_history_keeps_every_step(world, township_secretary, county_admin):
    year = _year()
    assessment = proposed(by=township_secretary, branch=world.b1, year=year, rank=1)
    with pytest.raises(ValidationError):
        services.assessment_return(by=county_admin, assessment=assessment, reason="  ")
    services.assessment_return(by=county_admin, assessment=assessment, reason="组织生活完成率偏低，五星依据不足")
    again = proposed(by=township_secretary, branch=world.b1, year=year, rank=2)
    assert again.pk == assessment.pk and again.status == AssessmentStatus.PROPOSED and again.return_reason == ""
    names = [h.grade.name for h in again.history.order_by("history_id")]
    assert names == ["五星", "五星", "四星"]
    assert Assessment.objects.count() == 1


@pytest.mark.dates
def test_a_grade_of_another_years_scale_is_refused(world, township_secretary):
    year = _year()
    other = Grade.objects.create(from_year=year + 1, rank=1, name="先进")
    with pytest.raises(ValidationError) as error:
        services.assessment_propose(
            by=township_secretary, branch=world.b1, year=year, grade=other, assessed_on=timezone.localdate()
        )
    assert "grade" in error.value.error_dict


@pytest.mark.dates
def test_township_proposes_and_county_confirms_through_the_pages(
    world, branch_secretary, township_secretary, county_admin, client_for
):
    year = _year()
    grade = grade_scale(year=year)[1]
    url = reverse("standing:assessment_propose", kwargs={"org_pk": world.b1.pk, "year": year})
    data = {"grade": grade.pk, "assessed_on": timezone.localdate().isoformat(), "remarks": "班子团结"}
    assert client_for(branch_secretary).post(url, data).status_code == 404
    client = client_for(township_secretary)
    page = client.get(url)
    assert page.status_code == 200 and 'data-testid="evidence"' in page.content.decode()
    bad = client.post(url, {**data, "assessed_on": (timezone.localdate() + datetime.timedelta(days=1)).isoformat()})
    assert "评定日期不能晚于今天" in bad.content.decode() and "班子团结" in bad.content.decode()
    response = client.post(url, data)
    assessment = Assessment.objects.get()
    assert response.url == reverse("standing:assessment_detail", kwargs={"assessment_pk": assessment.pk})
    confirm = reverse("standing:assessment_confirm", kwargs={"assessment_pk": assessment.pk})
    assert client.post(confirm, {"confirmed_on": timezone.localdate().isoformat()}).status_code == 404
    response = client_for(county_admin).post(confirm, {"confirmed_on": timezone.localdate().isoformat()})
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.CONFIRMED


@pytest.mark.dates
def test_the_list_counts_branches_per_grade_in_bounded_queries(
    world, township_secretary, client_for, django_assert_max_num_queries
):
    year = _year()
    for i in range(8):
        branch = OrganizationFactory(parent=world.t1, name=f"评{i}村党支部", code=f"C01{60 + i}")
        services.assessment_propose(
            by=township_secretary,
            branch=branch,
            year=year,
            grade=grade_scale(year=year)[i % 2],
            assessed_on=timezone.localdate(),
        )
    client = client_for(township_secretary)
    url = reverse("standing:assessment_list", kwargs={"org_pk": world.t1.pk}) + f"?year={year}"
    with django_assert_max_num_queries(14):
        response = client.get(url)
    counts = {grade.name: n for grade, n, _confirmed in response.context["counts"]}
    assert counts["五星"] == 4 and counts["四星"] == 4 and counts["三星"] == 0
    assert response.context["not_assessed"] == 2
