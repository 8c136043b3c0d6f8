"""Pure rules of organisational life (DOMAIN §2, Branch Regs 2018). Each test names the rule it checks."""

import datetime

import pytest

from meetings import rules
from meetings.rules import Held, OrgFacts, Rule, Status
from meetings.rules import lapse as _lapse  # noqa: F401  (rules.lapse)

D = datetime.date
GENERAL = Rule("general", "quarter")
COMMITTEE = Rule("committee", "month", min_full_members=7)
GROUP = Rule("group", "month", per_group=True)
LECTURE = Rule("lecture", "quarter")
THEME = Rule("theme_day", "month")
ORG_LIFE = Rule("org_life", "year")
APPRAISAL = Rule("appraisal", "year")
BRANCH = OrgFacts(1, full_members=20, groups=((11, "第一党小组"), (12, "第二党小组")))


def run(rule_list, held, start, end, today, orgs=(BRANCH,)):
    return rules.evaluate(rules=rule_list, orgs=list(orgs), held=held, start=start, end=end, today=today)


def by_period(results):
    return {(r.period.key, r.group_id): r for r in results}


# ------------------------------------------------------------------ frequency rules


def test_general_meeting_once_per_quarter_branch_regs_art19():
    results = run(
        [GENERAL], [Held(1, None, "general", D(2026, 5, 20))], D(2026, 1, 1), D(2026, 12, 31), D(2026, 11, 26)
    )
    statuses = {r.period.key: r.status for r in results}
    assert statuses == {
        "2026Q1": Status.OVERDUE,
        "2026Q2": Status.DONE,
        "2026Q3": Status.OVERDUE,
        "2026Q4": Status.DUE,
    }
    q3 = by_period(results)[("2026Q3", None)]
    assert q3.required == 1 and q3.held == 0
    assert q3.reason == "第三季度未召开支部党员大会"


def test_committee_meeting_once_a_month_branch_regs_art19():
    held = [Held(1, None, "committee", D(2026, m, 5)) for m in (1, 2, 4)]
    results = run([COMMITTEE], held, D(2026, 1, 1), D(2026, 4, 30), D(2026, 4, 20))
    statuses = [r.status for r in results]
    assert statuses == [Status.DONE, Status.DONE, Status.OVERDUE, Status.DONE]
    assert results[2].reason == "3月未召开支部委员会"


def test_group_meeting_once_a_month_for_each_group():
    held = [Held(1, 11, "group", D(2026, 6, 3)), Held(1, 12, "group", D(2026, 5, 3))]
    results = by_period(run([GROUP], held, D(2026, 5, 1), D(2026, 6, 30), D(2026, 7, 10)))
    assert results[("2026-06", 11)].status == Status.DONE
    assert results[("2026-06", 12)].status == Status.OVERDUE
    assert results[("2026-06", 12)].reason == "第二党小组6月未召开党小组会"
    assert results[("2026-05", 11)].status == Status.OVERDUE
    assert results[("2026-05", 12)].status == Status.DONE


def test_party_lecture_once_a_quarter_local_default():
    results = by_period(
        run([LECTURE], [Held(1, None, "lecture", D(2026, 2, 1))], D(2026, 1, 1), D(2026, 6, 30), D(2026, 7, 1))
    )
    assert results[("2026Q1", None)].status == Status.DONE
    assert results[("2026Q2", None)].reason == "第二季度未召开党课"


def test_theme_party_day_every_month():
    results = run([THEME], [], D(2026, 1, 1), D(2026, 1, 31), D(2026, 2, 1))
    assert [r.status for r in results] == [Status.OVERDUE]


def test_organisational_life_meeting_and_appraisal_once_a_year():
    held = [Held(1, None, "org_life", D(2026, 12, 20))]
    results = run([ORG_LIFE, APPRAISAL], held, D(2026, 1, 1), D(2026, 12, 31), D(2027, 1, 5))
    statuses = {r.kind: r.status for r in results}
    assert statuses == {"org_life": Status.DONE, "appraisal": Status.OVERDUE}
    assert next(r for r in results if r.kind == "appraisal").reason == "2026年度未召开民主评议党员"


