"""Committee terms and elections through the services, the reminders and the pages (issue 16 item 4)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from members.models import MemberPost
from partywork.dates import add_months, add_years
from standing import reminders, services
from standing.models import CommitteeTerm, TermStatus
from standing.selectors import branch_standings
from tests.clock import on_day
from tests.factories import MemberFactory, OrganizationFactory

from .builders import approved_term, current_posts, full_members

pytestmark = pytest.mark.dates


def _today():
    return timezone.localdate()


def test_election_below_the_quorum_is_refused_and_nothing_is_written(world, county_admin):
    members = full_members(world.b1, 10)
    with pytest.raises(ValidationError) as error:
        services.election_record(
            by=county_admin,
            branch=world.b1,
            elected_on=_today(),
            voters_expected=10,
            voters_present=8,
            seats=[(members[0], "secretary", 8), (members[1], "organization", 8), (members[2], "propaganda", 8)],
        )
    assert "五分之四" in " ".join(error.value.messages)
    assert not CommitteeTerm.objects.exists()


def test_a_probationary_member_cannot_be_elected_constitution(world, county_admin):
    members = full_members(world.b1, 7)
    probationary = MemberFactory(branch=world.b1, name="预备甲", status="probationary")
    with pytest.raises(ValidationError) as error:
        services.election_record(
            by=county_admin,
            branch=world.b1,
            elected_on=_today(),
            voters_expected=7,
            voters_present=7,
            seats=[(members[0], "secretary", 7), (members[1], "organization", 7), (probationary, "propaganda", 7)],
        )
    assert "预备甲" in error.value.messages[0]


@on_day(datetime.date(2026, 6, 17))  # its elections are on 29 February 2024: a day after them
def test_term_length_follows_the_branch_category_branch_regs(world, county_admin):
    term = approved_term(by=county_admin, branch=world.b1, elected_on=datetime.date(2024, 2, 29))
    assert (term.term_years, term.ends_on) == (5, datetime.date(2029, 2, 28))  # b1 is a village branch
    world.b2.category = "office"
    world.b2.save()
    term = approved_term(by=county_admin, branch=world.b2, elected_on=datetime.date(2024, 2, 29))
    assert (term.term_years, term.ends_on) == (3, datetime.date(2027, 2, 28))


def test_approval_hands_the_posts_to_the_new_committee(world, county_admin, township_secretary):
    first = full_members(world.b1, 8)
    approved_term(by=county_admin, branch=world.b1, elected_on=add_years(_today(), -3), members=first)
    assert current_posts(world.b1) == sorted(
        [(first[0].name, "secretary"), (first[1].name, "organization"), (first[2].name, "propaganda")]
    )
    day = _today() - datetime.timedelta(days=5)
    term = services.election_record(
        by=county_admin,
        branch=world.b1,
        elected_on=day,
        voters_expected=8,
        voters_present=7,
        seats=[(first[3], "secretary", 7), (first[1], "organization", 6), (first[4], "discipline", 5)],
    )
    assert term.status == TermStatus.PENDING
    services.election_approve(by=township_secretary, term=term, approved_on=_today(), approval_ref="一号乡〔2026〕5号")
    assert current_posts(world.b1) == sorted(
        [(first[3].name, "secretary"), (first[1].name, "organization"), (first[4].name, "discipline")]
    )
    old = MemberPost.objects.get(member=first[0], post="secretary")
    assert old.ended_on == _today()
    term.refresh_from_db()
    assert term.history.first().history_user == township_secretary


def test_approval_not_before_the_election_and_only_once(world, county_admin):
    members = full_members(world.b1, 7)
    term = services.election_record(
        by=county_admin,
        branch=world.b1,
        elected_on=_today() - datetime.timedelta(days=3),
        voters_expected=7,
        voters_present=7,
        seats=[(members[0], "secretary", 7), (members[1], "organization", 7), (members[2], "propaganda", 7)],
    )
    with pytest.raises(ValidationError):
        services.election_approve(by=county_admin, term=term, approved_on=_today() - datetime.timedelta(days=4))
    services.election_approve(by=county_admin, term=term, approved_on=_today())
    with pytest.raises(ValidationError):
        services.election_approve(by=county_admin, term=term, approved_on=_today())


def test_reminders_six_and_three_months_before_and_when_ended(
    world, county_admin, branch_secretary, township_secretary
):
    today = _today()
    # b1 (village, 5 years) ends in two months: the 3-month reminder; b2 ended yesterday.
    approved_term(by=county_admin, branch=world.b1, elected_on=add_months(add_years(today, -5), 2))
    approved_term(by=county_admin, branch=world.b2, elected_on=add_years(today, -5) - datetime.timedelta(days=1))
    found = sorted((r.recipient.username, r.kind, r.organization.code) for r in reminders.due_reminders(today=today))
    assert found == [
        ("branch_secretary", "term_3m", "C0101"),
        ("township_secretary", "term_3m", "C0101"),
        ("township_secretary", "term_ended", "C0102"),
    ]
    later = add_months(today, 3)
    assert {r.kind for r in reminders.due_reminders(today=later) if r.organization == world.b1} == {"term_ended"}
    earlier = add_months(today, -2)
    assert {r.kind for r in reminders.due_reminders(today=earlier) if r.organization == world.b1} == {"term_6m"}


def test_overview_flags_a_secretary_vacant_over_three_months(world, county_admin, township_secretary, client_for):
    today = _today()
    # The last day a vacancy may have begun and still not be flagged today: its three months end today or later
    # (at a month's end, e.g. 31 December, no start date ends exactly today: 30 September ends on 30 December).
    since = add_months(today, -3)
    while add_months(since, 3) < today:
        since += datetime.timedelta(days=1)
    members = full_members(world.b1, 7)
    MemberPost.objects.create(
        member=members[0], organization=world.b1, post="secretary", started_on=add_years(today, -2),
        ended_on=since,
    )  # fmt: skip
    MemberPost.objects.create(
        member=members[1], organization=world.b2, post="secretary", started_on=add_years(today, -2),
        ended_on=since - datetime.timedelta(days=1),
    )  # fmt: skip
    rows = {r.branch.code: r for r in branch_standings(user=township_secretary, org=world.t1, today=today)}
    assert rows["C0101"].vacant and not rows["C0101"].vacancy_flagged
    assert rows["C0102"].vacancy_flagged
    response = client_for(township_secretary).get(reverse("standing:overview", kwargs={"org_pk": world.t1.pk}))
    assert response.content.decode().count('data-testid="vacancy-flag"') == 1


def test_branch_secretary_records_an_election_and_the_township_approves(
    world, branch_secretary, township_secretary, client_for
):
    members = full_members(world.b1, 7)
    url = reverse("standing:election_record", kwargs={"org_pk": world.b1.pk})
    data = {
        "elected_on": _today().isoformat(),
        "voters_expected": "7",
        "voters_present": "5",
        "result": "差额选举",
        "seats-TOTAL_FORMS": "7",
        "seats-INITIAL_FORMS": "0",
        "seats-0-member": str(members[0].pk),
        "seats-0-post": "secretary",
        "seats-0-votes_for": "5",
        "seats-1-member": str(members[1].pk),
        "seats-1-post": "organization",
        "seats-1-votes_for": "5",
        "seats-2-member": str(members[2].pk),
        "seats-2-post": "propaganda",
        "seats-2-votes_for": "5",
    }
    client = client_for(branch_secretary)
    refused = client.post(url, data)
    assert refused.status_code == 200 and "五分之四" in refused.content.decode()
    assert 'value="差额选举"' in refused.content.decode() or "差额选举</textarea>" in refused.content.decode()
    assert not CommitteeTerm.objects.exists()
    data["voters_present"] = "7"
    response = client.post(url, data)
    term = CommitteeTerm.objects.get()
    assert response.status_code == 302 and response.url == reverse("standing:term_detail", kwargs={"term_pk": term.pk})
    # The branch may not approve its own election.
    approve = reverse("standing:term_approve", kwargs={"term_pk": term.pk})
    assert client.post(approve, {"approved_on": _today().isoformat()}).status_code == 404
    data = {"approved_on": _today().isoformat(), "approval_ref": "5号"}
    response = client_for(township_secretary).post(approve, data)
    assert response.status_code == 302
    term.refresh_from_db()
    assert term.status == TermStatus.APPROVED and term.approved_by == township_secretary


def test_township_overview_queries_are_bounded(
    world, county_admin, township_secretary, client_for, django_assert_max_num_queries
):
    for i in range(6):
        branch = OrganizationFactory(parent=world.t1, name=f"测{i}村党支部", code=f"C01{50 + i}")
        approved_term(by=county_admin, branch=branch, elected_on=add_years(_today(), -1))
    client = client_for(township_secretary)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("standing:overview", kwargs={"org_pk": world.t1.pk}))
    assert response.status_code == 200
