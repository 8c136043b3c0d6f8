"""Services, selectors and reminders against the database: rules as versioned data, multi-kind counting,
late entries by the configured number of days, reminders once per period."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from branches.rules import RoleKind
from meetings import reminders, selectors, services
from meetings.models import ComplianceRule, MeetingStandard
from meetings.rules import Status
from tests.factories import RoleFactory, UserFactory
from tests.meetings import factories as f

pytestmark = [pytest.mark.django_db, pytest.mark.dates]
D = datetime.date


def test_default_rules_are_shipped_as_data_by_the_migration():
    kinds = {r.key: (r.period, r.min_count, r.min_full_members, r.per_group) for r in selectors.rules_for_year(2026)}
    assert kinds == {
        "lecture:secretary": ("year", 1, 0, False),
        "general": ("quarter", 1, 0, False),
        "committee": ("month", 1, 7, False),
        "group": ("month", 1, 0, True),
        "lecture": ("quarter", 1, 0, False),
        "theme_day": ("month", 1, 0, False),
        "org_life": ("year", 1, 0, False),
        "appraisal": ("year", 1, 0, False),
    }


def test_rules_are_versioned_by_the_year_they_apply_from():
    ComplianceRule.objects.create(kind="lecture", period="month", min_count=1, applies_from=2027)
    ComplianceRule.objects.create(kind="theme_day", period="month", applies_from=2027, is_active=False)
    assert {r.key: r.period for r in selectors.rules_for_year(2026)}["lecture"] == "quarter"
    later = {r.key: r.period for r in selectors.rules_for_year(2027)}
    assert later["lecture"] == "month" and "theme_day" not in later


def test_one_meeting_with_several_kinds_counts_for_each_in_the_branch_year(world, county_admin):
    f.members(world.b2, 3)
    f.meeting(
        world.b2, county_admin, kinds=["theme_day", "general", "lecture"], held_on=D(2026, 3, 31), lecturer_name="书记"
    )
    _rules, results = selectors.compliance_results(
        branches=[world.b2], start=D(2026, 1, 1), end=D(2026, 3, 31), today=D(2026, 4, 1)
    )
    done = {(r.kind, r.period.key) for r in results if r.status == Status.DONE}
    assert {("general", "2026Q1"), ("lecture", "2026Q1"), ("theme_day", "2026-03")} <= done
    na = {r.kind for r in results if r.status == Status.NOT_APPLICABLE}
    assert na == {"committee", "group"}, "3 full members and no groups: no committee, no group meetings"


def test_late_entry_follows_the_configured_number_of_days(world, county_admin):
    f.members(world.b2, 3)
    MeetingStandard.objects.create(applies_from=2026, late_entry_days=3)
    on_time = f.meeting(world.b2, county_admin, held_on=D(2026, 5, 1), today=D(2026, 5, 4))
    late = f.meeting(world.b2, county_admin, held_on=D(2026, 5, 1), today=D(2026, 5, 5))
    assert not on_time.is_late_entry and late.is_late_entry
    assert late.entered_at is not None


def test_group_meeting_from_a_group_counts_for_that_group_only(world, county_admin):
    from tests.factories import MemberFactory

    members = [MemberFactory(branch=world.b1, group=world.g1) for _ in range(3)]
    f.meeting(world.g1, county_admin, kinds=["group"], held_on=D(2026, 6, 9))
    _rules, results = selectors.compliance_results(
        branches=[world.b1], start=D(2026, 6, 1), end=D(2026, 6, 30), today=D(2026, 7, 1)
    )
    group = [r for r in results if r.kind == "group"]
    assert [(r.group_id, r.status) for r in group] == [(world.g1.pk, Status.DONE)]
    with pytest.raises(ValidationError, match="党小组会请从党小组登记"):
        f.meeting(world.b1, county_admin, kinds=["group"], held_on=D(2026, 6, 9))
    assert len(members) == 3


def test_appraisal_only_on_an_appraisal_meeting(world, county_admin):
    f.members(world.b2, 3)
    meeting = f.meeting(world.b2, county_admin, kinds=["general"])
    with pytest.raises(ValidationError, match="不是民主评议党员会议"):
        services.appraisal_record(meeting=meeting, by=county_admin, grades={})


def test_reminders_overdue_to_branch_and_township_due_soon_to_branch(world, county_admin):
    f.members(world.b1, 3)
    branch_user = UserFactory(username="b1_sec")
    RoleFactory(user=branch_user, organization=world.b1, kind=RoleKind.BRANCH_SECRETARY)
    township_user = UserFactory(username="t1_sec")
    RoleFactory(user=township_user, organization=world.t1, kind=RoleKind.TOWNSHIP_SECRETARY)
    f.meeting(world.b1, county_admin, kinds=["general"], held_on=D(2026, 8, 3))
    items = list(reminders.due_reminders(today=D(2026, 12, 24)))
    b1 = [r for r in items if r.organization == world.b1]
    overdue = {
        (r.recipient.username, r.subject_key.split(":")[-1], r.period) for r in b1 if r.kind == "meetings_overdue"
    }
    # November's theme day was missed: both hear of it; Q3's general meeting was held, so nothing about it.
    assert ("b1_sec", "theme_day", "2026-11") in overdue and ("t1_sec", "theme_day", "2026-11") in overdue
    assert not any(key == "general" and period == "2026Q3" for _u, key, period in overdue)
    due = {(r.recipient.username, r.subject_key.split(":")[-1], r.period) for r in b1 if r.kind == "meetings_due_soon"}
    assert ("b1_sec", "general", "2026Q4") in due and ("b1_sec", "org_life", "2026") in due
    assert not any(user == "t1_sec" for user, _k, _p in due)
    title = next(r.title for r in b1 if r.kind == "meetings_due_soon" and r.period == "2026Q4")
    assert title == "甲村党支部：第四季度尚未召开支部党员大会（截至12月31日）"


def test_committee_meeting_marks_the_others_not_expected_and_needs_its_quorum(world, county_admin):
    roll = f.members(world.b2, 8)
    committee = {m.pk for m in roll[:5]}

    def attendance(present):
        return {
            m.pk: ("present", "") if m.pk in present else (("sick", "") if m.pk in committee else ("not_expected", ""))
            for m in roll
        }

    common = {
        "org": world.b2,
        "by": county_admin,
        "kinds": ["committee"],
        "topic": "研究工作",
        "held_on": D(2026, 4, 2),
        "starts_at": datetime.time(9),
        "ends_at": datetime.time(10),
        "place": "村委会",
        "today": D(2026, 4, 2),
    }
    with pytest.raises(ValidationError, match="应到5人，实到2人"):
        services.meeting_create(attendance=attendance({m.pk for m in roll[:2]}), **common)
    meeting = services.meeting_create(attendance=attendance({m.pk for m in roll[:3]}), **common)
    counted = type(meeting).objects.with_counts().get(pk=meeting.pk)
    assert (counted.should_attend, counted.present) == (5, 3)
    with pytest.raises(ValidationError, match="全体党员均应参加"):
        services.meeting_create(attendance=attendance({m.pk for m in roll[:3]}), **{**common, "kinds": ["general"]})


def test_branch_secretary_lectures_yearly_by_the_local_rule(world, county_admin):
    from members.models import MemberPost, Post

    roll = f.members(world.b2, 4)
    MemberPost.objects.create(member=roll[0], organization=world.b2, post=Post.SECRETARY, started_on=D(2020, 1, 1))
    f.meeting(world.b2, county_admin, kinds=["lecture"], held_on=D(2026, 2, 2), lecturer=roll[1])
    span = {"branches": [world.b2], "start": D(2026, 1, 1), "end": D(2026, 12, 31), "today": D(2027, 1, 2)}
    _rules, results = selectors.compliance_results(**span)
    secretary = [r for r in results if r.rule_key == "lecture:secretary"]
    assert [(r.status, r.reason) for r in secretary] == [(Status.OVERDUE, "2026年度未召开支部书记讲党课")]
    f.meeting(world.b2, county_admin, kinds=["lecture"], held_on=D(2026, 6, 2), lecturer=roll[0])
    _rules, results = selectors.compliance_results(**span)
    assert [r.status for r in results if r.rule_key == "lecture:secretary"] == [Status.DONE]


def test_founded_and_dissolved_branches_in_the_township_table_and_reminders(world, county_admin):
    """Issue 10 item 7: periods that ended before the founding date, or began after the dissolution, are 不适用
    in the township's table and raise no reminder; the periods in between stay owed."""
    f.members(world.b1, 3)
    f.members(world.b2, 3)
    world.b2.founded_on = D(2026, 5, 20)
    world.b2.save()
    world.b1.is_active, world.b1.deactivated_on = False, D(2026, 3, 15)
    world.b1.save()
    rule_list, rows = selectors.township_quarter_table(
        user=county_admin, township=world.t1, year=2026, quarter=1, today=D(2026, 6, 3)
    )
    cells = {row.branch.pk: {c.status for c in row.cells} for row in rows}
    b2 = {rule.key: cell.status for rule, cell in zip(rule_list, rows[1].cells, strict=True)}
    assert b2["general"] == b2["theme_day"] == Status.NOT_APPLICABLE, "Q1 ended before 乙村 was founded"
    assert b2["org_life"] == Status.DUE, "the year of its founding is owed"
    assert Status.OVERDUE in cells[world.b1.pk], "甲村 still owed Q1, in which it was dissolved"
    _rules, rows = selectors.township_quarter_table(
        user=county_admin, township=world.t1, year=2026, quarter=2, today=D(2026, 6, 3)
    )
    assert [row.branch for row in rows] == [world.b2], "甲村 was dissolved before Q2 began"
    RoleFactory(user=UserFactory(username="t1_sec"), organization=world.t1, kind=RoleKind.TOWNSHIP_SECRETARY)
    items = list(reminders.due_reminders(today=D(2026, 6, 3)))
    overdue = {(r.organization.pk, r.period) for r in items if r.kind == "meetings_overdue"}
    assert (world.b2.pk, "2026-05") in overdue, "May ended after the founding on 20 May: owed"
    assert not any(period == "2026-04" for _org, period in overdue)