def test_min_count_above_one_counts_every_meeting():
    rule = Rule("lecture", "quarter", min_count=2)
    held = [Held(1, None, "lecture", D(2026, 1, 5))]
    result = run([rule], held, D(2026, 1, 1), D(2026, 3, 31), D(2026, 4, 2))[0]
    assert result.status == Status.OVERDUE and result.held == 1
    assert result.reason == "第一季度党课只召开1次，应召开2次"


# ------------------------------------------------------------------ period boundaries


def test_meeting_on_the_last_day_of_a_quarter_counts_for_that_quarter():
    results = by_period(
        run([GENERAL], [Held(1, None, "general", D(2026, 9, 30))], D(2026, 7, 1), D(2026, 12, 31), D(2026, 11, 1))
    )
    assert results[("2026Q3", None)].status == Status.DONE
    assert results[("2026Q4", None)].held == 0


def test_meeting_on_the_first_day_of_a_quarter_does_not_count_for_the_previous():
    results = by_period(
        run([GENERAL], [Held(1, None, "general", D(2026, 10, 1))], D(2026, 7, 1), D(2026, 12, 31), D(2026, 11, 1))
    )
    assert results[("2026Q3", None)].status == Status.OVERDUE
    assert results[("2026Q4", None)].status == Status.DONE


def test_month_boundaries_last_day_of_february_and_first_of_march():
    held = [Held(1, None, "theme_day", D(2028, 2, 29)), Held(1, None, "theme_day", D(2028, 3, 1))]
    results = by_period(run([THEME], held, D(2028, 2, 1), D(2028, 3, 31), D(2028, 4, 1)))
    assert results[("2028-02", None)].held == 1
    assert results[("2028-03", None)].held == 1


def test_year_boundary_december_31_counts_for_that_year_only():
    held = [Held(1, None, "appraisal", D(2025, 12, 31))]
    results = run([APPRAISAL], held, D(2025, 1, 1), D(2026, 12, 31), D(2026, 3, 1))
    statuses = {r.period.key: r.status for r in results}
    assert statuses == {"2025": Status.DONE, "2026": Status.DUE}


def test_today_is_the_last_day_the_period_is_still_due_not_overdue():
    result = run([GENERAL], [], D(2026, 7, 1), D(2026, 9, 30), D(2026, 9, 30))[0]
    assert result.status == Status.DUE
    assert rules.due_soon(result, today=D(2026, 9, 30), days=10)
    assert not rules.due_soon(result, today=D(2026, 9, 1), days=10)


def test_future_period_is_upcoming():
    result = run([GENERAL], [], D(2026, 10, 1), D(2026, 12, 31), D(2026, 9, 1))[0]
    assert result.status == Status.UPCOMING


def test_quarter_range_shows_its_three_months_and_its_quarter():
    assert [p.key for p in rules.periods_within(D(2026, 7, 1), D(2026, 9, 30), "month")] == [
        "2026-07",
        "2026-08",
        "2026-09",
    ]
    assert [p.key for p in rules.periods_within(D(2026, 7, 1), D(2026, 9, 30), "quarter")] == ["2026Q3"]
    assert [p.key for p in rules.periods_within(D(2026, 7, 1), D(2026, 9, 30), "year")] == ["2026"]


# ------------------------------------------------------------------ multi-kind and not applicable


def test_one_meeting_with_several_kinds_counts_for_each_kind():
    """DOMAIN §2: a theme day that is also the quarter's general meeting and lesson counts for all three."""
    day = D(2026, 8, 1)
    held = [Held(1, None, kind, day) for kind in ("theme_day", "general", "lecture")]
    results = run([GENERAL, LECTURE, THEME], held, D(2026, 8, 1), D(2026, 8, 31), D(2026, 8, 2))
    assert {r.kind: r.status for r in results} == {
        "general": Status.DONE,
        "lecture": Status.DONE,
        "theme_day": Status.DONE,
    }


