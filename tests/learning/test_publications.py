"""党务公开: a branch records what it published and when; the township sees every branch's records and a table
of what each branch published; bad input is refused; others are not found."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from learning import selectors, services
from learning.models import Publication
from learning.rules import PublicationChannel, PublicationKind
from tests.clock import on_day
from tests.factories import OrganizationFactory

# Built on dates of 2026 and posted as such: the module keeps the suite's default day whatever --today says.
pytestmark = [pytest.mark.django_db, on_day(datetime.date(2026, 6, 17))]

TODAY = datetime.date(2026, 6, 17)


def _publish(branch, by, published_on, kind=PublicationKind.DUES):
    return services.publication_create(
        branch=branch,
        by=by,
        kind=kind,
        channel=PublicationChannel.BOARD,
        published_on=published_on,
        period="2026年第一季度",
        summary="党费收缴情况",
        today=TODAY,
    )


def test_publication_is_audited_and_bad_input_refused(world, branch_secretary):
    publication = _publish(world.b1, branch_secretary, datetime.date(2026, 4, 10))
    assert publication.history.get().history_user == branch_secretary
    with pytest.raises(ValidationError) as error:
        services.publication_create(
            branch=world.t1,
            by=branch_secretary,
            kind=PublicationKind.DUES,
            channel=PublicationChannel.BOARD,
            published_on=datetime.date(2026, 6, 18),
            period=" ",
            summary="",
            today=TODAY,
        )
    assert {"__all__", "published_on", "period", "summary"} <= set(error.value.message_dict)
    assert Publication.objects.count() == 1


def test_township_sees_what_each_branch_published_in_the_year(world, county_admin, township_secretary):
    _publish(world.b1, county_admin, datetime.date(2025, 12, 31))  # last year's
    _publish(world.b1, county_admin, datetime.date(2026, 1, 1))
    _publish(world.b1, county_admin, datetime.date(2026, 4, 10))
    _publish(world.b1, county_admin, datetime.date(2026, 1, 10), kind=PublicationKind.FINANCES)
    result = selectors.publications(user=township_secretary, org=world.t1, year=2026)
    rows = {row.branch.pk: row for row in result["branch_rows"]}
    assert rows[world.b1.pk].counts == [2, 0, 1, 0] and rows[world.b1.pk].last == datetime.date(2026, 4, 10)
    assert rows[world.b2.pk].counts == [0, 0, 0, 0] and rows[world.b2.pk].last is None
    assert len(result["records"]) == 3


def test_secretary_records_and_the_township_page_shows_it(world, branch_secretary, township_secretary, client_for):
    client = client_for(branch_secretary)
    url = reverse("learning:publication_create", kwargs={"org_pk": world.b1.pk})
    form = {
        "kind": PublicationKind.RECRUITMENT,
        "channel": PublicationChannel.MEETING,
        "published_on": "2099-01-01",
        "period": "2026年上半年",
        "summary": "发展对象公示",
    }
    response = client.post(url, form)
    assert response.status_code == 200 and "公开日期不能晚于今天" in response.content.decode()
    assert "发展对象公示" in response.content.decode() and not Publication.objects.exists()
    assert client.post(url, {**form, "published_on": "2026-06-10"}).status_code == 302
    page = client_for(township_secretary).get(
        reverse("learning:publication_list", kwargs={"org_pk": world.t1.pk}) + "?year=2026"
    )
    assert "发展对象公示" in page.content.decode()


def test_reviewer_reads_but_cannot_record_and_others_are_not_found(world, reviewer, outsider, client_for):
    client = client_for(reviewer)
    assert client.get(reverse("learning:publication_list", kwargs={"org_pk": world.b1.pk})).status_code == 200
    assert client.get(reverse("learning:publication_create", kwargs={"org_pk": world.b1.pk})).status_code == 404
    client = client_for(outsider)
    for name in ("learning:publication_list", "learning:publication_create"):
        assert client.get(reverse(name, kwargs={"org_pk": world.b1.pk})).status_code == 404


def test_township_table_runs_a_bounded_number_of_queries(
    world, county_admin, township_secretary, client_for, django_assert_max_num_queries
):
    for n in range(12):
        branch = OrganizationFactory(parent=world.t1, name=f"村{n}党支部", code=f"C01{n + 10:02d}")
        for month in (1, 4):
            _publish(branch, county_admin, datetime.date(2026, month, 10))
    client = client_for(township_secretary)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("learning:publication_list", kwargs={"org_pk": world.t1.pk}) + "?year=2026")
    assert response.content.decode().count('<tr data-branch="') == 14