def test_past_periods_are_judged_by_the_facts_of_their_time(world, county_admin):
    """Issue 10 item 8, from the database: the committee rule (7 full members, Branch Regs) uses the count at the
    period's end, from each member's branch history and confirmation date; the secretary's lecture counts for
    whoever held the post on its date."""
    from members.models import MemberPost, Membership, Post
    from tests.factories import MemberFactory

    roll = f.members(world.b2, 6, joined_on=D(2015, 1, 1))
    late = MemberFactory(branch=world.b2, joined_on=D(2024, 11, 1), confirmed_on=D(2025, 11, 1))
    left = MemberFactory(branch=world.b2, joined_on=D(2015, 1, 1))
    Membership.objects.filter(member=left).update(ended_on=D(2026, 2, 1))
    left.lifecycle, left.lifecycle_changed_on = "transferred_out", D(2026, 2, 1)
    left.save()
    span = {"branches": [world.b2], "start": D(2025, 10, 1), "end": D(2026, 2, 28), "today": D(2026, 6, 17)}
    _rules, results = selectors.compliance_results(**span)
    committee = {r.period.key: r.status for r in results if r.kind == "committee"}
    # October 2025: 6 + the one who left = 7, owed; February: 7 (the leaver gone, the late one in).
    assert committee["2025-10"] == Status.OVERDUE and committee["2026-02"] == Status.OVERDUE
    assert late.confirmed_on == D(2025, 11, 1)
    Membership.objects.filter(member=late).update(started_on=D(2026, 3, 1))
    _rules, results = selectors.compliance_results(**span)
    committee = {r.period.key: r.status for r in results if r.kind == "committee"}
    assert committee["2026-02"] == Status.NOT_APPLICABLE, "in February only 6 full members belonged to it"

    old, new = roll[0], roll[1]
    MemberPost.objects.create(
        member=old, organization=world.b2, post=Post.SECRETARY, started_on=D(2020, 1, 1), ended_on=D(2026, 5, 1)
    )
    MemberPost.objects.create(member=new, organization=world.b2, post=Post.SECRETARY, started_on=D(2026, 5, 1))
    f.meeting(world.b2, county_admin, kinds=["lecture"], held_on=D(2026, 4, 30), lecturer=old)
    held = selectors._held([world.b2], D(2026, 1, 1), D(2026, 12, 31))
    assert [h.by_secretary for h in held] == [True], "on 30 April the outgoing secretary still held the post"