def test_no_committee_rule_for_branch_with_fewer_than_seven_full_members_branch_regs_art10():
    small = OrgFacts(2, full_members=6)
    results = run([COMMITTEE], [], D(2026, 1, 1), D(2026, 3, 31), D(2026, 6, 1), orgs=(small,))
    assert {r.status for r in results} == {Status.NOT_APPLICABLE}
    assert results[0].reason == "正式党员6人，不足7人，不设支部委员会"
    seven = OrgFacts(3, full_members=7)
    assert run([COMMITTEE], [], D(2026, 1, 1), D(2026, 1, 31), D(2026, 6, 1), orgs=(seven,))[0].status == Status.OVERDUE


def test_no_group_meeting_rule_without_groups():
    results = run([GROUP], [], D(2026, 1, 1), D(2026, 1, 31), D(2026, 6, 1), orgs=(OrgFacts(4, 10),))
    assert [(r.status, r.reason) for r in results] == [(Status.NOT_APPLICABLE, "未设党小组")]


def test_meetings_of_other_branches_do_not_count():
    held = [Held(99, None, "general", D(2026, 2, 1))]
    assert run([GENERAL], held, D(2026, 1, 1), D(2026, 3, 31), D(2026, 4, 1))[0].status == Status.OVERDUE


def test_combined_cell_shows_the_worst_status_and_its_reasons():
    held = [Held(1, None, "theme_day", D(2026, 7, 5)), Held(1, None, "theme_day", D(2026, 9, 5))]
    cell = rules.combine(run([THEME], held, D(2026, 7, 1), D(2026, 9, 30), D(2026, 10, 1)))
    assert cell.status == Status.OVERDUE and cell.colour == "danger"
    assert cell.required == 3 and cell.held == 2
    assert cell.reason == "8月未召开主题党日"
    assert rules.combine([]).status == Status.NOT_APPLICABLE


# ------------------------------------------------------------------ votes


def test_tally_of_other_meetings_cannot_exceed_those_present():
    assert rules.tally_check(present=5, yes=4, no=1, abstain=1)
    assert rules.tally_check(present=5, yes=3, no=1, abstain=0) == []


# ------------------------------------------------------------------ appraisal, records, attachments


def test_probationary_member_cannot_be_graded_excellent_member_regs():
    assert rules.grade_errors(grade="excellent", probationary=True, handling="") == ["预备党员不能评为优秀"]
    assert rules.grade_errors(grade="excellent", probationary=False, handling="") == []


def test_unqualified_grade_needs_its_handling():
    assert rules.grade_errors(grade="unqualified", probationary=False, handling="") == [
        "评为不合格的党员须填写处置方式"
    ]
    assert rules.grade_errors(grade="unqualified", probationary=False, handling="educate") == []
    assert rules.grade_errors(grade="qualified", probationary=False, handling="educate")
    assert rules.grade_errors(grade="unqualified", probationary=True, handling="remove")
    assert rules.grade_errors(grade="unqualified", probationary=True, handling="extend") == []


def test_meeting_cannot_be_dated_in_the_future_or_end_before_it_starts():
    errors = rules.meeting_errors(
        held_on=D(2026, 11, 27), starts_at=datetime.time(10), ends_at=datetime.time(9), today=D(2026, 11, 26)
    )
    assert set(errors) == {"held_on", "ends_at"}
    assert (
        rules.meeting_errors(
            held_on=D(2026, 11, 26), starts_at=datetime.time(9), ends_at=datetime.time(10), today=D(2026, 11, 26)
        )
        == {}
    )


@pytest.mark.parametrize("days,late", [(0, False), (7, False), (8, True), (40, True)])
def test_late_entry_is_more_than_the_configured_days_after_the_meeting(days, late):
    held = D(2026, 3, 1)
    assert rules.is_late_entry(held_on=held, entered_on=held + datetime.timedelta(days=days), late_days=7) is late


