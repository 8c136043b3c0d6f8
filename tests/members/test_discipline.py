"""Disciplinary measures (党纪处分) on the member file: the kinds of Constitution art. 39 / Discipline
Regulations art. 8, the 留党察看 term, and the selector other apps ask (Constitution art. 40)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse

from members.discipline import disciplinary_measure_record
from members.models import DisciplinaryMeasure
from members.rules import DisciplineKind, measure_errors, suspension_end
from members.selectors import suspended_member_ids, under_rights_suspension
from tests.clock import on_day
from tests.factories import MemberFactory, UserFactory

D = datetime.date
TODAY = D(2026, 6, 17)
# The measures here are decided in 2024-2026: the module runs on its own day whatever --today says.
pytestmark = on_day(TODAY)
DECIDED = D(2026, 3, 10)


def test_five_kinds_of_measure_constitution_art_39():
    assert [label for _, label in DisciplineKind.choices] == [
        "警告",
        "严重警告",
        "撤销党内职务",
        "留党察看",
        "开除党籍",
    ]


def test_probation_term_ends_the_day_before_the_anniversary_discipline_regs_art_8():
    assert suspension_end(D(2026, 3, 10), 12) == D(2027, 3, 9)
    assert suspension_end(D(2026, 3, 10), 24) == D(2028, 3, 9)
    # 29 February + 1 year: the term runs to 27 February, rights return on the 28th.
    assert suspension_end(D(2024, 2, 29), 12) == D(2025, 2, 27)


@pytest.mark.parametrize("term,ok", [(None, False), (6, False), (12, True), (18, False), (24, True), (36, False)])
def test_probation_is_for_one_or_two_years_discipline_regs_art_8(term, ok):
    errors = measure_errors(kind=DisciplineKind.PROBATION, decided_on=D(2026, 3, 1), term_months=term, today=TODAY)
    assert (errors == {}) is ok
    if not ok:
        assert errors["term_months"] == [
            "留党察看期限为一年（12个月）或二年（24个月），请填写12或24（《纪律处分条例》第八条）"
        ]


def test_only_probation_has_a_term():
    errors = measure_errors(kind=DisciplineKind.WARNING, decided_on=D(2026, 3, 1), term_months=12, today=TODAY)
    assert errors == {"term_months": ["只有留党察看有期限，警告请不要填写期限"]}
    assert measure_errors(kind=DisciplineKind.WARNING, decided_on=D(2026, 3, 1), term_months=None, today=TODAY) == {}


def test_decision_date_not_after_today():
    day_after = TODAY + datetime.timedelta(days=1)
    assert measure_errors(kind="warning", decided_on=TODAY, term_months=None, today=TODAY) == {}
    assert measure_errors(kind="warning", decided_on=day_after, term_months=None, today=TODAY) == {
        "decided_on": ["处分决定日期不能晚于今天，请填写作出处分决定的日期"]
    }


def _measure(member, kind=DisciplineKind.PROBATION, decided_on=DECIDED, term_months=12, **extra):
    return DisciplinaryMeasure.objects.create(
        member=member,
        kind=kind,
        decided_on=decided_on,
        term_months=term_months,
        decided_by="中共一号乡委员会",
        reason="违反组织纪律",
        recorded_by=extra.pop("recorded_by", None) or UserFactory(),
        **extra,
    )


@pytest.mark.parametrize(
    "day,suspended",
    [
        (D(2026, 3, 9), False),  # the day before the decision
        (D(2026, 3, 10), True),  # the day of the decision
        (D(2027, 3, 9), True),  # the term's last day
        (D(2027, 3, 10), False),  # the day after: rights restored
    ],
)
def test_under_rights_suspension_during_probation_constitution_art_40(world, day, suspended):
    member = MemberFactory(branch=world.b1)
    _measure(member)
    assert under_rights_suspension(member, on=day) is suspended


def test_other_measures_do_not_suspend_rights(world):
    member = MemberFactory(branch=world.b1)
    for kind in (DisciplineKind.WARNING, DisciplineKind.SERIOUS_WARNING, DisciplineKind.REMOVAL_FROM_POST):
        _measure(member, kind=kind, term_months=None)
    assert under_rights_suspension(member, on=D(2026, 3, 10)) is False


def test_a_lifted_measure_suspends_until_the_day_before_it_was_lifted(world):
    member = MemberFactory(branch=world.b1)
    _measure(member, ended_on=D(2026, 5, 1))
    assert under_rights_suspension(member, on=D(2026, 4, 30)) is True
    assert under_rights_suspension(member, on=D(2026, 5, 1)) is False


def test_suspended_ids_in_one_query(world, django_assert_num_queries):
    members = [MemberFactory(branch=world.b1) for _ in range(5)]
    _measure(members[1])
    _measure(members[3], decided_on=D(2024, 1, 1))  # over on 2024-12-31
    with django_assert_num_queries(1):
        found = suspended_member_ids([m.pk for m in members], on=TODAY)
    assert found == {members[1].pk}


def test_the_database_keeps_the_term_rule(world):
    member = MemberFactory(branch=world.b1)
    with pytest.raises(IntegrityError), transaction.atomic():
        _measure(member, term_months=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        _measure(member, kind=DisciplineKind.WARNING, term_months=12)


def test_measures_are_in_the_history(world):
    member = MemberFactory(branch=world.b1)
    measure = _measure(member)
    assert measure.history.count() == 1


# ------------------------------------------------------------------ the township's form on the member file


def _form(**overrides):
    return {
        "kind": "probation",
        "decided_on": "2026-03-10",
        "term_months": "12",
        "decided_by": "中共一号乡委员会",
        "document": "一乡纪发〔2026〕1号",
        "reason": "违反组织纪律",
        **overrides,
    }


def test_township_records_a_measure_on_the_member_file(world, township_secretary, client_for):
    member = MemberFactory(branch=world.b1)
    client = client_for(township_secretary)
    url = reverse("members:discipline_create", kwargs={"member_pk": member.pk})
    response = client.post(url, _form())
    assert response.status_code == 302
    measure = member.disciplinary_measures.get()
    assert (measure.kind, measure.term_months, measure.recorded_by) == ("probation", 12, township_secretary)
    assert measure.history.get().history_user == township_secretary
    page = client.get(reverse("members:member_detail", kwargs={"member_pk": member.pk})).content.decode()
    assert "留党察看" in page and "察看期至 2027-03-09" in page and "留党察看期间" in page


def test_bad_measure_refused_with_what_to_do_nothing_saved_typed_kept(world, township_secretary, client_for):
    member = MemberFactory(branch=world.b1)
    url = reverse("members:discipline_create", kwargs={"member_pk": member.pk})
    response = client_for(township_secretary).post(url, _form(term_months="", reason="打牌赌博"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "请填写12或24" in content and "打牌赌博" in content
    assert not DisciplinaryMeasure.objects.exists()


def test_a_branch_secretary_cannot_record_measures(world, branch_secretary, client_for):
    """Measures are decided above the branch; the branch secretary sees them on the file but has no form."""
    member = MemberFactory(branch=world.b1)
    client = client_for(branch_secretary)
    url = reverse("members:discipline_create", kwargs={"member_pk": member.pk})
    assert client.get(url).status_code == 404
    assert client.post(url, _form()).status_code == 404
    assert not DisciplinaryMeasure.objects.exists()
    page = client.get(reverse("members:member_detail", kwargs={"member_pk": member.pk})).content.decode()
    assert url not in page


def test_another_townships_member_is_not_found(world, township_secretary, client_for):
    member = MemberFactory(branch=world.b3)
    url = reverse("members:discipline_create", kwargs={"member_pk": member.pk})
    assert client_for(township_secretary).post(url, _form()).status_code == 404
    assert not DisciplinaryMeasure.objects.exists()


def test_expulsion_takes_the_member_off_the_roll(world, township_secretary):
    member = MemberFactory(branch=world.b1)
    disciplinary_measure_record(
        by=township_secretary,
        member=member,
        kind="expulsion",
        decided_on=D(2026, 5, 1),
        decided_by="中共一号乡委员会",
        reason="严重违纪",
    )
    member.refresh_from_db()
    assert (member.lifecycle, member.lifecycle_changed_on) == ("removed", D(2026, 5, 1))


def test_service_rechecks_the_permission(world, branch_secretary):
    member = MemberFactory(branch=world.b1)
    with pytest.raises(PermissionDenied):
        disciplinary_measure_record(
            by=branch_secretary, member=member, kind="warning", decided_on=D(2026, 5, 1), decided_by="x", reason="y"
        )


def test_counts_for_the_year_end_statistics_scoped(world, township_secretary, outsider, django_assert_num_queries):
    from members.selectors import disciplinary_measure_counts

    mine, other = MemberFactory(branch=world.b1), MemberFactory(branch=world.b3)
    _measure(mine)
    _measure(mine, kind=DisciplineKind.WARNING, term_months=None, decided_on=D(2026, 1, 5))
    _measure(mine, kind=DisciplineKind.WARNING, term_months=None, decided_on=D(2025, 12, 31))  # the year before
    _measure(other, kind=DisciplineKind.WARNING, term_months=None)
    disciplinary_measure_counts(user=township_secretary, org=world.county, year=2026)  # the scope, cached
    with django_assert_num_queries(1):
        counts = disciplinary_measure_counts(user=township_secretary, org=world.county, year=2026)
    assert counts == {
        "warning": 1,
        "serious_warning": 0,
        "removal_from_post": 0,
        "probation": 1,
        "expulsion": 0,
    }
    assert disciplinary_measure_counts(user=outsider, org=world.county, year=2026)["probation"] == 0
