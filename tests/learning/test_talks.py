"""Heart-to-heart talks (谈心谈话): coverage of the year, each member's last talk, the fourth quarter's list of
members without a talk, the reminder, and topics visible only to the branch committee and above."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from learning import reminders, rules, selectors, services
from learning.models import Talk
from tests.clock import on_day
from tests.factories import MemberFactory

# Built on dates of 2025-2026 and posted as such: the module keeps the suite's default day whatever --today says.
pytestmark = [pytest.mark.django_db, on_day(datetime.date(2026, 6, 17))]

TODAY = datetime.date(2026, 6, 17)


def _talk(branch, by, member, held_on, topic="了解思想状况"):
    return services.talk_create(
        branch=branch, by=by, member=member, talker="孙志强（支部书记）", held_on=held_on, topic=topic, today=TODAY
    )


@pytest.fixture
def roll(world):
    return [MemberFactory(branch=world.b1, name=f"党员{n}") for n in range(4)]


def test_branch_regs_one_talk_a_year_counts_in_its_calendar_year(world, county_admin, roll):
    _talk(world.b1, county_admin, roll[0], datetime.date(2025, 12, 31))
    _talk(world.b1, county_admin, roll[1], datetime.date(2026, 1, 1))
    _talk(world.b1, county_admin, roll[1], datetime.date(2026, 1, 2))
    year_2026 = selectors.branch_talks(user=county_admin, branch=world.b1, year=2026)
    assert year_2026["talked"] == 1 and year_2026["coverage"] == 25
    by_name = {m.name: m for m in year_2026["members"]}
    # The last talk ever (up to the year's end) is shown even when it lies in the year before.
    assert by_name["党员0"].last_talk == datetime.date(2025, 12, 31) and by_name["党员0"].talks_in_year == 0
    assert by_name["党员1"].last_talk == datetime.date(2026, 1, 2) and by_name["党员1"].talks_in_year == 2
    assert [m.name for m in year_2026["without"]] == ["党员0", "党员2", "党员3"]
    year_2025 = selectors.branch_talks(user=county_admin, branch=world.b1, year=2025)
    assert year_2025["talked"] == 1 and by_name["党员1"].last_talk != year_2025["members"][1].last_talk


@pytest.mark.parametrize(
    "today,listed",
    [(datetime.date(2026, 9, 30), False), (datetime.date(2026, 10, 1), True), (datetime.date(2027, 1, 1), True)],
)
def test_members_without_a_talk_are_listed_from_the_fourth_quarter(today, listed):
    assert rules.talks_due_listed(year=2026, today=today) is listed


def test_talk_refuses_bad_input_and_writes_nothing(world, county_admin, roll):
    stranger = MemberFactory(branch=world.b2, name="乙村党员")
    with pytest.raises(ValidationError) as error:
        services.talk_create(
            branch=world.b1,
            by=county_admin,
            member=stranger,
            talker=" ",
            held_on=datetime.date(2026, 6, 18),
            topic="很长" * 101,
            today=TODAY,
        )
    assert {"member", "talker", "held_on", "topic"} <= set(error.value.message_dict)
    assert "不超过 200 字（现 202 字）" in error.value.message_dict["topic"][0]
    assert not Talk.objects.exists()


def test_talk_is_audited(world, branch_secretary, roll):
    talk = _talk(world.b1, branch_secretary, roll[0], datetime.date(2026, 3, 1))
    assert talk.history.get().history_user == branch_secretary


def test_topic_is_for_the_branch_committee_and_above_only(
    world, county_admin, branch_secretary, branch_organizer, township_secretary, reviewer, client_for, roll
):
    talk = _talk(world.b1, county_admin, roll[0], datetime.date(2026, 3, 1), topic="家中困难需帮扶")
    detail = reverse("learning:talk_detail", kwargs={"talk_pk": talk.pk})
    listing = reverse("learning:talks_branch", kwargs={"org_pk": world.b1.pk}) + "?year=2026"
    for user in (branch_secretary, branch_organizer, township_secretary, county_admin):
        client = client_for(user)
        assert "家中困难需帮扶" in client.get(detail).content.decode(), user.username
        assert "家中困难需帮扶" in client.get(listing).content.decode(), user.username
    client = client_for(reviewer)
    assert client.get(detail).status_code == 404
    page = client.get(listing).content.decode()
    assert "党员0" in page and "家中困难需帮扶" not in page
    assert client.get(reverse("learning:talk_create", kwargs={"org_pk": world.b1.pk})).status_code == 404


def test_secretary_records_a_talk_and_bad_input_keeps_what_was_typed(world, branch_secretary, client_for, roll):
    client = client_for(branch_secretary)
    url = reverse("learning:talk_create", kwargs={"org_pk": world.b1.pk})
    form = {"member": roll[2].pk, "held_on": "2026-06-01", "talker": "孙志强（支部书记）", "topic": "很长" * 101}
    response = client.post(url, form)
    assert response.status_code == 200 and "不超过 200 字" in response.content.decode()
    assert "孙志强（支部书记）" in response.content.decode() and not Talk.objects.exists()
    response = client.post(url, {**form, "topic": "交流学习体会"})
    assert response.status_code == 302
    page = client.get(reverse("learning:talks_branch", kwargs={"org_pk": world.b1.pk}) + "?year=2026")
    assert "本年已谈话 1 / 4 人" in page.content.decode()


def test_township_coverage_per_branch(world, county_admin, township_secretary, client_for, roll):
    MemberFactory(branch=world.b2, name="乙村党员")
    _talk(world.b1, county_admin, roll[0], datetime.date(2026, 3, 1))
    _talk(world.b1, county_admin, roll[0], datetime.date(2026, 4, 1))
    figures = {f.branch.pk: f for f in selectors.township_talks(user=township_secretary, township=world.t1, year=2026)}
    assert (figures[world.b1.pk].members, figures[world.b1.pk].talked, figures[world.b1.pk].coverage) == (4, 1, 25)
    assert figures[world.b2.pk].coverage == 0
    page = client_for(township_secretary).get(reverse("learning:talks_township", kwargs={"org_pk": world.t1.pk}))
    assert page.content.decode().count('<tr data-branch="') == 2


@on_day(datetime.date(2026, 10, 1))
def test_fourth_quarter_reminds_the_branch_of_members_without_a_talk(world, county_admin, branch_secretary, roll):
    _talk(world.b1, county_admin, roll[0], datetime.date(2026, 3, 1))
    due = [r for r in reminders.due_reminders(today=datetime.date(2026, 10, 1)) if r.kind == "learning_talks_due"]
    assert [(r.recipient, r.period) for r in due] == [(branch_secretary, "2026Q4")]
    assert "3 名党员本年度尚未谈心谈话" in due[0].title
    assert not list(reminders.due_reminders(today=datetime.date(2026, 9, 30)))


@on_day(datetime.date(2026, 10, 1))
def test_fourth_quarter_reminds_the_branch_of_members_below_their_hours(world, branch_secretary, roll):
    due = [r for r in reminders.due_reminders(today=datetime.date(2026, 10, 1)) if r.kind == "learning_hours_short"]
    assert [r.recipient for r in due] == [branch_secretary]
    assert "4 名党员本年度学时未达标" in due[0].title