@pytest.mark.parametrize(
    "effective_from,applies",
    [(D(2026, 12, 31), True), (D(2027, 1, 1), True), (D(2027, 1, 2), False)],
    ids=["day-before-the-year", "first-day", "day-after"],
)
def test_branch_secretary_lecture_rule_follows_the_local_rules_in_force_on_1_january(effective_from, applies):
    """Local rule (LocalRules.branch_secretary_lectures_per_year, 0 = not assessed): a version decides for the
    years that begin while it is in force."""
    from partywork.models import LocalRules

    LocalRules.objects.create(
        effective_from=effective_from, basis="县委组织部〔2026〕9号", branch_secretary_lectures_per_year=0
    )
    keys = {r.key for r in selectors.rules_for_year(2027)}
    assert ("lecture:secretary" not in keys) is applies
    assert "lecture:secretary" in {r.key for r in selectors.rules_for_year(2026)}


def test_shipped_bases_quote_only_what_the_regulations_say():
    """Issue 10 item 9: no shipped basis attributes the branch secretary's lecture to the Branch Regs; the old
    row is retired, and every active rule names a regulation or says it is local."""
    from meetings.defaults import RETIRED_SECRETARY_BASIS

    stored = {(r.kind, r.by_secretary): r for r in ComplianceRule.objects.filter(applies_from=2018)}
    assert not any("党支部书记每年至少讲" in r.basis for r in stored.values())
    retired = stored.get(("lecture", True))
    assert retired is None or (not retired.is_active and retired.basis == RETIRED_SECRETARY_BASIS)
    for rule in selectors.rules_for_year(2026):
        assert rule.basis.startswith(("《", "本地")), rule.basis
    assert stored["lecture", False].basis.startswith("本地默认")