def test_attachment_type_comes_from_its_bytes_not_its_name():
    png = b"\x89PNG\r\n\x1a\n0000"
    assert rules.attachment_errors(name="a.png", head=png, size=100, kind="photo") == ([], "png")
    errors, real = rules.attachment_errors(name="a.jpg", head=png, size=100, kind="photo")
    assert real == "png" and "扩展名与内容不符" in errors[0]
    errors, real = rules.attachment_errors(name="a.pdf", head=b"MZ\x90\x00", size=100, kind="document")
    assert real is None and errors == ["附件内容不是 JPEG、PNG 图片或 PDF 文件，已拒绝"]
    errors, _ = rules.attachment_errors(name="a.pdf", head=b"%PDF-1.7", size=100, kind="photo")
    assert errors == ["“会议照片”只接受 JPEG、PNG 文件"]
    errors, _ = rules.attachment_errors(name="a.pdf", head=b"%PDF-1.7", size=11 * 1024 * 1024, kind="document")
    assert errors == ["附件不能超过 10 MB"]


def test_viewing_rate_and_remote_minimums():
    assert rules.viewing_rate(viewers=15, at_home=20) == 75.0
    assert rules.viewing_rate(viewers=0, at_home=0) is None
    assert rules.remote_month_status(sessions=4, minutes=180, min_sessions=4, min_hours=3) == (True, "")
    ok, reason = rules.remote_month_status(sessions=3, minutes=150, min_sessions=4, min_hours=3)
    assert not ok and reason == "播放3次，少于4次；播放2.5小时，少于3小时"


def test_committee_meeting_needs_more_than_half_of_the_committee_branch_regs_art19():
    assert rules.committee_quorum_errors(expected=5, present=3) == []
    assert rules.committee_quorum_errors(expected=4, present=2) == ["支部委员会须有半数以上委员到会：应到4人，实到2人"]


def test_only_lectures_by_the_secretary_count_for_the_secretary_rule():
    rule = Rule("lecture", "year", by_secretary=True)
    held = [Held(1, None, "lecture", D(2026, 3, 1)), Held(1, None, "lecture", D(2026, 9, 1), by_secretary=True)]
    result = run([rule], held, D(2026, 1, 1), D(2026, 12, 31), D(2026, 12, 1))[0]
    assert (result.held, result.status, result.rule_key) == (1, Status.DONE, "lecture:secretary")
    assert run([rule], held[:1], D(2026, 1, 1), D(2026, 12, 31), D(2027, 1, 1))[0].status == Status.OVERDUE


# ------------------------------------------------------------------ lifetime of the organisation (issue 10 item 7)


@pytest.mark.parametrize(
    "founded_on,owed",
    [(D(2026, 3, 30), True), (D(2026, 3, 31), True), (D(2026, 4, 1), False)],
    ids=["day-before-quarter-end", "on-quarter-end", "day-after"],
)
def test_nothing_owed_for_a_period_that_ended_before_the_founding_date(founded_on, owed):
    """Branch Regs art. 11 (a general meeting each quarter) binds a branch only once it exists: a quarter that
    ended before the founding date is 不适用; the quarter it was founded in, even on its last day, is owed."""
    org = OrgFacts(1, full_members=5, founded_on=founded_on)
    q1 = by_period(run([GENERAL], [], D(2026, 1, 1), D(2026, 6, 30), D(2026, 6, 17), orgs=[org]))["2026Q1", None]
    assert (q1.status != Status.NOT_APPLICABLE) is owed
    if not owed:
        assert q1.reason == "2026年04月01日成立，此前不适用" and q1.required == 0


@pytest.mark.parametrize(
    "dissolved_on,owed",
    [(D(2026, 3, 31), False), (D(2026, 4, 1), True), (D(2026, 4, 2), True)],
    ids=["day-before-quarter-start", "on-quarter-start", "day-after"],
)
def test_nothing_owed_for_a_period_that_began_after_dissolution(dissolved_on, owed):
    """A dissolved branch owes nothing for periods that began after its dissolution (Branch Regs art. 11 binds
    an existing branch); the period it was dissolved in stays owed."""
    org = OrgFacts(1, full_members=5, dissolved_on=dissolved_on)
    q2 = by_period(run([GENERAL], [], D(2026, 1, 1), D(2026, 6, 30), D(2026, 7, 1), orgs=[org]))["2026Q2", None]
    assert (q2.status != Status.NOT_APPLICABLE) is owed
    if not owed:
        assert q2.reason == "2026年03月31日撤销，此后不适用"


