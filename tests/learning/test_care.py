"""Care visits (走访慰问): money as Decimal and audited, bad input refused, the yearly list per township by
occasion (七一, 春节) with its totals, and who may record."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from learning import selectors, services
from learning.models import CareVisit
from learning.rules import CareOccasion, CareReason
from tests.clock import on_day
from tests.factories import MemberFactory, OrganizationFactory

# Built on dates of 2025-2026 and posted as such: the module keeps the suite's default day whatever --today says.
pytestmark = [pytest.mark.django_db, on_day(datetime.date(2026, 6, 17))]

TODAY = datetime.date(2026, 6, 17)


def _visit(branch, by, member, visited_on, occasion=CareOccasion.SPRING_FESTIVAL, amount=Decimal("800.00")):
    return services.care_visit_create(
        branch=branch,
        by=by,
        member=member,
        reason=CareReason.ELDERLY,
        occasion=occasion,
        visited_on=visited_on,
        visitors="乡党委书记",
        support="米、面、油各一份",
        amount=amount,
        today=TODAY,
    )


def test_money_is_kept_to_the_fen_and_every_visit_is_audited(world, branch_secretary):
    member = MemberFactory(branch=world.b1)
    visit = _visit(world.b1, branch_secretary, member, datetime.date(2026, 2, 10), amount=Decimal("333.335"))
    visit.refresh_from_db()
    assert visit.amount == Decimal("333.34")
    assert visit.history.get().history_user == branch_secretary
    with pytest.raises(TypeError):
        _visit(world.b1, branch_secretary, member, datetime.date(2026, 2, 10), amount=500.0)


def test_bad_input_is_refused_and_nothing_is_written(world, branch_secretary):
    stranger = MemberFactory(branch=world.b2, name="乙村党员")
    with pytest.raises(ValidationError) as error:
        services.care_visit_create(
            branch=world.b1,
            by=branch_secretary,
            member=stranger,
            reason=CareReason.SICK,
            occasion=CareOccasion.ROUTINE,
            visited_on=datetime.date(2026, 6, 18),
            visitors=" ",
            support="",
            amount=Decimal("-5"),
            today=TODAY,
        )
    assert {"member", "visited_on", "visitors", "support", "amount"} <= set(error.value.message_dict)
    assert "没有发放慰问金请留空" in error.value.message_dict["amount"][0]
    assert not CareVisit.objects.exists()


def test_township_yearly_list_by_occasion_with_its_totals(world, county_admin, township_secretary):
    a, b = MemberFactory(branch=world.b1, name="甲"), MemberFactory(branch=world.b2, name="乙")
    _visit(world.b1, county_admin, a, datetime.date(2025, 12, 31))  # the year before: not in 2026's list
    _visit(world.b1, county_admin, a, datetime.date(2026, 1, 1), amount=Decimal("800.50"))
    _visit(world.b2, county_admin, b, datetime.date(2026, 1, 2), amount=Decimal("1000.00"))
    _visit(world.b1, county_admin, a, datetime.date(2026, 6, 15), occasion=CareOccasion.JULY_FIRST, amount=None)
    summary = selectors.care_summary(user=township_secretary, org=world.t1, year=2026)
    by_key = {o["key"]: o for o in summary["occasions"]}
    spring = by_key[CareOccasion.SPRING_FESTIVAL]
    assert (spring["count"], spring["members"], spring["money"]) == (2, 2, Decimal("1800.50"))
    july = by_key[CareOccasion.JULY_FIRST]
    assert (july["count"], july["money"]) == (1, Decimal("0.00"))
    assert summary["total_money"] == Decimal("1800.50") and summary["total_visits"] == 3


def test_secretary_records_a_visit_and_bad_input_keeps_what_was_typed(world, branch_secretary, client_for):
    member = MemberFactory(branch=world.b1, name="老党员甲")
    client = client_for(branch_secretary)
    url = reverse("learning:care_create", kwargs={"org_pk": world.b1.pk})
    form = {
        "member": member.pk,
        "reason": CareReason.ELDERLY,
        "occasion": CareOccasion.JULY_FIRST,
        "visited_on": "2026-06-16",
        "visitors": "孙志强（支部书记）",
        "support": "慰问品一份",
        "amount": "500.001",
    }
    response = client.post(url, form)
    body = response.content.decode()
    assert response.status_code == 200 and "金额最多保留两位小数" in body and "慰问品一份" in body
    assert not CareVisit.objects.exists()
    assert client.post(url, {**form, "amount": "500.00"}).status_code == 302
    page = client.get(reverse("learning:care_list", kwargs={"org_pk": world.b1.pk}) + "?year=2026").content.decode()
    assert "全年走访慰问 1 次，发放慰问金 500.00 元。" in page and "老党员甲" in page


def test_reviewer_reads_but_cannot_record_and_others_are_not_found(world, reviewer, outsider, county_admin, client_for):
    member = MemberFactory(branch=world.b1, name="甲")
    _visit(world.b1, county_admin, member, datetime.date(2026, 1, 20))
    client = client_for(reviewer)
    assert "甲" in client.get(reverse("learning:care_list", kwargs={"org_pk": world.t1.pk})).content.decode()
    assert client.get(reverse("learning:care_create", kwargs={"org_pk": world.b1.pk})).status_code == 404
    client = client_for(outsider)
    assert client.get(reverse("learning:care_list", kwargs={"org_pk": world.b1.pk})).status_code == 404
    assert client.get(reverse("learning:care_list", kwargs={"org_pk": world.t1.pk})).status_code == 404


def test_township_list_runs_a_bounded_number_of_queries(
    world, county_admin, township_secretary, client_for, django_assert_max_num_queries
):
    for n in range(10):
        branch = OrganizationFactory(parent=world.t1, name=f"村{n}党支部", code=f"C01{n + 10:02d}")
        for m in range(3):
            _visit(branch, county_admin, MemberFactory(branch=branch), datetime.date(2026, 1, 10 + m))
    client = client_for(township_secretary)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("learning:care_list", kwargs={"org_pk": world.t1.pk}) + "?year=2026")
    assert "全年走访慰问 30 次，发放慰问金 24,000.00 元。" in response.content.decode()