@pytest.mark.parametrize("lecture_on,counts", [(D(2026, 8, 31), True), (D(2026, 9, 1), False), (D(2026, 9, 2), False)])
def test_township_secretary_lectures_a_branch_and_it_counts_for_the_committee_branch_regs_art16(
    world, county_admin, lecture_on, counts
):
    """The township committee's secretary is recordable as the lecturer of a branch's 党课 while holding the post
    (to the day before leaving it); the lecture then counts for the committee secretary's yearly one."""
    from members.models import MemberPost, Post

    f.members(world.b1, 3)
    secretary = f.members(world.b2, 1)[0]
    MemberPost.objects.create(
        member=secretary, organization=world.t1, post=Post.SECRETARY, started_on=D(2020, 1, 1), ended_on=D(2026, 9, 1)
    )
    if counts:
        f.meeting(world.b1, county_admin, kinds=["lecture"], held_on=lecture_on, lecturer=secretary)
    else:
        with pytest.raises(ValidationError, match="也未在上级党委任职"):
            f.meeting(world.b1, county_admin, kinds=["lecture"], held_on=lecture_on, lecturer=secretary)
    _rule, result = selectors.committee_secretary_lectures(township=world.t1, year=2026, today=D(2027, 1, 5))
    assert result.status == (Status.DONE if counts else Status.OVERDUE)
    assert secretary in selectors.lecturer_choices(branch=world.b1) or not counts