def test_a_branch_founded_mid_year_owes_its_months_from_the_founding_month_on():
    org = OrgFacts(1, full_members=5, founded_on=D(2026, 5, 20))
    results = by_period(run([THEME], [], D(2026, 1, 1), D(2026, 12, 31), D(2026, 6, 17), orgs=[org]))
    assert [results[f"2026-{m:02d}", None].status for m in (4, 5, 6, 7)] == [
        Status.NOT_APPLICABLE,
        Status.OVERDUE,
        Status.DUE,
        Status.UPCOMING,
    ]


# ------------------------------------------------------------------ past periods by the facts of their time (item 8)


@pytest.mark.parametrize(
    "seventh_confirmed,owed",
    [(D(2026, 3, 30), True), (D(2026, 3, 31), True), (D(2026, 4, 1), False)],
    ids=["day-before-month-end", "on-month-end", "day-after"],
)
def test_committee_rule_uses_the_full_members_at_the_period_end_branch_regs(seventh_confirmed, owed):
    """Branch Regs: a branch with 7 or more full members has a committee, which meets monthly (art. 12). A past
    month is judged by the count on its last day, not by today's."""
    spans = (*tuple((D(2020, 1, 1), None) for _ in range(6)), (seventh_confirmed, None))
    org = OrgFacts(1, full_members=7, full_spans=spans)
    march = by_period(run([COMMITTEE], [], D(2026, 3, 1), D(2026, 3, 31), D(2026, 6, 17), orgs=[org]))["2026-03", None]
    assert (march.status != Status.NOT_APPLICABLE) is owed
    if not owed:
        assert march.reason == "正式党员6人，不足7人，不设支部委员会"


def test_a_member_who_left_counts_until_the_day_before_leaving():
    spans = (*tuple((D(2020, 1, 1), None) for _ in range(6)), (D(2020, 1, 1), D(2026, 4, 1)))
    org = OrgFacts(1, full_members=6, full_spans=spans)
    assert [org.full_members_on(day) for day in (D(2026, 3, 31), D(2026, 4, 1))] == [7, 6]
    results = by_period(run([COMMITTEE], [], D(2026, 3, 1), D(2026, 4, 30), D(2026, 6, 17), orgs=[org]))
    assert results["2026-03", None].status == Status.OVERDUE
    assert results["2026-04", None].status == Status.NOT_APPLICABLE


@pytest.mark.parametrize(
    "founded_on,owed",
    [(D(2026, 3, 30), True), (D(2026, 3, 31), True), (D(2026, 4, 1), False)],
    ids=["day-before-month-end", "on-month-end", "day-after"],
)
def test_group_meetings_are_owed_by_the_groups_that_existed_then_branch_regs_art13(founded_on, owed):
    org = OrgFacts(1, full_members=20, groups=((11, "第一党小组"),), group_dates=((11, founded_on, None),))
    march = by_period(run([GROUP], [], D(2026, 3, 1), D(2026, 3, 31), D(2026, 6, 17), orgs=[org]))
    assert (("2026-03", 11) in march) is owed
    if not owed:
        assert march["2026-03", None].reason == "未设党小组"


def test_a_dissolved_group_owes_nothing_after_its_dissolution():
    org = OrgFacts(1, 20, groups=((11, "一组"), (12, "二组")), group_dates=((12, None, D(2026, 2, 28)),))
    results = by_period(run([GROUP], [], D(2026, 2, 1), D(2026, 3, 31), D(2026, 6, 17), orgs=[org]))
    assert set(results) == {("2026-02", 11), ("2026-02", 12), ("2026-03", 11)}


@pytest.mark.parametrize(
    "day,holds",
    [
        (D(2026, 3, 9), False),
        (D(2026, 3, 10), True),
        (D(2026, 3, 11), True),
        (D(2026, 8, 31), True),
        (D(2026, 9, 1), False),
    ],
)
def test_a_lecture_counts_for_whoever_held_the_secretary_post_on_its_date(day, holds):
    """Issue 10 item 8: the post held from 10 March to the day before the successor takes over on 1 September."""
    from meetings.selectors import secretary_on

    posts = [(7, D(2026, 3, 10), D(2026, 9, 1)), (8, D(2026, 9, 1), None)]
    assert secretary_on(posts, 7, day) is holds
    assert secretary_on(posts, 8, day) is (day >= D(2026, 9, 1))


# ------------------------------------------------------------------ lectures as the regulation reads (item 9)


def test_the_branch_secretary_lecture_is_a_local_rule_named_as_such():
    """The Branch Regs (art. 16) ask a yearly lecture of the committee secretary only (党委（党组）书记每年至少讲1次
    党课); the branch secretary's is the county's local rule (LocalRules.branch_secretary_lectures_per_year)."""
    assert rules.branch_secretary_rule(per_year=0, local_basis="县委组织部〔2026〕3号") is None
    rule = rules.branch_secretary_rule(per_year=2, local_basis="县委组织部〔2026〕3号")
    assert (rule.key, rule.period, rule.min_count, rule.label) == ("lecture:secretary", "year", 2, "支部书记讲党课")
    assert rule.basis == "本地规则（县委组织部〔2026〕3号）：支部书记每年至少讲党课2次，非《支部工作条例》规定"


def test_the_committee_secretary_rule_quotes_branch_regs_art16_word_for_word():
    rule = rules.committee_secretary_rule()
    assert (rule.period, rule.min_count, rule.label) == ("year", 1, "党委书记讲党课")
    assert "党员领导干部应当定期为基层党员讲党课，党委（党组）书记每年至少讲1次党课" in rule.basis
    assert "第十六条" in rule.basis


def test_a_leading_cadre_above_may_lecture_others_are_typed_by_name_branch_regs_art16():
    cadre = rules.Named("乡党委书记", branch_id=99, leads_above=True)
    stranger = rules.Named("外支部党员", branch_id=99)
    assert rules.people_errors({"lecturer": cadre}, branch_id=1) == {}
    errors = rules.people_errors({"lecturer": stranger, "host": cadre}, branch_id=1)
    assert errors["lecturer"] == [
        "外支部党员 不是本支部党员，也未在上级党委任职；其他授课人请在“授课人（非本支部）”中填写姓名和职务"
    ]
    assert errors["host"] == ["乡党委书记 不是本支部党员"], "only the lecturer may come from above"


# ------------------------------------------------------------------ not taking part (Constitution art. 9, item 11)

MISSED = rules.lapse.MonthAttendance(expected=2, present=0, excused=0)


def _months_back(n, today, month=MISSED):
    from partywork.dates import add_months

    last = rules.lapse.last_ended_month(today)
    return {add_months(last, -i): month for i in range(n)}


@pytest.mark.parametrize(
    "months,level", [(2, ""), (3, "warning"), (4, "warning"), (5, "warning"), (6, "escalation"), (7, "escalation")]
)
def test_six_consecutive_months_without_taking_part_is_a_lapse_constitution_art9(months, level):
    """Constitution art. 9: six consecutive months without taking part, without good reason; warned at three."""
    today = D(2026, 7, 1)
    run = rules.lapse.lapse_run(_months_back(months, today), today=today)
    assert run == months and rules.lapse.lapse_level(run) == level


@pytest.mark.parametrize("today,run", [(D(2026, 6, 30), 5), (D(2026, 7, 1), 6), (D(2026, 7, 2), 6)])
def test_only_ended_months_count(today, run):
    """January to June missed: on 30 June, June has not ended (5); from 1 July it counts (6)."""
    months = {D(2026, m, 1): MISSED for m in range(1, 7)}
    assert rules.lapse.lapse_run(months, today=today) == run


def test_a_good_reason_or_a_month_with_nothing_expected_ends_the_run():
    today = D(2026, 7, 1)
    months = _months_back(6, today)
    months[D(2026, 4, 1)] = rules.lapse.MonthAttendance(expected=1, present=0, excused=1)  # 病假
    assert rules.lapse.lapse_run(months, today=today) == 2
    months[D(2026, 4, 1)] = rules.lapse.MonthAttendance()  # the branch held nothing the member was expected at
    assert rules.lapse.lapse_run(months, today=today) == 2
    months[D(2026, 4, 1)] = rules.lapse.MonthAttendance(expected=2, present=1)
    assert rules.lapse.lapse_run(months, today=today) == 2
